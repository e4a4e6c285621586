"""Plotly.js for the live chart, served by the app itself from the installed plotly
package (a classroom may have no internet; CI has none).

Streamlit serves ``static/`` beside app.py at ``/app/static/`` when
``server.enableStaticServing`` is on (.streamlit/config.toml). The installed package's
plotly.min.js is copied there once (4.8 MB; the copy is skipped while it is current), so
the browser fetches it once and then revalidates it from its cache.

Why not the alternatives: a component's JS is sent inside its element on every rerun
(BidiComponent.js_content), so inlining plotly.min.js would resend 4.8 MB per rerun;
a component ``asset_dir`` works only once the lab is pip-installed with a component
manifest, and the lab also runs straight from a clone.

The live component's own JS (39 kB) is served the same way, under a name carrying its
content's hash: the component's inline JS is then a few lines that import it
(:func:`loader_js`), instead of 39 kB in every fragment run's element.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

NAME = "plotly.min.js"
#: The live component's JS, in files of its own: the Plotly adapter (every use of Plotly's
#: internals, each with a fallback), the input editor, then the component (its default
#: export), joined into one module (the cell page's component and the lesson file).
JS_FILES = ("plotly_adapter.js", "input_editor.js", "live.js")


def live_js_source() -> str:
    """The live component's JS files joined (see :data:`JS_FILES`)."""
    here = Path(__file__).resolve().parent
    return "\n".join((here / name).read_text() for name in JS_FILES)


def source() -> Path:
    """plotly.min.js of the installed plotly package."""
    import plotly

    return Path(plotly.__file__).parent / "package_data" / NAME


def static_dir() -> Path:
    """``static/`` beside the lab's app.py (a clone, or the installed gates_lab_app): the
    lab always runs ``streamlit run <that folder>/app.py``, whose static/ is served."""
    from gates_lab.launcher import app_dir

    return app_dir() / "static"


def _write_atomic(dst: Path, write: Callable[[str], None]) -> Path | None:
    """Make ``dst`` with ``write(temporary path)``, then move it in place at once (a
    browser never reads half a file); None when the folder cannot be written."""
    try:
        dst.parent.mkdir(exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=dst.parent, suffix=".tmp")
        os.close(fd)
        write(tmp)
        os.replace(tmp, dst)
        return dst
    except OSError:
        return None


def ensure_plotly_js(static: Path | None = None) -> Path | None:
    """Copy the installed plotly.min.js into ``static`` (default: :func:`static_dir`)
    unless it is already there; the served file, or None when it cannot be written (a
    read-only install: the page then falls back to Streamlit's own chart)."""
    static = static_dir() if static is None else static
    src, dst = source(), static / NAME
    try:
        if dst.exists() and dst.stat().st_size == src.stat().st_size and \
                dst.stat().st_mtime >= src.stat().st_mtime:
            return dst
    except OSError:
        return None
    return _write_atomic(dst, lambda tmp: shutil.copyfile(src, tmp))


def live_js_name(source: str) -> str:
    """The served file's name for this JS: its content's hash in it, so that a browser
    never runs an old copy from its cache."""
    return f"gates_lab_live.{hashlib.sha1(source.encode()).hexdigest()[:12]}.js"


def ensure_live_js(static: Path | None = None) -> Path | None:
    """Write the live component's JS (:func:`live_js_source`) into ``static`` unless it is
    there; the served file, or None when it cannot be written (then the component
    carries the JS inline, as Streamlit sends it)."""
    static = static_dir() if static is None else static
    text = live_js_source()
    dst = static / live_js_name(text)
    try:
        if dst.exists() and dst.read_text() == text:
            return dst
    except OSError:
        return None
    return _write_atomic(dst, lambda tmp: Path(tmp).write_text(text))


def loader_js(url: str) -> str:
    """The component's inline JS when the live JS is served at ``url`` (a path): import it
    once, hand it every render, in order. A failed import is reported like a failed
    Plotly.js (state ``failed``: the page draws Streamlit's own chart instead)."""
    return f"""let live = null;
export default function (component) {{
  live = live || import(new URL({json.dumps(url)}, window.location.origin).href);
  live.then((m) => m.default(component)).catch((err) => {{
    live = null;
    component.setStateValue('failed', 'cannot load the live gates: ' + (err && err.message));
  }});
}}
"""


def served_url(name: str) -> str:
    """Where the browser finds a file of ``static/``, under the server's base path."""
    from streamlit import config

    base = (config.get_option("server.baseUrlPath") or "").strip("/")
    return f"/{base}/app/static/{name}" if base else f"/app/static/{name}"


def plotly_url() -> str:
    """Where the browser finds plotly.min.js, under the server's base path."""
    return served_url(NAME)
