"""Loading data files shipped in the package (style guides, lexicons, patterns)."""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from mtcheck.errors import PackError

try:  # the C loader is several times faster on the large gazetteer
    _Loader: Any = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _Loader = yaml.SafeLoader


def data_path(relative: str) -> Path:
    return Path(str(resources.files("mtcheck") / "data" / relative))


def load_yaml_file(path: Path) -> Any:
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
