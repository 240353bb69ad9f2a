"""Load the handbook once per change of the data, for the hook and the macros alike.

mkdocs calls the hook and mkdocs-macros separately, and `mkdocs serve` rebuilds many times:
the data is re-read only when a file under the data directory changed. Within one build (one
config object) the answer is kept without looking at the files again: the hook and the macros
ask for it about 170 times a build, and checking every data file's date each time cost 2% of
the build (cProfile).
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


_this_build: list = [None, None]  # [the last build's config, its handbook]


def handbook_for(config: MkDocsConfig) -> Handbook:
    """The handbook a mkdocs config asks for: its data directory plus the chosen variant.

    `mkdocs serve` loads a new config for every rebuild, so a new config looks at the files again.
    """
    from macros.settings import data_dir_for, variant_dir_for

    last, handbook = _this_build
    if last is not None and last is config:
        return handbook
    handbook = cached_handbook(data_dir_for(config), variant_dir_for(config))
    _this_build[:] = [config, handbook]
    return handbook
