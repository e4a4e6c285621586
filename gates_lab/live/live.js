// The live gates of a cell page (a Streamlit custom component v2, no iframe). Joined
// after plotly_adapter.js (every use of Plotly's internals) and input_editor.js (the
// input panel as an editor) into one module (gates_lab/live/component.py).
//
// Python sends: the gates figure (Plotly JSON), the controls (weights, biases, per-gate
// knobs) and, for the control in use, every frame of its step grid computed by the engine
// (gates_lab/live/frames.py). While a thumb moves, only the frame for its value is picked and
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
// A "want" whose frames have not come by then is asked again (a rerun that was running
// when it was sent can swallow it: the drag would then draw nothing while held).
const WANT_RETRY_MS = 1500;
const PREFETCH_STEPS = 8;  // this near the edge of the frames sent, the next are asked

// Frames come as raw float64 bytes after the data's JSON (the page: gates_lab/live/wire.py)
// or as base64 text inside it (the lesson file's embedded data).
function toFloat64(frames) {
  if (frames instanceof Float64Array) return frames;
  const bin = atob(frames);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return new Float64Array(bytes.buffer);
}

// The page's data: [n: uint32 LE][n bytes of JSON][the sweep's frames]; an object as is.
function readData(raw) {
  if (!(raw instanceof Uint8Array || raw instanceof ArrayBuffer)) return raw;
  const bytes = raw instanceof Uint8Array ? raw : new Uint8Array(raw);
  const n = new DataView(bytes.buffer, bytes.byteOffset, 4).getUint32(0, true);
  const data = JSON.parse(new TextDecoder().decode(bytes.subarray(4, 4 + n)));
  // a copy: its own buffer, 8-byte aligned, whatever the message's layout
  if (data.sweep) data.sweep.frames = new Float64Array(bytes.slice(4 + n).buffer);
  return data;
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

function asking(s, key) {
  return s.asked && s.asked.key === key && performance.now() - s.asked.at < WANT_RETRY_MS;
}

function want(s, id) {
  const key = s.data.rev + '|' + id;
  if ((s.sweep && s.sweep.id === id && s.sweep.rev === s.data.rev) || asking(s, key)) return;
  s.asked = { key, at: performance.now(), id };
  s.trigger('want', id);
  clearTimeout(s.retryTimer);
  s.retryTimer = setTimeout(() => retryWant(s), WANT_RETRY_MS + 50);
}

// The frames asked for are still missing: ask again if the control is still in use.
function retryWant(s) {
  const a = s.asked;
  if (!a || !a.id || (s.sweep && s.sweep.id === a.id && s.sweep.rev === s.data.rev)) return;
  const ed = s.ed, e = ed && (ed.held || ed.keys);
  const ctl = s.ctl[a.id];
  const inUse = (e && e.id === a.id) || s.hover === a.id ||
    (ctl && (ctl.held || ctl.input === document.activeElement)) ||
    (document.activeElement && document.activeElement.classList &&
     document.activeElement.classList.contains('gl-point'));
  if (inUse) { s.asked = null; want(s, a.id); }
}

// A drag beyond (or near the edge of) the frames sent asks for those around index k,
// one request at a time; ahead in the drag's direction when it is moving.
function wantAround(s, id, k) {
  const key = s.data.rev + '|' + id + '@';
  if (asking(s, key)) return;
  s.asked = { key, at: performance.now(), id: null };
  s.trigger('want', id + '@' + k);
}

function commit(s, ctl) {
  s.prefetched = null;
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

// Frame k of the frames held: every live trace's values (``map``: which traces, the live
// ones unless told). An input point's frames start at its step t0 (nothing before it
// changes): the steps before are the drawn figure's.
function frameUpdate(s, k, map) {
  const sw = s.sweep;
  const [, P, L, H] = sw.shape;
  const t0 = sw.t || 0;
  const drawn = s.fig.figure.data;
  k -= sw.k0;
  const ys = [], yIdx = [], zs = [], zIdx = [];
  for (const [ti, p, u] of map || s.fig.map) {
    const base = (k * P + p) * L * H;
    if (u >= 0) {
      const y = new Array(t0 + L);
      for (let t = 0; t < t0; t++) y[t] = drawn[ti].y[t];
      for (let t = 0; t < L; t++) y[t0 + t] = sw.frames[base + t * H + u];
      ys.push(y); yIdx.push(ti);
    } else {
      const z = [];
      for (let j = 0; j < H; j++) {
        const row = new Array(t0 + L);
        for (let t = 0; t < t0; t++) row[t] = drawn[ti].z[j][t];
        for (let t = 0; t < L; t++) row[t0 + t] = sw.frames[base + t * H + j];
        z.push(row);
      }
      zs.push(z); zIdx.push(ti);
    }
  }
  if (sw.t !== undefined) {  // the edited point itself, on the input panel
    const [, c] = sw.id.split(':').map(Number);
    const ch = s.data.inputs.channels.find((x) => x.c === c);
    if (ch) {
      const y = drawn[ch.trace].y.slice();
      y[t0] = sw.grid[k + sw.k0];
      ys.push(y); yIdx.push(ch.trace);
    }
  }
  return { ys, yIdx, zs, zIdx };
}

function drawFrame(s) {
  const f = s.frame;
  const sw = s.sweep;
  if (!f || !s.gd || !s.fig || !sw || sw.id !== f.id || sw.rev !== s.data.rev) return;
  const status = s.root.querySelector('.gl-status');
  const n = sw.grid.length, end = sw.k0 + sw.shape[0];
  if (f.k < sw.k0 || f.k >= end) {  // beyond the frames sent
    status.textContent = s.data.text.beyond;
    wantAround(s, f.id, f.k);
    return;
  }
  // Near an edge of the frames sent (and not the grid's): the next ones are asked now,
  // centred ahead of the drag, so they are here before it gets there.
  const dir = s.lastK === undefined ? 0 : Math.sign(f.k - s.lastK);
  s.lastK = f.k;
  if ((f.k - sw.k0 < PREFETCH_STEPS && sw.k0 > 0 && dir <= 0) ||
      (end - 1 - f.k < PREFETCH_STEPS && end < n && dir >= 0)) {
    const half = Math.floor(sw.shape[0] / 2);
    const ahead = dir === 0 ? f.k : f.k + dir * Math.max(half - PREFETCH_STEPS, 0);
    const key = sw.rev + '|' + f.id + '|' + sw.k0;
    if (s.prefetched !== key) {
      s.prefetched = key;
      wantAround(s, f.id, Math.min(Math.max(ahead, 0), n - 1));
    }
  }
  if (status.textContent === s.data.text.beyond || status.textContent === s.data.text.waiting) {
    status.textContent = '';
  }
  const { ys, yIdx, zs, zIdx } = frameUpdate(s, f.k);
  const keep = new Set(s.data.inputs.channels.map((c) => c.trace));
  PlotlyAdapter.setLines(s.gd, ys, yIdx, s.drawnRev, keep);
  PlotlyAdapter.setHeatmaps(s.gd, zs, zIdx);
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
  // The figure held is now the one the server named: its values are the patched ones
  // (an input point's frames take the steps before it from there, the editor its input).
  const traces = s.fig.figure.data;
  idx.forEach((i, n) => { traces[i].y = ys[n]; });
  now.zIdx.forEach((i, n) => { traces[i].z = now.zs[n]; });
  s.fig.rev = s.data.figure_rev;
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
  // the app header (60 px), a gap and the input editor's help line; on a phone half the
  // screen, as the chart stays in view above the controls (live.css)
  const help = s.root.querySelector('.gl-input-help');
  const line = help ? help.offsetHeight : 0;
  const phone = window.matchMedia && window.matchMedia('(max-width: 760px)').matches;
  const room = phone ? Math.max(300, Math.round(window.innerHeight * 0.5))
    : Math.max(360, window.innerHeight - 76 - line);
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
  Promise.resolve(done).then(() => { if (s.fig.figure === fig) editorSync(s); });
  s.drawnShape = shape;
  s.drawnRev = s.fig.rev;
  s.drawnHeight = layout.height;
  return done;
}

// Is a thumb or an input point away from the value the chart was drawn for (held, or
// stepped by keys)?
function framePending(s) {
  const f = s.frame;
  if (f && f.id.startsWith('x:')) return editPending(s);
  const ctl = f && s.ctl[f.id];
  if (!ctl) return false;
  f.k = indexOf(ctl);
  return ctl.held || f.k !== ctl.c.k;
}

function render(s) {
  if (!s.gd) s.gd = s.root.querySelector('.gl-chart');
  if (s.drawnRev !== s.data.figure_rev || !s.gd.data) {
    if (s.fig && s.fig.rev === s.data.figure_rev) drawFigure(s);
    else if (patchFigure(s)) editorSync(s);
    else { askFigure(s); return; }
  } else editorSync(s);
  if (framePending(s)) drawFrame(s);  // frames that came late are drawn as they come
  else s.frame = null;
  if (!s.onResize) {
    s.onResize = () => {
      if (!s.gd.isConnected) { window.removeEventListener('resize', s.onResize); return; }
      const h = fitLayout(s, s.fig.figure.layout).height;
      if (s.gd.data && h !== s.drawnHeight) {
        s.drawnHeight = h;
        Promise.resolve(window.Plotly.relayout(s.gd, { height: h })).then(() => editorSync(s));
      } else if (s.gd.data) editorSync(s);
    };
    window.addEventListener('resize', s.onResize);
  }
}

// ---------------------------------------------------------------- entry

export default function (component) {
  const { parentElement, setTriggerValue, setStateValue } = component;
  const data = readData(component.data);
  const root = parentElement.querySelector('.gl-live');
  const s = root.__gl || (root.__gl = { root, ctl: {}, sig: null });
  s.trigger = setTriggerValue;
  s.setState = setStateValue;
  s.drawFrame = drawFrame;  // for tests/support/livelab probes
  s.data = data;
  if (data.figure) {
    // rev: the figure it is now (a patch moves it on); sent: the one the server sent
    s.fig = { figure: data.figure, map: data.map, ghost: data.ghost_map || [],
              rev: data.figure_rev, sent: data.figure_rev };
  }
  root.classList.toggle('gl-present', !!data.present);
  root.classList.toggle('gl-no-controls', !data.controls.length);
  s.root.querySelector('.gl-controls-title').textContent = data.text.title;
  // before the chart is fitted to the window: this line's height is taken from it
  s.root.querySelector('.gl-input-help').textContent = data.inputs.help;

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
                shape: data.sweep.shape, t: data.sweep.t,
                frames: toFloat64(data.sweep.frames) };
  }
  // for tests and benchmarks: whose frames are here, for which settings
  root.dataset.sweep = s.sweep && s.sweep.rev === data.rev ? s.sweep.id : '';
  root.dataset.rev = data.rev;
  // New settings (a size, the input, a release): the control under the pointer or the
  // keyboard asks for its frames again at once.
  const focused = Object.values(s.ctl).find((c) => c.input === document.activeElement);
  const near = s.hover || (focused && focused.c && focused.c.id);
  if (near && s.ctl[near] && !data.sweep) want(s, near);
  const point = document.activeElement;
  if (point && point.classList && point.classList.contains('gl-point') && s.ed && !data.sweep &&
      root.contains(point)) {
    wantPoint(s, Number(point.dataset.channel), Number(point.dataset.step));
  }
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
