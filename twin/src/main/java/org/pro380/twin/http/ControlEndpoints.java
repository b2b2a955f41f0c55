package org.pro380.twin.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.pro380.meter.Load;
import org.pro380.meter.RegisterAccessException;
import org.pro380.meter.TariffInput;
import org.pro380.profile.JsonFields;
import org.pro380.profile.LoadJson;
import org.pro380.profile.Profile;
import org.pro380.profile.ProfileJson;
import org.pro380.profile.Profiles;
import org.pro380.registers.Register;
import org.pro380.registers.Registers;
import org.pro380.twin.SiteMeter;
import org.pro380.twin.TwinSite;
import org.pro380.twin.bus.Bus;
import org.pro380.twin.fault.FaultJson;
import org.pro380.twin.fault.FaultRule;
import org.pro380.twin.fault.MeterFaults;

/**
 * The control API's calls: each reads its body, acts on the site or one of its meters, and answers
 * the new state. The route table is {@link #router}: every per-meter call is there once, under
 * {@code /api/meters/{meter}/} for meter k and under {@code /api/} for meter 1.
 */
final class ControlEndpoints {

    /** The prefixes of the per-meter calls: meter 1's, and meter k's. */
    private static final List<String> METER_PREFIXES = List.of("/api", "/api/meters/{meter}");

    private static final String BUS_FAULTS = "/api/buses/{bus}/faults";

    private static final Pattern METER_NUMBER = Pattern.compile("[1-9][0-9]{0,8}");

    /** A meter's state document as the source of its event streams: one meter's sources are equal. */
    private record MeterState(SiteMeter meter) implements Supplier<JsonNode> {
        @Override
        public JsonNode get() {
            return StateJson.of(meter);
        }
    }

    private final TwinSite site;

    ControlEndpoints(TwinSite site) {
        this.site = site;
    }

    /** Every route of the control API, and the front panel's files from the classpath. */
    static Router router(TwinSite site, TokenCheck tokens) {
        return router(site, tokens, new MeterHistory(site, Clock.systemUTC()));
    }

    /** The same, with the panel's charts' history kept in {@code history}. */
    static Router router(TwinSite site, TokenCheck tokens, MeterHistory history) {
        ControlEndpoints calls = new ControlEndpoints(site);
        PanelAssets panel = PanelAssets.fromClasspath();
        Router router = new Router(tokens);
        router.get("/", "the front panel of meter 1 (HTML; ?meter=k for meter k)", (request, path) -> panel.index())
                .get(
                        PanelAssets.FLEET_PATH,
                        "the fleet page: every meter of the site (HTML)",
                        (request, path) -> panel.fleet())
                .get(
                        "/panel/**",
                        "the panel's files: scripts, styles, the chart library",
                        (request, path) -> panel.asset(request.path()))
                .get(
                        "/metrics",
                        "Prometheus metrics: requests and exceptions per meter (docs/metrics.md)",
                        (request, path) -> TwinMetrics.of(site))
                .get(
                        OpenApi.PATH,
                        "this description of the control API (OpenAPI 3)",
                        (request, path) -> OpenApi.of(router))
                .get(
                        "/api/capture",
                        "the capture file being written (pcapng, --capture; docs/capture.md)",
                        (request, path) -> CaptureDownload.of(site))
                .get(
                        "/api/fault-kinds",
                        "the names of the faults a meter can be given: reply and wiring faults (docs/faults.md)",
                        (request, path) -> ApiResponse.json(200, FaultJson.kinds()))
                .get(
                        "/api/meters",
                        "the site's meters, a page at a time: ?offset=&limit=&sort=&order=",
                        (request, path) -> calls.meters(request))
                .put(
                        "/api/meters/load",
                        "the same load on every meter; answers the meter list",
                        (request, path) -> calls.putLoadOnAll(request))
                .get(
                        "/api/scenario",
                        "the scenario playing: its step, position and next step, in meter time (docs/scenarios.md)",
                        (request, path) -> ScenarioCalls.get(site))
                .post(
                        "/api/scenario",
                        "plays the body's scenario (or {\"name\":\"noisy-bus\"}, a shipped one), replacing the one playing",
                        (request, path) -> ScenarioCalls.post(site, request))
                .delete(
                        "/api/scenario",
                        "stops the scenario playing; what it set stays",
                        (request, path) -> ScenarioCalls.delete(site));
        for (String prefix : METER_PREFIXES) {
            String who = prefix.contains("{meter}") ? "meter k" : "meter 1";
            String whose = who + "'s";
            router.get(
                            prefix + "/state",
                            whose + " state: registers, LCD, LEDs, load, memory",
                            (request, path) -> calls.state(calls.meter(path)))
                    .get(
                            prefix + "/events",
                            whose + " state as a stream of server-sent events, twice a second",
                            (request, path) -> calls.events(calls.meter(path)))
                    .get(
                            prefix + "/history",
                            whose + " last minutes of power and energy, as the panel's charts show them",
                            (request, path) -> ApiResponse.json(200, history.of(calls.meter(path))))
                    .put(
                            prefix + "/load",
                            "sets " + whose + " load: frequency and per phase voltage, current, power factor",
                            (request, path) -> calls.putLoad(calls.meter(path), request))
                    .put(
                            prefix + "/profile",
                            "plays a load profile on " + who + ", or null for the fixed load",
                            (request, path) -> calls.putProfile(calls.meter(path), request))
                    .put(
                            prefix + "/tariff-input",
                            "sets " + whose + " tariff input: none, T2 or T3",
                            (request, path) -> calls.putTariffInput(calls.meter(path), request))
                    .post(
                            prefix + "/power",
                            "switches " + who + " on or off",
                            (request, path) -> calls.postPower(calls.meter(path), request))
                    .get(
                            prefix + "/faults",
                            whose + " active faults, with how often each was applied (docs/faults.md)",
                            (request, path) -> calls.faults(calls.meter(path)))
                    .put(
                            prefix + "/faults",
                            "replaces " + whose + " active faults with those of the body (docs/faults.md)",
                            (request, path) -> calls.putFaults(calls.meter(path), request))
                    .delete(
                            prefix + "/faults",
                            "clears " + whose + " faults",
                            (request, path) -> calls.deleteFaults(calls.meter(path)))
                    .get(
                            prefix + "/traffic",
                            whose + " last frames in and out, decoded: ?since=SEQ&limit=N (docs/capture.md)",
                            (request, path) -> ApiResponse.json(
                                    200,
                                    TrafficJson.of(
                                            calls.meter(path),
                                            request.query(),
                                            site.captureFile().isPresent())))
                    .get(
                            prefix + "/counters",
                            whose + " requests by function, exceptions, CRC errors, ignored frames, faults applied",
                            (request, path) -> {
                                SiteMeter meter = calls.meter(path);
                                return ApiResponse.json(
                                        200, TrafficJson.counters(meter, MeterCounters.of(site, meter)));
                            })
                    .get(
                            prefix + "/storage-fault",
                            "the storage fault " + whose + " next power-on finds (docs/faults.md)",
                            (request, path) -> StorageFaultCalls.get(calls.meter(path)))
                    .put(
                            prefix + "/storage-fault",
                            "damages " + whose + " memory at its next power-on: {\"code\":\"0d\"} (docs/faults.md)",
                            (request, path) -> StorageFaultCalls.put(calls.meter(path), request))
                    .delete(
                            prefix + "/storage-fault",
                            "clears " + whose + " pending storage fault",
                            (request, path) -> StorageFaultCalls.delete(calls.meter(path)))
                    .put(
                            prefix + "/registers/{key}",
                            "writes one of " + whose + " writable registers as Modbus would",
                            (request, path) -> calls.putRegister(calls.meter(path), path.get("key"), request));
        }
        return router.get(
                        BUS_FAULTS,
                        "bus b's line faults (noise, swappedAB), with how often each was applied (docs/faults.md)",
                        (request, path) -> faults(calls.bus(path).lineFaults()))
                .put(
                        BUS_FAULTS,
                        "replaces bus b's line faults with those of the body: {\"noise\":{\"probability\":0.1}}",
                        (request, path) -> calls.putLineFaults(calls.bus(path), request))
                .delete(BUS_FAULTS, "clears bus b's line faults", (request, path) -> {
                    Bus bus = calls.bus(path);
                    bus.lineFaults().clear();
                    return faults(bus.lineFaults());
                });
    }

    /** The meter a path names ({@code {meter}}: 1 to the number of meters), meter 1 if it names none; else 404. */
    SiteMeter meter(Map<String, String> path) throws ApiException {
        List<? extends SiteMeter> meters = site.meters();
        String number = path.get("meter");
        if (number == null) {
            return meters.get(0);
        }
        int k = METER_NUMBER.matcher(number).matches() ? Integer.parseInt(number) : 0;
        if (k >= 1 && k <= meters.size()) {
            return meters.get(k - 1);
        }
        throw new ApiException(
                404,
                "no meter \"" + number + "\": "
                        + (meters.size() == 1
                                ? "this site has one meter, 1"
                                : "the meters of this site are 1 to " + meters.size()));
    }

    /** {@code ?offset=&limit=&sort=&order=}: see {@link MeterList}. */
    ApiResponse meters(ApiRequest request) throws ApiException {
        return ApiResponse.json(200, MeterList.of(site.meters(), MeterList.Query.parse(request.query())));
    }

    /** The load of {@code PUT /api/load} on every meter; answers the meter list (the request's query applies). */
    ApiResponse putLoadOnAll(ApiRequest request) throws ApiException {
        MeterList.Query query = MeterList.Query.parse(request.query());
        Load load = LoadJson.read(Json.parseObject(request.body()));
        site.meters().forEach(m -> m.setLoad(load));
        return ApiResponse.json(200, MeterList.of(site.meters(), query));
    }

    ApiResponse state(SiteMeter meter) {
        return ApiResponse.json(200, StateJson.of(meter));
    }

    /** The opening of an event stream (see {@link StateEvents}): the network end keeps it going. */
    ApiResponse events(SiteMeter meter) {
        return StateEvents.opening(new MeterState(meter));
    }

    /** {@code {"frequency": 50, "phases": [...]}}: see {@link LoadJson}. */
    ApiResponse putLoad(SiteMeter meter, ApiRequest request) throws ApiException {
        meter.setLoad(LoadJson.read(Json.parseObject(request.body())));
        return state(meter);
    }

    /**
     * {@code {"profile": "pv"}} (a built-in; files are not read over HTTP), {@code {"profile": [points]}}
     * or {@code {"profile": {"period": ..., "points": [...]}}} inline, or {@code {"profile": null}}: back to
     * the fixed load.
     */
    ApiResponse putProfile(SiteMeter meter, ApiRequest request) throws ApiException {
        JsonNode body = Json.parseObject(request.body());
        JsonFields.of(body, "", List.of("profile"));
        JsonNode value = body.get("profile");
        if (value == null) {
            throw ApiException.badRequest("missing field \"profile\": a built-in's name, a series, or null");
        }
        if (meter.source().isPresent()) {
            throw new ApiException(
                    409,
                    "meter " + meter.index() + " mirrors "
                            + meter.source().get().source() + ": its load comes from there, not from a profile");
        }
        meter.setProfile(value.isNull() ? Optional.empty() : Optional.of(profile(value)));
        return state(meter);
    }

    private static Profile profile(JsonNode value) throws ApiException {
        if (value.isTextual()) {
            return Profiles.builtIn(value.textValue())
                    .orElseThrow(() -> ApiException.badRequest("no built-in profile \""
                            + value.textValue() + "\": they are " + String.join(", ", Profiles.BUILT_IN)
                            + "; give any other as a series inline"));
        }
        try {
            return ProfileJson.read("inline", value);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("profile: " + e.getMessage());
        }
    }

    /** {@code {"input": "none" | "T2" | "T3"}}, any case. */
    ApiResponse putTariffInput(SiteMeter meter, ApiRequest request) throws ApiException {
        JsonFields body = JsonFields.of(Json.parseObject(request.body()), "", List.of("input"));
        String name = body.text("input");
        Optional<TariffInput> input = Arrays.stream(TariffInput.values())
                .filter(i -> i.name().equalsIgnoreCase(name))
                .findFirst();
        if (input.isEmpty()) {
            throw ApiException.badRequest("input must be "
                    + Arrays.stream(TariffInput.values())
                            .map(i -> "\"" + StateJson.tariffInput(i) + "\"")
                            .collect(Collectors.joining(", "))
                    + ", got \"" + name + "\"");
        }
        meter.setTariffInput(input.get());
        return state(meter);
    }

    /** {@code {"on": true | false}}. */
    ApiResponse postPower(SiteMeter meter, ApiRequest request) throws ApiException {
        JsonFields body = JsonFields.of(Json.parseObject(request.body()), "", List.of("on"));
        meter.setPower(body.bool("on"));
        return state(meter);
    }

    ApiResponse faults(SiteMeter meter) {
        return faults(meter.faults());
    }

    private static ApiResponse faults(MeterFaults faults) {
        return ApiResponse.json(200, FaultJson.write(faults.active()));
    }

    /** A faults object keyed by fault name (see {@link FaultJson}); a bad one changes nothing. */
    ApiResponse putFaults(SiteMeter meter, ApiRequest request) throws ApiException {
        return putFaults(meter.faults(), request, FaultJson::read);
    }

    /** A line's faults object (see {@link FaultJson#readLine}); a bad one changes nothing. */
    ApiResponse putLineFaults(Bus bus, ApiRequest request) throws ApiException {
        return putFaults(bus.lineFaults(), request, FaultJson::readLine);
    }

    private static ApiResponse putFaults(
            MeterFaults faults, ApiRequest request, Function<JsonNode, List<FaultRule>> parse) throws ApiException {
        List<FaultRule> rules;
        try {
            rules = parse.apply(Json.parseObject(request.body()));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
        faults.replace(rules);
        return faults(faults);
    }

    ApiResponse deleteFaults(SiteMeter meter) {
        meter.faults().clear();
        return faults(meter);
    }

    /** The bus a path names ({@code {bus}}: 1 to the number of buses); else 404. */
    Bus bus(Map<String, String> path) throws ApiException {
        List<Bus> buses = site.buses();
        String number = path.get("bus");
        int b = METER_NUMBER.matcher(number).matches() ? Integer.parseInt(number) : 0;
        if (b >= 1 && b <= buses.size()) {
            return buses.get(b - 1);
        }
        throw new ApiException(
                404,
                "no bus \"" + number + "\": "
                        + (buses.isEmpty()
                                ? "this site has no buses"
                                : "the buses of this site are 1 to " + buses.size()));
    }

    /**
     * {@code {"value": N}}: N is encoded as the register's data type (lcd-cycle-time 25 is BCD
     * 0x0025) and written as a Modbus write would be, with the same checks.
     */
    ApiResponse putRegister(SiteMeter meter, String key, ApiRequest request) throws ApiException {
        Register<?> register = Registers.MAP
                .byKeyOrAlias(key)
                .orElseThrow(
                        () -> new ApiException(404, "no register \"" + key + "\"; GET /api/state lists them by key"));
        if (!register.writable()) {
            throw ApiException.badRequest(
                    register.key() + " is read-only; the writable registers are " + writableKeys());
        }
        int value = JsonFields.of(Json.parseObject(request.body()), "", List.of("value"))
                .integer("value");
        int[] words;
        try {
            words = register.type().encodeObject(value);
        } catch (IllegalArgumentException | ClassCastException e) {
            throw ApiException.badRequest(register.key() + ": " + e.getMessage());
        }
        try {
            meter.writeRegisters(register.address(), words);
        } catch (RegisterAccessException e) {
            throw ApiException.badRequest(e.getMessage());
        }
        return state(meter);
    }

    private static String writableKeys() {
        return Registers.MAP.all().stream()
                .filter(Register::writable)
                .map(Register::key)
                .collect(Collectors.joining(", "));
    }
}
