/**
 * The twin's control API: HTTP/1.1 and JSON, for the front panel, scripts and tests.
 * {@link org.pro380.twin.http.ControlApi#start} listens; everything else is package-private.
 *
 * <h2>Calls</h2>
 * Every per-meter call is under {@code /api/meters/{k}/} for meter k of the site (1 to the number
 * of meters; else 404) and under {@code /api/} for meter 1, from one route table
 * ({@code ControlEndpoints}), which {@code GET /api/openapi.json} describes (OpenAPI 3, see
 * {@code OpenApi}).
 * <pre>
 * GET  /api/meters                every meter, a page at a time, sorted over the site, with the site's totals:
 *                                 ?offset=0&amp;limit=100 (0..1000)&amp;sort=index|bus|unitId|serial|powered|activePower|activeEnergy
 *                                 &amp;order=asc|desc (see MeterList)
 * PUT  /api/meters/load           one load (as PUT /api/load) on every meter; answers the meter list
 * GET  /api/state                 the state document below
 * PUT  /api/load                  {"frequency": 50, "phases": [{"voltage": 230, "current": 16, "powerFactor": 1.0,
 *                                   "export": false, "capacitive": false}, x3]}   export, capacitive default false
 * PUT  /api/tariff-input          {"input": "none" | "T2" | "T3"}   any case
 * POST /api/power                 {"on": true | false}
 * PUT  /api/registers/{key}       {"value": N}   N encoded as the register's data type, written as Modbus would
 * GET  /api/events                the state document as server-sent events, every 500 ms (see StateEvents)
 * GET  /api/history               the last 5 minutes of power and energy, one sample a second (see MeterHistory)
 * GET  /api/openapi.json          the OpenAPI 3 description of every route
 * GET  /metrics                   Prometheus metrics (see TwinMetrics)
 * GET  /                          the front panel (HTML): meter 1's face, meter k's as /?meter=k
 * GET  /fleet                     the fleet page (HTML): every meter
 * GET  /panel/**                  the front panel's files (see PanelAssets)
 * </pre>
 * Every change of one meter answers 200 with its new state document.
 *
 * <h2>State document</h2>
 * <pre>
 * {"meter": 1, "bus": 1,                the meter's place on the site
 *  "powered": true, "time": "2024-05-01T12:00:00Z", "unitId": 1, "baud": 9600, "parity": "even",
 *  "registers": {                      every register of Registers.MAP, keyed by key, in address order
 *    "voltage-l1": {"address": "0x5002", "name": "L1 voltage", "value": 230.0, "unit": "V", "type": "f32", "writable": false},
 *    "direction-l1": {..., "value": "1F", ...},                          ascii2: a string
 *    "checksum": {..., "value": "0x0607E329", "number": 101180201, ...},  hex32: hex string plus number
 *    "active-energy": {..., "value": null, "error": "..."}               what Modbus cannot read (ERR 80 / 0F)
 *    ...},
 *  "lcd": {"text": "12.34 kWh", "page": "total", "pages": ["12.34 kWh", "T1 ...", ...], "backlight": true,
 *          "phases": [{"phase": "L1", "lit": true, "reverse": false, "text": "L1 →"}, ...]},   marks with the direction measured
 *  "leds": {"pulse": {"count": 123, "perSecond": 1.5}, "tariff": {"state": "off" | "on" | "blinking", "lit": false}},
 *  "tariffInput": "none" | "T2" | "T3", "activeTariff": 1,
 *  "storageError": null | {"code": "0d", "text": "ERR 0d", "meaning": "..."},
 *  "statusWord": "0x00110111",
 *  "forbiddenFlow": false,             two phases import while the third exports (the manual forbids it)
 *  "load": {the PUT /api/load shape, every field present},
 *  "powerCounter": 1}
 * </pre>
 *
 * <h2>Errors</h2>
 * Every refusal is {@code {"error": "one line"}} and changes nothing: 400 bad body (bad JSON,
 * unknown, missing or mistyped field, value out of range, read-only register, value the
 * register refuses; a bad query of GET /api/meters), 401 token missing or wrong (with WWW-Authenticate), 404 unknown path,
 * register key or meter, 405 wrong method (with Allow), 413 body over 64 KiB, 415 a Content-Type other
 * than JSON on PUT or POST (none is fine), 500 a fault in the twin (details only in the log),
 * 503 too many event streams open (with Retry-After); and, from the connection handling, 408 a
 * request not whole within 30 s, 503 too many connections (then closed), 505 an HTTP version
 * other than 1.x (HTTP/2.0, the h2 preface; then closed).
 *
 * <h2>Token</h2>
 * GET is always open. On a loopback address changes need no token unless one was given; on any
 * other address they need {@code Authorization: Bearer TOKEN}, and without a configured token
 * they are all refused (the API is then read-only).
 */
package org.pro380.twin.http;
