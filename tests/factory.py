"""Small, valid handbook data sets for tests, written as real YAML files.

Tests change one field of a known-good data set and check what the user sees, so each
failure case stays a few lines long.
"""

from __future__ import annotations

import copy
import shutil
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent

LEVELS = ["1-build", "2-operate"]
DIMENSIONS = ["business-outcomes", "people"]


# A small dependency graph: within a cell, across levels, and across dimensions.
REQUIRES = {
    "l1-bo-practice-2": ["l1-bo-practice-1"],
    "l1-ppl-practice-2": ["l1-ppl-practice-1"],
    "l2-bo-practice-1": ["l1-bo-practice-2"],
    "l2-bo-practice-2": ["l2-bo-practice-1"],
    "l2-ppl-practice-1": ["l1-ppl-practice-2", "l1-bo-practice-1"],
    "l2-ppl-practice-2": ["l2-ppl-practice-1"],
}


def _practice(level_no: int, dim_short: str, n: int) -> dict:
    pid = f"l{level_no}-{dim_short}-practice-{n}"
    return {
        "id": pid,
        "area": "goals" if dim_short == "bo" else "upskilling",
        "title": f"Practice {n} of level {level_no}",
        "why": "Because it *matters*.",
        "steps": ["First step.", "Second step with `kubectl get pods`.", "Third step."],
        "owners": ["platform-engineer"],
        "contributors": ["executive-sponsor", "architect"],
        "effort": "s" if n == 1 else "m",
        "requires": REQUIRES.get(pid, []),
        "checklist": [
            {"id": f"{pid}-1", "text": "Item one holds.", "done_looks_like": "A report shows it.",
             "roles": ["platform-engineer"], "priority": "high"},
            {"id": f"{pid}-2", "text": "Item two holds.", "done_looks_like": "A dashboard shows it.",
             "roles": ["executive-sponsor"], "priority": "low"},
        ],
        "kpis": [{"name": "Lead time", "measure": "Hours from commit to production", "target": "Under 24 hours"}],
        "tools": ["kubernetes"],
        "certifications": ["cka"],
    }


def minimal_data() -> dict[str, dict]:
    """Relative path -> YAML mapping of a complete, valid data set."""
    files: dict[str, dict] = {
        "model.yml": {
            "name": "Test Handbook",
            "data_version": "9.9.9",
            "description": "A handbook for tests.",
            "source": {
                "name": "CNCF Cloud Native Maturity Model", "publisher": "CNCF Cartografos Working Group",
                "url": "https://maturitymodel.cncf.io/", "repository": "https://github.com/cncf/cartografos",
                "licence": "Apache-2.0", "licence_url": "https://www.apache.org/licenses/LICENSE-2.0",
                "model_version": "v4",
            },
            "levels": LEVELS,
            "dimensions": DIMENSIONS,
            "effort_scale": [
                {"id": "s", "label": "S", "person_weeks": 2, "description": "up to 2 person-weeks"},
                {"id": "m", "label": "M", "person_weeks": 6, "description": "up to 6 person-weeks"},
            ],
        },
        "dimensions.yml": {"dimensions": [
            {"id": "business-outcomes", "name": "Business Outcomes", "short": "bo", "purpose": "Value.",
             "areas": [{"id": "goals", "name": "Goals", "summary": "Goals."}]},
            {"id": "people", "name": "People", "short": "ppl", "purpose": "Teams.",
             "areas": [{"id": "upskilling", "name": "Upskilling", "summary": "Skills."}]},
        ]},
        "roles.yml": {"roles": [
            {"id": "platform-engineer", "name": "Platform engineer", "who": "Builds the platform.",
             "owns": "The clusters.", "focus": {"1-build": "Build it.", "2-operate": "Run it."},
             "certifications": ["cka"]},
            {"id": "executive-sponsor", "name": "Executive sponsor", "who": "Funds it.", "owns": "The outcome."},
            {"id": "architect", "name": "Architect", "who": "Designs it.", "owns": "The standards."},
        ]},
        "projects.yml": {"as_of": "2026-08-07", "projects": [
            {"id": "kubernetes", "name": "Kubernetes", "cncf_status": "graduated", "category": "Scheduling",
             "homepage": "https://kubernetes.io/", "use": "orchestration"},
            {"id": "k8sgpt", "name": "K8sGPT", "cncf_status": "sandbox", "category": "Observability",
             "homepage": "https://k8sgpt.ai/", "use": "AI-assisted diagnosis"},
        ]},
        "certifications/cka.yml": {
            "id": "cka", "name": "Certified Kubernetes Administrator", "abbreviation": "CKA",
            "curriculum_version": "v1.35", "source": "cncf/curriculum",
            "exam": {"performance_based": True, "source": {"title": "Exam page", "url": "https://example.org/cka"}},
            "summary": "For administrators.", "recommended_levels": ["1-build", "2-operate"],
            "recommended_roles": ["platform-engineer"],
            "domains": [{"name": "Storage", "weight": 40, "competencies": ["Manage volumes"]},
                        {"name": "Troubleshooting", "weight": 60, "competencies": ["Fix clusters"]}],
        },
    }
    for number, level in enumerate(LEVELS, 1):
        files[f"levels/{level}/level.yml"] = {
            "id": level, "number": number, "name": level.split("-")[1].title(),
            "theme": f"Theme of level {number}.", "summary": f"Summary of level {number}.",
            "business_outcomes": ["An outcome."], "cost": {"summary": "Costs rise.", "points": ["A point."]},
            "pitfalls": ["A pitfall."],
        }
        for dim, short in (("business-outcomes", "bo"), ("people", "ppl")):
            files[f"levels/{level}/{dim}.yml"] = {
                "level": level, "dimension": dim, "summary": f"Cell {level} {dim}. Second sentence.",
                "practices": [_practice(number, short, 1), _practice(number, short, 2)],
            }
    return files


def write_data(target: Path, files: dict[str, dict | str]) -> Path:
    """Write the data set; a str value is written verbatim (for syntax-error cases)."""
    for rel, content in files.items():
        path = target / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, str):
            path.write_text(content, encoding="utf-8")
        else:
            path.write_text(yaml.safe_dump(content, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return target


def make_site_project(target: Path, data: dict[str, dict | str] | None = None) -> Path:
    """A project folder like a fork's: mkdocs.yml, docs/, overrides/, the engine, and data/.

    With no data given, the real upstream data is copied.
    """
    target.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    shutil.copytree(ROOT / "docs", target / "docs")
    shutil.copytree(ROOT / "overrides", target / "overrides")
    (target / "macros").symlink_to(ROOT / "macros", target_is_directory=True)
    if data is None:
        shutil.copytree(ROOT / "data", target / "data")
    else:
        write_data(target / "data", data)
    return target


def edited(files: dict, rel: str, path: list, value) -> dict:
    """A copy of the data set with one field set (path of keys and indexes)."""
    files = copy.deepcopy(files)
    node = files[rel]
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = value
    return files


# ---- a fork: what an organisation changes in data/ and docs/ (conftest's fork_site builds it once) ----

TRICKY = 'Commas, "quotes" and\na newline; also ünïcode ✓'
FORK_ROLE = "data-scientist"
FORK_DIMENSION_NAME = "Our People"
FORK_PRACTICE_TITLE = "Our own practice title"
FORK_PAGE = """# Our workshop

## Sponsor items at level 1

{{ checklist(level="1-build", role="executive-sponsor") }}

## People, upskilling, all levels

{{ checklist(dimension="people", area="upskilling") }}

## Nothing

{{ checklist(level="2-operate", dimension="people", role="architect", area="upskilling") }}
"""


def fork_data() -> dict[str, dict]:
    """The minimal data set edited the way a plain fork edits data/: a role added and given work, a
    dimension renamed, a practice retitled, an item's text full of CSV-hostile characters."""
    files = copy.deepcopy(minimal_data())
    files["roles.yml"]["roles"].append({"id": FORK_ROLE, "name": "Data scientist", "who": "Trains models.",
                                       "owns": "The models.", "focus": {"1-build": "Learn containers."}})
    for level in LEVELS:
        files[f"levels/{level}/people.yml"]["practices"][0]["contributors"].append(FORK_ROLE)
    first = files["levels/1-build/people.yml"]["practices"][0]
    first["checklist"][0]["roles"].append(FORK_ROLE)
    first["checklist"][0]["text"] = TRICKY
    first["title"] = FORK_PRACTICE_TITLE
    files["dimensions.yml"]["dimensions"][1]["name"] = FORK_DIMENSION_NAME
    return files


def make_fork_project(target: Path) -> Path:
    """A fork's project: fork_data() and a hand-written page that uses the checklist macro, in the nav."""
    project = make_site_project(target, fork_data())
    (project / "docs" / "our-workshop.md").write_text(FORK_PAGE, encoding="utf-8")
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    anchor = "      - The data format: data-format.md"
    (project / "mkdocs.yml").write_text(config.replace(anchor, anchor + "\n      - Our workshop: our-workshop.md"), encoding="utf-8")
    return project


def plan_data(seed: int, practices_per_cell: int = 4) -> dict[str, dict]:
    """A valid data set for the plan: random efforts on an S/M/L scale, random priorities,
    and random ``requires`` at the same or a lower level in any dimension, acyclic by construction
    (within a level a practice requires only practices drawn before it in a shuffled order)."""
    import random

    rng = random.Random(seed)
    files = minimal_data()
    files["model.yml"]["effort_scale"].append(
        {"id": "l", "label": "L", "person_weeks": 12, "description": "more than 6 person-weeks"})
    earlier: list[str] = []  # practices of lower levels
    for number, level in enumerate(LEVELS, 1):
        cells = {dim: [] for dim in DIMENSIONS}
        for dim, short in (("business-outcomes", "bo"), ("people", "ppl")):
            for n in range(1, practices_per_cell + 1):
                practice = _practice(number, short, n)
                practice["checklist"] = [
                    {**practice["checklist"][k % 2], "id": f"{practice['id']}-{k + 1}",
                     "priority": rng.choice(["high", "medium", "low"])}
                    for k in range(rng.randint(2, 3))  # a practice has at least two items
                ]
                practice["effort"] = rng.choice(["s", "m", "l"])
                cells[dim].append(practice)
        level_practices = [p for dim in DIMENSIONS for p in cells[dim]]
        drawn: list[str] = []
        for practice in rng.sample(level_practices, len(level_practices)):
            pool = earlier + drawn
            practice["requires"] = rng.sample(pool, min(len(pool), rng.choice([0, 0, 1, 1, 2, 3])))
            drawn.append(practice["id"])
        earlier += drawn
        for dim in DIMENSIONS:
            files[f"levels/{level}/{dim}.yml"]["practices"] = cells[dim]
    return files
