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
class PrintedChecklist:
    """A checklist page that is also printed to PDF (A4 and US Letter)."""

    uri: str
    pdf_name: str


def level_title(handbook: Handbook, level: LevelFile) -> str:
    return handbook.messages("level.title", number=level.number, name=level.name)


def variant_title(handbook: Handbook) -> str:
    name = handbook.variant.file.name if handbook.variant else handbook.model.name
    return handbook.messages("variant.title", name=name)
