// pro380 ui: choose a line, scan it, open a meter (registers in groups, a chart of its power),
// write its settings, commission new meters. Plain JavaScript over the UI's HTTP API (docs/ui.md).
'use strict';

(() => {
  const $ = id => document.getElementById(id);
  const WINDOW = 5 * 60 * 1000;
  const POLL = 2000;
  let kind = 'serial';
  let unit = null;
  let polling = null;
  let busy = false;
  let history = { times: [], l1: [], l2: [], l3: [], total: [] };
  let chart = null;
  let lcd = null;
  let phases = null;
  let current = {};

  // ---- the API: JSON in and out; a refusal is its one-line message ----
  async function call(method, path, body) {
    const headers = { 'Content-Type': 'application/json' };
    const token = sessionStorage.getItem('pro380-ui-token');
    if (token) headers.Authorization = 'Bearer ' + token;
    const r = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const json = await r.json().catch(() => ({ error: r.statusText }));
    if (r.status === 401) $('token-box').hidden = false;
    if (!r.ok) throw new Error(json.error || r.statusText);
    return json;
  }

  function say(text, kindOf = 'ok') {
    const m = $('message');
    m.textContent = text;
    m.dataset.kind = kindOf;
    m.hidden = false;
    clearTimeout(say.timer);
    say.timer = setTimeout(() => { m.hidden = true; }, kindOf === 'error' ? 12000 : 5000);
  }

  const failed = e => say(e.message, 'error');

  function showConnection(c) {
    $('link').textContent = c.text;
    $('link').dataset.state = c.serial || c.tcp || c.rtuTcp ? 'live' : 'connecting';
  }

  // ---- connection ----
  function choose(k) {
    kind = k;
    document.querySelectorAll('[data-kind]').forEach(b => b.setAttribute('aria-pressed', String(b.dataset.kind === k)));
    document.querySelectorAll('[data-for]').forEach(e => { e.hidden = (e.dataset.for === 'serial') !== (k === 'serial'); });
  }

  async function listPorts() {
    const ports = await call('GET', '/api/ports');
    $('ports').replaceChildren(...ports.map(p => new Option(p.description, p.path)));
    $('port-list').textContent = ports.length
      ? ports.map(p => p.path + ' (' + p.description + ')').join(', ')
      : 'No serial ports listed: type the device path.';
  }

  async function connect(event) {
    event.preventDefault();
    const body = kind === 'serial'
      ? { serial: $('serial-path').value, baud: Number($('baud').value), parity: $('parity').value }
      : { [kind]: $('tcp-address').value };
    try {
      const c = await call('POST', '/api/connect', body);
      showConnection(c);
      say('Connected: ' + c.text);
    } catch (e) { failed(e); }
  }

  // ---- scan ----
  async function startScan(event) {
    event.preventDefault();
    try {
      showScan(await call('POST', '/api/scan', { ids: $('scan-ids').value, allSettings: $('scan-all-settings').checked }));
      followScan();
    } catch (e) { failed(e); }
  }

  async function followScan() {
    const s = await call('GET', '/api/scan').catch(failed);
    if (!s) return;
    showScan(s);
    if (s.running) setTimeout(followScan, 300);
  }

  function showScan(s) {
    $('scan-progress').max = s.total;
    $('scan-progress').value = s.done;
    $('scan-start').disabled = s.running;
    $('scan-stop').disabled = !s.running;
    const count = s.meters.length + (s.meters.length === 1 ? ' meter' : ' meters');
    $('scan-status').textContent = s.error ? s.error
      : s.running ? 'Asking ' + s.trying + ' (' + s.done + ' of ' + s.total + '): ' + count + ' found'
      : (s.stopped ? 'Stopped: ' : 'Done: ') + count + ' found';
    $('scan-status').classList.toggle('error', Boolean(s.error));
    $('meters').replaceChildren(...s.meters.map(meterRow));
  }

  function meterRow(m) {
    const tr = document.createElement('tr');
    tr.dataset.unit = m.unitId;
    tr.classList.toggle('open', m.unitId === unit);
    for (const text of [m.unitId, m.serial, m.settings, m.lcdCycleTime + ' s']) {
      tr.insertCell().textContent = text;
    }
    const open = document.createElement('button');
    open.type = 'button';
    open.textContent = 'Open';
    open.id = 'open-' + m.unitId;
    open.addEventListener('click', () => openMeter(m.unitId));
    tr.insertCell().append(open);
    return tr;
  }

  // ---- one meter ----
  function openMeter(id) {
    if (unit !== id) history = { times: [], l1: [], l2: [], l3: [], total: [] };
    unit = id;
    document.querySelectorAll('#meters tr').forEach(tr => tr.classList.toggle('open', Number(tr.dataset.unit) === id));
    $('meter-card').hidden = false;
    $('settings-card').hidden = false;
    $('meter-unit').textContent = id;
    $('export-json').href = '/api/meters/' + id + '/export?format=json';
    $('export-csv').href = '/api/meters/' + id + '/export?format=csv';
    if (!lcd) {
      lcd = Pro380Lcd.cycling($('meter-lcd'));
      phases = Pro380Phases.create($('phases'), { prefix: 'phase-' });
    }
    if (!chart) {
      // the phase colours of panel.css, as the twin's panel draws them
      const color = name => getComputedStyle(document.documentElement).getPropertyValue(name).trim();
      chart = Pro380Chart.create($('chart-power'), {
        unit: 'kW', windowMillis: WINDOW,
        series: [
          { label: 'L1', color: color('--l1') }, { label: 'L2', color: color('--l2') },
          { label: 'L3', color: color('--l3') }, { label: 'total', color: color('--total'), dash: [5, 4] },
        ],
      });
    }
    clearInterval(polling);
    polling = setInterval(readMeter, POLL);
    readMeter(true);
  }

  async function readMeter(fillForm) {
    if (busy || unit === null) return;
    busy = true;
    try {
      showMeter(await call('GET', '/api/meters/' + unit), fillForm === true);
      $('meter-time').dataset.state = 'live';
    } catch (e) {
      $('meter-time').textContent = e.message;
      $('meter-time').dataset.state = 'lost';
    } finally {
      busy = false;
    }
  }

  function showMeter(m, fillForm) {
    const values = {};
    $('groups').replaceChildren(...m.groups.map(g => {
      const section = document.createElement('section');
      const h = document.createElement('h3');
      h.textContent = g.title;
      const table = document.createElement('table');
      table.className = 'values';
      const body = table.createTBody();
      for (const r of g.registers) {
        values[r.key] = r;
        const tr = body.insertRow();
        const th = document.createElement('th');
        th.textContent = r.name;
        th.title = r.key + ' · ' + r.address;
        tr.append(th);
        const value = tr.insertCell();
        value.id = 'val-' + r.key;
        value.textContent = r.text;
        const u = tr.insertCell();
        u.className = 'unit';
        u.textContent = r.unit;
      }
      const scroll = document.createElement('div');
      scroll.className = 'scroll';
      scroll.append(table);
      section.append(h, scroll);
      return section;
    }));
    $('meter-serial').textContent = 'serial ' + values['serial-number'].text;
    lcd.show(m.lcd);
    $('lcd-cycle').textContent = m.lcd.cycleSeconds;
    phases.show(values);
    $('meter-time').textContent = 'read ' + new Date(m.time).toLocaleTimeString() + ' over ' + m.connection.text;
    showConnection(m.connection);
    addPoint(Date.parse(m.time), values);
    current = {
      id: String(values['meter-id'].value), baud: String(values['baud-rate'].value), parity: values.parity.text,
      'lcd-cycle': String(values['lcd-cycle-time'].value), backlight: values.backlight.text,
      tariff: String(values.tariff.value),
    };
    for (const [key, v] of Object.entries(current)) {
      $('cur-' + key).textContent = key === 'tariff' ? 'T' + v : v;
      const field = $('set-' + key);
      if (fillForm && document.activeElement !== field) field.value = v;
    }
  }

  function addPoint(time, values) {
    const kw = key => values[key] ? values[key].value : null;
    history.times.push(time);
    history.l1.push(kw('active-power-l1'));
    history.l2.push(kw('active-power-l2'));
    history.l3.push(kw('active-power-l3'));
    history.total.push(kw('active-power'));
    while (history.times.length && history.times[0] < time - WINDOW) {
      for (const series of Object.values(history)) series.shift();
    }
    chart.show(history.times, [history.l1, history.l2, history.l3, history.total]);
  }

  // ---- settings: only what was changed is sent; the meter is followed to its new id ----
  async function writeSettings(event) {
    event.preventDefault();
    const changes = {};
    for (const key of Object.keys(current)) {
      const typed = $('set-' + key).value.trim();
      if (typed !== current[key]) changes[key] = typed;
    }
    if ($('set-reset').checked) changes['reset-power-counter'] = true;
    if (!Object.keys(changes).length) {
      say('Nothing changed.');
      return;
    }
    try {
      const r = await call('POST', '/api/meters/' + unit + '/settings', changes);
      const text = r.applied.map(a => a.key + ' = ' + a.readBack + (a.confirmed ? ' (read back)' : ' (stored; the tariff input overrules Modbus)'));
      $('settings-result').textContent = text.join(', ') + (r.note ? '. Note: ' + r.note : '');
      $('settings-result').classList.remove('error');
      $('set-reset').checked = false;
      say('Written and read back: ' + text.join(', '));
      showConnection(r.connection);
      if (r.unitId !== unit && r.unitId !== 0) openMeter(r.unitId); else readMeter(true);
    } catch (e) {
      $('settings-result').textContent = e.message;
      $('settings-result').classList.add('error');
      failed(e);
    }
  }

  // ---- commissioning ----
  async function startCommissioning(event) {
    event.preventDefault();
    const body = { ids: $('commission-ids').value };
    if ($('commission-count').value.trim()) body.count = Number($('commission-count').value);
    try {
      showCommissioning(await call('POST', '/api/commission', body));
      followCommissioning();
    } catch (e) { failed(e); }
  }

  async function followCommissioning() {
    const c = await call('GET', '/api/commission').catch(failed);
    if (!c) return;
    showCommissioning(c);
    if (c.running) setTimeout(followCommissioning, 400);
  }

  function showCommissioning(c) {
    $('commission-start').disabled = c.running;
    $('commission-stop').disabled = !c.running;
    const last = c.events.length ? c.events[c.events.length - 1].text : 'Starting…';
    $('commission-now').textContent = c.error ? c.error
      : c.running ? last
      : (c.stopped ? 'Stopped' : c.idsUsedUp ? 'Every id is given' : 'Done') + ': ' + c.commissioned.length + ' commissioned';
    $('commission-now').classList.toggle('error', Boolean(c.error));
    $('commissioned').replaceChildren(...c.commissioned.map(m => {
      const tr = document.createElement('tr');
      for (const text of [m.serial, m.unitId, m.label]) tr.insertCell().textContent = text;
      return tr;
    }));
  }

  // ---- wiring ----
  document.querySelectorAll('[data-kind]').forEach(b => b.addEventListener('click', () => choose(b.dataset.kind)));
  $('connect-form').addEventListener('submit', connect);
  $('scan-form').addEventListener('submit', startScan);
  $('scan-stop').addEventListener('click', () => call('POST', '/api/scan/stop').then(showScan).catch(failed));
  $('settings-form').addEventListener('submit', writeSettings);
  $('commission-form').addEventListener('submit', startCommissioning);
  $('commission-stop').addEventListener('click', () => call('POST', '/api/commission/stop').then(showCommissioning).catch(failed));
  $('token-save').addEventListener('click', () => {
    sessionStorage.setItem('pro380-ui-token', $('token').value);
    $('token-box').hidden = true;
  });
  listPorts().catch(failed);
  call('GET', '/api/connection').then(c => {
    showConnection(c);
    if (c.serial) { $('serial-path').value = c.serial; $('baud').value = String(c.baud); $('parity').value = c.parity; }
    const address = c.tcp || c.rtuTcp;
    if (address) { choose(c.tcp ? 'tcp' : 'rtuTcp'); $('tcp-address').value = address; }
  }).catch(failed);
  call('GET', '/api/scan').then(s => { showScan(s); if (s.running) followScan(); }).catch(() => {});
})();
