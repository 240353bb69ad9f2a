"""URL rules and titles of the generated pages, for the registry (``macros/registry.py``) and
for renderers that link to other pages.

URLs are stable (people bookmark and print them): see the URL table in CONTRIBUTING.md.
"""

from __future__ import annotations

from dataclasses import dataclass

from macros.handbook import Handbook
from macros.model import LevelFile

HOME_URI = "index.md"
TOOLS_URI = "tools.md"
ASSESSMENT_URI = "assessment.md"
CHECKLISTS_URI = "checklists/index.md"
EXPORT_JSON_URI = "exports/handbook.json"
EXPORT_CSV_URI = "exports/checklist.csv"
ASSESSMENT_DATA_URI = "assets/javascripts/handbook-assessment-data.js"  # the self-assessment's items, as a script
VARIANT_URI = "variant.md"
EVIDENCE_URI = "evidence.md"
# Sends an old bookmark of a one-page checklist's row (#<item-id>) to the row on its level page.
MOVED_ANCHORS_SCRIPT = "assets/javascripts/moved-anchors.js"


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
    """A dimension's checklist overview (/checklists/dimensions/<dimension>/): its level pages follow."""
    return f"checklists/dimensions/{dimension_id}/index.md"


def checklist_dimension_level_uri(dimension_id: str, level_id: str) -> str:
    return f"checklists/dimensions/{dimension_id}/{level_id}.md"


def checklist_role_uri(role_id: str) -> str:
    """A role's checklist overview (/checklists/roles/<role>/): its level pages follow."""
    return f"checklists/roles/{role_id}/index.md"


def checklist_role_level_uri(role_id: str, level_id: str) -> str:
    return f"checklists/roles/{role_id}/{level_id}.md"


def workshop_uri(level_id: str) -> str:
    return f"checklists/workshop/{level_id}.md"


def pdf_name(kind: str, *ids: str) -> str:
    return "-".join((kind, *ids))


def pdf_uri(name: str, paper: str) -> str:
    return f"exports/pdf/{name}-{paper}.pdf"


@dataclass(frozen=True)
class PrintedChecklist:
    """A checklist page that is also printed to PDF (A4 and US Letter)."""

    uri: str
    pdf_name: str
    # Printed whole: the articles of these pages go into this page (at its .hb-parts element) before
    # printing, so one PDF holds a role's or a dimension's every level page, with one page count.
    parts: tuple[str, ...] = ()


def level_title(handbook: Handbook, level: LevelFile) -> str:
    return handbook.messages("level.title", number=level.number, name=level.name)


def variant_title(handbook: Handbook) -> str:
    name = handbook.variant.file.name if handbook.variant else handbook.model.name
    return handbook.messages("variant.title", name=name)
