"""What a variant changes: entities added, changed (field by field) and removed, against upstream."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel

from macros.handbook import Handbook

# Nested lists of entities are compared as entities of their own kind, not as fields.
NESTED = {"practices", "checklist", "moves", "readiness", "areas", "labs", "cells"}


@dataclass
class Change:
    kind: str
    id: str
    fields: dict[str, tuple[Any, Any]] = field(default_factory=dict)


@dataclass
class Diff:
    added: list[Change] = field(default_factory=list)
    changed: list[Change] = field(default_factory=list)
    removed: list[Change] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.added or self.changed or self.removed)

    def as_json(self) -> str:
        def one(c: Change, with_fields: bool) -> dict[str, Any]:
            out: dict[str, Any] = {"kind": c.kind, "id": c.id}
            if with_fields:
                out["fields"] = {k: {"old": old, "new": new} for k, (old, new) in c.fields.items()}
            return out
        return json.dumps({
            "added": [one(c, False) for c in self.added],
            "changed": [one(c, True) for c in self.changed],
            "removed": [one(c, False) for c in self.removed],
        }, indent=2, ensure_ascii=False) + "\n"

    def as_text(self) -> str:
        if self.empty:
            return "The variant changes nothing.\n"
        lines = []
        for title, changes in (("Added", self.added), ("Changed", self.changed), ("Removed", self.removed)):
            if not changes:
                continue
            lines.append(f"{title} ({len(changes)}):")
            for c in changes:
                lines.append(f"  {c.kind} {c.id}")
                for name, (old, new) in c.fields.items():
                    lines.append(f"    {name}: {_short(old)} -> {_short(new)}")
        return "\n".join(lines) + "\n"


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


def diff(upstream: Handbook, variant: Handbook) -> Diff:
    before, after = entities(upstream), entities(variant)
    result = Diff()
    for key, fields in after.items():
        if key not in before:
            result.added.append(Change(*key))
            continue
        changed = {name: (before[key].get(name), value) for name, value in fields.items() if before[key].get(name) != value}
        changed.update({name: (value, None) for name, value in before[key].items() if name not in fields})
        if changed:
            result.changed.append(Change(*key, fields=changed))
    result.removed = [Change(*key) for key in before if key not in after]
    return result
