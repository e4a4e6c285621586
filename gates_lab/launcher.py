"""``gates-lab``: start the app from wherever the package is installed.

The Streamlit entry files (app.py, pages/, .streamlit/config.toml) sit at the root of a
clone; an installed wheel carries them as the data package ``gates_lab_app``
(pyproject.toml). Streamlit reads its config only from the working directory and
``~/.streamlit``, so the launcher passes the lab's config.toml as command-line flags;
the user's own arguments come after and win (``gates-lab --server.port 8600``).
"""

from __future__ import annotations

import importlib.util
import sys
import tomllib
from collections.abc import Sequence
from pathlib import Path

APP_PACKAGE = "gates_lab_app"


def app_dir() -> Path:
    """The folder holding app.py and pages/: the clone this ``gates_lab`` came from, else the
    installed ``gates_lab_app`` beside it."""
    root = Path(__file__).resolve().parent.parent
    if (root / "app.py").is_file() and (root / "pages").is_dir():
        return root
    spec = importlib.util.find_spec(APP_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError(f"expected the lab's app.py beside {root} or the installed "
                                f"package {APP_PACKAGE}; found neither")
    return Path(next(iter(spec.submodule_search_locations))).resolve()


def config_flags(config: Path) -> list[str]:
    """``[server] maxUploadSize = 20`` -> ``["--server.maxUploadSize", "20"]``."""
    if not config.is_file():
        return []
    flags: list[str] = []
    for section, options in tomllib.loads(config.read_text(encoding="utf-8")).items():
        for name, value in options.items():
            text = str(value).lower() if isinstance(value, bool) else str(value)
            flags += [f"--{section}.{name}", text]
    return flags


def _given(args: Sequence[str]) -> set[str]:
    """Option names the user passed (``--a.b value`` or ``--a.b=value``)."""
    return {a.split("=", 1)[0] for a in args if a.startswith("--")}


def command(args: Sequence[str] = ()) -> list[str]:
    """The argv of ``streamlit run`` for the lab, the user's ``args`` last."""
    folder = app_dir()
    ours = config_flags(folder / ".streamlit" / "config.toml")
    given = _given(args)
    kept: list[str] = []
    for name, value in zip(ours[::2], ours[1::2], strict=True):
        if name not in given:
            kept += [name, value]
    return ["streamlit", "run", str(folder / "app.py"), *kept, *args]


def main(argv: Sequence[str] | None = None) -> int:
    """Console entry point: runs Streamlit in this process (Ctrl+C stops it)."""
    from streamlit.web import cli

    sys.argv = command(sys.argv[1:] if argv is None else argv)
    try:
        cli.main()
    except SystemExit as done:
        return int(done.code or 0) if not isinstance(done.code, str) else 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
