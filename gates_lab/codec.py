"""The generic settings codec: frozen dataclasses to and from URLs, dicts and JSON.

Every page's screen follows from one settings object. It round-trips through the URL
(``to_query`` / ``from_query``) and through JSON-ready dicts (``to_dict`` / ``from_dict``),
and its JSON text is the cache key of the engine run. No Streamlit here, and no schema:
this module names no page's settings.

Fields carry their URL name and their limits in ``dataclasses.field(metadata=...)`` (made
with ``spec``), so one codec validates links, uploaded JSON and widget values alike. A
field whose value is not a plain scalar brings its own ``FieldCodec``. A bad value never
raises out of the codec: it is reported in a message and the default is kept.

Checks across fields belong to the schema: after decoding, the codec calls the object's
``__post_decode__()`` when it has one; it returns the cleaned object and its messages.
"""

from __future__ import annotations

import dataclasses
import functools
import json
import math
import typing
from collections.abc import Callable, Iterable, Mapping
from dataclasses import field
from typing import Any, NamedTuple, TypeVar

T = TypeVar("T")


class FieldCodec(NamedTuple):
    """How a compound field is written into a URL and read back from URL text or JSON."""

    fmt: Callable[[Any], str]
    parse: Callable[[Any, dataclasses.Field[Any]], Any]


def spec(default: Any, url: str, lo: float | None = None, hi: float | None = None,
         choices: tuple[str, ...] | None = None, codec: FieldCodec | None = None,
         added: bool = False) -> Any:
    """A settings field with its URL name and its allowed values. ``added``: a field added
    after links and JSON were shipped, left out of dicts (and so of cache keys) while it
    holds its default, so the settings of an old link keep their very same key."""
    return field(default=default, metadata={"url": url, "lo": lo, "hi": hi, "choices": choices,
                                            "codec": codec, "added": added})


def field_type(cls: type, f: dataclasses.Field[Any]) -> Any:
    return _type_hints(cls)[f.name]


@functools.cache
def _type_hints(cls: type) -> dict[str, Any]:
    # typing.get_type_hints evaluates every annotation again on each call (~11% of a rerun)
    return typing.get_type_hints(cls)


def check_number(value: float, f: dataclasses.Field[Any]) -> None:
    lo, hi = f.metadata.get("lo"), f.metadata.get("hi")
    # an int is always finite, and math.isfinite overflows on one of 400 digits
    if not isinstance(value, int) and not math.isfinite(value):
        raise ValueError("must be a finite number")
    if (lo is not None and value < lo) or (hi is not None and value > hi):
        raise ValueError(f"must be from {_number(lo)} to {_number(hi)}")


def _number(x: float) -> str:
    """A limit as a person writes it: 2147483647 in full (not 2.14748e+09), 0.1 short."""
    return str(x) if isinstance(x, int) else f"{x:g}"


def _parse_bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in ("1", "true", "yes", "on"):
        return True
    if text in ("0", "false", "no", "off"):
        return False
    raise ValueError("must be 0 or 1")


def _parse_int(value: Any, f: dataclasses.Field[Any]) -> int:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    try:
        number = int(str(value).strip()) if not isinstance(value, int) else value
    except ValueError:
        raise ValueError("must be a whole number") from None
    check_number(number, f)
    return number


def _parse_float(value: Any, f: dataclasses.Field[Any]) -> float:
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise ValueError("must be a number") from None
    check_number(number, f)
    return number


def _parse_str(value: Any, f: dataclasses.Field[Any]) -> str:
    text = str(value)
    choices = f.metadata.get("choices")
    if choices and text not in choices:
        raise ValueError(f"must be one of {', '.join(choices)}")
    if len(text) > 2000:
        raise ValueError("is longer than 2000 characters")
    return text


def _parse_scalar(tp: Any, value: Any, f: dataclasses.Field[Any]) -> Any:
    if tp is bool:
        return _parse_bool(value)
    if tp is int:
        return _parse_int(value, f)
    if tp is float:
        return _parse_float(value, f)
    if tp is str:
        return _parse_str(value, f)
    raise TypeError(f"no codec for {tp}")


def fmt_plain(value: Any) -> str:
    """A scalar as URL text: booleans as 1/0, whole floats without '.0'."""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float):
        return repr(value).removesuffix(".0") if value.is_integer() else repr(value)
    return str(value)


def _is_dataclass_type(tp: Any) -> bool:
    return isinstance(tp, type) and dataclasses.is_dataclass(tp)


def _fmt_value(f: dataclasses.Field[Any], value: Any) -> str:
    codec = f.metadata.get("codec")
    return codec.fmt(value) if codec else fmt_plain(value)


def _parse_value(tp: Any, value: Any, f: dataclasses.Field[Any]) -> Any:
    codec = f.metadata.get("codec")
    return codec.parse(value, f) if codec else _parse_scalar(tp, value, f)


def _post_decode(obj: T) -> tuple[T, list[str]]:
    """The schema's own checks across fields (its ``__post_decode__``), if it has any."""
    clean = getattr(obj, "__post_decode__", None)
    return clean() if clean is not None else (obj, [])


def to_query(obj: Any, *, everything: bool = False, base: Any = None) -> dict[str, str]:
    """Flat URL parameters of the fields that differ from ``base`` (the class defaults)."""
    out: dict[str, str] = {}
    default = type(obj)() if base is None else base
    for f in dataclasses.fields(obj):
        value = getattr(obj, f.name)
        if _is_dataclass_type(field_type(type(obj), f)):
            out.update(to_query(value, everything=everything, base=getattr(default, f.name)))
        elif everything or value != getattr(default, f.name):
            out[f.metadata["url"]] = _fmt_value(f, value)
    return out


def from_query(cls: type[T], params: Mapping[str, str], base: T | None = None
               ) -> tuple[T, list[str]]:
    """Settings from URL parameters on top of ``base`` (the class defaults).

    Each bad parameter gives a message and keeps the base's value.
    """
    errors: list[str] = []
    kwargs: dict[str, Any] = {}
    for f in dataclasses.fields(cls):  # type: ignore[arg-type]
        tp = field_type(cls, f)
        if base is not None:
            kwargs[f.name] = getattr(base, f.name)
        if _is_dataclass_type(tp):
            kwargs[f.name], sub = from_query(tp, params, kwargs.get(f.name))
            errors += sub
            continue
        key = f.metadata["url"]
        if key in params:
            try:
                kwargs[f.name] = _parse_value(tp, params[key], f)
            except ValueError as exc:
                errors.append(f"'{key}={shorten(params[key])}' {exc}; kept the default")
    obj, messages = _post_decode(cls(**kwargs))
    return obj, errors + messages


def url_names(cls: type) -> frozenset[str]:
    """Every URL parameter name of a settings class (its nested fields included)."""
    names: set[str] = set()
    for f in dataclasses.fields(cls):  # type: ignore[arg-type]
        tp = field_type(cls, f)
        names |= url_names(tp) if _is_dataclass_type(tp) else {f.metadata["url"]}
    return frozenset(names)


def unknown_params(cls: type, params: Mapping[str, Any], known: Iterable[str] = ()
                   ) -> list[str]:
    """A message for each parameter that is neither a field of ``cls`` nor in ``known``."""
    names = url_names(cls) | set(known)
    return [f"'{shorten(key)}={shorten(value)}' is not a setting of this page; ignored"
            for key, value in params.items() if key not in names]


def shorten(text: Any) -> str:
    """A link's value as a message quotes it: at most 40 characters."""
    text = str(text)
    return text if len(text) <= 40 else text[:37] + "..."


def to_dict(obj: Any) -> dict[str, Any]:
    """A JSON-ready dict (nested like the dataclasses)."""
    return json.loads(json.dumps(_plain(obj)))


def _plain(obj: Any) -> Any:
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return {f.name: _plain(getattr(obj, f.name)) for f in dataclasses.fields(obj)
                if not (f.metadata.get("added") and getattr(obj, f.name) == f.default)}
    if isinstance(obj, tuple | list):
        return [_plain(v) for v in obj]
    return obj


def from_dict(cls: type[T], data: Mapping[str, Any], where: str = "") -> tuple[T, list[str]]:
    """Settings from a (JSON) dict; unknown or bad entries give messages."""
    if not isinstance(data, Mapping):
        return cls(), [f"{where.rstrip('.') or 'settings'} should be an object, got "
                      f"{type(data).__name__}"]
    errors: list[str] = []
    kwargs: dict[str, Any] = {}
    names = {f.name for f in dataclasses.fields(cls)}  # type: ignore[arg-type]
    errors += [f"unknown entry '{where}{key}' ignored" for key in data if key not in names]
    for f in dataclasses.fields(cls):  # type: ignore[arg-type]
        if f.name not in data:
            continue
        tp = field_type(cls, f)
        value = data[f.name]
        if _is_dataclass_type(tp):
            kwargs[f.name], sub = from_dict(tp, value, f"{where}{f.name}.")
            errors += sub
            continue
        try:
            kwargs[f.name] = _parse_value(tp, value, f)
        except (ValueError, TypeError) as exc:
            errors.append(f"'{where}{f.name}' {exc}; kept the default")
    obj, messages = _post_decode(cls(**kwargs))
    return obj, errors + messages


def cache_key(obj: Any) -> str:
    """A stable text key for caching an engine run on these settings."""
    try:
        return _cache_key(obj)
    except TypeError:  # not hashable: made afresh
        return json.dumps(to_dict(obj), sort_keys=True)


@functools.lru_cache(maxsize=4096)
def _cache_key(obj: Any) -> str:
    # A move asks for the same settings' key several times (runs, frames, figure, ghost);
    # settings are frozen dataclasses, so equal settings share one key.
    return json.dumps(to_dict(obj), sort_keys=True)


def replace_path(obj: T, path: str, value: Any) -> T:
    """``replace_path(s, "cell.hidden_size", 4)``: a copy with one nested field changed."""
    head, _, rest = path.partition(".")
    if rest:
        return dataclasses.replace(obj, **{head: replace_path(getattr(obj, head), rest, value)})  # type: ignore[type-var]
    return dataclasses.replace(obj, **{head: value})  # type: ignore[type-var]


def get_path(obj: Any, path: str) -> Any:
    for part in path.split("."):
        obj = getattr(obj, part)
    return obj


def field_meta(cls: type, path: str) -> Mapping[str, Any]:
    """The metadata (url, lo, hi, choices) of a nested field."""
    head, _, rest = path.partition(".")
    f = next(f for f in dataclasses.fields(cls) if f.name == head)
    if rest:
        return field_meta(field_type(cls, f), rest)
    return f.metadata
