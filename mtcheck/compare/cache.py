"""An on-disk cache of model results, keyed by model id + revision + input.

One SQLite file (stdlib ``sqlite3``) in ``$MTCHECK_CACHE_DIR``, else
``$XDG_CACHE_HOME/mtcheck``, else ``~/.cache/mtcheck``. Values are JSON. A second
run over the same feed with the same model answers from here without loading the
model at all; a new model revision (a retrained local model changes its content
hash) misses, so a stale answer is never reused.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from pathlib import Path
from typing import Any, Iterable, Mapping

from mtcheck.datafiles import cache_dir
from mtcheck.errors import ModelError

_SCHEMA = "CREATE TABLE IF NOT EXISTS results (key TEXT PRIMARY KEY, value TEXT NOT NULL)"


def default_cache_dir() -> Path:
    return cache_dir()


def cache_key(namespace: str, model: str, payload: Any) -> str:
    """``namespace`` names the computation (and its version), ``model`` is id@revision."""
    blob = json.dumps([namespace, model, payload], ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


class ResultCache:
    """get/put many at once: one transaction per batch, not per item."""

    def __init__(self, directory: Path | None = None, enabled: bool = True) -> None:
        self.enabled = enabled
        self.path = (directory or default_cache_dir()) / "results.sqlite3"
        self._db: sqlite3.Connection | None = None
        self.hits = 0
        self.misses = 0

    def _connect(self) -> sqlite3.Connection:
        if self._db is None:
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                db = sqlite3.connect(self.path, timeout=30)
                db.execute("PRAGMA journal_mode=WAL")
                db.execute(_SCHEMA)
                db.commit()
            except (OSError, sqlite3.Error) as exc:
                raise ModelError(f"cannot open the model cache ({exc}); delete it or set "
                                 "MTCHECK_CACHE_DIR", str(self.path)) from None
            self._db = db
        return self._db

    def get_many(self, keys: Iterable[str]) -> dict[str, Any]:
        wanted = list(dict.fromkeys(keys))
        if not self.enabled or not wanted:
            self.misses += len(wanted)
            return {}
        db = self._connect()
        found: dict[str, Any] = {}
        try:
            for start in range(0, len(wanted), 500):  # SQLite's bound-parameter limit
                chunk = wanted[start:start + 500]
                marks = ",".join("?" * len(chunk))
                for key, value in db.execute(f"SELECT key, value FROM results WHERE key IN ({marks})", chunk):
                    found[key] = json.loads(value)
        except sqlite3.Error as exc:
            raise ModelError(f"the model cache cannot be read ({exc}); delete it", str(self.path)) from None
        self.hits += len(found)
        self.misses += len(wanted) - len(found)
        return found

    def put_many(self, items: Mapping[str, Any]) -> None:
        if not self.enabled or not items:
            return
        db = self._connect()
        try:
            with db:
                db.executemany("INSERT OR REPLACE INTO results (key, value) VALUES (?, ?)",
                               [(k, json.dumps(v, ensure_ascii=False)) for k, v in items.items()])
        except sqlite3.Error as exc:
            raise ModelError(f"cannot write the model cache ({exc})", str(self.path)) from None

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None
