"""The page plan: which pages the data produces, their URLs, their titles and the nav.

Every generated page's source is a single macro call with validated ids, so adding a level,
dimension or tool to the data adds its page and nav entry without any page file to write.
URLs are stable (people bookmark and print them): see the URL table in CONTRIBUTING.md.
"""

from __future__ import annotations

from dataclasses import dataclass

from macros.handbook import Handbook

HOME_URI = "index.md"
TOOLS_URI = "tools.md"
ASSESSMENT_URI = "assessment.md"
CHECKLISTS_URI = "checklists/index.md"
EXPORT_JSON_URI = "exports/handbook.json"
EXPORT_CSV_URI = "exports/checklist.csv"
VARIANT_URI = "variant.md"


def level_uri(level_id: str) -> str:
    return f"levels/{level_id}/index.md"


def cell_uri(level_id: str, dimension_id: str) -> str:
    return f"levels/{level_id}/{dimension_id}.md"


def dimension_uri(dimension_id: str) -> str:
    return f"dimensions/{dimension_id}.md"


ROLES_URI = "roles/index.md"
TRAINING_URI = "training/index.md"


def role_uri(role_id: str) -> str:
    return f"roles/{role_id}.md"


def training_uri(cert_id: str) -> str:
    return f"training/{cert_id}.md"


def checklist_level_uri(level_id: str) -> str:
    return f"checklists/levels/{level_id}.md"


def checklist_dimension_uri(dimension_id: str) -> str:
    return f"checklists/dimensions/{dimension_id}.md"


def checklist_role_uri(role_id: str) -> str:
    return f"checklists/roles/{role_id}.md"


def workshop_uri(level_id: str) -> str:
    return f"checklists/workshop/{level_id}.md"


def pdf_name(kind: str, ident: str) -> str:
    return f"{kind}-{ident}"


def pdf_uri(name: str, paper: str) -> str:
    return f"exports/pdf/{name}-{paper}.pdf"


@dataclass(frozen=True)
class PlannedPage:
    uri: str
    title: str
    source: str  # Markdown handed to mkdocs-macros: one macro call


def _call(macro: str, *args: str) -> str:
    # Ids are validated slugs, so quoting them cannot break out of the string.
    return "{{ " + macro + "(" + ", ".join(f'"{a}"' for a in args) + ") }}\n"


@dataclass(frozen=True)
class PrintedChecklist:
    """A checklist page that is also printed to PDF (A4 and US Letter)."""

    uri: str
    pdf_name: str


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
    pages.append(PlannedPage(ROLES_URI, "Roles", _call("roles_index")))
    for role in handbook.roles:
        pages.append(PlannedPage(role_uri(role.id), role.name, _call("role_page", role.id)))
    pages.append(PlannedPage(TRAINING_URI, "Training", _call("training_index")))
    for cert in handbook.certifications:
        pages.append(PlannedPage(training_uri(cert.id), cert.abbreviation, _call("training_page", cert.id)))
    pages.append(PlannedPage(CHECKLISTS_URI, "Checklists", _call("checklists_index")))
    for level in handbook.levels:
        pages.append(PlannedPage(checklist_level_uri(level.id), level_title(level), _call("level_checklist", level.id)))
    for dim in handbook.dimensions:
        pages.append(PlannedPage(checklist_dimension_uri(dim.id), dim.name, _call("dimension_checklist", dim.id)))
    for role in handbook.roles:
        pages.append(PlannedPage(checklist_role_uri(role.id), role.name, _call("role_checklist", role.id)))
    for level in handbook.levels:
        pages.append(PlannedPage(workshop_uri(level.id), f"Workshop: {level_title(level)}", _call("workshop_pack", level.id)))
    pages.append(PlannedPage(ASSESSMENT_URI, "Self-assessment", _call("assessment_page")))
    if handbook.variant:
        pages.append(PlannedPage(VARIANT_URI, variant_title(handbook), _call("variant_page")))
    return pages


def variant_title(handbook: Handbook) -> str:
    return f"What {handbook.variant.file.name} changed"


def printed_checklists(handbook: Handbook) -> list[PrintedChecklist]:
    """Every checklist page that gets a PDF, with the PDF's base name."""
    return (
        [PrintedChecklist(checklist_level_uri(lv.id), pdf_name("level", lv.id)) for lv in handbook.levels]
        + [PrintedChecklist(checklist_dimension_uri(d.id), pdf_name("dimension", d.id)) for d in handbook.dimensions]
        + [PrintedChecklist(checklist_role_uri(r.id), pdf_name("role", r.id)) for r in handbook.roles]
        + [PrintedChecklist(workshop_uri(lv.id), pdf_name("workshop", lv.id)) for lv in handbook.levels]
        + [PrintedChecklist(training_uri(c.id), pdf_name("training", c.id)) for c in handbook.certifications if c.readiness]
    )


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
        {"Roles": [ROLES_URI] + [{r.name: role_uri(r.id)} for r in handbook.roles]},
        {"Training": [TRAINING_URI] + [{c.abbreviation: training_uri(c.id)} for c in handbook.training_order()]},
        {"Checklists": [
            CHECKLISTS_URI,
            {"By level": [{level_title(lv): checklist_level_uri(lv.id)} for lv in handbook.levels]},
            {"By dimension": [{d.name: checklist_dimension_uri(d.id)} for d in handbook.dimensions]},
            {"By role": [{r.name: checklist_role_uri(r.id)} for r in handbook.roles]},
            {"Workshop packs": [{level_title(lv): workshop_uri(lv.id)} for lv in handbook.levels]},
        ]},
        {"Tools": TOOLS_URI},
        {"Self-assessment": ASSESSMENT_URI},
    ] + ([{variant_title(handbook): VARIANT_URI}] if handbook.variant else [])
