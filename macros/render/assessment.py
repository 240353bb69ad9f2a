"""The self-assessment page (/assessment/): the items as JSON for the browser script.

The page holds no answers: everything a team enters stays in its own browser
(docs/assets/javascripts/assessment/). This renderer only hands over the merged model's
checklist items, levels, dimensions, areas and roles, plus the threshold from the data, and
loads the page's scripts (on this page only).
"""

from __future__ import annotations

import json

from markupsafe import Markup

from macros.handbook import Handbook
from macros.pages import ASSESSMENT_URI, cell_uri
from macros.render.markdown import Links, fill, heading, join_blocks, joined, json_data, text

SCHEMA_VERSION = 1

# The page's classic scripts, one per concern, in load order: helpers and rules first, then
# app.js (state and start-up), then the section views, which register with app.js.
ASSESSMENT_SCRIPTS = (
    "dom", "links", "model", "records", "share", "compare",
    "app", "result", "checklist", "tools",
)


def assessment_data(handbook: Handbook, variant: str = "") -> dict:
    links = Links(ASSESSMENT_URI)
    return {
        "handbook": handbook.model.name,
        "variant": variant,
        "schema": SCHEMA_VERSION,
        "data_version": handbook.model.data_version,
        "threshold": handbook.model.assessment.threshold,
        "levels": [{"id": lv.id, "number": lv.number, "name": lv.name} for lv in handbook.levels],
        "dimensions": [
            {"id": d.id, "name": d.name, "areas": [{"id": a.id, "name": a.name} for a in d.areas]}
            for d in handbook.dimensions
        ],
        "roles": [{"id": r.id, "name": r.name} for r in handbook.roles],
        "items": [
            {
                "id": pi.item.id,
                "level": pi.placed.level.id,
                "dimension": pi.placed.dimension.id,
                "area": pi.placed.practice.area,
                "practice": pi.placed.practice.id,
                "practice_title": pi.placed.practice.title,
                "text": pi.item.text,
                "done_looks_like": pi.item.done_looks_like,
                "roles": list(pi.item.roles),
                "priority": pi.item.priority,
                "url": links.html_url(cell_uri(pi.placed.level.id, pi.placed.dimension.id), pi.placed.practice.id),
            }
            for pi in handbook.items
        ],
    }


def render_assessment(handbook: Handbook, variant: str = "") -> Markup:
    links = Links(ASSESSMENT_URI)
    payload = json.dumps(assessment_data(handbook, variant), ensure_ascii=False, sort_keys=True)
    return join_blocks(
        heading(1, Markup("Self-assessment")),
        fill("Mark each checklist item of {} as not started, in progress, done or "
               "not applicable. The result updates as you answer. Your answers never leave this browser: they "
               "are kept in its local storage, and you can export them to a file, share them as a link, or "
               "compare several teams' files side by side.", text(handbook.model.name)),
        Markup('<noscript><p class="handbook-noscript">The self-assessment needs JavaScript. '
               "Every item is also on the printable checklists.</p></noscript>"),
        fill('<script type="application/json" id="handbook-assessment-data">{}</script>', json_data(payload)),
        Markup('<div id="handbook-assessment" class="handbook-assessment"></div>'),
        joined("\n", [fill('<script src="{}"></script>', links.html_url(f"assets/javascripts/assessment/{name}.js"))
            for name in ASSESSMENT_SCRIPTS]),
    )
