"""Machine-readable exports of the merged handbook: the whole model as JSON, the checklist as CSV."""

from __future__ import annotations

import csv
import io
import json

from macros.handbook import Handbook

CSV_COLUMNS = [
    "edition",  # which handbook, variant and revision the row comes from (exports get mixed up)
    "id", "level", "dimension", "area",
    "practice", "practice_title",
    "text", "done_looks_like",
    "roles", "role_names",
    "priority",
    "practice_effort", "practice_requires",  # the practice's effort size id; the ids it requires, space-separated
]


def handbook_json(handbook: Handbook) -> str:
    """The merged model: same data in, same bytes out (keys sorted, no timestamps)."""
    variant = handbook.variant
    data = {
        "edition": handbook.edition(),
        "variant": {"name": variant.file.name, "prefix": variant.file.prefix, "revision": variant.revision} if variant else None,
        "model": handbook.model.model_dump(mode="json"),
        "dimensions": [d.model_dump(mode="json") for d in handbook.dimensions],
        "levels": [
            {
                **lv.model_dump(mode="json"),
                "cells": {d.id: handbook.cell(lv.id, d.id).model_dump(mode="json", exclude={"level", "dimension"})
                          for d in handbook.dimensions},
            }
            for lv in handbook.levels
        ],
        "roles": [r.model_dump(mode="json") for r in handbook.roles],
        "projects": {"as_of": handbook.projects_as_of, "projects": [p.model_dump(mode="json") for p in handbook.projects]},
        "certifications": [c.model_dump(mode="json") for c in handbook.certifications],
    }
    return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def checklist_csv(handbook: Handbook) -> str:
    """One row per checklist item, RFC 4180 quoting, with a BOM so spreadsheets read UTF-8."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(CSV_COLUMNS)
    edition = handbook.edition()
    role_names = {r.id: r.name for r in handbook.roles}
    for pi in handbook.items:
        writer.writerow([
            edition,
            pi.item.id, pi.placed.level.id, pi.placed.dimension.id, pi.placed.practice.area,
            pi.placed.practice.id, pi.placed.practice.title,
            pi.item.text, pi.item.done_looks_like,
            " ".join(pi.item.roles), "; ".join(role_names[r] for r in pi.item.roles),
            pi.item.priority,
            pi.placed.practice.effort, " ".join(pi.placed.practice.requires),
        ])
    return "\ufeff" + out.getvalue()
