"""Dimension pages (/dimensions/<dimension>/): one dimension across all levels, area by area."""

from __future__ import annotations

from markupsafe import Markup

from macros.handbook import Handbook
from macros.pages import cell_uri, level_title, level_uri
from macros.render.common import level_label
from macros.render.levels import AREA_ADDITION
from macros.render.markdown import Links, first_sentence, heading, join_blocks, joined, prose, table, text


def render_dimension(handbook: Handbook, dimension_id: str, here: str) -> Markup:
    dim = handbook.dimension(dimension_id)
    links = Links(here)
    overview = table(
        [Markup("Level"), Markup("What it looks like")],
        [[links.link(text(level_title(lv)), level_uri(lv.id)),
          links.link(prose(first_sentence(handbook.cell(lv.id, dim.id).summary, 200)), cell_uri(lv.id, dim.id))]
         for lv in handbook.levels],
    )
    blocks = [heading(1, text(dim.name)), prose(dim.purpose), heading(2, Markup("Across the levels"), "levels"), overview]
    for area in dim.areas:
        rows = []
        for lv in handbook.levels:
            practices = handbook.practices_where(level=lv.id, dimension=dim.id, area=area.id)
            listed = joined("<br>", [links.link(text(pp.practice.title), cell_uri(lv.id, dim.id), pp.practice.id) for pp in practices])
            rows.append([links.link(level_label(lv), level_uri(lv.id)), listed or Markup("—")])
        blocks.append(heading(2, text(area.name), f"area-{area.id}"))
        if area.handbook_addition:
            blocks.append(AREA_ADDITION)
        blocks += [prose(area.summary), table([Markup("Level"), Markup("Practices")], rows)]
    return join_blocks(*blocks)
