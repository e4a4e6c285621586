// The live gates of a cell page (a Streamlit custom component v2, no iframe).
//
// Python sends: the gates figure (Plotly JSON), the controls (weights, biases, per-gate
// knobs) and, for the control in use, every frame of its step grid computed by the engine
// (lab/live/frames.py). While a thumb moves, only the frame for its value is picked and
// drawn into the existing chart: no server round trip, no remount. On release (or a
// short pause after keyboard steps) the value goes back as the trigger "commit"; hovering
// or focusing a control asks for its frames with the trigger "want".
// The figure comes only when this chart does not draw it yet (data.figure_rev names it);
// after a release the server sends a "patch" instead: the chart draws the released frame
// and, as the previous run's ghost, the frame it started from. A chart that finds itself
// without the figure it was told it has asks for it ("want" = "#figure").
// This function runs again on every rerun with new data: it keeps its state on the root.

const COMMIT_AFTER_KEYS_MS = 400;
const HOVER_WANT_MS = 120;  // a pointer flying over the column asks for nothing

function b64ToFloat64(text) {
  const bin = atob(text);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return new Float64Array(bytes.buffer);
}

function fmt(v) {
  if (!Number.isFinite(v)) return String(v);
  const a = Math.abs(v);
  const s = a !== 0 && a < 0.01 ? v.toExponential(1) : v.toFixed(3);
  return s.replace(/\.?0+$/, '').replace(/^-0$/, '0').replace('-', '\u2212');
}

let plotlyPromise = null;
function loadPlotly(url) {
  if (window.Plotly) return Promise.resolve(window.Plotly);
  if (!url) return Promise.reject(new Error('the app could not serve plotly.min.js'));
  if (!plotlyPromise) {
    plotlyPromise = new Promise((resolve, reject) => {
      const tag = document.createElement('script');
      tag.src = url;
      tag.async = true;
      tag.onload = () => (window.Plotly ? resolve(window.Plotly) : reject(new Error('no Plotly')));
      tag.onerror = () => { plotlyPromise = null; reject(new Error('cannot load ' + url)); };
      document.head.appendChild(tag);
    });
  }
  return plotlyPromise;
}

function el(tag, cls, text) {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
}

// ---------------------------------------------------------------- controls

function signature(data) {
  return JSON.stringify([data.groups, data.controls.map(c => [c.id, c.label, c.kind])]);
}

function buildControls(s) {
  const box = s.root.querySelector('.gl-controls');
  box.textContent = '';
  s.ctl = {};
  const byGroup = {};
  for (const g of s.data.groups) {
    const sec = el('section', 'gl-gate');
    const head = el('div', 'gl-gate-head');
    head.appendChild(el('span', 'gl-gate-name', g.title));
    sec.appendChild(head);
    const eq = el('div', 'gl-eq');
    eq.innerHTML = g.equation;  // trusted: built in Python from the lab's own equations
    sec.appendChild(eq);
    box.appendChild(sec);
    byGroup[g.block] = sec;
  }
  for (const c of s.data.controls) {
    const row = el('label', 'gl-row gl-' + c.kind);
    const name = el('span', 'gl-name', c.text);
    name.title = c.text;  // the whole name, should a narrow column cut it
    const input = document.createElement('input');
    input.type = 'range';
    input.setAttribute('aria-label', c.label);
    input.dataset.control = c.id;
    if (c.kind === 'weight') input.dataset.weight = c.label;
    else input.dataset.knob = c.id;
    const out = el('output', 'gl-value');
    row.append(name, input, out);
    (byGroup[c.block] || box).appendChild(row);
    const ctl = { c, input, out, held: false };
    s.ctl[c.id] = ctl;
    wire(s, ctl);
  }
}

function setRange(ctl, c) {
  const { input } = ctl;
  const old = ctl.c;
  if (old && old.min === c.min && old.max === c.max && old.step === c.step &&
      old.value === c.value && ctl.shown) {
    ctl.c = c;  // nothing to redraw (attribute writes would cost a style recalculation)
    return;
  }
  ctl.shown = true;
  input.min = String(c.min);
  input.max = String(c.max);
  input.step = String(c.step);
  input.value = String(c.value);
  ctl.c = c;
  showValue(ctl, c.value);
}

function showValue(ctl, v) {
  ctl.out.textContent = fmt(v);
  ctl.input.setAttribute('aria-valuetext', fmt(v));
}

function indexOf(ctl) {
  const { c, input } = ctl;
  const k = Math.round((input.valueAsNumber - c.min) / c.step);
  return Math.min(Math.max(k, 0), c.n - 1);
}

function valueAt(s, ctl, k) {
  const sw = s.sweep;
  if (sw && sw.id === ctl.c.id && sw.rev === s.data.rev) return sw.grid[k];
  const v = ctl.c.value + (k - ctl.c.k) * ctl.c.step;
  return k === ctl.c.k ? ctl.c.value : Math.round(v * 1e10) / 1e10;
}

function want(s, id) {
  const key = s.data.rev + '|' + id;
  if ((s.sweep && s.sweep.id === id && s.sweep.rev === s.data.rev) || s.asked === key) return;
  s.asked = key;
  s.trigger('want', id);
}

// A drag beyond the frames sent asks for those around index k (one request at a time).
function wantAround(s, id, k) {
  const key = s.data.rev + '|' + id + '@';
  if (s.asked === key) return;
  s.asked = key;
  s.trigger('want', id + '@' + k);
}

function commit(s, ctl) {
  clearTimeout(s.keyTimer);
  ctl.keyPending = false;
  const k = indexOf(ctl);
  const value = valueAt(s, ctl, k);
  if (value === ctl.c.value) return;
  s.committed = { id: ctl.c.id, value, rev: s.data.rev, t: performance.now() };
  s.trigger('commit', { id: ctl.c.id, value });
}

function wire(s, ctl) {
  const { input } = ctl;
  const id = ctl.c.id;
  input.addEventListener('pointerleave', () => { if (s.hover === id) s.hover = null; });
  input.addEventListener('pointerenter', () => {
    s.hover = id;
    clearTimeout(s.hoverTimer);
    s.hoverTimer = setTimeout(() => want(s, id), HOVER_WANT_MS);
  });
  input.addEventListener('focus', () => want(s, id));
  input.addEventListener('pointerdown', () => {
    ctl.held = true; ctl.viaPointer = true; s.active = id; want(s, id);
  });
  input.addEventListener('keydown', () => { ctl.viaPointer = false; s.active = id; want(s, id); });
  input.addEventListener('input', () => {
    s.active = id;
    want(s, id);
    const k = indexOf(ctl);
    showValue(ctl, valueAt(s, ctl, k));
    s.frame = { id, k };
    if (!s.raf) s.raf = requestAnimationFrame(() => { s.raf = 0; drawFrame(s); });
  });
  input.addEventListener('change', () => {
    if (ctl.held || ctl.viaPointer) return;  // the pointer's release commits
    clearTimeout(s.keyTimer);
    ctl.keyPending = true;
    s.keyTimer = setTimeout(() => commit(s, ctl), COMMIT_AFTER_KEYS_MS);
  });
  const release = () => {
    if (!ctl.held) return;
    ctl.held = false;
    commit(s, ctl);
  };
  input.addEventListener('pointerup', release);
  input.addEventListener('lostpointercapture', release);
}

// ---------------------------------------------------------------- chart

function frameUpdate(s, k, map) {
  const sw = s.sweep;
  const [, P, L, H] = sw.shape;
  k -= sw.k0;
  const ys = [], yIdx = [], zs = [], zIdx = [];
  for (const [ti, p, u] of map || s.fig.map) {
    const base = (k * P + p) * L * H;
    if (u >= 0) {
      const y = new Array(L);
      for (let t = 0; t < L; t++) y[t] = sw.frames[base + t * H + u];
      ys.push(y); yIdx.push(ti);
    } else {
      const z = [];
      for (let j = 0; j < H; j++) {
        const row = new Array(L);
        for (let t = 0; t < L; t++) row[t] = sw.frames[base + t * H + j];
        z.push(row);
      }
      zs.push(z); zIdx.push(ti);
    }
  }
  return { ys, yIdx, zs, zIdx };
}

// The lines' SVG of trace index -> {line, points, xa, ya}, found once per drawn figure.
function svgTraces(s) {
  if (s.svg && s.svg.gd === s.gd && s.svg.rev === s.drawnRev) return s.svg.map;
  const map = {};
  const full = s.gd._fullLayout;
  for (const g of s.gd.querySelectorAll('.scatterlayer .trace')) {
    const cd = g.__data__;
    const tr = cd && cd[0] && cd[0].trace;
    if (!tr) continue;
    const xa = full[tr.xaxis.replace('x', 'xaxis')], ya = full[tr.yaxis.replace('y', 'yaxis')];
    const line = g.querySelector('path.js-line');
    const points = Array.from(g.querySelectorAll('.points path.point'));
    if (xa && ya && line) map[tr.index] = { line, points, xa, ya, x: tr.x };
  }
  s.svg = { gd: s.gd, rev: s.drawnRev, map };
  return map;
}

// A frame straight into the existing SVG: each line's path and its markers move to the
// new values on the axes as drawn (a restyle would recompute and redraw every subplot,
// 40-300 ms on a busy 2-core machine; this is ~1 ms). gd.data follows, so what Plotly
// holds is what is shown; the release redraws the chart properly (Plotly.react).
function drawLines(s, ys, yIdx) {
  const map = svgTraces(s);
  if (!yIdx.every((i) => map[i])) return false;
  // A value beyond its panel's axis (a cell state past 1, a ReLU): let Plotly rescale.
  const grow = {};
  yIdx.forEach((i, n) => {
    const [lo, hi] = map[i].ya.range;
    const a = Math.min(lo, hi), b = Math.max(lo, hi);
    if (ys[n].some((v) => v < a || v > b)) grow[map[i].ya._name + '.autorange'] = true;
  });
  if (Object.keys(grow).length) {
    window.Plotly.update(s.gd, { y: ys }, grow, yIdx);
    s.svg = null;
    return true;
  }
  yIdx.forEach((i, n) => {
    const { line, points, xa, ya, x } = map[i];
    const y = ys[n];
    let d = '';
    for (let t = 0; t < y.length; t++) {
      const px = xa.c2p(x[t]), py = ya.c2p(Math.min(Math.max(y[t], -1e6), 1e6));
      d += (t ? 'L' : 'M') + px.toFixed(2) + ',' + py.toFixed(2);
      if (points[t]) points[t].setAttribute('transform', `translate(${px.toFixed(2)},${py.toFixed(2)})`);
    }
    line.setAttribute('d', d);
    s.gd.data[i].y = y;
  });
  return true;
}

function drawFrame(s) {
  const f = s.frame;
  const sw = s.sweep;
  if (!f || !s.gd || !s.fig || !sw || sw.id !== f.id || sw.rev !== s.data.rev) return;
  const status = s.root.querySelector('.gl-status');
  if (f.k < sw.k0 || f.k >= sw.k0 + sw.shape[0]) {  // beyond the frames sent (long inputs)
    status.textContent = s.data.text.beyond;
    wantAround(s, f.id, f.k);
    return;
  }
  if (status.textContent === s.data.text.beyond) status.textContent = '';
  const { ys, yIdx, zs, zIdx } = frameUpdate(s, f.k);
  if (yIdx.length && !drawLines(s, ys, yIdx)) window.Plotly.restyle(s.gd, { y: ys }, yIdx);
  if (zIdx.length) window.Plotly.restyle(s.gd, { z: zs }, zIdx);
  s.gd.dataset.frame = f.id + '@' + f.k;
}

// After a release: the figure the server describes is this one with the released frame
// live and the frame the thumb started from as the ghost, both from the frames held.
function patchFigure(s) {
  const p = s.data.patch, sw = s.sweep;
  if (!p || !s.gd || !s.gd.data || !s.fig || p.from !== s.drawnRev) return false;
  if (!sw || sw.id !== p.id) return false;
  const inside = (k) => k >= sw.k0 && k < sw.k0 + sw.shape[0];
  if (!inside(p.live) || !inside(p.ghost)) return false;
  const now = frameUpdate(s, p.live, s.fig.map);
  const old = frameUpdate(s, p.ghost, s.fig.ghost);
  const ys = now.ys.concat(old.ys), idx = now.yIdx.concat(old.yIdx);
  if (idx.length) window.Plotly.restyle(s.gd, { y: ys }, idx);
  if (now.zIdx.length) window.Plotly.restyle(s.gd, { z: now.zs }, now.zIdx);
  s.svg = null;
  s.drawnRev = s.data.figure_rev;
  return true;
}

function askFigure(s) {
  if (s.askedFig === s.data.figure_rev) return;
  s.askedFig = s.data.figure_rev;
  s.trigger('want', '#figure');
}

function fitLayout(s, layout) {
  const out = Object.assign({}, layout);
  // the app header (60 px) and a gap; on a phone half the screen, as the chart stays in
  // view above the controls (live.css)
  const phone = window.matchMedia && window.matchMedia('(max-width: 760px)').matches;
  const room = phone ? Math.max(300, Math.round(window.innerHeight * 0.5))
    : Math.max(360, window.innerHeight - 76);
  if (s.data.fit && out.height && out.height > room) out.height = room;
  out.autosize = true;
  delete out.width;
  return out;
}

function drawFigure(s) {
  const fig = s.fig.figure;
  const layout = fitLayout(s, fig.layout);
  s.root.querySelector('.gl-chart').style.minHeight = (layout.height || 400) + 'px';
  const config = Object.assign({ responsive: true }, s.data.config);
  // New traces (a size changed): a fresh plot is cheaper than react's diff of everything;
  // both draw within this task, so the old chart stays until the new one replaces it.
  const shape = fig.data.map((t) => t.type + (t.yaxis || '')).join();
  const how = s.gd.data && shape === s.drawnShape ? 'react' : 'newPlot';
  const done = window.Plotly[how](s.gd, fig.data, layout, config);
  s.drawnShape = shape;
  s.drawnRev = s.fig.rev;
  s.drawnHeight = layout.height;
  return done;
}

// Is a thumb away from the value the chart was drawn for (held, or stepped by keys)?
function framePending(s) {
  const f = s.frame;
  const ctl = f && s.ctl[f.id];
  if (!ctl) return false;
  f.k = indexOf(ctl);
  return ctl.held || f.k !== ctl.c.k;
}

function render(s) {
  if (!s.gd) s.gd = s.root.querySelector('.gl-chart');
  if (s.drawnRev !== s.data.figure_rev || !s.gd.data) {
    if (s.fig && s.fig.rev === s.data.figure_rev) drawFigure(s);
    else if (!patchFigure(s)) { askFigure(s); return; }
  }
  if (framePending(s)) drawFrame(s);
  else s.frame = null;
  if (!s.onResize) {
    s.onResize = () => {
      if (!s.gd.isConnected) { window.removeEventListener('resize', s.onResize); return; }
      const h = fitLayout(s, s.fig.figure.layout).height;
      if (s.gd.data && h !== s.drawnHeight) {
        s.drawnHeight = h;
        window.Plotly.relayout(s.gd, { height: h });
      }
    };
    window.addEventListener('resize', s.onResize);
  }
}

// ---------------------------------------------------------------- entry

export default function (component) {
  const { data, parentElement, setTriggerValue, setStateValue } = component;
  const root = parentElement.querySelector('.gl-live');
  const s = root.__gl || (root.__gl = { root, ctl: {}, sig: null });
  s.trigger = setTriggerValue;
  s.setState = setStateValue;
  s.drawFrame = drawFrame;  // for tests/support/livelab probes
  s.data = data;
  if (data.figure) {
    s.fig = { figure: data.figure, map: data.map, ghost: data.ghost_map || [],
              rev: data.figure_rev };
  }
  root.classList.toggle('gl-present', !!data.present);
  root.classList.toggle('gl-no-controls', !data.controls.length);
  s.root.querySelector('.gl-controls-title').textContent = data.text.title;

  // New controls (a size changed) are built after the new chart is painted: the chart is
  // what the eye waits for. Known controls follow the settings at once.
  const sig = signature(data);
  const rebuild = sig !== s.sig;
  if (rebuild) s.frame = null;
  // a value sent is settled once the settings change (or the server kept them: 3 s)
  if (s.committed && (s.committed.rev !== data.rev || performance.now() - s.committed.t > 3000)) {
    s.committed = null;
  }
  const sync = () => {
    if (s.data !== data) return;  // newer data came meanwhile and syncs itself
    if (signature(data) !== s.sig) { s.sig = signature(data); buildControls(s); }
    for (const c of data.controls) {
      const ctl = s.ctl[c.id];
      // a thumb in the hand, or a value on its way to the server, stays where it is
      if (ctl.held || ctl.keyPending || (s.committed && s.committed.id === c.id)) continue;
      setRange(ctl, c);
    }
  };
  // (the first time there is no chart to wait for)
  const defer = rebuild && !!(s.gd && s.gd.data);
  if (!defer) sync();
  // A release of a control keeps its frames (only it changed; its grid's frames are
  // still the engine's), so the server does not send them again.
  const carry = data.carry;
  if (carry && s.sweep && s.sweep.id === carry.id && s.sweep.rev === carry.from) {
    s.sweep.rev = data.rev;
  }
  if (data.sweep && (!s.sweep || s.sweep.id !== data.sweep.id || s.sweep.rev !== data.rev
                     || s.sweep.k0 !== data.sweep.k0)) {
    s.asked = null;
    s.sweep = { id: data.sweep.id, rev: data.rev, grid: data.sweep.grid, k0: data.sweep.k0,
                shape: data.sweep.shape, frames: b64ToFloat64(data.sweep.frames) };
  }
  // for tests and benchmarks: whose frames are here, for which settings
  root.dataset.sweep = s.sweep && s.sweep.rev === data.rev ? s.sweep.id : '';
  root.dataset.rev = data.rev;
  // New settings (a size, the input, a release): the control under the pointer or the
  // keyboard asks for its frames again at once.
  const focused = Object.values(s.ctl).find((c) => c.input === document.activeElement);
  const near = s.hover || (focused && focused.c && focused.c.id);
  if (near && s.ctl[near] && !data.sweep) want(s, near);
  const status = root.querySelector('.gl-status');
  loadPlotly(data.plotly_url).then(() => {
    status.textContent = '';
    render(s);
    if (defer) requestAnimationFrame(() => setTimeout(sync, 0));
  }).catch((err) => {
    if (defer) sync();
    status.textContent = data.text.failed;
    setStateValue('failed', String(err && err.message || err));
  });
  // No cleanup function: Streamlit also calls it when newer data overtakes this call;
  // the resize listener removes itself once the chart has left the page.
}
