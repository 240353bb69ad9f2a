"""Load the handbook once per change of the data, for the hook and the macros alike.

mkdocs calls the hook and mkdocs-macros separately, and `mkdocs serve` rebuilds many times:
the data is re-read only when a file under the data directory changed.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig

from macros.handbook import Handbook
from macros.loader import load_handbook

_cache: dict[tuple, tuple[tuple, Handbook]] = {}


def _fingerprint(data_dir: Path) -> tuple:
    return tuple(
        (str(p), p.stat().st_mtime_ns, p.stat().st_size)
        for p in sorted(data_dir.rglob("*"))
        if p.is_file()
    )


def cached_handbook(data_dir: Path, variant_dir: Path | None = None) -> Handbook:
    key = (data_dir.resolve(), variant_dir.resolve() if variant_dir else None)
    fingerprint = tuple(_fingerprint(d) if d and d.is_dir() else () for d in key)
    hit = _cache.get(key)
    if hit and hit[0] == fingerprint:
        return hit[1]
    handbook = load_handbook(data_dir, variant_dir)
    _cache[key] = (fingerprint, handbook)
    return handbook


def handbook_for(config: MkDocsConfig) -> Handbook:
    """The handbook a mkdocs config asks for: its data directory plus the chosen variant."""
    from macros.settings import data_dir_for, variant_dir_for

    return cached_handbook(data_dir_for(config), variant_dir_for(config))
