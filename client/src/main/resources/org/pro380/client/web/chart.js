// Time charts for the twin's front panel and the bridge's page, drawn by uPlot (served from the
// same jar): a time axis with clock-time labels (24 h), a value axis labelled with its unit and ticks at
// round values that always include 0, one line per series, a legend. Plain JavaScript.
'use strict';

window.Pro380Chart = (() => {
  const AXIS = { stroke: '#5c6670', grid: { stroke: '#e3e6ea', width: 1 }, ticks: { stroke: '#e3e6ea', width: 1 } };
  const CLOCK = uPlot.fmtDate('{HH}:{mm}');

  /**
   * A chart in `element` of `series` ([{label, color, dash?}]) against time, with `unit` on the
   * value axis. `windowMillis` (0: all of it) is the span of the time axis, ending at the newest
   * point. Returns {show(times, columns)}: times in epoch milliseconds, one column of values per
   * series, null for a gap. The element carries the count and the first time of the points shown
   * (data-points, data-first) for scripts and tests.
   */
  function create(element, { unit, series, windowMillis = 0, minSpan = 0.01, height = 180 }) {
    const width = () => Math.max(element.clientWidth, 200);
    const options = {
      width: width(),
      height,
      legend: { live: false, markers: { fill: (u, i) => (i > 0 ? series[i - 1].color : null) } },
      cursor: { drag: { x: false, y: false } },
      scales: {
        x: {
          time: true,
          range: (u, min, max) => {
            const end = max ?? Date.now() / 1000;
            return windowMillis ? [end - windowMillis / 1000, end] : [min ?? end - 60, end];
          },
        },
        y: {
          range: (u, min, max) => {
            const low = Math.min(0, min ?? 0);
            const high = Math.max(0, max ?? 0, low + minSpan);
            return uPlot.rangeNum(low, high, 0.1, true);
          },
        },
      },
      axes: [
        Object.assign({ label: 'time', values: (u, splits) => splits.map(s => CLOCK(new Date(s * 1000))) }, AXIS),
        Object.assign({ label: unit, size: 60 }, AXIS),
      ],
      series: [{ label: 'time' }].concat(series.map(s => ({
        label: s.label, stroke: s.color, dash: s.dash, width: 2, points: { show: false },
      }))),
    };
    const plot = new uPlot(options, [[], ...series.map(() => [])], element);
    element.dataset.points = '0';
    element.dataset.axes = options.axes.map(a => a.label).join(',');
    new ResizeObserver(() => {
      if (plot.width !== width()) plot.setSize({ width: width(), height });
    }).observe(element);

    function show(times, columns) {
      plot.setData([times.map(t => t / 1000), ...columns]);
      element.dataset.points = String(times.length);
      element.dataset.first = times.length ? String(times[0]) : '';
    }

    return { show };
  }

  return { create };
})();
