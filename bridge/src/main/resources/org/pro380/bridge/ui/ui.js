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

  // ---- jobs of the line (scan, commissioning, move, verify): started, then asked until they end ----
  function job(path, show, ended) {
    async function follow() {
      const status = await call('GET', path).catch(failed);
      if (!status) return;
      show(status);
      if (status.running) setTimeout(follow, 300);
      else if (ended) ended(status);
    }
    return {
      async start(event, body) {
        event.preventDefault();
        try {
          show(await call('POST', path, body));
          follow();
        } catch (e) { failed(e); }
      },
      /** After a reload: shows the job's last status, and follows it if it still runs. */
      resume() {
        call('GET', path).then(status => { show(status); if (status.running) follow(); }).catch(() => {});
      },
    };
  }

  // ---- scan ----
  const scanJob = job('/api/scan', s => showScan(s));

  function startScan(event) {
    scanJob.start(event, {
      ids: $('scan-ids').value,
      allSettings: $('scan-all-settings').checked,
      idTimeoutMs: Number($('scan-id-timeout').value),
    });
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

  // ---- commissioning: a plan to start from, new meters one at a time, a move to another line, a check ----
  const jobs = { commission: false, move: false, verify: false };

  // One job on the line at a time: while one runs, the others cannot start and Stop stops it.
  function running(job, on) {
    jobs[job] = on;
    const any = Object.values(jobs).some(Boolean);
    $('commission-stop').disabled = !any;
    for (const id of ['commission-start', 'move-start', 'verify-start', 'plan-load', 'plan-new']) $(id).disabled = any;
  }

  function outcomes(list, items) {
    $(list).replaceChildren(...items.map(([text, state]) => {
      const li = document.createElement('li');
      li.textContent = text;
      li.dataset.state = state;
      return li;
    }));
  }

  function showPlan(p) {
    const n = p.meters.length;
    $('plan-status').textContent = (n
      ? 'Plan: ' + n + (n === 1 ? ' meter' : ' meters') + ' (ids ' + p.meters.map(m => m.unitId).join(', ') + ' taken)'
      : 'Plan: empty') + (p.file ? ', kept in ' + p.file : '');
    if (p.file && !$('plan-file').value) $('plan-file').value = p.file;
    $('commissioned').replaceChildren(...p.meters.map(m => {
      const tr = document.createElement('tr');
      for (const text of [m.serial, m.unitId, m.label]) tr.insertCell().textContent = text;
      return tr;
    }));
  }

  async function loadPlan(body) {
    try {
      showPlan(await call('POST', '/api/commission/plan', body));
      say('Plan loaded: the next meters get the ids it leaves free.');
    } catch (e) { failed(e); }
  }

  const commissionJob = job('/api/commission', c => showCommissioning(c));

  function startCommissioning(event) {
    const body = { ids: $('commission-ids').value };
    if ($('commission-count').value.trim()) body.count = Number($('commission-count').value);
    commissionJob.start(event, body);
  }

  function showCommissioning(c) {
    running('commission', c.running);
    const last = c.events.length ? c.events[c.events.length - 1].text : 'Starting…';
    $('commission-now').textContent = c.error ? c.error
      : c.running ? last
      : (c.stopped ? 'Stopped' : c.idsUsedUp ? 'Every id is given' : 'Done') + ': ' + c.commissioned.length + ' commissioned';
    $('commission-now').classList.toggle('error', Boolean(c.error));
    if (c.plan) showPlan(c.plan);
  }

  // the page's connection follows the meters to their new line
  const moveJob = job('/api/commission/move', m => showMove(m),
    () => call('GET', '/api/connection').then(showConnection).catch(failed));

  function startMove(event) {
    moveJob.start(event, { to: $('move-baud').value + ',' + $('move-parity').value });
  }

  function showMove(m) {
    running('move', m.running);
    const count = state => m.meters.filter(x => state.includes(x.state)).length;
    const there = count(['moved', 'already']);
    const lost = count(['lost']);
    $('move-now').textContent = m.error ? m.error
      : m.running ? 'Moving to ' + m.to + ': ' + (there + lost) + ' of ' + m.total + ' done'
      : m.to ? (m.stopped ? 'Stopped' : 'Done') + ': ' + there + ' of ' + m.total + ' at ' + m.to
        + (lost ? ', ' + lost + ' not (run it again once they answer)' : '') + (m.note ? '. Note: ' + m.note : '')
      : '';
    $('move-now').classList.toggle('error', Boolean(m.error));
    outcomes('move-list', m.meters.map(x => [x.text, x.state]));
  }

  const verifyJob = job('/api/commission/verify', v => showVerify(v));

  function startVerify(event) {
    verifyJob.start(event, { ids: $('commission-ids').value });
  }

  function showVerify(v) {
    running('verify', v.running);
    $('verify-progress').max = Math.max(v.total, 1);
    $('verify-progress').value = v.done;
    $('verify-now').textContent = v.error ? v.error
      : v.running ? 'Asking ' + v.done + ' of ' + v.total
      : v.lines ? (v.holds ? 'The bus is as the plan says.' : 'The bus is not as the plan says.')
      : v.stopped ? 'Stopped' : '';
    $('verify-now').classList.toggle('error', Boolean(v.error) || v.holds === false);
    // the lines come in this order: ok, missing, moved, not in the plan
    const states = [];
    for (const [key, state] of [['present', 'ok'], ['missing', 'missing'], ['moved', 'moved-id'], ['unexpected', 'unexpected']]) {
      for (let k = 0; k < (v[key] || []).length; k++) states.push(state);
    }
    outcomes('verify-list', (v.lines || []).map((line, k) => [line, states[k]]));
  }

  // A download that may be refused (no meters yet, not connected): its one line in the page, not a file.
  async function downloadBridgeConfig(event) {
    event.preventDefault();
    try {
      const r = await fetch('/api/commission/bridge.json');
      if (!r.ok) throw new Error((await r.json().catch(() => ({}))).error || r.statusText);
      const a = document.createElement('a');
      a.href = URL.createObjectURL(await r.blob());
      a.download = 'bridge.json';
      a.click();
      URL.revokeObjectURL(a.href);
    } catch (e) { failed(e); }
  }

  // ---- wiring ----
  document.querySelectorAll('[data-kind]').forEach(b => b.addEventListener('click', () => choose(b.dataset.kind)));
  $('connect-form').addEventListener('submit', connect);
  $('scan-form').addEventListener('submit', startScan);
  $('scan-stop').addEventListener('click', () => call('POST', '/api/scan/stop').then(showScan).catch(failed));
  $('settings-form').addEventListener('submit', writeSettings);
  $('commission-form').addEventListener('submit', startCommissioning);
  $('commission-stop').addEventListener('click', () => call('POST', '/api/commission/stop').then(showCommissioning).catch(failed));
  $('plan-form').addEventListener('submit', event => {
    event.preventDefault();
    const file = $('plan-file').value.trim();
    loadPlan(file ? { file } : { csv: $('plan-text').value });
  });
  $('plan-new').addEventListener('click', () => loadPlan({}));
  $('plan-upload').addEventListener('change', async () => {
    const chosen = $('plan-upload').files[0];
    if (!chosen) return;
    $('plan-text').value = await chosen.text();
    $('plan-file').value = '';
  });
  $('move-form').addEventListener('submit', startMove);
  $('verify-form').addEventListener('submit', startVerify);
  $('bridge-json').addEventListener('click', downloadBridgeConfig);
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
  [scanJob, commissionJob, moveJob, verifyJob].forEach(j => j.resume());
})();
