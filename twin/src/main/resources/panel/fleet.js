// The fleet page: every meter of the site, a page at a time, from GET /api/meters, which sorts
// over the whole site and adds up every meter, so the page never holds more than one page of rows.
// Asked again every second. Plain JavaScript, no build step; see docs/panel.md.
'use strict';

(() => {
  const POLL_MILLIS = 1000;
  const PAGE_SIZES = [25, 50, 100, 500, 1000];
  const DEFAULT_LIMIT = 100;
  /** The order a column sorts in when first clicked: the largest values first for the measured ones. */
  const FIRST_ORDER = {
    index: 'asc', bus: 'asc', unitId: 'asc', serial: 'asc', powered: 'desc', activePower: 'desc', activeEnergy: 'desc',
  };

  const $ = id => document.getElementById(id);
  const el = (tag, props = {}, children = []) => {
    const node = Object.assign(document.createElement(tag), props);
    node.append(...children);
    return node;
  };

  const view = fromUrl();
  let total = null;
  let timer = 0;
  let asked = 0;
  let messageTimer = 0;

  /** The page, sort and order of the address (/fleet?offset=200&limit=100&sort=activePower&order=desc). */
  function fromUrl() {
    const params = new URLSearchParams(location.search);
    const whole = (text, fallback) => (/^\d{1,9}$/.test(text || '') ? Number(text) : fallback);
    const limit = whole(params.get('limit'), DEFAULT_LIMIT);
    const sort = params.get('sort');
    return {
      offset: whole(params.get('offset'), 0),
      limit: PAGE_SIZES.includes(limit) ? limit : DEFAULT_LIMIT,
      sort: sort in FIRST_ORDER ? sort : 'index',
      order: params.get('order') === 'desc' ? 'desc' : 'asc',
    };
  }

  function query() {
    return new URLSearchParams({
      offset: view.offset, limit: view.limit, sort: view.sort, order: view.order,
    }).toString();
  }

  /** Asks for the page now; a newer request makes the answer of an older one be dropped. */
  async function refresh() {
    clearTimeout(timer);
    const mine = ++asked;
    history.replaceState(null, '', `/fleet?${query()}`);
    $('list-link').href = `/api/meters?${query()}`;
    const link = $('link');
    try {
      const response = await fetch(`/api/meters?${query()}`, { cache: 'no-store' });
      const doc = await response.json();
      if (mine !== asked) return;
      if (!response.ok) {
        say(doc.error || `HTTP ${response.status}`);
      } else {
        link.dataset.state = 'live';
        link.textContent = 'live';
        render(doc);
      }
    } catch (e) {
      if (mine !== asked) return;
      link.dataset.state = 'lost';
      link.textContent = 'no connection, retrying…';
    }
    if (mine === asked) timer = setTimeout(refresh, POLL_MILLIS);
  }

  function render(doc) {
    total = doc.total;
    if (doc.offset >= total && total > 0) {
      // past the end (the page size grew): show the last page instead
      view.offset = lastOffset();
      refresh();
      return;
    }
    renderTotals(doc);
    renderRows(doc.meters);
    renderPager(doc);
    document.querySelectorAll('#meters th[data-sort]').forEach(th => {
      const sorted = th.dataset.sort === doc.sort;
      th.setAttribute('aria-sort', !sorted ? 'none' : doc.order === 'asc' ? 'ascending' : 'descending');
    });
  }

  function renderTotals(doc) {
    const t = doc.totals;
    $('total-meters').textContent = count(doc.total);
    $('total-powered').textContent = count(t.powered);
    $('total-power').textContent = t.activePower.toFixed(3);
    $('total-energy').textContent = t.activeEnergy.toFixed(2);
    const unknown = $('energy-unknown');
    unknown.hidden = t.energyUnknown === 0;
    unknown.textContent = `The energy of ${count(t.energyUnknown)} meter${t.energyUnknown === 1 ? ' is' : 's are'}`
      + ' unknown (storage error): not in the total.';
  }

  /** One row per meter of the page; rows are kept and refilled, so a poll does not rebuild the table. */
  function renderRows(meters) {
    const body = $('meters').tBodies[0];
    while (body.rows.length > meters.length) body.deleteRow(-1);
    while (body.rows.length < meters.length) {
      body.append(el('tr', {}, [el('th', { scope: 'row' }, [el('a')]), ...[1, 2, 3, 4, 5, 6].map(() => el('td'))]));
    }
    meters.forEach((m, i) => {
      const row = body.rows[i];
      row.dataset.index = m.index;
      row.classList.toggle('off', !m.powered);
      const link = row.cells[0].firstChild;
      link.href = `/?meter=${m.index}`;
      link.textContent = m.index;
      row.cells[1].textContent = m.bus;
      row.cells[2].textContent = m.unitId;
      row.cells[3].textContent = m.serial;
      row.cells[4].textContent = m.powered ? 'on' : 'off';
      row.cells[5].textContent = m.activePower.toFixed(3);
      const energy = row.cells[6];
      energy.textContent = m.activeEnergy === null ? '—' : m.activeEnergy.toFixed(2);
      energy.title = m.activeEnergy === null ? 'unknown: the meter shows a storage error' : '';
    });
  }

  function renderPager(doc) {
    const shown = doc.meters.length;
    $('range').textContent = shown === 0 ? `none of ${count(doc.total)}`
      : `${count(doc.offset + 1)}–${count(doc.offset + shown)} of ${count(doc.total)}`;
    $('page').textContent = `page ${count(Math.floor(doc.offset / view.limit) + 1)} of ${count(pages())}`;
    $('page-first').disabled = doc.offset === 0;
    $('page-prev').disabled = doc.offset === 0;
    $('page-next').disabled = doc.offset + view.limit >= doc.total;
    $('page-last').disabled = doc.offset + view.limit >= doc.total;
    $('page-size').value = String(view.limit);
  }

  function pages() {
    return Math.max(1, Math.ceil(total / view.limit));
  }

  function lastOffset() {
    return (pages() - 1) * view.limit;
  }

  function count(n) {
    return n.toLocaleString('en');
  }

  function say(text) {
    const message = $('message');
    message.textContent = text;
    message.dataset.kind = 'error';
    message.hidden = false;
    clearTimeout(messageTimer);
    messageTimer = setTimeout(() => { message.hidden = true; }, 4000);
  }

  function go(offset) {
    view.offset = Math.max(0, offset);
    refresh();
  }

  function wire() {
    $('page-first').addEventListener('click', () => go(0));
    $('page-prev').addEventListener('click', () => go(view.offset - view.limit));
    $('page-next').addEventListener('click', () => go(view.offset + view.limit));
    $('page-last').addEventListener('click', () => go(lastOffset()));
    $('page-size').addEventListener('change', event => {
      view.limit = Number(event.target.value);
      go(Math.floor(view.offset / view.limit) * view.limit);
    });
    document.querySelectorAll('#meters th[data-sort] button').forEach(button => {
      button.addEventListener('click', () => {
        const key = button.parentElement.dataset.sort;
        view.order = key !== view.sort ? FIRST_ORDER[key] : view.order === 'asc' ? 'desc' : 'asc';
        view.sort = key;
        go(0);
      });
    });
    $('goto').addEventListener('submit', event => {
      event.preventDefault();
      const text = $('goto-meter').value.trim();
      const k = /^\d{1,9}$/.test(text) ? Number(text) : 0;
      if (k < 1 || (total !== null && k > total)) {
        say(`no meter "${text}": the meters of this site are 1 to ${total === null ? '…' : count(total)}`);
        return;
      }
      location.href = `/?meter=${k}`;
    });
  }

  wire();
  refresh();
})();
