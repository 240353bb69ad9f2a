"""The upstream data is complete: every cell, the depth rules, the seed, the model's project rule."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, handbook

from macros.loader import load_handbook
from macros.stats import depth_problems

DATA = ROOT / "data"
# The reference fact sheets sit beside the checkout (or beside the folder of worktrees).
SHARED = next((p / "shared" / "reference" for p in ROOT.parents if (p / "shared" / "reference").is_dir()), ROOT / "missing")


@pytest.fixture(scope="module")
def book():
    return load_handbook(DATA)


def test_validate_prints_a_one_line_summary():
    result = handbook("validate")
    assert result.returncode == 0, result.stderr
    line = result.stdout.strip()
    assert "\n" not in line
    assert re.match(r"OK: 5 levels, 5 dimensions, 25 cells, \d+ practices, \d+ checklist items, \d+ roles, \d+ projects, \d+ certifications", line), line


def test_the_grid_is_complete(book):
    assert [lv.id for lv in book.levels] == ["1-build", "2-operate", "3-scale", "4-improve", "5-adapt"]
    assert [lv.name for lv in book.levels] == ["Build", "Operate", "Scale", "Improve", "Adapt"]
    assert [d.name for d in book.dimensions] == ["Business Outcomes", "People", "Process", "Policy", "Technology"]
    for level in book.levels:
        assert level.theme and level.summary
        for dim in book.dimensions:
            assert book.cell(level.id, dim.id).summary


def test_every_level_meets_the_depth_rules(book):
    assert depth_problems(book) == []


def test_depth_rules_catch_a_thin_cell(book):
    thin = dataclasses.replace(book, cells={**book.cells, ("3-scale", "policy"): book.cell("3-scale", "policy").model_copy(
        update={"practices": book.cell("3-scale", "policy").practices[:2]})})
    assert "3-scale/policy: 2 practices, the rule is at least 4" in depth_problems(thin)


def test_depth_rules_come_from_the_data(book):
    """model.yml's depth and a dimension's min_practices set the rules; no dimension id is in the code."""
    cell = book.cell("3-scale", "business-outcomes")
    count = len(cell.practices)
    assert book.dimension("business-outcomes").min_practices == 3  # the data's exception to practices_per_cell
    stricter = book.model.model_copy(update={"depth": book.model.depth.model_copy(update={"practices_per_cell": count + 1})})
    looser_dims = tuple(d.model_copy(update={"min_practices": None}) for d in book.dimensions)
    changed = dataclasses.replace(book, model=stricter, dimensions=looser_dims)
    assert f"3-scale/business-outcomes: {count} practices, the rule is at least {count + 1}" in depth_problems(changed)
    relaxed = dataclasses.replace(book, model=book.model.model_copy(update={"depth": book.model.depth.model_copy(update={"min_moves": 0, "max_moves": 0})}))
    assert any("moves to the next level, the rule is 0 to 0" in p for p in depth_problems(relaxed))


def test_stats_command_prints_the_table():
    result = handbook("stats")
    assert result.returncode == 0, result.stderr
    assert "3-scale" in result.stdout and "depth rules: every cell and transition meets them" in result.stdout


def test_transitions_cover_all_five_dimensions(book):
    by_id = {pp.practice.id: pp for pp in book.practices}
    for lv in book.levels[:-1]:
        assert lv.next_level, lv.id
        dims = {by_id[pid].dimension.id for m in lv.next_level.moves for pid in m.practices}
        assert dims == {d.id for d in book.dimensions}, lv.id
    assert book.levels[-1].next_level is None


def test_every_area_appears_at_every_level(book):
    """Every area the model names for a dimension has a practice at each level (AI and certifications included)."""
    gaps = []
    for lv in book.levels:
        for dim in book.dimensions:
            used = {p.area for p in book.cell(lv.id, dim.id).practices}
            gaps += [f"{lv.id}/{dim.id}/{a.id}" for a in dim.areas
                     if a.id not in used and (not a.levels or lv.id in a.levels)]
    assert gaps == []


def test_every_area_of_people_and_technology_appears_at_level_3(book):
    for dim_id in ("people", "technology", "policy", "process"):
        dim = book.dimension(dim_id)
        used = {p.area for p in book.cell("3-scale", dim_id).practices}
        missing = [a.id for a in dim.areas if a.id not in used]
        assert missing == [], f"{dim_id} areas without a level 3 practice: {missing}"


def _seed_points():
    points = []
    for path in sorted((ROOT / "tests" / "seed_coverage").glob("*.yml")):
        points += yaml.safe_load(path.read_text(encoding="utf-8"))
    return points


def test_every_seed_point_is_traced_to_level_3_practices(book):
    points = _seed_points()
    assert len(points) >= 50  # the seed has roughly 60 distinct points over five dimensions
    level3 = {pp.practice.id for pp in book.practices_where(level="3-scale")}
    for point in points:
        assert point["practices"], point
        for pid in point["practices"]:
            assert pid in level3, f"seed point {point['point']!r} traced to unknown practice {pid}"


def test_seed_key_terms_appear_in_level_3(book):
    words = " ".join(
        " ".join([p.practice.title, p.practice.why, *p.practice.steps, *p.practice.pitfalls])
        for p in book.practices_where(level="3-scale")
    ).lower()
    for term in ["lighthouse", "technical debt", r"cent(re|er) of excellence", "helm", "flux", "argo",
                 "policy[- ]as[- ]code", "sprawl", "capex", "opex", "troubleshoot", "noise", "resist",
                 "infrastructure[- ]as[- ]code", "cve", "secrets", "dashboards", "microservices"]:
        assert re.search(term, words), term


def test_at_least_the_six_core_roles_exist(book):
    ids = {r.id for r in book.roles}
    assert {"executive-sponsor", "engineering-manager", "platform-engineer", "application-developer",
            "sre-operations", "security-compliance"} <= ids


@pytest.mark.skipif(not SHARED.exists(), reason="../shared/reference is not beside this checkout")
def test_certification_domains_match_the_official_curricula(book):
    official = {c["id"]: c for c in yaml.safe_load((SHARED / "certifications.yaml").read_text())}
    assert {c.id for c in book.certifications} == set(official)
    for ours in book.certifications:
        theirs = official[ours.id]
        assert ours.curriculum_version == theirs.get("curriculum_version", "unversioned"), ours.id
        assert [(d.name, d.weight) for d in ours.domains] == [(d["name"], d["weight"]) for d in theirs["domains"]], ours.id
        assert [list(d.competencies) for d in ours.domains] == [d.get("competencies", []) for d in theirs["domains"]], ours.id
        assert ours.exam.prerequisites == (theirs["prerequisites"].split(" (")[0] if "prerequisites" in theirs else None), ours.id
        assert ours.exam.performance_based == theirs["format"].startswith("performance-based"), ours.id
        # Every quirk the reference notes (a README that disagrees, a misspelling) is noted on our page too.
        assert bool(ours.notes) >= bool(theirs.get("notes")), ours.id


SANDBOX_NAMES = ["capsule", "k8sgpt", "opentofu", "kepler"]
COMMERCIAL = ["terraform", "aws", "azure", "gcp", "google cloud", "datadog", "splunk", "jira", "slack",
              "new relic", "dynatrace", "pagerduty", "github actions", "gitlab", "jenkins", "openshift",
              "vault", "snyk", "wiz", "okta", "servicenow", "confluence", "teams channel"]


def _texts_of_level(level_dir: Path) -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in sorted(level_dir.glob("*.yml"))).lower()


def _projects_outside_the_rule(level: str) -> list[str]:
    """Sandbox projects (before level 4) and non-CNCF projects the model does not name at this level."""
    projects = yaml.safe_load((DATA / "projects.yml").read_text(encoding="utf-8"))["projects"]
    early = level in ("1-build", "2-operate", "3-scale")
    return [p["name"].lower() for p in projects
            if level not in p.get("named_by_model", [])
            and (p["cncf_status"] == "not-cncf" or (early and p["cncf_status"] == "sandbox"))]


@pytest.mark.parametrize("level", ["1-build", "2-operate", "3-scale", "4-improve", "5-adapt"])
def test_no_project_outside_the_models_rule_is_named_unless_the_model_names_it(level):
    assert set(SANDBOX_NAMES) <= set(_projects_outside_the_rule("3-scale"))  # the rule still covers them
    text = _texts_of_level(DATA / "levels" / level)
    named = [n for n in _projects_outside_the_rule(level) if re.search(rf"\b{n}\b", text)]
    assert named == []


def test_projects_the_model_names_appear_where_it_names_them(book):
    """OpenTofu (level 1), Capsule (level 2) and OpenBao (level 4) are named by the model itself."""
    for project_id, level in (("opentofu", "1-build"), ("capsule", "2-operate"), ("openbao", "4-improve")):
        assert level in book.project(project_id).named_by_model
        assert book.practices_where(level=level, tool=project_id), (project_id, level)


def test_no_commercial_product_is_named():
    text = "\n".join(p.read_text(encoding="utf-8") for p in sorted(DATA.rglob("*.yml"))).lower()
    named = [n for n in COMMERCIAL if re.search(rf"\b{re.escape(n)}\b", text)]
    assert named == []


def test_every_data_file_names_its_schema():
    for path in sorted(DATA.rglob("*.yml")):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        match = re.match(r"# yaml-language-server: \$schema=(\S+)$", first)
        assert match, f"{path}: first line must name the JSON Schema"
        assert (path.parent / match.group(1)).resolve().is_file(), f"{path}: schema {match.group(1)} not found"


def test_schemas_are_generated_from_the_models():
    result = handbook("schemas", "--check")
    assert result.returncode == 0, result.stderr


EXAMPLE_KPIS = {  # the example KPIs the model names at level 1, and a word that identifies each
    "software vulnerabilities": r"vulnerabilit", "time to patch": r"time to patch|patch", "code coverage": r"coverage",
    "SOC 2 audit report": r"soc 2", "uptime": r"uptime", "SLAs": r"\bsla", "response times": r"response time",
    "release frequency": r"release frequency|deployment frequency", "customer retention rate": r"retention|\bcrr\b",
    "Net Promoter Score": r"net promoter|\bnps\b", "customer effort score": r"customer effort|\bces\b",
    "customer satisfaction score": r"csat|customer satisfaction", "customer churn rate": r"churn",
}


def test_every_example_kpi_of_the_model_has_a_measured_kpi(book):
    kpis = [f"{k.name} {k.measure}".lower() for pp in book.practices_where(level="1-build") for k in pp.practice.kpis]
    for kpi, pattern in EXAMPLE_KPIS.items():
        assert any(re.search(pattern, text) for text in kpis), kpi
    assert all(k.target for pp in book.practices for k in pp.practice.kpis)


def test_the_seed_people_themes_reach_the_role_guides(book):
    text = " ".join(" ".join([r.who, r.owns, *r.focus.values(), *r.pitfalls, *(d for days in r.first_30_days.values() for d in days)])
                    for r in book.roles).lower()
    for theme in [r"cent(re|er) of excellence", r"resist", r"train", r"(protect|burn).{0,40}(led|pioneer|early)|led the change",
                  r"cross-functional"]:
        assert re.search(theme, text), theme
