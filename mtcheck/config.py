"""Configuration: mtcheck.toml, [tool.mtcheck] in pyproject.toml, or --config FILE.

Everything ends up in one frozen :class:`RunConfig`. Unknown keys are errors that
name the key and the file, because a typo that silently drops a rule is worse than
no configuration at all.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Mapping

from mtcheck.errors import ConfigError
from mtcheck.findings import FailLevel, Severity

SCOPES = ("document", "feed")

# key -> (type check, description); keys are written with hyphens.
_KEYS: dict[str, str] = {
    "select": "list of rule ids, families or categories to enable (default: all stable rules)",
    "ignore": "list of rule ids, families or categories to disable",
    "severity": "table: rule id -> error | warning | info",
    "fail-on": "error | warning | info | never",
    "style": "name of the active built-in style guide (default: default)",
    "styles": "list of extra style guide files, later ones win",
    "scope": "document | feed: how far name consistency reaches",
    "lm": "language model for pronoun re-scoring (path, .gguf file or cached hub id)",
    "mt-model": "second-opinion MT model for `mtcheck compare`",
    "device": "cpu | cuda | auto",
    "threads": "CPU threads for --lm (default: torch's choice)",
    "pronoun-threshold": "report pronoun findings whose confidence reaches this (0-1; default: the calibrated one)",
    "tgt-lang": "target language when the input does not say (default: en)",
    "extend-select": "list of rule ids, families or categories to enable on top of select (or the default)",
    "extend-ignore": "list of rule ids, families or categories to disable on top of ignore",
    "preview": "true: selecting a family or category includes its preview rules (default: only by id)",
    "exclude": "gitignore-style patterns that directory walks skip (replaces the default list)",
    "extend-exclude": "gitignore-style patterns that directory walks skip, on top of exclude",
    "respect-gitignore": "directory walks skip what .gitignore files ignore (default: true)",
    "per-file-ignores": "table: gitignore-style glob -> list of rule ids, families or categories ignored there",
    "ignore-field": "the feed field (JSONL, TSV header) that lists rules to ignore for a record (default: mtcheck_ignore)",
    "language-packs": "folders of language packs of your own (a folder per language, see mtcheck/data/languages/README.md)",
    "quote-space": "nbsp | nnbsp: the space French sets inside « » (default: nbsp, U+00A0; nnbsp is U+202F)",
}


@dataclass(frozen=True)
class RunConfig:
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severity: Mapping[str, Severity] = field(default_factory=dict)
    fail_on: FailLevel = FailLevel.ERROR
    style: str = "default"
    styles: tuple[Path, ...] = ()
    scope: str = "document"
    lm: str | None = None
    mt_model: str | None = None
    device: str = "auto"
    threads: int | None = None
    pronoun_threshold: float | None = None
    tgt_lang: str = "en"
    source: str | None = None  # the file this came from, for messages
    # Conventions (ruff-style); see mtcheck/discovery.py and mtcheck/suppression.py.
    extend_select: tuple[str, ...] = ()
    extend_ignore: tuple[str, ...] = ()
    preview: bool = False
    exclude: tuple[str, ...] | None = None  # None: discovery.DEFAULT_EXCLUDE
    extend_exclude: tuple[str, ...] = ()
    respect_gitignore: bool = True
    per_file_ignores: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    ignore_field: str = "mtcheck_ignore"
    root: Path | None = None  # directory of the config file: relative globs start here
    language_packs: tuple[Path, ...] = ()  # user language packs (mtcheck/languages.py)
    quote_space: str = "nbsp"  # nbsp | nnbsp: the space inside French « »

    def merged(self, **overrides: Any) -> "RunConfig":
        """A copy with the given fields replaced, skipping ``None`` (option not given)."""
        given = {k: v for k, v in overrides.items() if v is not None}
        return replace(self, **given)


def find_config_file(cwd: Path) -> Path | None:
    candidate = cwd / "mtcheck.toml"
    if candidate.is_file():
        return candidate
    pyproject = cwd / "pyproject.toml"
    if pyproject.is_file():
        try:
            data = tomllib.loads(pyproject.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
            return None
        if "mtcheck" in data.get("tool", {}):
            return pyproject
    return None


def load_config(path: Path | None = None, cwd: Path | None = None) -> RunConfig:
    """Read ``path``, or discover a config in ``cwd``; no file means defaults."""
    if path is None:
        path = find_config_file(cwd or Path.cwd())
        if path is None:
            return RunConfig()
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError("config file not found", str(path)) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read config: {exc}", str(path)) from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"not valid TOML: {exc}", str(path)) from None
    if path.name == "pyproject.toml":
        raw = raw.get("tool", {}).get("mtcheck", {})
    return parse_config(raw, str(path), base_dir=path.parent)


def parse_config(raw: Mapping[str, Any], origin: str, base_dir: Path | None = None) -> RunConfig:
    values: dict[str, Any] = {"source": origin, "root": base_dir}
    for key, value in raw.items():
        norm = key.replace("_", "-")
        if norm not in _KEYS:
            known = ", ".join(sorted(_KEYS))
            raise ConfigError(f"unknown key {key!r} (known keys: {known})", origin)
        values.update(_parse_value(norm, value, origin, base_dir))
    return RunConfig(**values)


def _parse_value(key: str, value: Any, origin: str, base_dir: Path | None) -> dict[str, Any]:
    if key in ("select", "ignore", "extend-select", "extend-ignore", "exclude", "extend-exclude"):
        return {key.replace("-", "_"): _string_list(key, value, origin)}
    if key in ("preview", "respect-gitignore"):
        if not isinstance(value, bool):
            raise ConfigError(f"{key!r} must be true or false, not {value!r}", origin)
        return {key.replace("-", "_"): value}
    if key == "per-file-ignores":
        if not isinstance(value, dict):
            raise ConfigError("'per-file-ignores' must be a table of glob = [rules]", origin)
        return {"per_file_ignores": {
            str(glob): _string_list(f"per-file-ignores.{glob}", rules, origin) for glob, rules in value.items()
        }}
    if key == "language-packs":
        base = base_dir or Path.cwd()
        return {"language_packs": tuple(base / p for p in _string_list(key, value, origin))}
    if key == "quote-space":
        if value not in ("nbsp", "nnbsp"):
            raise ConfigError(f"'quote-space' must be nbsp or nnbsp, not {value!r}", origin)
        return {"quote_space": value}
    if key == "styles":
        paths = _string_list(key, value, origin)
        base = base_dir or Path.cwd()
        return {"styles": tuple(base / p for p in paths)}
    if key == "severity":
        if not isinstance(value, dict):
            raise ConfigError("'severity' must be a table of rule id = severity", origin)
        try:
            return {"severity": {rid: Severity.parse(str(sev)) for rid, sev in value.items()}}
        except ValueError as exc:
            raise ConfigError(f"severity: {exc}", origin) from None
    if key == "fail-on":
        return {"fail_on": parse_fail_level(str(value), origin)}
    if key == "scope":
        if value not in SCOPES:
            raise ConfigError(f"'scope' must be one of {', '.join(SCOPES)}, not {value!r}", origin)
        return {"scope": value}
    if key == "device":
        if value not in ("cpu", "cuda", "auto"):
            raise ConfigError(f"'device' must be cpu, cuda or auto, not {value!r}", origin)
        return {"device": value}
    if key == "threads":
        if not isinstance(value, int) or isinstance(value, bool) or value < 1:
            raise ConfigError(f"'threads' must be a whole number of at least 1, not {value!r}", origin)
        return {"threads": value}
    if key == "pronoun-threshold":
        if not isinstance(value, (int, float)) or isinstance(value, bool) or not 0 <= value <= 1:
            raise ConfigError(f"'pronoun-threshold' must be a number from 0 to 1, not {value!r}", origin)
        return {"pronoun_threshold": float(value)}
    if not isinstance(value, str):
        raise ConfigError(f"{key!r} must be a string", origin)
    return {key.replace("-", "_"): value}


def _string_list(key: str, value: Any, origin: str) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{key!r} must be a list of strings", origin)
    return tuple(value)


def parse_fail_level(value: str, origin: str | None = None) -> FailLevel:
    try:
        return FailLevel(value.lower())
    except ValueError:
        raise ConfigError(
            f"fail level must be error, warning, info or never, not {value!r}", origin
        ) from None


def describe_keys() -> dict[str, str]:
    return dict(_KEYS)
