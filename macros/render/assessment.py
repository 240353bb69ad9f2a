"""The self-assessment page (/assessment/) and its data script, for the browser scripts.

The page holds no answers: everything a team enters stays in its own browser
(docs/assets/javascripts/assessment/). This module only hands over the merged model's
checklist items, practices (for the plan), levels, dimensions, areas, roles and effort scale,
plus the threshold from the data, in a script file the page loads before its own scripts
(on this page only).
"""

from __future__ import annotations

import hashlib
import json

from markupsafe import Markup

from macros.answers import SCHEMA_VERSION  # the answers record format the page writes (and reads, with every earlier one)
from macros.handbook import Handbook
from macros.pages import ASSESSMENT_DATA_URI, ASSESSMENT_URI, cell_uri
from macros.plan import DEFAULT_CAPACITY, DEFAULT_PHASE_WEEKS, practice_path
from macros.render.common import label, label_html
from macros.render.markdown import Links, fill, heading, join_blocks, joined, json_data, text

# The page's classic scripts, one per concern, in load order: helpers and rules first, then
# app.js (state and start-up), then one module per concern: its rules and its section view,
# which registers with app.js.
ASSESSMENT_SCRIPTS = (
    "dom", "links", "model", "plan", "planexport", "records", "share",
    "app", "result", "planview", "checklist", "evidence", "expiry", "snapshots", "updates",
    "consensus", "paper", "compare", "tools", "proposals",
)


def fingerprint(text: str, done_looks_like: str) -> str:
    """Short hash of an item's wording: an answer made against other wording is asked again."""
    return hashlib.sha256(f"{text}\n{done_looks_like}".encode()).hexdigest()[:8]


# The catalogue entries the browser scripts read with HA.t() (dom.js), by key prefix.
BROWSER_MESSAGES = ("assessment.", "column.", "level.title")


def assessment_data(handbook: Handbook, variant: str = "") -> dict:
    links = Links(ASSESSMENT_URI)
    return {
        "messages": {k: v for k, v in handbook.messages.texts.items() if k.startswith(BROWSER_MESSAGES)},
        "handbook": handbook.model.name,
        "variant": variant,
        "variant_name": handbook.variant.file.name if handbook.variant else "",
        "schema": SCHEMA_VERSION,
        "data_version": handbook.model.data_version,
        "threshold": handbook.model.assessment.threshold,
        "answer_ttl_months": handbook.model.assessment.answer_ttl_months,
        "levels": [{"id": lv.id, "number": lv.number, "name": lv.name} for lv in handbook.levels],
        "dimensions": [
            {"id": d.id, "name": d.name, "areas": [{"id": a.id, "name": a.name} for a in d.areas]}
            for d in handbook.dimensions
        ],
        "roles": [{"id": r.id, "name": r.name} for r in handbook.roles],
        # For the plan (docs/assets/javascripts/assessment/plan.js, the same rule as macros/plan.py).
        "effort_scale": [{"id": e.id, "label": e.label, "person_weeks": e.person_weeks} for e in handbook.model.effort_scale],
        "plan_defaults": {"capacity": DEFAULT_CAPACITY, "phase_weeks": DEFAULT_PHASE_WEEKS},
        "practices": [
            {
                "id": pp.practice.id,
                "title": pp.practice.title,
                "level": pp.level.id,
                "dimension": pp.dimension.id,
                "owners": list(pp.practice.owners),
                "effort": pp.practice.effort,
                "requires": list(pp.practice.requires),
                "path": practice_path(pp),
            }
            for pp in handbook.practices
        ],
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
                "fp": fingerprint(pi.item.text, pi.item.done_looks_like),
                **({"ttl_months": pi.item.ttl_months} if pi.item.ttl_months else {}),
                "url": links.html_url(cell_uri(pi.placed.level.id, pi.placed.dimension.id), pi.placed.practice.id),
            }
            for pi in handbook.items
        ],
    }


def variant_key(handbook: Handbook) -> str:
    """What keeps a variant's stored answers apart from upstream's: its id prefix."""
    return handbook.variant.file.prefix if handbook.variant else ""


def assessment_script(handbook: Handbook, variant: str = "") -> str:
    """The page's data as a classic script (ASSESSMENT_DATA_URI) setting window.HANDBOOK_ASSESSMENT.

    A script file, not JSON in the page: the page stays small (the items were 360 of its
    381 KB), and a script tag loads from file:// where fetch() of a JSON file fails.
    """
    payload = json_data(json.dumps(assessment_data(handbook, variant), ensure_ascii=False, sort_keys=True))
    return f"window.HANDBOOK_ASSESSMENT = {payload};\n"


def render_assessment(handbook: Handbook) -> Markup:
    """The page: text, an empty element the scripts fill, the data script, then the modules."""
    links = Links(ASSESSMENT_URI)
    scripts = [ASSESSMENT_DATA_URI] + [f"assets/javascripts/assessment/{name}.js" for name in ASSESSMENT_SCRIPTS]
    return join_blocks(
        heading(1, text(handbook.messages("title.assessment"))),
        label(handbook, "assessment.intro", name=text(handbook.model.name)),
        fill('<noscript><p class="handbook-noscript">{}</p></noscript>', label_html(handbook, "assessment.noscript")),
        Markup('<div id="handbook-assessment" class="handbook-assessment"></div>'),
        joined("\n", [fill('<script src="{}"></script>', links.html_url(uri)) for uri in scripts]),
    )
