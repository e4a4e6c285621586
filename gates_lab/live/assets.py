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
"""

from __future__ import annotations

import os
import shutil
import tempfile
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
        static.mkdir(exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=static, suffix=".tmp")
        os.close(fd)
        shutil.copyfile(src, tmp)
        os.replace(tmp, dst)  # atomic: a browser never reads half a file
        return dst
    except OSError:
        return None


def plotly_url() -> str:
    """Where the browser finds it, under the server's base path."""
    from streamlit import config

    base = (config.get_option("server.baseUrlPath") or "").strip("/")
    return f"/{base}/app/static/{NAME}" if base else f"/app/static/{NAME}"
