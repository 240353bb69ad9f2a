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
from macros.render.common import level_label
from macros.render.levels import cell_teaser
from macros.render.markdown import Links, fill, heading, html_text, join_blocks, joined, prose, table, text, url


def render_home(handbook: Handbook) -> Markup:
    links = Links(HOME_URI)
    model = handbook.model
    headers = [Markup("Level")] + [links.link(text(d.name), dimension_uri(d.id)) for d in handbook.dimensions]
    rows = []
    for level in handbook.levels:
        row = [links.link(fill("**{} {}**", level.number, text(level.name)), level_uri(level.id))
               + Markup("<br>") + prose(level.theme)]
        row += [links.link(cell_teaser(handbook, level.id, d.id), cell_uri(level.id, d.id)) for d in handbook.dimensions]
        rows.append(row)
    source = model.source
    return join_blocks(
        heading(1, text(model.name)),
        prose(model.description),
        heading(2, Markup("The maturity matrix"), "matrix"),
        Markup("Each row is a level, each column a dimension. Open a cell for its playbook: the practices, "
               "the steps, who owns them and the checklist that proves them done."),
        fill('<div class="handbook-matrix" markdown>\n\n{}\n\n</div>', table(headers, rows)),
        heading(2, Markup("I am a ..."), "roles"),
        Markup("Start from your role: what it focuses on at each level, what it owns, its checklist and its training path."),
        fill('<div class="hb-roles">{}</div>', joined(" ", [
            fill('<a class="md-button" href="{}">{}</a>', links.html_url(role_uri(r.id)), html_text(r.name)) for r in handbook.roles])),
        heading(2, Markup("Other ways in"), "ways-in"),
        Markup("- **By level:** ") + joined(", ", [links.link(level_label(lv), level_uri(lv.id)) for lv in handbook.levels]),
        Markup("- **By dimension:** ") + joined(", ", [links.link(text(d.name), dimension_uri(d.id)) for d in handbook.dimensions]),
        Markup("- **By tool:** ") + links.link(Markup("the projects this handbook names"), TOOLS_URI),
        Markup("- **Training:** ") + links.link(Markup("certification paths by role and level"), TRAINING_URI),
        Markup("- **Workshops:** ") + links.link(Markup("printable checklists and workshop packs"), CHECKLISTS_URI),
        Markup("- **Where do we stand?** ") + links.link(Markup("the self-assessment"), ASSESSMENT_URI)
        + Markup(" (answers stay in your browser)"),
        heading(2, Markup("Source"), "source"),
        fill("Based on the [{}](<{}>) by the {} ({}), licensed under [{}](<{}>). "
               "The practices, steps and checklists are this handbook's own. Data version {}.",
                   text(source.name), url(source.url), text(source.publisher), text(source.model_version),
                   text(source.licence), url(source.licence_url), text(model.data_version)),
    )
