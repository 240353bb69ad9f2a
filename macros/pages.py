"""The page plan: which pages the data produces, their URLs, their titles and the nav.

Every generated page's source is a single macro call with validated ids, so adding a level,
dimension or tool to the data adds its page and nav entry without any page file to write.
URLs are stable (people bookmark and print them): see the URL table in DESIGN.md.
"""

from __future__ import annotations

from dataclasses import dataclass

from macros.handbook import Handbook

HOME_URI = "index.md"
TOOLS_URI = "tools.md"
ASSESSMENT_URI = "assessment.md"


def level_uri(level_id: str) -> str:
    return f"levels/{level_id}/index.md"


def cell_uri(level_id: str, dimension_id: str) -> str:
    return f"levels/{level_id}/{dimension_id}.md"


def dimension_uri(dimension_id: str) -> str:
    return f"dimensions/{dimension_id}.md"


@dataclass(frozen=True)
class PlannedPage:
    uri: str
    title: str
    source: str  # Markdown handed to mkdocs-macros: one macro call


def _call(macro: str, *args: str) -> str:
    # Ids are validated slugs, so quoting them cannot break out of the string.
    return "{{ " + macro + "(" + ", ".join(f'"{a}"' for a in args) + ") }}\n"


def level_title(level) -> str:
    return f"Level {level.number}: {level.name}"


def plan_pages(handbook: Handbook) -> list[PlannedPage]:
    pages = [PlannedPage(HOME_URI, "Home", _call("home_page"))]
    for level in handbook.levels:
        pages.append(PlannedPage(level_uri(level.id), level_title(level), _call("level_page", level.id)))
        for dim in handbook.dimensions:
            pages.append(PlannedPage(cell_uri(level.id, dim.id), dim.name, _call("cell_page", level.id, dim.id)))
    for dim in handbook.dimensions:
        pages.append(PlannedPage(dimension_uri(dim.id), dim.name, _call("dimension_page", dim.id)))
    pages.append(PlannedPage(TOOLS_URI, "Tools", _call("tools_page")))
    pages.append(PlannedPage(ASSESSMENT_URI, "Self-assessment", _call("assessment_page")))
    return pages


def plan_nav(handbook: Handbook) -> list:
    """mkdocs nav structure, in the data's order (never alphabetical)."""
    levels = []
    for level in handbook.levels:
        children = [level_uri(level.id)]  # section index page (navigation.indexes)
        children += [{dim.name: cell_uri(level.id, dim.id)} for dim in handbook.dimensions]
        levels.append({level_title(level): children})
    dimensions = [{dim.name: dimension_uri(dim.id)} for dim in handbook.dimensions]
    return [
        {"Home": HOME_URI},
        {"Levels": levels},
        {"Dimensions": dimensions},
        {"Tools": TOOLS_URI},
        {"Self-assessment": ASSESSMENT_URI},
    ]
