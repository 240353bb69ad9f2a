"""What upstream changed since a variant's base: record the base, compare, rebase.

A variant overrides some upstream fields. When upstream later changes one of them, the merge
still takes the variant's value, silently: the organisation never learns that upstream
improved the text it replaced. So a variant records what it is based on:

- ``based_on:`` in ``variant.yml``: upstream's ``data_version`` and the sha256 of every upstream
  data file;
- ``.base/`` in the variant directory: a copy of the upstream files the variant overlays, as
  they were at that time, so a warning can show the upstream value then and now.

Only ``handbook new-variant`` and ``handbook rebase`` write these (the variant directory is the
author's; validation and builds only read it). ``handbook validate --variant`` compares.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from macros.model import BasedOn
from macros.problems import Problem, display_path
from macros.yamlsource import YamlDocument, field_path, read_yaml

BASE_DIR = ".base"
_EDIT_SUFFIXES = ("+", "-")  # list edits survive upstream changes: nothing to warn about


@dataclass(frozen=True)
class Drift:
    """An upstream field the variant overrides, changed upstream since the base."""

    field: str
    then: Any
    now: Any
    ours: Any
    upstream_at: str  # file:line
    variant_at: str

    def __str__(self) -> str:
        return (f"WARNING: {self.variant_at}: {self.field}: upstream changed a field this variant overrides\n"
                f"    upstream then: {_show(self.then)}\n"
                f"    upstream now:  {_show(self.now)}  ({self.upstream_at})\n"
                f"    this variant:  {_show(self.ours)}  ({self.variant_at})")


def _show(value: Any) -> str:
    return "(not set)" if value is None else json.dumps(value, ensure_ascii=False)


def file_hash(path: Path) -> str:
    """sha256 of a file, line endings normalised (a Windows checkout is not a change)."""
    return hashlib.sha256(path.read_bytes().replace(b"\r\n", b"\n")).hexdigest()


def data_files(root: Path) -> dict[str, Path]:
    """Data files under root by relative path, skipping hidden folders and variant.yml."""
    out = {}
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root)
        if path.is_file() and path.suffix in (".yml", ".yaml") and not any(p.startswith(".") for p in rel.parts):
            if rel.as_posix() != "variant.yml":
                out[rel.as_posix()] = path
    return out


# ---- recording the base ---------------------------------------------------------------------


def record_base(data_dir: Path, variant_dir: Path) -> list[Path]:
    """Write ``based_on:`` into variant.yml and refresh ``.base/``; returns the files written."""
    upstream = data_files(data_dir)
    problems: list[Problem] = []
    model = read_yaml(data_dir / "model.yml", problems)
    version = str(model.data.get("data_version", "unknown")) if model else "unknown"
    base = variant_dir / BASE_DIR
    if base.exists():
        shutil.rmtree(base)
    written = []
    for rel in data_files(variant_dir):
        if rel in upstream:
            target = base / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(upstream[rel], target)
            written.append(target)
    variant_yml = variant_dir / "variant.yml"
    variant_yml.write_text(with_based_on(variant_yml.read_text(encoding="utf-8"), version,
                                         {rel: file_hash(path) for rel, path in upstream.items()}), encoding="utf-8")
    return [variant_yml, *written]


def with_based_on(text: str, version: str, hashes: dict[str, str]) -> str:
    """variant.yml with its ``based_on:`` block replaced (or appended); the rest kept as written."""
    block = ["based_on:  # written by `handbook new-variant` and `handbook rebase`; do not edit by hand",
             f"  data_version: {json.dumps(version)}", "  files:"]
    block += [f"    {json.dumps(rel)}: {digest}" for rel, digest in sorted(hashes.items())]
    lines = text.splitlines()
    start = next((i for i, line in enumerate(lines) if re.match(r"^based_on\s*:", line)), None)
    if start is None:
        kept = lines
    else:
        end = start + 1
        while end < len(lines) and (lines[end].startswith((" ", "\t")) or not lines[end].strip()):
            end += 1
        kept = lines[:start] + lines[end:]
    while kept and not kept[-1].strip():
        kept.pop()
    return "\n".join(kept + block) + "\n"


# ---- comparing --------------------------------------------------------------------------------


def upstream_drift(data_dir: Path, variant_dir: Path, based_on: BasedOn | None) -> tuple[list[str], list[Drift]]:
    """Notes (file level) and drifts (field level) since the base recorded in variant.yml."""
    if based_on is None:
        return ([f"NOTE: {display_path(variant_dir / 'variant.yml')}: no based_on: recorded, so upstream changes to "
                 f"fields this variant overrides cannot be shown; run `handbook rebase --variant {display_path(variant_dir)}` "
                 "once you have reviewed the variant against the current upstream"], [])
    notes: list[str] = []
    drifts: list[Drift] = []
    upstream = data_files(data_dir)
    problems: list[Problem] = []
    now_model = read_yaml(data_dir / "model.yml", problems)
    version = str(now_model.data.get("data_version")) if now_model else "unknown"
    changed_files = [rel for rel, path in upstream.items() if based_on.files.get(rel) != file_hash(path)]
    if version != based_on.data_version or changed_files:
        moved = f"moved from data version {based_on.data_version} to {version}" if version != based_on.data_version else f"(data version {version}) changed"
        notes.append(f"NOTE: upstream {moved} since this variant's base: {len(changed_files)} upstream file(s) differ")
    for rel, path in data_files(variant_dir).items():
        if rel not in upstream or rel not in changed_files:
            continue
        snapshot = variant_dir / BASE_DIR / rel
        if not snapshot.is_file():
            notes.append(f"WARNING: {display_path(path)}: upstream changed {rel} since the base, and {BASE_DIR}/ holds no "
                         "copy of it from then: compare your overrides with upstream by hand (`handbook diff`)")
            continue
        over, now, then = (read_yaml(p, problems) for p in (path, upstream[rel], snapshot))
        if over and now and then:
            _walk(over, now, then, over.data, now.data, then.data, (), (), drifts)
    return notes, drifts


def _walk(over: YamlDocument, now_doc: YamlDocument, then_doc: YamlDocument,
          o: Any, n: Any, t: Any, po: tuple, pn: tuple, out: list[Drift]) -> None:
    """Follow the overlay the way the merge does; report each replaced value upstream changed."""
    if isinstance(o, dict) and isinstance(n, dict):
        for key, value in o.items():
            if key == "id" or (isinstance(key, str) and key.endswith(_EDIT_SUFFIXES)):
                continue
            then = t.get(key) if isinstance(t, dict) else None
            _walk(over, now_doc, then_doc, value, n.get(key), then, po + (key,), pn + (key,), out)
        return
    if isinstance(o, list) and _entities(n) and all(isinstance(v, dict) and "id" in v for v in o):
        then_by_id = {item["id"]: item for item in t} if _entities(t) else {}
        now_index = {item["id"]: j for j, item in enumerate(n)}
        for i, item in enumerate(o):
            j = now_index.get(item["id"])
            if j is not None:
                _walk(over, now_doc, then_doc, item, n[j], then_by_id.get(item["id"]), po + (i,), pn + (j,), out)
        return
    if n != t and o != n:  # o == n: upstream adopted the variant's value
        out.append(Drift(field_path(po, over.data), t, n, o, f"{now_doc.name}:{now_doc.line_of(pn)}",
                         f"{over.name}:{over.line_of(po)}"))


def _entities(value: Any) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(v, dict) and isinstance(v.get("id"), str) for v in value)
