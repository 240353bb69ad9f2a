"""Machine-readable exports of the merged handbook: the whole model as JSON, the checklist as CSV."""

from __future__ import annotations

import csv
import io
import json

from macros.handbook import Handbook

CSV_COLUMNS = [
    "id", "level", "dimension", "area",
    "practice", "practice_title",
    "text", "done_looks_like",
    "roles", "role_names",
    "priority",
    "practice_effort", "practice_requires",  # the practice's effort size id; the ids it requires, space-separated
    "variant", "variant_revision", "data_version",  # which handbook: on every row, so a copied range still says it
]


def handbook_json(handbook: Handbook) -> str:
    """The merged model: same data in, same bytes out (keys sorted, no timestamps)."""
    data = {
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
        "variant": handbook.variant.file.name if handbook.variant else None,
        "variant_revision": handbook.variant.revision if handbook.variant else None,
    }
    return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def checklist_csv(handbook: Handbook) -> str:
    """One row per checklist item, RFC 4180 quoting, with a BOM so spreadsheets read UTF-8."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(CSV_COLUMNS)
    variant = handbook.variant.file.name if handbook.variant else ""
    revision = (handbook.variant.revision or "") if handbook.variant else ""
    role_names = {r.id: r.name for r in handbook.roles}
    for pi in handbook.items:
        writer.writerow([
            pi.item.id, pi.placed.level.id, pi.placed.dimension.id, pi.placed.practice.area,
            pi.placed.practice.id, pi.placed.practice.title,
            pi.item.text, pi.item.done_looks_like,
            " ".join(pi.item.roles), "; ".join(role_names[r] for r in pi.item.roles),
            pi.item.priority,
            pi.placed.practice.effort, " ".join(pi.placed.practice.requires),
            variant, revision, handbook.model.data_version,
        ])
    return "\ufeff" + out.getvalue()
