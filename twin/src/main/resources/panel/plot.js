// Line charts on a <canvas>, for the front panel: a time axis that ends now, a value axis with
// round steps, one line per series. No library; sized to the canvas's CSS box and the screen's
// pixel ratio on every draw.
'use strict';

window.Plot = (() => {
  const FONT = '11px system-ui, sans-serif';
  const PAD = { left: 46, right: 12, top: 8, bottom: 20 };

  /** A round step (1, 2 or 5 times a power of ten) giving about `count` intervals over `span`. */
  function step(span, count) {
    const raw = span / count;
    const power = Math.pow(10, Math.floor(Math.log10(raw)));
    const unit = raw / power;
    return power * (unit <= 1 ? 1 : unit <= 2 ? 2 : unit <= 5 ? 5 : 10);
  }

  function decimals(stepSize) {
    return Math.max(0, Math.min(3, -Math.floor(Math.log10(stepSize))));
  }

  /**
   * Draws `series` ([{color, dash?, points: [[timeMillis, value], ...]}]) over the `windowMillis`
   * before `now`. The value axis always includes 0.
   */
  function draw(canvas, series, { now, windowMillis, minSpan = 0.01 }) {
    const ratio = window.devicePixelRatio || 1;
    const width = canvas.clientWidth;
    const height = canvas.clientHeight;
    if (width === 0 || height === 0) {
      return;
    }
    if (canvas.width !== Math.round(width * ratio) || canvas.height !== Math.round(height * ratio)) {
      canvas.width = Math.round(width * ratio);
      canvas.height = Math.round(height * ratio);
    }
    const g = canvas.getContext('2d');
    g.setTransform(ratio, 0, 0, ratio, 0, 0);
    g.clearRect(0, 0, width, height);

    let low = 0;
    let high = 0;
    for (const s of series) {
      for (const [, v] of s.points) {
        low = Math.min(low, v);
        high = Math.max(high, v);
      }
    }
    if (high - low < minSpan) {
      high = low + minSpan;
    }
    const ySteps = Math.max(2, Math.floor((height - PAD.top - PAD.bottom) / 28));
    const yStep = step(high - low, ySteps);
    low = Math.floor(low / yStep) * yStep;
    high = Math.ceil(high / yStep) * yStep;

    const plotW = width - PAD.left - PAD.right;
    const plotH = height - PAD.top - PAD.bottom;
    const start = now - windowMillis;
    const x = t => PAD.left + ((t - start) / windowMillis) * plotW;
    const y = v => PAD.top + (1 - (v - low) / (high - low)) * plotH;

    g.font = FONT;
    g.lineWidth = 1;
    g.strokeStyle = '#e3e6ea';
    g.fillStyle = '#5c6670';
    g.textAlign = 'right';
    g.textBaseline = 'middle';
    const places = decimals(yStep);
    for (let v = low; v <= high + yStep / 2; v += yStep) {
      const py = Math.round(y(v)) + 0.5;
      g.beginPath();
      g.moveTo(PAD.left, py);
      g.lineTo(width - PAD.right, py);
      g.stroke();
      g.fillText((Math.abs(v) < yStep / 2 ? 0 : v).toFixed(places), PAD.left - 6, py);
    }
    g.textAlign = 'center';
    g.textBaseline = 'top';
    const minutes = Math.round(windowMillis / 60000);
    for (let m = 0; m <= minutes; m++) {
      const px = Math.round(x(start + m * 60000)) + 0.5;
      g.beginPath();
      g.moveTo(px, PAD.top);
      g.lineTo(px, PAD.top + plotH);
      g.stroke();
      g.textAlign = m === minutes ? 'right' : m === 0 ? 'left' : 'center';
      g.fillText(m === minutes ? 'now' : `−${minutes - m} min`, px, PAD.top + plotH + 5);
    }
    if (low < 0 && high > 0) {
      g.strokeStyle = '#9aa3ad';
      g.beginPath();
      g.moveTo(PAD.left, Math.round(y(0)) + 0.5);
      g.lineTo(width - PAD.right, Math.round(y(0)) + 0.5);
      g.stroke();
    }

    g.save();
    g.beginPath();
    g.rect(PAD.left, PAD.top - 1, plotW, plotH + 2);
    g.clip();
    g.lineWidth = 2;
    g.lineJoin = 'round';
    for (const s of series) {
      g.strokeStyle = s.color;
      g.setLineDash(s.dash || []);
      g.beginPath();
      s.points.forEach(([t, v], i) => (i === 0 ? g.moveTo(x(t), y(v)) : g.lineTo(x(t), y(v))));
      g.stroke();
    }
    g.restore();
  }

  return { draw };
})();
