// Every use of Plotly.js internals by the live gates, in one place (plotly is allowed
// >=6,<8: an internal may go). Each feature is checked before use and has a fallback on
// Plotly's public API or the drawn DOM, so a newer Plotly draws the same, only slower:
// - axes: gd._fullLayout's axis objects (c2p, p2c, _offset) -> else the layout's own
//   ranges and the subplot's drag rectangle (.draglayer .<xy> .nsewdrag) in the DOM;
// - lines: the scatter trace's SVG nodes (their __data__ names the trace) written
//   directly (~1 ms) -> else Plotly.restyle (40-300 ms: a full redraw of every subplot).

const PlotlyAdapter = (() => {
  function fullAxis(gd, name) {
    const full = gd && gd._fullLayout;
    const ax = full && full[name];
    if (ax && typeof ax.c2p === 'function' && typeof ax.p2c === 'function' &&
        typeof ax._offset === 'number' && Array.isArray(ax.range)) return ax;
    return null;
  }

  // One axis as pixel <-> value functions, pixels from the top-left of gd.
  // name: 'xaxis', 'yaxis2', ...; sub: the subplot's id ('xy', 'x2y2') for the fallback.
  function axis(gd, name, sub) {
    const ax = fullAxis(gd, name);
    if (ax) {
      return { toPx: (v) => ax._offset + ax.c2p(v), toValue: (px) => ax.p2c(px - ax._offset),
               range: ax.range.slice(), offset: ax._offset, length: ax._length };
    }
    const own = (gd.layout || {})[name] || {};
    const rect = gd.querySelector('.draglayer .' + sub + ' .nsewdrag');
    if (!rect || !Array.isArray(own.range)) return null;
    const box = rect.getBoundingClientRect(), at = gd.getBoundingClientRect();
    const vertical = name[0] === 'y';
    const offset = vertical ? box.top - at.top : box.left - at.left;
    const length = vertical ? box.height : box.width;
    const [lo, hi] = own.range;
    const frac = (v) => (v - lo) / (hi - lo);
    return {
      toPx: (v) => offset + (vertical ? (1 - frac(v)) : frac(v)) * length,
      toValue: (px) => {
        const f = (px - offset) / length;
        return lo + (vertical ? 1 - f : f) * (hi - lo);
      },
      range: [lo, hi], offset, length,
    };
  }

  // trace index -> {line, points, xa, ya, x} of every drawn scatter line, or null when
  // the SVG cannot be matched to traces (then setLines restyles).
  function lineNodes(gd) {
    const full = gd._fullLayout;
    if (!full) return null;
    const map = {};
    for (const g of gd.querySelectorAll('.scatterlayer .trace')) {
      const cd = g.__data__;
      const tr = cd && cd[0] && cd[0].trace;
      if (!tr || typeof tr.index !== 'number' || !tr.xaxis || !tr.yaxis) continue;
      const xa = fullAxis(gd, tr.xaxis.replace('x', 'xaxis'));
      const ya = fullAxis(gd, tr.yaxis.replace('y', 'yaxis'));
      const line = g.querySelector('path.js-line');
      const points = Array.from(g.querySelectorAll('.points path.point'));
      if (xa && ya && line) map[tr.index] = { line, points, xa, ya, x: tr.x };
    }
    return map;
  }

  let nodes = { gd: null, key: null, map: null };

  // Lines idx[n] drawn with values ys[n]; key: what the drawn figure is (the nodes are
  // found again when it changes). Values beyond an axis let Plotly rescale it, except on
  // the axes of the traces in `keep` (the input being edited: its pixels must stay put).
  function setLines(gd, ys, idx, key, keep) {
    if (!idx.length) return;
    if (nodes.gd !== gd || nodes.key !== key || !nodes.map) {
      nodes = { gd, key, map: lineNodes(gd) };
    }
    const map = nodes.map;
    if (!map || !idx.every((i) => map[i])) {
      window.Plotly.restyle(gd, { y: ys }, idx);
      nodes.map = null;
      return;
    }
    const grow = {};
    idx.forEach((i, n) => {
      const [lo, hi] = map[i].ya.range;
      const a = Math.min(lo, hi), b = Math.max(lo, hi);
      if (!(keep && keep.has(i)) && ys[n].some((v) => v < a || v > b)) {
        grow[map[i].ya._name + '.autorange'] = true;
      }
    });
    if (Object.keys(grow).length) {
      window.Plotly.update(gd, { y: ys }, grow, idx);
      nodes.map = null;
      return;
    }
    idx.forEach((i, n) => {
      const { line, points, xa, ya, x } = map[i];
      const y = ys[n];
      let d = '';
      for (let t = 0; t < y.length; t++) {
        const px = xa.c2p(x[t]), py = ya.c2p(Math.min(Math.max(y[t], -1e6), 1e6));
        d += (t ? 'L' : 'M') + px.toFixed(2) + ',' + py.toFixed(2);
        if (points[t]) points[t].setAttribute('transform', `translate(${px.toFixed(2)},${py.toFixed(2)})`);
      }
      line.setAttribute('d', d);
      gd.data[i].y = y;  // what Plotly holds is what is shown
    });
  }

  function setHeatmaps(gd, zs, idx) {
    if (idx.length) window.Plotly.restyle(gd, { z: zs }, idx);
  }

  return { axis, setLines, setHeatmaps };
})();
