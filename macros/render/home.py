"""The home page: the level x dimension matrix and the ways into the handbook."""

from __future__ import annotations

from markupsafe import Markup

from macros.handbook import Handbook
from macros.pages import (
    ASSESSMENT_URI,
    CHECKLISTS_URI,
    HOME_URI,
    TOOLS_URI,
    TRAINING_URI,
    cell_uri,
    dimension_uri,
    level_uri,
    role_uri,
)
from macros.render.common import label, level_label
from macros.render.levels import cell_teaser
from macros.render.markdown import Links, fill, heading, html_text, join_blocks, joined, prose, table, text, url


def render_home(handbook: Handbook) -> Markup:
    links = Links(HOME_URI)
    model = handbook.model
    headers = [label(handbook, "column.level")] + [links.link(text(d.name), dimension_uri(d.id)) for d in handbook.dimensions]
    rows = []
    for level in handbook.levels:
        row = [links.link(fill("**{} {}**", level.number, text(level.name)), level_uri(level.id))
               + Markup("<br>") + prose(level.theme)]
        row += [links.link(cell_teaser(handbook, level.id, d.id), cell_uri(level.id, d.id)) for d in handbook.dimensions]
        rows.append(row)
    source = model.source

    def way(key: str, links_: Markup) -> Markup:
        return fill("- **{}** {}", label(handbook, f"home.{key}"), links_)

    return join_blocks(
        heading(1, text(model.name)),
        prose(model.description),
        heading(2, label(handbook, "home.matrix"), "matrix"),
        label(handbook, "home.matrix_intro"),
        fill('<div class="handbook-matrix" markdown>\n\n{}\n\n</div>', table(headers, rows)),
        heading(2, label(handbook, "home.roles"), "roles"),
        label(handbook, "home.roles_intro"),
        fill('<div class="hb-roles">{}</div>', joined(" ", [
            fill('<a class="md-button" href="{}">{}</a>', links.html_url(role_uri(r.id)), html_text(r.name)) for r in handbook.roles])),
        heading(2, label(handbook, "home.ways_in"), "ways-in"),
        way("by_level", joined(", ", [links.link(level_label(handbook, lv), level_uri(lv.id)) for lv in handbook.levels])),
        way("by_dimension", joined(", ", [links.link(text(d.name), dimension_uri(d.id)) for d in handbook.dimensions])),
        way("by_tool", links.link(label(handbook, "home.by_tool_link"), TOOLS_URI)),
        way("training", links.link(label(handbook, "home.training_link"), TRAINING_URI)),
        way("workshops", links.link(label(handbook, "home.workshops_link"), CHECKLISTS_URI)),
        way("assessment", links.link(label(handbook, "home.assessment_link"), ASSESSMENT_URI)
            + fill(" ({})", label(handbook, "home.assessment_note"))),
        heading(2, label(handbook, "home.source"), "source"),
        label(handbook, "home.source_text",
              model=fill("[{}](<{}>)", text(source.name), url(source.url)), publisher=text(source.publisher),
              model_version=text(source.model_version), licence=fill("[{}](<{}>)", text(source.licence), url(source.licence_url)),
              data_version=text(model.data_version)),
    )
