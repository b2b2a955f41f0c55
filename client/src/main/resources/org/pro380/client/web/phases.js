// The table of a meter's values per phase, for the twin's front panel and pro380 ui: voltage,
// current, active, reactive and apparent power, power factor, direction and quadrant of L1, L2, L3
// and in total. It takes the registers as both serve them ({key: {value, name, address, error}}).
// Plain JavaScript; its look is panel.css's table.values.
'use strict';

window.Pro380Phases = (() => {
  const PHASES = ['l1', 'l2', 'l3'];

  /** The rows: label, register key prefix, unit, decimals (null: as it is), the total's key. */
  const ROWS = [
    ['voltage', 'voltage', 'V', 1, null],
    ['current', 'current', 'A', 2, null],
    ['active power', 'active-power', 'kW', 3, 'active-power'],
    ['reactive power', 'reactive-power', 'kvar', 3, 'reactive-power'],
    ['apparent power', 'apparent-power', 'kVA', 3, 'apparent-power'],
    ['power factor', 'power-factor', '', 3, 'power-factor'],
    ['direction', 'direction', '', null, null],
    ['quadrant', 'quadrant', '', null, 'quadrant'],
  ];

  const el = (tag, props = {}, children = []) => {
    const node = Object.assign(document.createElement(tag), props);
    node.append(...children);
    return node;
  };

  function format(value, places) {
    return typeof value === 'number' && places !== null ? value.toFixed(places) : String(value);
  }

  /** A cell with a register's value to `places` decimals; '—' with the reason when it cannot be read. */
  function fill(cell, register, places) {
    if (!cell || !register) return;
    if (register.value === null) {
      cell.textContent = '—';
      cell.title = register.error || '';
      return;
    }
    cell.textContent = format(register.value, places);
    cell.title = `${register.name} (${register.address})`;
  }

  /**
   * The table in `table` (a <table class="values">): its head and a row per quantity, each cell
   * with the id prefix + register key (val-voltage-l1, val-active-power). Returns
   * {show(registers, powered)}; the total direction is import, export or mixed (marked).
   */
  function create(table, { prefix = 'val-' } = {}) {
    const head = ['', 'L1', 'L2', 'L3', 'total'].map(text => el('th', { scope: 'col', textContent: text }));
    table.replaceChildren(el('thead', {}, [el('tr', {}, head)]), el('tbody'));
    for (const [label, key, unit, , total] of ROWS) {
      const cells = PHASES.map(p => el('td', { id: `${prefix}${key}-${p}` }));
      cells.push(el('td', { id: total ? `${prefix}${total}` : `${prefix}${key}-total` }));
      table.tBodies[0].append(el('tr', {}, [el('th', { scope: 'row', textContent: unit ? `${label}, ${unit}` : label }), ...cells]));
    }
    const cell = id => document.getElementById(prefix + id);

    function show(registers, powered = true) {
      for (const [, key, , places, total] of ROWS) {
        for (const p of PHASES) fill(cell(`${key}-${p}`), registers[`${key}-${p}`], places);
        if (total) fill(cell(total), registers[total], places);
      }
      const exporting = PHASES.filter(p => registers[`direction-${p}`] && String(registers[`direction-${p}`].value).endsWith('R')).length;
      const flow = exporting === 0 ? 'import' : exporting === 3 ? 'export' : 'mixed';
      const direction = cell('direction-total');
      direction.textContent = flow;
      direction.className = flow === 'mixed' ? 'warn' : '';
      table.classList.toggle('off', !powered);
    }

    return { show };
  }

  return { create, fill, format };
})();
