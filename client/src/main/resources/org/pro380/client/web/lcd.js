// The meter's LCD, for the twin's front panel and pro380 ui: the page showing, the cycle's pages
// below it with the current one marked, the backlight and each phase's mark. The words come from
// the server (the registers module's LcdText); this only draws them. Plain JavaScript; its look is
// panel.css's .lcd.
'use strict';

window.Pro380Lcd = (() => {
  /** The short names of the pages in the list under the display, by page id. */
  const LABELS = { err: 'ERR', total: 'Σ', t1: 'T1', t2: 'T2', t3: 'T3', crc: 'CRC' };

  const el = (tag, props, label) => {
    const node = Object.assign(document.createElement(tag), props);
    if (label) node.setAttribute('aria-label', label);
    return node;
  };

  /**
   * An LCD in `container`: the display (#id, with #id-text and #id-phases) and the list of its
   * pages (#id-pages). Returns {show(lcd)}: lcd is {pages: [{id, text}], page (the id showing),
   * backlight, phases: [{text}], powered}; without power the display is dark and empty.
   */
  function create(container, { id = 'lcd' } = {}) {
    const display = el('div', { id, className: 'lcd' }, 'LCD');
    const text = el('span', { id: `${id}-text`, className: 'lcd-text' });
    const marks = el('span', { id: `${id}-phases`, className: 'lcd-phases' }, 'phases');
    const list = el('ol', { id: `${id}-pages`, className: 'lcd-pages' }, 'LCD pages');
    display.append(text, marks);
    container.append(display, list);

    function show({ pages, page, backlight, phases, powered = true }) {
      const current = powered ? pages.find(p => p.id === page) : undefined;
      display.dataset.backlight = String(powered && backlight);
      display.dataset.page = current ? current.id : 'none';
      text.textContent = current ? current.text : '';
      marks.textContent = powered ? phases.map(p => p.text).filter(t => t).join('  ') : '';
      list.replaceChildren(...pages.map(p => el('li', {
        textContent: LABELS[p.id] || p.id,
        className: current && p.id === current.id ? 'current' : '',
        title: p.text,
      })));
    }

    return { show };
  }

  /**
   * An LCD whose pages cycle here, every cycleSeconds, for a meter whose display cannot be read
   * (its pages rebuilt from the registers). Returns {show(lcd)}: lcd as create's, with
   * cycleSeconds instead of page; the page showing stays when the pages are shown again.
   */
  function cycling(container, options) {
    const lcd = create(container, options);
    let last = null;
    let index = 0;
    let seconds = 0;
    let timer = 0;

    function draw() {
      index %= last.pages.length;
      lcd.show(Object.assign({}, last, { page: last.pages[index].id }));
    }

    function show(state) {
      last = state;
      if (state.cycleSeconds !== seconds) {
        seconds = state.cycleSeconds;
        clearInterval(timer);
        timer = setInterval(() => { index += 1; draw(); }, seconds * 1000);
      }
      draw();
    }

    return { show };
  }

  return { create, cycling };
})();
