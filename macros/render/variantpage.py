"""The /variant/ page: what the organisation's overlay changed, against upstream."""

from __future__ import annotations

import json

from macros.diff import Diff
from macros.handbook import Handbook
from macros.pages import variant_title
from macros.render.markdown import heading, join_blocks, table, text


def _value(value) -> str:
    shown = json.dumps(value, ensure_ascii=False)
    return text(shown if len(shown) <= 200 else shown[:197] + "...")


def render_variant(handbook: Handbook, changes: Diff) -> str:
    variant = handbook.variant.file
    blocks = [
        heading(1, text(variant_title(handbook))),
        f"This handbook is {text(variant.name)}'s variant of the upstream handbook: its own files are laid over "
        f"the upstream data, merged by id. New entries carry the prefix `{variant.prefix}-`.",
    ]
    if changes.empty:
        blocks.append("The variant changes nothing yet.")
    if changes.added:
        blocks += [heading(2, f"Added ({len(changes.added)})", "added"),
                   table(["Kind", "Id"], [[text(c.kind), f"`{c.id}`"] for c in changes.added])]
    if changes.changed:
        rows = [[text(c.kind), f"`{c.id}`", text(name), _value(old), _value(new)]
                for c in changes.changed for name, (old, new) in c.fields.items()]
        blocks += [heading(2, f"Changed ({len(changes.changed)})", "changed"), table(["Kind", "Id", "Field", "Upstream", "Here"], rows)]
    if changes.removed:
        blocks += [heading(2, f"Removed ({len(changes.removed)})", "removed"),
                   table(["Kind", "Id"], [[text(c.kind), f"`{c.id}`"] for c in changes.removed])]
    return join_blocks(*blocks)
