"""What a variant changes: entities added, changed (field by field) and removed, against upstream."""

from __future__ import annotations

import difflib
import json
import re
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel

from macros.handbook import Handbook
from macros.pages import level_title

# Nested lists of entities are compared as entities of their own kind, not as fields.
NESTED = {"practices", "checklist", "moves", "readiness", "areas", "labs", "cells"}


@dataclass
class Change:
    kind: str
    id: str
    fields: dict[str, tuple[Any, Any]] = field(default_factory=dict)
    place: str = ""  # where it shows: "Level 3: Scale · People"
    at: str = ""  # the overlay file:line that makes the change (or the remove: entry)


@dataclass
class Diff:
    added: list[Change] = field(default_factory=list)
    changed: list[Change] = field(default_factory=list)
    removed: list[Change] = field(default_factory=list)
    branding: dict[str, tuple[Any, Any]] = field(default_factory=dict)  # site setting -> (upstream, variant)

    @property
    def empty(self) -> bool:
        return not (self.added or self.changed or self.removed or self.branding)

    def as_json(self) -> str:
        def one(c: Change, with_fields: bool) -> dict[str, Any]:
            out: dict[str, Any] = {"kind": c.kind, "id": c.id, "place": c.place, "at": c.at}
            if with_fields:
                out["fields"] = {k: {"old": old, "new": new} for k, (old, new) in c.fields.items()}
            return out
        return json.dumps({
            "branding": {k: {"old": old, "new": new} for k, (old, new) in self.branding.items()},
            "added": [one(c, False) for c in self.added],
            "changed": [one(c, True) for c in self.changed],
            "removed": [one(c, False) for c in self.removed],
        }, indent=2, ensure_ascii=False) + "\n"

    def as_text(self) -> str:
        """For a terminal: every change with where it shows and where it is made, full text, word diff."""
        if self.empty:
            return "The variant changes nothing.\n"
        lines = []
        if self.branding:
            lines.append(f"Branding ({len(self.branding)}):")
            lines += [f"  {name}: {_plain(old)} -> {_plain(new)}" for name, (old, new) in self.branding.items()]
        for title, changes in (("Added", self.added), ("Changed", self.changed), ("Removed", self.removed)):
            if not changes:
                continue
            lines.append(f"{title} ({len(changes)}):")
            for c in changes:
                lines.append(f"  {c.kind} {c.id}" + "".join(f"  [{part}]" for part in (c.place, c.at) if part))
                for name, (old, new) in c.fields.items():
                    lines.append(f"    {name}:")
                    lines.append(f"      upstream: {_plain(old)}")
                    lines.append(f"      variant:  {_plain(new)}")
                    if isinstance(old, str) and isinstance(new, str):
                        lines.append(f"      words:    {word_diff(old, new)}")
        return "\n".join(lines) + "\n"

    def as_markdown(self, title: str = "What the variant changes") -> str:
        """For a pull request description: sections, locations in code spans, changes as diff blocks."""
        out = [f"## {title}", ""]
        if self.empty:
            return "\n".join(out + ["The variant changes nothing.", ""])
        if self.branding:
            out += ["### Branding", "", "| Setting | Upstream | Variant |", "|---|---|---|"]
            out += [f"| {name} | {_cell(old)} | {_cell(new)} |" for name, (old, new) in self.branding.items()]
            out.append("")
        for heading, changes in (("Added", self.added), ("Changed", self.changed), ("Removed", self.removed)):
            if not changes:
                continue
            out += [f"### {heading} ({len(changes)})", ""]
            for c in changes:
                where = " · ".join(part for part in (c.place, f"`{c.at}`" if c.at else "") if part)
                out.append(f"- {c.kind} `{c.id}`" + (f" ({where})" if where else ""))
                for name, (old, new) in c.fields.items():
                    out += ["", f"  **{name}**", "", "  ```diff"]
                    out += [f"  - {line}" for line in _plain(old).splitlines() or [""]]
                    out += [f"  + {line}" for line in _plain(new).splitlines() or [""]]
                    out += ["  ```", ""]
            out.append("")
        return "\n".join(out).rstrip("\n") + "\n"


def word_diff(old: str, new: str) -> str:
    """Words removed as [-...-] and added as {+...+}, like `git diff --word-diff`."""
    a, b = re.findall(r"\S+\s*", old), re.findall(r"\S+\s*", new)  # a word keeps the space after it
    out = []
    words = difflib.SequenceMatcher(None, [t.strip() for t in a], [t.strip() for t in b], autojunk=False)
    for op, i1, i2, j1, j2 in words.get_opcodes():
        if op == "equal":
            out.append("".join(b[j1:j2]))
            continue
        gone, came = "".join(a[i1:i2]), "".join(b[j1:j2])
        tail = (came or gone)[len((came or gone).rstrip()):]  # the space after the change stays outside it
        out.append((f"[-{gone.rstrip()}-]" if gone else "") + (f"{{+{came.rstrip()}+}}" if came else "") + tail)
    return "".join(out)


def _plain(value: Any) -> str:
    if value is None:
        return "(not set)"
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def _cell(value: Any) -> str:
    return _plain(value).replace("|", "\\|").replace("\n", " ")


def _short(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 160 else text[:157] + "..."


def _fields(entity: BaseModel) -> dict[str, Any]:
    return {k: v for k, v in entity.model_dump(mode="json").items() if k not in NESTED and k != "id"}


def entities(handbook: Handbook) -> dict[tuple[str, str], dict[str, Any]]:
    """Every entity with an id, by (kind, id), with its own (non-nested) fields."""
    out: dict[tuple[str, str], dict[str, Any]] = {("model", "model"): _fields(handbook.model)}
    for dim in handbook.dimensions:
        out[("dimension", dim.id)] = _fields(dim)
        for area in dim.areas:
            out[("area", f"{dim.id}/{area.id}")] = _fields(area)
    for level in handbook.levels:
        fields = _fields(level)
        if level.next_level:
            fields["next_level"] = {"summary": level.next_level.summary}
            for move in level.next_level.moves:
                out[("move", move.id)] = _fields(move)
        out[("level", level.id)] = fields
        for dim in handbook.dimensions:
            out[("cell", f"{level.id}/{dim.id}")] = _fields(handbook.cell(level.id, dim.id))
    for pp in handbook.practices:
        out[("practice", pp.practice.id)] = _fields(pp.practice)
        for item in pp.practice.checklist:
            out[("checklist item", item.id)] = _fields(item)
    for role in handbook.roles:
        out[("role", role.id)] = _fields(role)
    for project in handbook.projects:
        out[("project", project.id)] = _fields(project)
    for cert in handbook.certifications:
        out[("certification", cert.id)] = _fields(cert)
        for item in cert.readiness:
            out[("readiness item", item.id)] = _fields(item)
    return out


def _places(handbook: Handbook) -> dict[tuple[str, str], str]:
    """Where each entity shows, for people who think in levels and dimensions."""
    out: dict[tuple[str, str], str] = {}
    for level in handbook.levels:
        out[("level", level.id)] = level_title(level)
        for dim in handbook.dimensions:
            out[("cell", f"{level.id}/{dim.id}")] = f"{level_title(level)} · {dim.name}"
        for move in (level.next_level.moves if level.next_level else ()):
            out[("move", move.id)] = level_title(level)
    for pp in handbook.practices:
        place = f"{level_title(pp.level)} · {pp.dimension.name}"
        out[("practice", pp.practice.id)] = place
        for item in pp.practice.checklist:
            out[("checklist item", item.id)] = place
    return out


BRANDING = ("name", "logo", "primary_colour", "footer_note")


def diff(upstream: Handbook, variant: Handbook, locations: dict[str, str] | None = None) -> Diff:
    """What ``variant`` changes against ``upstream``; ``locations`` maps ids to the overlay's file:line."""
    before, after = entities(upstream), entities(variant)
    places = {**_places(upstream), **_places(variant)}
    locations = locations or {}

    def change(key: tuple[str, str], **kw: Any) -> Change:
        ident = key[1].rsplit("/", 1)[-1] if key[0] == "area" else key[1]
        return Change(*key, place=places.get(key, ""), at=locations.get(ident, locations.get(key[1], "")), **kw)

    result = Diff()
    for key, fields in after.items():
        if key not in before:
            result.added.append(change(key))
            continue
        changed = {name: (before[key].get(name), value) for name, value in fields.items() if before[key].get(name) != value}
        changed.update({name: (value, None) for name, value in before[key].items() if name not in fields})
        if changed:
            result.changed.append(change(key, fields=changed))
    result.removed = [change(key) for key in before if key not in after]
    if variant.variant:
        site = variant.variant.file.site
        defaults = {"name": upstream.model.name}
        result.branding = {name: (defaults.get(name), getattr(site, name)) for name in BRANDING if getattr(site, name) is not None}
    return result
