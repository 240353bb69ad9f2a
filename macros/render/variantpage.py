"""The /variant/ page: what the organisation's overlay changed, against upstream."""

from __future__ import annotations

import json

from markupsafe import Markup

from macros.diff import Diff
from macros.handbook import Handbook
from macros.pages import variant_title
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
        fill("This handbook is {}'s variant of the upstream handbook: its own files are laid over "
               "the upstream data, merged by id. New entries carry the prefix `{}-`.", text(variant.name), variant.prefix),
    ]
    if changes.empty:
        blocks.append(Markup("The variant changes nothing yet."))
    if changes.added:
        blocks += [heading(2, fill("Added ({})", len(changes.added)), "added"),
                   table([Markup("Kind"), Markup("Id")], [[text(c.kind), fill("`{}`", c.id)] for c in changes.added])]
    if changes.changed:
        rows = [[text(c.kind), fill("`{}`", c.id), text(name), _value(old), _value(new)]
                for c in changes.changed for name, (old, new) in c.fields.items()]
        blocks += [heading(2, fill("Changed ({})", len(changes.changed)), "changed"),
                   table([Markup(h) for h in ("Kind", "Id", "Field", "Upstream", "Here")], rows)]
    if changes.removed:
        blocks += [heading(2, fill("Removed ({})", len(changes.removed)), "removed"),
                   table([Markup("Kind"), Markup("Id")], [[text(c.kind), fill("`{}`", c.id)] for c in changes.removed])]
    return join_blocks(*blocks)
