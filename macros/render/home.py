"""The home page: the level x dimension matrix and the ways into the handbook."""

from __future__ import annotations

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
from macros.render.levels import cell_teaser
from macros.render.markdown import Links, heading, html_text, join_blocks, prose, table, text


def render_home(handbook: Handbook) -> str:
    links = Links(HOME_URI)
    model = handbook.model
    headers = ["Level"] + [links.link(text(d.name), dimension_uri(d.id)) for d in handbook.dimensions]
    rows = []
    for level in handbook.levels:
        row = [links.link(f"**{level.number} {text(level.name)}**", level_uri(level.id)) + "<br>" + prose(level.theme)]
        row += [links.link(cell_teaser(handbook, level.id, d.id), cell_uri(level.id, d.id)) for d in handbook.dimensions]
        rows.append(row)
    source = model.source
    return join_blocks(
        heading(1, text(model.name)),
        prose(model.description),
        heading(2, "The maturity matrix", "matrix"),
        "Each row is a level, each column a dimension. Open a cell for its playbook: the practices, "
        "the steps, who owns them and the checklist that proves them done.",
        '<div class="handbook-matrix" markdown>\n\n' + table(headers, rows) + "\n\n</div>",
        heading(2, "I am a ...", "roles"),
        "Start from your role: what it focuses on at each level, what it owns, its checklist and its training path.",
        '<div class="hb-roles">' + " ".join(
            f'<a class="md-button" href="{links.html_url(role_uri(r.id))}">{html_text(r.name)}</a>' for r in handbook.roles) + "</div>",
        heading(2, "Other ways in", "ways-in"),
        "- **By level:** " + ", ".join(links.link(text(f"{lv.number} {lv.name}"), level_uri(lv.id)) for lv in handbook.levels),
        "- **By dimension:** " + ", ".join(links.link(text(d.name), dimension_uri(d.id)) for d in handbook.dimensions),
        "- **By tool:** " + links.link("the projects this handbook names", TOOLS_URI),
        "- **Training:** " + links.link("certification paths by role and level", TRAINING_URI),
        "- **Workshops:** " + links.link("printable checklists and workshop packs", CHECKLISTS_URI),
        "- **Where do we stand?** " + links.link("the self-assessment", ASSESSMENT_URI) + " (answers stay in your browser)",
        heading(2, "Source", "source"),
        f"Based on the [{text(source.name)}](<{source.url}>) by the {text(source.publisher)} "
        f"({text(source.model_version)}), licensed under [{text(source.licence)}](<{source.licence_url}>). "
        f"The practices, steps and checklists are this handbook's own. Data version {text(model.data_version)}.",
    )
