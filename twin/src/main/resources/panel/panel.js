// The twin's front panel: the face of one meter of the site (meter 1, or meter k when opened as
// /?meter=k). Renders the state document that its event stream pushes, and sends every control
// through the control API. Plain JavaScript, no build step; see docs/panel.md.
'use strict';

(() => {
  const PHASES = ['l1', 'l2', 'l3'];
  const WINDOW_MILLIS = 5 * 60 * 1000;
  const EVENT_PERIOD_MILLIS = 500;
  const FLASH_MAX_HZ = 10;
  const FLASH_MILLIS = 45;
  const TOKEN_KEY = 'pro380-token';
  const METER = new URLSearchParams(location.search).get('meter');
  /** Where this meter's calls are: /api/state etc. for meter 1 (the twin's own), /api/meters/k/state for meter k. */
  const API = METER === null ? '/api' : `/api/meters/${encodeURIComponent(METER)}`;

  const PRESETS = {
    idle: phases(() => ({ voltage: 230, current: 0, powerFactor: 1 })),
    household: {
      frequency: 50,
      phases: [
        { voltage: 230, current: 10, powerFactor: 0.98, export: false, capacitive: false },
        { voltage: 230, current: 5, powerFactor: 0.95, export: false, capacitive: false },
        { voltage: 230, current: 2, powerFactor: 0.9, export: false, capacitive: false },
      ],
    },
    pv: phases(() => ({ voltage: 232, current: 12, powerFactor: 1, export: true })),
    ev: phases(() => ({ voltage: 230, current: 16, powerFactor: 1 })),
  };

  function phases(make) {
    return {
      frequency: 50,
      phases: [0, 1, 2].map(() => Object.assign({ export: false, capacitive: false }, make())),
    };
  }

  /** The rows of the energy table: label, register key stem, unit. Columns: all, T1..T3, L1..L3. */
  const ENERGY_ROWS = [
    ['active total', 'active-energy', 'kWh'],
    ['active import', 'forward-active-energy', 'kWh'],
    ['active export', 'reverse-active-energy', 'kWh'],
    ['reactive total', 'reactive-energy', 'kvarh'],
    ['reactive forward', 'forward-reactive-energy', 'kvarh'],
    ['reactive reverse', 'reverse-reactive-energy', 'kvarh'],
  ];
  const ENERGY_SCOPES = ['', '-t1', '-t2', '-t3', '-l1', '-l2', '-l3'];

  const $ = id => document.getElementById(id);
  const el = (tag, props = {}, children = []) => {
    const node = Object.assign(document.createElement(tag), props);
    node.append(...children);
    return node;
  };

  let last = null;
  const history = [];
  const pulse = { count: null, timers: [], off: 0 };
  let blinking = false;
  let messageTimer = 0;

  // ---- building the page -------------------------------------------------------------------

  /** The LCD and the live values table: the components the panel shares with pro380 ui. */
  const lcd = window.Pro380Lcd.create($('face-lcd'));
  const values = window.Pro380Phases.create($('values'));
  const { fill, format } = window.Pro380Phases;

  function buildTables() {
    const energy = $('energy').tBodies[0];
    for (const [label, stem, unit] of ENERGY_ROWS) {
      const cells = ENERGY_SCOPES.map(s => el('td', { id: `val-${stem}${s}` }));
      const name = el('th', { scope: 'row' }, [label, el('span', { className: 'unit', textContent: ` ${unit}` })]);
      energy.append(el('tr', { className: stem === 'reactive-energy' ? 'group' : '' }, [name, ...cells]));
    }
    const form = document.querySelector('#load-form .phases');
    PHASES.forEach((p, i) => {
      const field = (name, label, unit) => el('label', {}, [
        el('span', { textContent: label }),
        el('input', { id: `load-${p}-${name}`, name, inputMode: 'decimal', autocomplete: 'off' }),
        el('span', { className: 'unit', textContent: unit }),
      ]);
      const choice = (name, options) => {
        const select = el('select', { id: `load-${p}-${name}`, name },
          options.map(([value, text]) => el('option', { value, textContent: text })));
        select.setAttribute('aria-label', `L${i + 1} ${name}`);
        return select;
      };
      form.append(el('fieldset', { className: 'phase' }, [
        el('legend', { textContent: `L${i + 1}` }),
        field('voltage', 'U', 'V'),
        field('current', 'I', 'A'),
        field('powerFactor', 'PF', ''),
        choice('direction', [['import', 'import'], ['export', 'export']]),
        choice('reactive', [['inductive', 'inductive'], ['capacitive', 'capacitive']]),
      ]));
    });
  }

  // ---- rendering the state ---------------------------------------------------------------

  function render(doc) {
    last = doc;
    const regs = doc.registers;
    renderFace(doc, regs);
    renderValues(doc, regs);
    renderEnergy(doc, regs);
    renderControls(doc, regs);
    remember(doc, regs);
    drawCharts();
  }

  function renderFace(doc, regs) {
    const powered = doc.powered;
    $('meter-place').textContent = `meter ${doc.meter} · bus ${doc.bus}`;
    $('meter').dataset.powered = String(powered);
    $('power-note').hidden = powered;
    lcd.show({
      pages: doc.lcd.pages.map(text => ({ id: pageId(text), text })),
      page: doc.lcd.page,
      backlight: doc.lcd.backlight,
      phases: doc.lcd.phases,
      powered,
    });

    renderPulse(doc);
    const tariffState = powered ? doc.leds.tariff.state : 'off';
    const led = $('tariff-led');
    if (tariffState === 'blinking' && !blinking) {
      // 1 Hz, lit for the first half of each second of meter time: start the animation in phase
      led.style.animationDelay = `-${millisOfSecond(doc.time) / 1000}s`;
    }
    blinking = tariffState === 'blinking';
    led.dataset.state = tariffState;
    led.setAttribute('aria-label', `tariff LED ${tariffState}`);
    $('tariff-name').textContent = `T${doc.activeTariff}`;
    $('tariff-source').textContent = doc.tariffInput === 'none' ? 'set over Modbus' : `held by the input (${doc.tariffInput})`;

    $('unit-id').textContent = doc.unitId;
    $('baud').textContent = doc.baud;
    $('parity').textContent = `${doc.parity} (8${doc.parity[0].toUpperCase()}1)`;
    $('serial').textContent = regs['serial-number'].value;
    $('status-word').textContent = doc.statusWord;
    $('power-count').textContent = doc.powerCounter;
    $('profile').textContent = doc.profile ? `profile ${doc.profile.name} at ${doc.profile.position}` : 'fixed';
    const error = $('storage-error');
    error.hidden = !doc.storageError;
    error.textContent = doc.storageError ? `${doc.storageError.text}: ${doc.storageError.meaning}` : '';
    const memory = $('memory-failure');
    const failure = doc.memory && (doc.memory.readFailure || doc.memory.saveFailure);
    memory.hidden = !failure;
    memory.textContent = !failure ? ''
      : doc.memory.readFailure ? `Memory cannot be read, nothing is saved: ${doc.memory.readFailure}`
      : `Saving the memory fails: ${doc.memory.saveFailure}`;
    showSource(doc.source);
  }

  /** A mirrored meter's source (docs/mirror.md): connected, age of the last value, stale and what that does. */
  function showSource(source) {
    const line = $('source-state');
    line.hidden = !source;
    if (!source) return;
    const age = source.lastValueAgeMillis === null ? 'no value yet'
      : `last value ${(source.lastValueAgeMillis / 1000).toFixed(1)} s ago`;
    const stale = !source.stale ? ''
      : { silent: ', stale: not answering Modbus', zero: ', stale: no current', hold: ', stale: holding the last value' }[source.onStale];
    const malformed = source.malformed ? `, ${source.malformed} malformed` : '';
    line.textContent = `Mirrors ${source.uri} (${source.connected ? 'connected' : 'not connected'}, ${age}${stale}${malformed})`;
    line.classList.toggle('error', source.stale);
  }

  /** The id of an LCD page (as state.lcd.page names it) from its text: "T2 1.00 kWh" is t2. */
  function pageId(text) {
    if (text.startsWith('ERR')) return 'err';
    if (text.startsWith('CRC')) return 'crc';
    const tariff = /^T(\d) /.exec(text);
    return tariff ? `t${tariff[1]}` : 'total';
  }

  function millisOfSecond(time) {
    const fraction = /\.(\d+)Z$/.exec(time);
    return fraction ? Number(fraction[1].slice(0, 3).padEnd(3, '0')) : 0;
  }

  /** Flashes the red LED once per pulse; above 10 Hz it glows and the rate is shown instead. */
  function renderPulse(doc) {
    const led = $('pulse-led');
    const rate = doc.powered ? doc.leds.pulse.perSecond : 0;
    const count = doc.leds.pulse.count;
    const fast = rate > FLASH_MAX_HZ;
    led.dataset.mode = fast ? 'steady' : 'flash';
    $('pulse-rate').textContent = fast ? `${rate.toFixed(1)} imp/s`
      : rate > 0 ? `${rate.toFixed(2)} imp/s, ${count} pulses` : `${count} pulses`;
    if (!fast && doc.powered && pulse.count !== null && count > pulse.count) {
      // at most 10 Hz: a jump of the count (after a pause, say) is not replayed as a burst
      const flashes = Math.min(count - pulse.count, FLASH_MAX_HZ * EVENT_PERIOD_MILLIS / 1000);
      const spacing = EVENT_PERIOD_MILLIS / flashes;
      pulse.timers.forEach(clearTimeout);
      pulse.timers = [];
      for (let i = 0; i < flashes; i++) {
        pulse.timers.push(setTimeout(flash, i * spacing));
      }
    }
    pulse.count = count;
  }

  function flash() {
    const led = $('pulse-led');
    led.dataset.lit = 'true';
    clearTimeout(pulse.off);
    pulse.off = setTimeout(() => { led.dataset.lit = 'false'; }, FLASH_MILLIS);
  }

  function renderValues(doc, regs) {
    values.show(regs, doc.powered);
    $('flow-warning').hidden = !doc.forbiddenFlow;
    $('frequency').textContent = `${format(regs.frequency.value, 2)} Hz`;
  }

  function renderEnergy(doc, regs) {
    for (const [, stem] of ENERGY_ROWS) {
      for (const scope of ENERGY_SCOPES) {
        fill($(`val-${stem}${scope}`), regs[`${stem}${scope}`], 3);
      }
    }
    document.querySelectorAll('#energy th[data-tariff]').forEach(th => {
      th.classList.toggle('active', Number(th.dataset.tariff) === doc.activeTariff);
    });
  }

  function renderControls(doc, regs) {
    document.querySelectorAll('[data-input]').forEach(b => {
      b.setAttribute('aria-pressed', String(b.dataset.input === doc.tariffInput));
    });
    const power = $('power-toggle');
    power.textContent = doc.powered ? 'Power off' : 'Power on';
    power.dataset.on = String(doc.powered);
    document.querySelectorAll('form.setting').forEach(form => {
      const register = regs[form.dataset.key];
      const field = form.querySelector('input, select, output');
      if (field.tagName === 'OUTPUT') {
        field.textContent = register.value;
      } else if (!form.dataset.dirty && !editing(form)) {
        field.value = String(register.value);
      }
    });
    const loadForm = $('load-form');
    if (!loadForm.dataset.dirty && !editing(loadForm)) {
      fillLoad(doc.load);
    }
  }

  /** Whether the user is in a field of the form (then the state does not overwrite what they type). */
  function editing(form) {
    const active = document.activeElement;
    return form.contains(active) && active.matches('input, select');
  }

  // ---- charts ----------------------------------------------------------------------------

  let charts = null;

  /** The two charts (chart.js over uPlot), in the page's colours. */
  function buildCharts() {
    const color = name => getComputedStyle(document.documentElement).getPropertyValue(name).trim();
    charts = {
      power: window.Pro380Chart.create($('chart-power'), {
        unit: 'kW', windowMillis: WINDOW_MILLIS, minSpan: 1, series: [
          { label: 'L1', color: color('--l1') },
          { label: 'L2', color: color('--l2') },
          { label: 'L3', color: color('--l3') },
          { label: 'total', color: color('--total'), dash: [5, 4] },
        ],
      }),
      energy: window.Pro380Chart.create($('chart-energy'), {
        unit: 'Wh', windowMillis: WINDOW_MILLIS, minSpan: 1, series: [
          { label: 'import (forward)', color: color('--import') },
          { label: 'export (reverse)', color: color('--export') },
        ],
      }),
    };
  }

  /** One point of the charts; a meter that is off draws no power. */
  function point(t, powered, p, total, imported, exported) {
    return { t, p: powered ? p : [0, 0, 0], total: powered ? total : 0, imported, exported };
  }

  /** The twin's own history of the last minutes (GET .../history), before the live points. */
  async function loadHistory() {
    try {
      const response = await fetch(`${API}/history`, { cache: 'no-store' });
      if (!response.ok) return;
      const h = await response.json();
      const before = h.time.map((t, i) => point(t, h.powered[i],
        PHASES.map(p => h[`active-power-${p}`][i]), h['active-power'][i],
        h['forward-active-energy'][i], h['reverse-active-energy'][i]));
      history.unshift(...before.filter(b => !history.length || b.t < history[0].t));
      drawCharts();
    } catch (e) {
      // the twin cannot be reached yet: the charts start with the live points
    }
  }

  /** A live point, at the wall clock's time as the twin's history is (a time-lapse twin shows real minutes). */
  function remember(doc, regs) {
    const t = Date.now();
    if (history.length && t <= history[history.length - 1].t) {
      return;
    }
    history.push(point(t, doc.powered, PHASES.map(p => regs[`active-power-${p}`].value), regs['active-power'].value,
      regs['forward-active-energy'].value, regs['reverse-active-energy'].value));
    while (history[0].t < t - WINDOW_MILLIS) {
      history.shift();
    }
  }

  function drawCharts() {
    const times = history.map(h => h.t);
    charts.power.show(times, [0, 1, 2].map(i => history.map(h => h.p[i])).concat([history.map(h => h.total)]));
    const base = history.find(h => h.imported !== null && h.exported !== null);
    const energy = key => history.map(h => (base && h[key] !== null ? (h[key] - base[key]) * 1000 : null));
    charts.energy.show(times, [energy('imported'), energy('exported')]);
    if (last) {
      $('chart-power').setAttribute('aria-label',
        `active power per phase; total now ${format(last.registers['active-power'].value, 3)} kW`);
    }
  }

  // ---- the control API --------------------------------------------------------------------

  /** Sends one change; shows the API's error if it refuses, else renders the new state it answers. */
  async function call(method, path, body, what) {
    const headers = { 'Content-Type': 'application/json' };
    const token = sessionStorage.getItem(TOKEN_KEY);
    if (token) headers.Authorization = `Bearer ${token}`;
    let response;
    try {
      response = await fetch(path, { method, headers, body: JSON.stringify(body), cache: 'no-store' });
    } catch (e) {
      say(`${what}: the twin cannot be reached (${e.message})`, true);
      return false;
    }
    let doc = null;
    try {
      doc = await response.json();
    } catch (e) {
      doc = null;
    }
    if (!response.ok) {
      say(`${what}: ${doc && doc.error ? doc.error : `HTTP ${response.status}`}`, true);
      if (response.status === 401) $('token-form').hidden = false;
      return false;
    }
    say(`${what}: done`, false);
    if (doc && doc.registers) render(doc);
    return true;
  }

  function say(text, error) {
    const message = $('message');
    message.textContent = text;
    message.dataset.kind = error ? 'error' : 'ok';
    message.hidden = false;
    clearTimeout(messageTimer);
    if (!error) {
      messageTimer = setTimeout(() => { message.hidden = true; }, 2500);
    }
  }

  /** A number if the text is one, else the text itself, so that the API says what is wrong with it. */
  function number(text) {
    const trimmed = text.trim().replace(',', '.');
    return trimmed !== '' && Number.isFinite(Number(trimmed)) ? Number(trimmed) : text;
  }

  function readLoad() {
    return {
      frequency: number($('load-frequency').value),
      phases: PHASES.map(p => ({
        voltage: number($(`load-${p}-voltage`).value),
        current: number($(`load-${p}-current`).value),
        powerFactor: number($(`load-${p}-powerFactor`).value),
        export: $(`load-${p}-direction`).value === 'export',
        capacitive: $(`load-${p}-reactive`).value === 'capacitive',
      })),
    };
  }

  function fillLoad(load) {
    $('load-frequency').value = load.frequency;
    load.phases.forEach((phase, i) => {
      const p = PHASES[i];
      $(`load-${p}-voltage`).value = phase.voltage;
      $(`load-${p}-current`).value = phase.current;
      $(`load-${p}-powerFactor`).value = phase.powerFactor;
      $(`load-${p}-direction`).value = phase.export ? 'export' : 'import';
      $(`load-${p}-reactive`).value = phase.capacitive ? 'capacitive' : 'inductive';
    });
  }

  function setLoadDirty(dirty) {
    const form = $('load-form');
    if (dirty) form.dataset.dirty = 'true'; else delete form.dataset.dirty;
    $('load-dirty').hidden = !dirty;
  }

  function wireControls() {
    const loadForm = $('load-form');
    loadForm.addEventListener('input', () => setLoadDirty(true));
    loadForm.addEventListener('submit', async event => {
      event.preventDefault();
      if (await call('PUT', `${API}/load`, readLoad(), 'Load')) setLoadDirty(false);
    });
    $('load-revert').addEventListener('click', () => {
      setLoadDirty(false);
      if (last) fillLoad(last.load);
    });
    document.querySelectorAll('[data-preset]').forEach(button => {
      button.addEventListener('click', async () => {
        const preset = PRESETS[button.dataset.preset];
        if (await call('PUT', `${API}/load`, preset, `Preset ${button.textContent}`)) setLoadDirty(false);
      });
    });
    document.querySelectorAll('[data-input]').forEach(button => {
      button.addEventListener('click', () => call('PUT', `${API}/tariff-input`, { input: button.dataset.input },
        `Tariff input ${button.dataset.input}`));
    });
    $('power-toggle').addEventListener('click', () => {
      const on = !(last && last.powered);
      call('POST', `${API}/power`, { on }, on ? 'Power on' : 'Power off');
    });
    document.querySelectorAll('form.setting').forEach(form => {
      const field = form.querySelector('input, select');
      form.addEventListener('input', () => { form.dataset.dirty = 'true'; });
      form.addEventListener('submit', async event => {
        event.preventDefault();
        const value = 'fixed' in form.dataset ? Number(form.dataset.fixed) : number(field.value);
        const label = form.querySelector('label').textContent;
        if (await call('PUT', `${API}/registers/${form.dataset.key}`, { value }, `Set ${label}`)) {
          delete form.dataset.dirty;
        }
      });
    });
    $('token-form').addEventListener('submit', event => {
      event.preventDefault();
      sessionStorage.setItem(TOKEN_KEY, $('token').value);
      say('Token kept for this tab', false);
    });
  }

  // ---- the scenario playing on the site, read-only (docs/scenarios.md) ----------------------

  /** Polls GET /api/scenario once a second and shows where it stands; hidden until one was played. */
  function watchScenario() {
    const poll = async () => {
      try {
        const response = await fetch('/api/scenario', { cache: 'no-store' });
        if (response.ok) showScenario(await response.json());
      } catch (e) {
        // the twin cannot be reached: the event stream's status says so
      }
      setTimeout(poll, 1000);
    };
    poll();
  }

  function showScenario(s) {
    $('scenario').hidden = s.name === null;
    if (s.name === null) return;
    const secs = x => `${x.toFixed(x < 10 ? 1 : 0)} s`;
    const done = s.step === null ? s.steps : s.step - 1;
    $('scenario-name').textContent = s.name;
    $('scenario-name').title = s.description;
    $('scenario-state').textContent = s.playing
      ? (s.loop ? `playing, pass ${s.pass}` : 'playing')
      : (s.finished ? 'finished' : 'stopped');
    $('scenario-progress').max = Math.max(s.length, 0.001);
    $('scenario-progress').value = s.position;
    $('scenario-step').textContent = `step ${done} of ${s.steps} · ${secs(s.position)} of ${secs(s.length)} meter time`;
    $('scenario-next').textContent = s.playing && s.step !== null
      ? `next: step ${s.step} at ${secs(s.nextAt)}, ${s.nextDoes}${s.nextNote ? ` (${s.nextNote})` : ''}`
      : '';
    $('scenario-error').hidden = s.error === null;
    $('scenario-error').textContent = s.error || '';
  }

  // ---- faults ------------------------------------------------------------------------------

  /** The setting a reply fault takes beside its probability: its field in the faults object, as text. */
  const FAULT_SETTINGS = {
    exception: { label: 'code', initial: '6', read: f => String(f.code), write: (spec, text) => { spec.code = number(text); } },
    delay: {
      label: 'ms or min..max',
      initial: '300ms',
      read: f => (f.min === f.max ? f.min : `${f.min}..${f.max}`),
      write: (spec, text) => {
        delete spec.ms; delete spec.min; delete spec.max;
        const [min, max] = text.split('..').map(t => t.trim());
        if (max === undefined) spec.ms = min; else Object.assign(spec, { min, max });
      },
    },
  };
  const TRAFFIC_POLL_MILLIS = 1000;
  const TRAFFIC_ROWS = 300;
  let faultKinds = [];
  let activeFaults = {};
  const traffic = { frames: [], last: null, paused: false };

  async function getJson(path) {
    const response = await fetch(path, { cache: 'no-store' });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    return response.json();
  }

  function buildFaults(kinds) {
    faultKinds = kinds.reply;
    $('faults').tBodies[0].replaceChildren(...faultKinds.map(name => {
      const setting = FAULT_SETTINGS[name];
      const on = el('input', { type: 'checkbox', id: `fault-${name}-on` });
      on.setAttribute('aria-label', `${name} on`);
      const probability = el('input', { id: `fault-${name}-probability`, className: 'probability', inputMode: 'decimal', value: '1' });
      probability.setAttribute('aria-label', `${name} probability`);
      const cells = [el('th', { scope: 'row', textContent: name }), el('td', {}, [on]), el('td', {}, [probability])];
      if (setting) {
        const field = el('input', { id: `fault-${name}-setting`, className: 'setting', value: setting.initial, autocomplete: 'off' });
        field.setAttribute('aria-label', `${name} ${setting.label}`);
        cells.push(el('td', {}, [field]));
      } else {
        cells.push(el('td'));
      }
      cells.push(el('td', { id: `fault-${name}-applied`, className: 'applied', textContent: '0' }));
      const row = el('tr', { id: `fault-${name}` }, cells);
      row.addEventListener('change', event => {
        if (event.target === on || on.checked) sendFaults();
      });
      return row;
    }));
    $('faults-clear').addEventListener('click', async () => {
      if (await call('DELETE', `${API}/faults`, undefined, 'Clear faults')) refreshFaults();
    });
  }

  /** A fault as GET shows it, as PUT takes it again: a duration left instead of the time it ends. */
  function asGiven(fault) {
    const spec = Object.assign({}, fault);
    delete spec.applied;
    if (spec.until !== undefined) {
      const left = last ? Date.parse(spec.until) - Date.parse(last.time) : 1;
      spec.for = `${Math.max(1, Math.round(left))}ms`;
      delete spec.until;
    }
    return spec;
  }

  /** Replaces the meter's faults: those switched on here, and those of other kinds as they stand. */
  async function sendFaults() {
    const body = {};
    for (const [name, fault] of Object.entries(activeFaults)) {
      if (!faultKinds.includes(name)) body[name] = asGiven(fault);
    }
    for (const name of faultKinds) {
      if (!$(`fault-${name}-on`).checked) continue;
      const spec = activeFaults[name] ? asGiven(activeFaults[name]) : {};
      spec.probability = number($(`fault-${name}-probability`).value);
      if (FAULT_SETTINGS[name]) FAULT_SETTINGS[name].write(spec, $(`fault-${name}-setting`).value);
      body[name] = spec;
    }
    await call('PUT', `${API}/faults`, body, 'Faults');
    refreshFaults();
  }

  async function refreshFaults() {
    let counters;
    try {
      [activeFaults, counters] = await Promise.all([getJson(`${API}/faults`), getJson(`${API}/counters`)]);
    } catch (e) {
      return;
    }
    const editing = document.activeElement;
    for (const name of faultKinds) {
      const fault = activeFaults[name];
      $(`fault-${name}`).dataset.on = String(Boolean(fault));
      $(`fault-${name}-on`).checked = Boolean(fault);
      const probability = $(`fault-${name}-probability`);
      if (fault && probability !== editing) probability.value = fault.probability;
      const setting = $(`fault-${name}-setting`);
      if (fault && setting && setting !== editing) setting.value = FAULT_SETTINGS[name].read(fault);
      $(`fault-${name}-applied`).textContent = counters.faultsApplied[name] || 0;
    }
    const others = Object.keys(activeFaults).filter(name => !faultKinds.includes(name));
    $('faults-other').hidden = others.length === 0;
    $('faults-other').textContent = `Also on (set through the API): ${others.join(', ')}`;
    const sum = counts => Object.values(counts).reduce((a, b) => a + b, 0);
    $('traffic-counts').textContent = `requests ${sum(counters.requests)} · exceptions ${sum(counters.exceptions)}`
      + ` · CRC errors ${counters.crcErrors} · ignored ${counters.ignored}`;
  }

  // ---- traffic -----------------------------------------------------------------------------

  const hex2 = n => n.toString(16).toUpperCase().padStart(2, '0');
  const hex4 = n => `0x${n.toString(16).toUpperCase().padStart(4, '0')}`;

  /** What a frame says, in a line: unit, function, registers, values, exception, CRC, faults. */
  function describe(frame) {
    const parts = [];
    if (frame.unit !== null) parts.push(`unit ${frame.unit}`);
    if (frame.transaction !== null) parts.push(`tx ${frame.transaction}`);
    if (frame.function !== null) parts.push(`fc ${hex2(frame.function)}`);
    if (frame.address !== null) parts.push(`${hex4(frame.address)} ×${frame.quantity}`);
    const values = Object.entries(frame.values).map(([key, value]) => `${key} ${value}`);
    if (values.length) parts.push(values.join(', '));
    if (frame.exception !== null) parts.push(`exception ${hex2(frame.exception)}`);
    if (frame.crc === 'bad') parts.push('CRC bad');
    if (frame.problem) parts.push(frame.problem);
    return parts.join(' · ');
  }

  function shown(frame, filter) {
    if (filter === '') return true;
    if (filter === 'other') return ![3, 6, 16].includes(frame.function);
    return frame.function === Number(filter);
  }

  function renderTraffic() {
    const filter = $('traffic-function').value;
    const rows = traffic.frames.filter(f => shown(f, filter)).reverse().map(frame => {
      const decoded = el('td', { className: 'decoded', textContent: describe(frame) });
      if (frame.faults.length) decoded.append(el('span', { className: 'fault', textContent: ` · fault ${frame.faults.join(', ')}` }));
      const row = el('tr', { className: frame.crc === 'bad' || frame.problem ? 'broken' : '' }, [
        el('td', { textContent: frame.time.substring(11, 23), title: frame.time }),
        el('td', { textContent: frame.direction, title: `${frame.transport} ${frame.link}` }),
        el('td', { className: 'hex', textContent: frame.hex }),
        decoded,
      ]);
      row.dataset.direction = frame.direction;
      row.dataset.seq = frame.seq;
      return row;
    });
    $('traffic').tBodies[0].replaceChildren(...rows);
  }

  async function pollTraffic() {
    if (!traffic.paused) {
      const query = traffic.last === null ? `limit=${TRAFFIC_ROWS}` : `since=${traffic.last}&limit=500`;
      try {
        const doc = await getJson(`${API}/traffic?${query}`);
        $('capture-link').hidden = !doc.capture;
        traffic.last = doc.last;
        if (doc.frames.length) {
          traffic.frames = traffic.frames.concat(doc.frames).slice(-TRAFFIC_ROWS);
          renderTraffic();
        }
      } catch (e) {
        // the twin cannot be reached: the link says so; the next poll tries again
      }
      await refreshFaults();
    }
    setTimeout(pollTraffic, TRAFFIC_POLL_MILLIS);
  }

  function wireTraffic() {
    $('traffic-function').addEventListener('change', renderTraffic);
    const pause = $('traffic-pause');
    pause.addEventListener('click', () => {
      traffic.paused = !traffic.paused;
      pause.setAttribute('aria-pressed', String(traffic.paused));
      pause.textContent = traffic.paused ? 'Resume' : 'Pause';
    });
  }

  async function startFaultsAndTraffic() {
    $('traffic-link').href = `${API}/traffic`;
    try {
      buildFaults(await getJson('/api/fault-kinds'));
    } catch (e) {
      buildFaults({ reply: [], wiring: [] });
    }
    wireTraffic();
    pollTraffic();
  }

  // ---- the event stream -------------------------------------------------------------------

  function connect() {
    const link = $('link');
    const source = new EventSource(`${API}/events`);
    source.addEventListener('state', event => {
      link.dataset.state = 'live';
      link.textContent = 'live';
      render(JSON.parse(event.data));
    });
    source.addEventListener('error', () => {
      link.dataset.state = 'lost';
      if (source.readyState === EventSource.CLOSED) {
        // refused (503) or not an event stream: the browser gives up, so try again later
        link.textContent = 'no connection, retrying…';
        setTimeout(connect, 3000);
      } else {
        link.textContent = 'reconnecting…';
      }
    });
  }

  /**
   * Links the fleet page when the site has more than one meter, and makes sure the meter asked for
   * is there before the page listens to it: a meter that is not there gets the API's message.
   */
  async function start() {
    $('state-link').href = `${API}/state`;
    $('events-link').href = `${API}/events`;
    try {
      const [site, state] = await Promise.all([
        fetch('/api/meters?limit=0', { cache: 'no-store' }),
        fetch(`${API}/state`, { cache: 'no-store' }),
      ]);
      const total = site.ok ? (await site.json()).total : 1;
      $('fleet-size').textContent = total.toLocaleString('en');
      $('fleet-link').hidden = total < 2 && METER === null;
      if (state.status === 404) {
        const link = $('link');
        link.dataset.state = 'lost';
        link.textContent = 'no such meter';
        say((await state.json()).error, true);
        return;
      }
    } catch (e) {
      // the twin cannot be reached yet: the event stream retries by itself
    }
    if (METER !== null) document.title = `PRO380-Compact twin · meter ${METER}`;
    connect();
  }

  buildTables();
  buildCharts();
  wireControls();
  loadHistory().then(start).then(startFaultsAndTraffic);
  watchScenario();
})();
