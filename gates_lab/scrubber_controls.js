// The scrubber's controls under the diagram (gates_lab/scrubber_controls.py): a Streamlit
// custom component v2, no iframe. Moves the figure with Plotly.animate; nothing goes back
// to Python, so moving through time never reruns the page.

export default function (component) {
  const { parentElement, data } = component;
  const root = parentElement.querySelector('.scrub');
  const range = root.querySelector('.range');
  const play = root.querySelector('.play');
  const now = root.querySelector('.now');
  const eqs = root.querySelector('.eqs');
  const n = data.heads.length;
  root.classList.toggle('present', !!data.present);
  root.querySelector('.keys').textContent = data.keys;
  root.querySelector('.unit').textContent = data.unit;
  root.querySelector('.note').textContent = data.note;
  range.max = String(n - 1);
  range.setAttribute('aria-label', data.label);
  const opts = {mode: 'immediate', frame: {duration: 0, redraw: false},
                transition: {duration: 0}};
  const holder = () => document.querySelector('.st-key-' + data.chart);
  const chart = () => { const h = holder(); return h && h.querySelector('.js-plotly-plot'); };
  // the step survives a rerun that changes the figure (another unit, new numbers)
  const state = root.__state || (root.__state = {k: data.start, timer: null, poll: null});
  // a new render (new data) replaces the last one's timers: they hold its data
  if (state.timer) clearInterval(state.timer);
  if (state.poll) clearInterval(state.poll);
  state.timer = null;
  const animate = (k) => {
    const gd = chart();
    if (!gd || !window.Plotly || !gd._transitionData) return;
    const frames = gd._transitionData._frames || [];
    if (frames.length !== n) return;  // the old figure is still on screen
    window.Plotly.animate(gd, [String(k)], opts).catch(() => {});
  };
  const show = (k) => {
    k = Math.max(0, Math.min(n - 1, k));
    state.k = k;
    range.value = String(k);
    now.textContent = data.heads[k];
    // our own HTML: fixed symbols and the engine's numbers (tokens only reach the heading, as text)
    eqs.innerHTML = data.equations[k];
    const h = holder();
    if (h) h.dataset.step = String(k);
    animate(k);
  };
  const stop = () => {
    if (state.timer) clearInterval(state.timer);
    state.timer = null;
    play.textContent = data.play;
  };
  const start = () => {
    if (state.k >= n - 1) show(0);
    play.textContent = data.pause;
    state.timer = setInterval(() => {
      if (state.k >= n - 1) { stop(); return; }
      show(state.k + 1);
    }, 150);
  };
  const key = (e) => {
    const moves = {ArrowRight: 1, ArrowUp: 1, ArrowLeft: -1, ArrowDown: -1,
                   PageUp: 10, PageDown: -10};
    let k = null;
    if (e.key in moves) k = state.k + moves[e.key];
    else if (e.key === 'Home') k = 0;
    else if (e.key === 'End') k = n - 1;
    if (k === null) return;
    e.preventDefault();
    stop();
    show(k);
  };
  range.oninput = () => { stop(); show(parseInt(range.value, 10)); };
  range.onkeydown = key;
  play.onclick = () => (state.timer ? stop() : start());
  // On a narrow screen the diagram, drawn at its minimum width (CSS min-width of the
  // chart's box), is scaled down to the screen's width instead of scrolling sideways.
  // (A transform, not CSS zoom: plotly.js measures its box's own width, which a
  // transform leaves alone and a zoom would shrink again and again.)
  const fit = () => {
    const box = holder();
    const inner = box && box.firstElementChild;
    if (!inner) return;
    const least = parseFloat(getComputedStyle(inner).minWidth) || 0;
    const gd = chart();
    if (!gd || !gd._fullLayout || !window.Plotly) return;
    const drawn = gd._fullLayout.width;
    // drawn narrower than its least width (before the CSS arrived): draw it again
    if (least && drawn < least - 1 && !(gd.__labWidened > performance.now() - 1000)) {
      gd.__labWidened = performance.now();
      window.Plotly.relayout(gd, {width: least}).catch(() => {});
      return;  // its afterplot fits it
    }
    const natural = gd._fullLayout.height;
    const scale = box.clientWidth < drawn - 1 ? box.clientWidth / drawn : 1;
    const transform = scale < 1 ? `scale(${Math.floor(scale * 1000) / 1000})` : '';
    if (inner.style.transform !== transform) {
      inner.style.transformOrigin = '0 0';
      inner.style.transform = transform;
      inner.style.height = scale < 1 ? natural + 'px' : '';
    }
    // the box takes the scaled height (Streamlit's style would keep the unscaled one)
    const height = scale < 1 ? Math.ceil(natural * scale) + 'px' : '';
    if (box.style.getPropertyValue('height') !== height) {
      // (Streamlit sizes it as a flex item: flex-basis = the figure's height)
      for (const [k, v] of [['height', height], ['flex-basis', height], ['min-height', '0'],
                            ['overflow', 'hidden']]) {
        if (height) box.style.setProperty(k, v, 'important');
        else box.style.removeProperty(k);
      }
    }
  };
  if (state.resize) state.resize.disconnect();
  if (window.ResizeObserver && holder()) {
    state.resize = new ResizeObserver(fit);
    state.resize.observe(holder());
    if (holder().firstElementChild) state.resize.observe(holder().firstElementChild);
  }
  fit();
  const h = holder();
  if (h) {
    h.tabIndex = 0;
    h.setAttribute('aria-label', data.label);
    h.onkeydown = key;
  }
  // a new figure (Streamlit redraws it after a rerun) starts at its first frame: put it
  // back on the step shown here
  const watch = () => {
    const gd = chart();
    if (gd && !gd.__labScrubber) {
      gd.__labScrubber = true;
      gd.on('plotly_afterplot', () => { animate(state.k); fit(); });
    }
  };
  watch();
  state.poll = setInterval(watch, 500);
  play.textContent = data.play;
  show(Math.min(state.k, n - 1));
  return () => { clearInterval(state.poll); if (state.resize) state.resize.disconnect(); stop(); };
}
