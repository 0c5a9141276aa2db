"""Loading data files shipped in the package (style guides, lexicons, patterns).

Parsed YAML is kept in a pickle cache keyed by the file's path, size, mtime and the
mtcheck version: parsing the style guide costs about a third of a second, every run
and every worker, while unpickling costs a few milliseconds. The cache is an
optimisation only; where it cannot be read or written, files are parsed as before.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from mtcheck import __version__
from mtcheck.errors import PackError

try:  # the C loader is several times faster on the large gazetteer
    _Loader: Any = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _Loader = yaml.SafeLoader


def cache_dir() -> Path:
    """``$MTCHECK_CACHE_DIR``, else ``$XDG_CACHE_HOME/mtcheck``, else ``~/.cache/mtcheck``."""
    explicit = os.environ.get("MTCHECK_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "mtcheck"


def data_path(relative: str) -> Path:
    return Path(str(resources.files("mtcheck") / "data" / relative))


def _cache_file(path: Path, stat: os.stat_result) -> Path:
    key = f"{path.resolve()}|{stat.st_size}|{stat.st_mtime_ns}|{__version__}|{yaml.__version__}"
    return cache_dir() / "yaml" / (hashlib.sha256(key.encode()).hexdigest()[:32] + ".pickle")


def _read_cached(cached: Path) -> Any:
    try:
        with cached.open("rb") as handle:
            return pickle.load(handle)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError):
        return _MISSING


def _write_cached(cached: Path, data: Any) -> None:
    try:
        cached.parent.mkdir(parents=True, exist_ok=True)
        tmp = cached.with_suffix(f".{os.getpid()}.tmp")
        with tmp.open("wb") as handle:
            pickle.dump(data, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, cached)
    except OSError:
        pass  # a read-only home only costs speed


_MISSING = object()


def load_yaml_file(path: Path) -> Any:
    try:
        stat = path.stat()
    except FileNotFoundError:
        raise PackError("data file not found", str(path)) from None
    except OSError as exc:
        raise PackError(f"cannot read data file: {exc}", str(path)) from None
    cached = _cache_file(path, stat)
    data = _read_cached(cached)
    if data is not _MISSING:
        return data
    data = _parse_yaml(path)
    _write_cached(cached, data)
    return data


def _parse_yaml(path: Path) -> Any:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise PackError("data file not found", str(path)) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise PackError(f"cannot read data file: {exc}", str(path)) from None
    try:
        return yaml.load(text, Loader=_Loader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        raise PackError(f"not valid YAML: {getattr(exc, 'problem', exc)}", str(path), line) from None


def load_yaml_resource(relative: str) -> tuple[str, dict[str, Any]]:
    path = data_path(relative)
    data = load_yaml_file(path)
    if not isinstance(data, dict):
        raise PackError("expected a mapping at the top level", str(path))
    return str(path), data
