"""The /variant/ page: what the organisation's overlay changed, against upstream."""

from __future__ import annotations

import json

from markupsafe import Markup

from macros.diff import Diff
from macros.handbook import Handbook
from macros.pages import variant_title
from macros.render.common import label
from macros.render.markdown import fill, heading, join_blocks, table, text


def _value(value: object) -> Markup:
    shown = json.dumps(value, ensure_ascii=False)
    return text(shown if len(shown) <= 200 else shown[:197] + "...")


def render_variant(handbook: Handbook, changes: Diff) -> Markup:
    if handbook.variant is None:
        return Markup()
    variant = handbook.variant.file
    blocks = [
        heading(1, text(variant_title(handbook))),
        label(handbook, "variant.intro", name=text(variant.name), prefix=variant.prefix),
    ]

    def headers(*keys: str) -> list[Markup]:
        return [label(handbook, f"column.{k}") for k in keys]

    if changes.empty:
        blocks.append(label(handbook, "variant.unchanged"))
    if changes.added:
        blocks += [heading(2, label(handbook, "variant.added", count=len(changes.added)), "added"),
                   table(headers("kind", "id"), [[text(c.kind), fill("`{}`", c.id)] for c in changes.added])]
    if changes.changed:
        rows = [[text(c.kind), fill("`{}`", c.id), text(name), _value(old), _value(new)]
                for c in changes.changed for name, (old, new) in c.fields.items()]
        blocks += [heading(2, label(handbook, "variant.changed", count=len(changes.changed)), "changed"),
                   table(headers("kind", "id", "field", "upstream", "here"), rows)]
    if changes.removed:
        blocks += [heading(2, label(handbook, "variant.removed", count=len(changes.removed)), "removed"),
                   table(headers("kind", "id"), [[text(c.kind), fill("`{}`", c.id)] for c in changes.removed])]
    return join_blocks(*blocks)
