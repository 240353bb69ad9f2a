"""Organisation variants: overlay a directory of data files on the upstream data, by id.

Rules (the fork contract: CONTRIBUTING.md and docs/variants.md):
- mappings merge key by key; lists of entities (items with an `id`) merge by id;
  scalars and plain lists replace;
- an entity the variant adds must have an id starting with "<prefix>-";
- an overlay entry whose id does not exist upstream, and lacks the prefix, is an error: upstream
  probably renamed or removed it, and silently dropping the organisation's change would be worse;
- ids under `remove:` disappear; references left to them fail validation like any dangling id.

Every merged value remembers which file and line it came from, so errors point at the
upstream file or the variant file, whichever holds the offending text.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from macros.problems import Problem
from macros.yamlsource import Path_, YamlDocument, field_path


@dataclass
class Loc:
    """Where a value and its children came from."""

    doc: YamlDocument
    path: Path_
    children: Any = None  # as the value: a dict for a mapping, a list for a list, None for a scalar


def loc_tree(doc: YamlDocument, path: Path_, value: Any) -> Loc:
    if isinstance(value, dict):
        return Loc(doc, path, {k: loc_tree(doc, path + (k,), v) for k, v in value.items()})
    if isinstance(value, list):
        return Loc(doc, path, [loc_tree(doc, path + (i,), v) for i, v in enumerate(value)])
    return Loc(doc, path)


class MergedDocument:
    """A data file after the overlay: the same interface as YamlDocument, with mixed origins."""

    def __init__(self, path: Path, data: Any, loc: Loc):
        self.path = path
        self.data = data
        self.loc = loc

    @property
    def name(self) -> str:
        return self.loc.doc.name

    def locate(self, where: Path_) -> tuple[str, int]:
        loc = self.loc
        rest: tuple = ()
        for i, part in enumerate(where):
            children = loc.children
            if isinstance(children, dict) and part in children:
                loc = children[part]
            elif isinstance(children, list) and isinstance(part, int) and 0 <= part < len(children):
                loc = children[part]
            else:
                rest = tuple(where[i:])
                break
        return loc.doc.name, loc.doc.line_of(loc.path + rest)

    def line_of(self, where: Path_) -> int:
        return self.locate(where)[1]

    def problem(self, where: Path_, message: str) -> Problem:
        name, line = self.locate(where)
        return Problem(name, line, field_path(where, self.data), message)


def _is_entity(value: Any) -> bool:
    return isinstance(value, dict) and isinstance(value.get("id"), str)


class Merger:
    def __init__(self, prefix: str, problems: list[Problem]):
        self.prefix = prefix
        self.problems = problems
        self.added: list[tuple[str, Loc]] = []

    def merge(self, base: Any, base_loc: Loc, over: Any, over_loc: Loc) -> tuple[Any, Loc]:
        if isinstance(base, dict) and isinstance(over, dict):
            out, children = dict(base), dict(base_loc.children)
            for key, value in over.items():
                if key in base:
                    out[key], children[key] = self.merge(base[key], base_loc.children[key], value, over_loc.children[key])
                else:
                    out[key], children[key] = value, over_loc.children[key]
            return out, Loc(base_loc.doc, base_loc.path, children)
        if isinstance(base, list) and isinstance(over, list) and all(_is_entity(b) for b in base) and (base or all(_is_entity(o) for o in over)):
            return self._merge_entities(base, base_loc, over, over_loc)
        return over, over_loc  # scalars and plain lists replace

    def _merge_entities(self, base: list, base_loc: Loc, over: list, over_loc: Loc) -> tuple[list, Loc]:
        out, children = list(base), list(base_loc.children)
        index = {item["id"]: i for i, item in enumerate(base)}
        for j, item in enumerate(over):
            loc = over_loc.children[j]
            if not _is_entity(item):
                self.problems.append(loc.doc.problem(loc.path, "each entry of this list needs an `id`, so it can be merged with upstream by id"))
                continue
            ident = item["id"]
            if ident in index:
                i = index[ident]
                out[i], children[i] = self.merge(base[i], base_loc.children[i], item, loc)
            elif ident.startswith(self.prefix + "-"):
                out.append(item)
                children.append(loc)
                self.added.append((ident, loc))
            else:
                self.problems.append(loc.doc.problem(loc.path + ("id",), (
                    f"no upstream entry with id {ident!r} to change: upstream may have renamed or removed it "
                    f"(compare with the upstream data or `handbook diff`) - update or delete this entry; "
                    f"an entry the variant adds needs an id starting with '{self.prefix}-'")))
        return out, Loc(base_loc.doc, base_loc.path, children)


def merge_file(base: YamlDocument | None, over: YamlDocument, merger: Merger) -> MergedDocument:
    over_loc = loc_tree(over, (), over.data)
    if base is None:
        return MergedDocument(over.path, over.data, over_loc)
    data, loc = merger.merge(base.data, loc_tree(base, (), base.data), over.data, over_loc)
    return MergedDocument(base.path, data, loc)


def as_merged(doc: YamlDocument) -> MergedDocument:
    return MergedDocument(doc.path, doc.data, loc_tree(doc, (), doc.data))


def remove_ids(docs: dict[str, MergedDocument], ids: set[str]) -> set[str]:
    """Drop every entity with one of these ids, in place; return the ids that were found."""
    found: set[str] = set()

    def walk(value: Any, loc: Loc) -> None:
        if isinstance(value, dict):
            for key, child in value.items():
                walk(child, loc.children[key])
        elif isinstance(value, list):
            keep = [i for i, item in enumerate(value) if not (_is_entity(item) and item["id"] in ids)]
            found.update(item["id"] for item in value if _is_entity(item) and item["id"] in ids)
            value[:] = [value[i] for i in keep]
            loc.children[:] = [loc.children[i] for i in keep]
            for child, child_loc in zip(value, loc.children):
                walk(child, child_loc)

    for doc in docs.values():
        walk(doc.data, doc.loc)
    return found
