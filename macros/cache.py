"""Load the handbook once per change of the data, for the hook and the macros alike.

mkdocs calls the hook and mkdocs-macros separately, and `mkdocs serve` rebuilds many times:
the data is re-read only when a file under the data directory changed.
"""

from __future__ import annotations

from pathlib import Path

from macros.handbook import Handbook
from macros.loader import load_handbook

_cache: dict[Path, tuple[tuple, Handbook]] = {}


def _fingerprint(data_dir: Path) -> tuple:
    return tuple(
        (str(p), p.stat().st_mtime_ns, p.stat().st_size)
        for p in sorted(data_dir.rglob("*"))
        if p.is_file()
    )


def cached_handbook(data_dir: Path) -> Handbook:
    key = data_dir.resolve()
    fingerprint = _fingerprint(key) if key.is_dir() else ()
    hit = _cache.get(key)
    if hit and hit[0] == fingerprint:
        return hit[1]
    handbook = load_handbook(data_dir)
    _cache[key] = (fingerprint, handbook)
    return handbook
