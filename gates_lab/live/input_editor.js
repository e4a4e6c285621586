// The input panel of the live gates as an editor (issue 17). An overlay over the input
// subplot takes the pointer; one focusable point per channel (role="slider") takes the
// keyboard and sits over its drawn point, so the pointer and the keys meet in one place.
// - drag a point up or down: the engine's frames for that point (asked when it is hovered
//   or focused: "want" x:<c>:<t>) are drawn while the button is held; released, the value
//   is committed (the page reruns with it in its settings and link);
// - click: on a 0/1 channel a pulse is added or removed, elsewhere the point is set there;
// - Shift-drag: a stroke across steps, drawn at once and committed on release;
// - keys on a point: Left/Right step, Up/Down value (Page Up/Down bigger), Home/End.
// Uses live.js's want(), wantAround(), drawFrame() and PlotlyAdapter.

const POINT_KEYS_COMMIT_MS = 400;
const DRAG_SLOP_PX = 3;
const POINT_PAGE = 10;  // grid steps of a Page Up/Down

function edState(s) {
  return s.ed || (s.ed = { handles: [], pos: [], held: null, keys: null, hot: null, sig: '' });
}

function pointName(s, c, t) {
  return s.data.inputs.name.replace('{c}', c).replace('{t}', t);
}

function pointId(c, t) { return 'x:' + c + ':' + t; }

// The committed values of channel ch (as the figure draws them).
function drawnInput(s, ch) { return s.fig.figure.data[ch.trace].y; }

// The grid of a point's values, as gates_lab/live/controls.grid makes it: anchored at v0.
function pointGrid(s, id, v0) {
  const inp = s.data.inputs, step = inp.step;
  const lo = Math.min(inp.lo, v0), hi = Math.max(inp.hi, v0);
  const below = Math.floor((v0 - lo) / step + 1e-9);
  const above = Math.floor((hi - v0) / step + 1e-9);
  const sw = s.sweep;
  const own = sw && sw.id === id && sw.rev === s.data.rev ? sw.grid : null;
  return {
    n: below + above + 1, below,
    at: (k) => (own ? own[k] : (k === below ? v0
      : Math.min(Math.max(Math.round((v0 + (k - below) * step) * 1e10) / 1e10, lo), hi))),
    index: (v) => Math.min(Math.max(Math.round((v - v0) / step) + below, 0), below + above),
  };
}

function inputAxes(s) {
  if (!s.gd || !s.gd.data) return null;
  // gates_lab/figures/over_time.py draws the input first, on axes x and y
  const xa = PlotlyAdapter.axis(s.gd, 'xaxis', 'xy');
  const ya = PlotlyAdapter.axis(s.gd, 'yaxis', 'xy');
  return xa && ya ? { xa, ya } : null;
}

function buildHandles(s) {
  const ed = edState(s), inp = s.data.inputs;
  const box = s.root.querySelector('.gl-editor');
  box.textContent = '';
  ed.handles = inp.channels.map((ch) => {
    const h = el('div', 'gl-point');
    h.tabIndex = 0;
    h.setAttribute('role', 'slider');
    h.setAttribute('aria-orientation', 'vertical');
    h.dataset.channel = String(ch.c);
    h.addEventListener('focus', () => {
      if (!ed.held) chartInView(s);
      placeHandle(s, ch);
      wantPoint(s, ch.c, ed.pos[ch.c]);
    });
    h.addEventListener('keydown', (e) => pointKey(s, ch, e));
    box.appendChild(h);
    return h;
  });
  ed.pos = inp.channels.map((ch, i) => Math.min(ed.pos[i] || 0, inp.length - 1));
  if (!box.dataset.wired) { box.dataset.wired = '1'; wireOverlay(s, box); }
}

// The value shown for channel ch at step t: the one being edited, else the drawn one.
function shownValue(s, ch, t) {
  const ed = edState(s);
  const e = ed.held || ed.keys;
  if (e && e.c === ch.c && e.t === t && e.value !== undefined) return e.value;
  // a value sent to the server stays shown until the settings that hold it come back
  const sent = ed.sent;
  if (sent && sent.rev === s.data.rev && sent.c === ch.c && sent.t === t) return sent.value;
  return drawnInput(s, ch)[t];
}

function placeHandle(s, ch) {
  const ed = edState(s), ax = ed.ax;
  const h = ed.handles[ch.c];
  if (!h || !ax) return;
  const t = ed.pos[ch.c];
  const v = shownValue(s, ch, t);
  const inp = s.data.inputs;
  h.style.left = (ax.xa.toPx(t) - ax.xa.offset) + 'px';
  h.style.top = (ax.ya.toPx(v) - ax.ya.offset) + 'px';
  h.setAttribute('aria-label', pointName(s, ch.c, t));
  h.setAttribute('aria-valuenow', String(v));
  h.setAttribute('aria-valuemin', String(Math.min(inp.lo, v)));
  h.setAttribute('aria-valuemax', String(Math.max(inp.hi, v)));
  h.setAttribute('aria-valuetext', fmt(v));
  h.dataset.step = String(t);
}

// After every drawn figure (and resize): the overlay over the input subplot, the points.
function editorSync(s) {
  const ed = edState(s), inp = s.data.inputs;
  const help = s.root.querySelector('.gl-input-help');
  help.textContent = inp.help;
  const box = s.root.querySelector('.gl-editor');
  const ax = inp.editable && s.fig ? inputAxes(s) : null;
  if (!ax) { box.hidden = true; ed.ax = null; return; }
  box.hidden = false;
  ed.ax = ax;
  const sig = JSON.stringify(inp.channels.map((c) => c.c));
  if (sig !== ed.sig || ed.handles.length !== inp.channels.length) {
    ed.sig = sig;
    buildHandles(s);
  }
  const wrap = s.root.querySelector('.gl-chart-wrap').getBoundingClientRect();
  const g = s.gd.getBoundingClientRect();
  box.style.left = (g.left - wrap.left + ax.xa.offset) + 'px';
  box.style.top = (g.top - wrap.top + ax.ya.offset) + 'px';
  box.style.width = ax.xa.length + 'px';
  box.style.height = ax.ya.length + 'px';
  inp.channels.forEach((ch) => {
    ed.pos[ch.c] = Math.min(ed.pos[ch.c] || 0, inp.length - 1);
    placeHandle(s, ch);
  });
  if (ed.anchor && ed.anchor.rev !== s.data.rev) {  // again once the page has settled
    restorePlace(s);
    clearTimeout(ed.anchorTimer);
    ed.anchorTimer = setTimeout(() => { restorePlace(s); ed.anchor = null; }, 500);
  }
}

// The whole chart on screen (the input and the hidden state together) before a point is
// edited: when the pointer comes to the input (a mouse: a touch must not move the page
// under the finger) or a point takes the focus. The chart is fitted to the window's
// height, so the nearest scroll shows all of it, below the app's header.
function chartInView(s) {
  const wrap = s.root.querySelector('.gl-chart-wrap');
  const b = wrap.getBoundingClientRect();
  if (b.top < 56 || b.bottom > window.innerHeight) wrap.scrollIntoView({ block: 'nearest' });
}

function wantPoint(s, c, t) {
  if (s.data.inputs.editable) want(s, pointId(c, t));
}

// The step and channel under a pointer event (the channel whose point is nearest in y,
// unless the event is on a channel's point).
function pointAt(s, e) {
  const ed = edState(s), ax = ed.ax, inp = s.data.inputs;
  const g = s.gd.getBoundingClientRect();
  const px = e.clientX - g.left, py = e.clientY - g.top;
  const t = Math.min(Math.max(Math.round(ax.xa.toValue(px)), 0), inp.length - 1);
  let best = inp.channels[0];
  const own = e.target && e.target.dataset && e.target.dataset.channel;
  if (own !== undefined) {
    best = inp.channels.find((ch) => String(ch.c) === own) || best;
  } else {
    let gap = Infinity;
    for (const ch of inp.channels) {
      const d = Math.abs(ax.ya.toPx(drawnInput(s, ch)[t]) - py);
      if (d < gap) { gap = d; best = ch; }
    }
  }
  return { ch: best, t, value: ax.ya.toValue(py) };
}

function clampValue(s, v) {
  const inp = s.data.inputs;
  return Math.min(Math.max(v, inp.lo), inp.hi);
}

// The input line of channel ch as shown during an edit (the point or the stroke in it).
function drawInputLine(s, ch, edits) {
  const y = drawnInput(s, ch).slice();
  for (const [t, v] of edits) y[t] = v;
  PlotlyAdapter.setLines(s.gd, [y], [ch.trace], s.drawnRev, new Set([ch.trace]));
}

function schedule(s) {
  if (!s.raf) s.raf = requestAnimationFrame(() => { s.raf = 0; drawEdit(s); });
}

// The point being edited, drawn: its frame when the engine's frames are here (every gate
// panel from its step on), else the input line alone until they arrive (then render()
// draws the frame: nothing waits for the next move).
function drawEdit(s) {
  const ed = edState(s), e = ed.held || ed.keys;
  if (!e || e.stroke) return;
  const ch = s.data.inputs.channels.find((c) => c.c === e.c);
  placeHandle(s, ch);
  s.frame = { id: e.id, k: e.k };
  const sw = s.sweep;
  if (sw && sw.id === e.id && sw.rev === s.data.rev) drawFrame(s);
  else {
    drawInputLine(s, ch, [[e.t, e.value]]);
    s.root.querySelector('.gl-status').textContent = s.data.text.waiting;
  }
}

// The page reruns after an edit and what is above the chart may change height (the
// preset's explanation, a message): the panel being edited is kept where it was on
// screen, so the hand or the finger stays on it.
function keepInPlace(s) {
  const box = s.root.querySelector('.gl-editor');
  s.ed.anchor = { top: box.getBoundingClientRect().top, rev: s.data.rev, at: performance.now() };
}

function scrollParent(node) {
  for (let e = node.parentElement; e; e = e.parentElement) {
    const o = getComputedStyle(e).overflowY;
    if ((o === 'auto' || o === 'scroll') && e.scrollHeight > e.clientHeight) return e;
  }
  return document.scrollingElement;
}

function restorePlace(s) {
  const a = s.ed && s.ed.anchor;
  if (!a || a.rev === s.data.rev) return;
  if (performance.now() - a.at > 5000) { s.ed.anchor = null; return; }
  const box = s.root.querySelector('.gl-editor');
  const delta = box.getBoundingClientRect().top - a.top;
  if (Math.abs(delta) > 2) scrollParent(box).scrollTop += delta;
}

function commitPoint(s, e) {
  keepInPlace(s);
  clearTimeout(s.ed.keyTimer);
  const id = e.id;
  s.ed.sent = { c: e.c, t: e.t, value: e.value, rev: s.data.rev };
  s.committed = { id, value: e.value, rev: s.data.rev, t: performance.now() };
  s.trigger('commit', { id, value: e.value });
}

function startEdit(s, ch, t) {
  const v0 = drawnInput(s, ch)[t];
  const id = pointId(ch.c, t);
  const grid = pointGrid(s, id, v0);
  return { c: ch.c, t, id, v0, grid, k: grid.below, value: v0, pulse: ch.pulse };
}

function wireOverlay(s, box) {
  const ed = edState(s);
  let hoverTimer = 0;
  box.addEventListener('pointerenter', (e) => {
    if (e.pointerType === 'mouse' && !ed.held) chartInView(s);
  });
  box.addEventListener('pointermove', (e) => {
    if (!ed.ax) return;
    const h = ed.held;
    if (!h) {  // hovering: the point under the pointer, its frames asked after a pause
      const at = pointAt(s, e);
      if (ed.keys) return;
      ed.pos[at.ch.c] = at.t;
      placeHandle(s, at.ch);
      ed.handles.forEach((x, i) => x.classList.toggle('gl-hot', i === at.ch.c));
      clearTimeout(hoverTimer);
      hoverTimer = setTimeout(() => wantPoint(s, at.ch.c, at.t), HOVER_WANT_MS);
      return;
    }
    const at = pointAt(s, e);
    if (h.stroke) {
      const t = at.t, v = clampValue(s, Math.round(at.value * 100) / 100);
      const from = h.lastT, a = h.stroke.get(from) ?? v;
      const n = Math.abs(t - from);
      for (let i = 1; i <= n; i++) {  // every step crossed gets a value
        const tt = from + Math.sign(t - from) * i;
        h.stroke.set(tt, a + (v - a) * i / n);
      }
      h.stroke.set(t, v);
      h.lastT = t;
      drawInputLine(s, s.data.inputs.channels.find((c) => c.c === h.c), h.stroke);
      return;
    }
    if (!h.moved && Math.abs(e.clientY - h.y0) < DRAG_SLOP_PX) return;
    h.moved = true;
    h.k = h.grid.index(at.value);
    h.value = h.grid.at(h.k);
    schedule(s);
  });
  box.addEventListener('pointerleave', () => {
    clearTimeout(hoverTimer);
    ed.handles.forEach((x) => x.classList.remove('gl-hot'));
  });
  box.addEventListener('pointerdown', (e) => {
    if (!ed.ax || e.button > 0) return;
    e.preventDefault();
    const at = pointAt(s, e);
    ed.pos[at.ch.c] = at.t;
    const h = startEdit(s, at.ch, at.t);
    h.y0 = e.clientY;
    h.moved = false;
    if (e.shiftKey) {
      h.stroke = new Map([[at.t, clampValue(s, Math.round(at.value * 100) / 100)]]);
      h.lastT = at.t;
    } else {
      wantPoint(s, at.ch.c, at.t);
    }
    ed.held = h;
    ed.keys = null;
    try { box.setPointerCapture(e.pointerId); } catch (err) { /* a synthetic event */ }
    const handle = ed.handles[at.ch.c];
    if (handle) handle.focus({ preventScroll: true });
    placeHandle(s, at.ch);
  });
  const release = (e) => {
    const h = ed.held;
    if (!h) return;
    ed.held = null;
    if (h.stroke) {
      const points = Array.from(h.stroke.entries()).sort((a, b) => a[0] - b[0]);
      keepInPlace(s);
      s.committed = { id: 'x:' + h.c, rev: s.data.rev, t: performance.now() };
      s.trigger('commit', { id: 'x:' + h.c, points });
      return;
    }
    if (!h.moved) {  // a click: toggle a pulse, or set the point where it was clicked
      if (e && e.type === 'lostpointercapture') return;
      const at = pointAt(s, e);
      h.value = h.pulse !== null && h.pulse !== undefined
        ? (h.v0 === h.pulse ? 0 : h.pulse) : h.grid.at(h.grid.index(at.value));
      h.k = h.grid.index(h.value);
      drawEdit(s);
    }
    if (h.value !== h.v0) commitPoint(s, h);
  };
  box.addEventListener('pointerup', release);
  box.addEventListener('pointercancel', release);
  box.addEventListener('lostpointercapture', release);
}

function pointKey(s, ch, e) {
  const ed = edState(s), inp = s.data.inputs;
  const t = ed.pos[ch.c];
  const move = { ArrowLeft: -1, ArrowRight: 1 }[e.key];
  if (move !== undefined || e.key === 'Home' || e.key === 'End') {
    e.preventDefault();
    if (ed.keys) commitPoint(s, ed.keys);  // a value stepped here goes before moving on
    ed.keys = null;
    const to = e.key === 'Home' ? 0 : e.key === 'End' ? inp.length - 1 : t + move;
    ed.pos[ch.c] = Math.min(Math.max(to, 0), inp.length - 1);
    placeHandle(s, ch);
    wantPoint(s, ch.c, ed.pos[ch.c]);
    return;
  }
  const steps = { ArrowUp: 1, ArrowDown: -1, PageUp: POINT_PAGE, PageDown: -POINT_PAGE }[e.key];
  const toggle = e.key === ' ' || e.key === 'Enter';
  if (steps === undefined && !(toggle && ch.pulse !== null)) return;
  e.preventDefault();
  if (!ed.keys || ed.keys.c !== ch.c || ed.keys.t !== t) ed.keys = startEdit(s, ch, t);
  const k = ed.keys;
  wantPoint(s, ch.c, t);
  if (ch.pulse !== null && ch.pulse !== undefined) {  // a 0/1 channel: its two levels
    const on = toggle ? k.value !== ch.pulse : steps > 0;
    k.value = on ? ch.pulse : 0;
    k.k = k.grid.index(k.value);
  } else {
    k.k = Math.min(Math.max(k.k + steps, 0), k.grid.n - 1);
    k.value = k.grid.at(k.k);
  }
  drawEdit(s);
  clearTimeout(ed.keyTimer);
  ed.keyTimer = setTimeout(() => {
    const pending = ed.keys;
    ed.keys = null;
    if (pending && pending.value !== pending.v0) commitPoint(s, pending);
  }, toggle ? 0 : POINT_KEYS_COMMIT_MS);
}

// Is an input point away from the value the chart was drawn for (held or stepped)?
function editPending(s) {
  const ed = s.ed;
  const e = ed && (ed.held || ed.keys);
  return !!(e && !e.stroke && (ed.held ? e.moved : true));
}
