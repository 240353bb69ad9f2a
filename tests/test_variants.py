"""Organisation variants: the example overlay, the diff, branding, bad overlays, and no writes."""

from __future__ import annotations

import csv
import hashlib
import io
import json
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from conftest import ROOT, handbook, mkdocs_build
from factory import FORK_DIMENSION_NAME, FORK_PRACTICE_TITLE, make_site_project, minimal_data, write_data

EXAMPLE = ROOT / "examples" / "acme"
REMOVED = "l3-ppl-trust-and-tool-choices-2"
EDITED = "l3-ppl-centre-of-excellence-1"


def digest(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.rglob("*")) if p.is_file()}


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


@pytest.fixture(scope="module")
def acme_site(tmp_path_factory):
    before = digest(EXAMPLE)
    site = tmp_path_factory.mktemp("acme") / "site"
    result = mkdocs_build(ROOT, site, HANDBOOK_VARIANT=str(EXAMPLE))
    assert result.returncode == 0, result.stderr
    assert digest(EXAMPLE) == before  # the build never writes into the variant
    return site


@pytest.mark.slow
def test_printed_pages_and_the_assessment_name_the_variant(acme_site):
    """Every printed checklist page's running header, and the assessment's exports, carry the variant and data version."""
    workshop = (acme_site / "checklists" / "workshop" / "3-scale" / "index.html").read_text(encoding="utf-8")
    assert "ACME Corp variant · Data version" in workshop
    assessment = (acme_site / "assets" / "javascripts" / "handbook-assessment-data.js").read_text(encoding="utf-8")
    assert '"variant_name": "ACME Corp"' in assessment
    exported = json.loads((acme_site / "exports" / "handbook.json").read_text(encoding="utf-8"))
    assert exported["variant"] == "ACME Corp" and exported["model"]["data_version"]
    rows = list(csv.DictReader(io.StringIO((acme_site / "exports" / "checklist.csv").read_text(encoding="utf-8-sig"), newline="")))
    assert {(r["variant"], r["data_version"]) for r in rows} == {("ACME Corp", exported["model"]["data_version"])}


@pytest.mark.slow
def test_branding_on_every_page(acme_site):
    for page in ["index.html", "levels/3-scale/people/index.html", "roles/index.html", "checklists/index.html"]:
        html = soup(acme_site / page)
        assert "ACME Cloud Native Handbook" in html.find("title").get_text()
        assert "Internal to ACME Corp" in html.find("footer").get_text()
        assert "CNCF Cloud Native Maturity Model" in html.find("footer").get_text()
        logo = html.select_one(".md-header__button.md-logo img")
        assert logo is not None and logo["src"].endswith("assets/variant/logo.svg")
        assert any(link["href"].endswith("assets/variant/variant.css") for link in html.find_all("link", rel="stylesheet"))
    assert "#1f5f8b" in (acme_site / "assets" / "variant" / "variant.css").read_text()
    assert (acme_site / "assets" / "variant" / "logo.svg").is_file()


@pytest.mark.slow
def test_edited_added_and_removed_content(acme_site):
    cell = soup(acme_site / "levels" / "3-scale" / "people" / "index.html")
    edited = cell.find(id=EDITED).find_parent("tr").get_text(" ")
    assert "approved by the CTO staff meeting" in edited
    assert cell.find(id="acme-l3-ppl-guild") is not None
    assert cell.find(id="acme-l3-ppl-guild-1") is not None
    for page in acme_site.rglob("*.html"):
        if page.parent.name != "variant":  # the "what changed" page names it, on purpose
            assert REMOVED not in page.read_text(encoding="utf-8"), page
    rows = list(csv.DictReader(io.StringIO((acme_site / "exports" / "checklist.csv").read_text(encoding="utf-8-sig"), newline="")))
    ids = {r["id"] for r in rows}
    assert REMOVED not in ids and "acme-l3-ppl-guild-2" in ids
    assert next(r for r in rows if r["id"] == EDITED)["text"].startswith("ACME's centre of excellence")
    exported = (acme_site / "exports" / "handbook.json").read_text(encoding="utf-8")
    assert REMOVED not in exported and "acme-data-steward" in exported
    # The self-assessment's items are in its data script (the page loads it).
    assessment = (acme_site / "assets" / "javascripts" / "handbook-assessment-data.js").read_text(encoding="utf-8")
    assert REMOVED not in assessment and "acme-l3-ppl-guild-1" in assessment


@pytest.mark.slow
def test_new_role_gets_its_page_and_nav_entry(acme_site):
    page = soup(acme_site / "roles" / "acme-data-steward" / "index.html")
    assert "Data steward" in page.find("h1").get_text()
    assert "Your checklist (1 items)" in page.find(id="3-scale-checklist").get_text()  # a low-priority item: counted
    rows = soup(acme_site / "checklists" / "roles" / "acme-data-steward" / "index.html").select("article tr.hb-item")
    assert [tr["id"] for tr in rows] == ["acme-l3-ppl-guild-2"]
    nav = soup(acme_site / "roles" / "index.html").find("nav", class_="md-nav--primary")
    assert "Data steward" in nav.get_text()
    assert (acme_site / "checklists" / "roles" / "acme-data-steward" / "index.html").is_file()


EXPECTED_DIFF = {
    "added": [("practice", "acme-l3-ppl-guild"), ("checklist item", "acme-l3-ppl-guild-1"),
              ("checklist item", "acme-l3-ppl-guild-2"), ("role", "acme-data-steward")],
    "changed": [("model", "model", ["name"]), ("checklist item", EDITED, ["text"])],
    "removed": [("checklist item", REMOVED)],
}


def test_diff_reports_exactly_the_changes():
    result = handbook("diff", "--variant", str(EXAMPLE), "--format", "json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert sorted((c["kind"], c["id"]) for c in data["added"]) == sorted(EXPECTED_DIFF["added"])
    assert sorted((c["kind"], c["id"], sorted(c["fields"])) for c in data["changed"]) == sorted(EXPECTED_DIFF["changed"])
    assert [(c["kind"], c["id"]) for c in data["removed"]] == EXPECTED_DIFF["removed"]
    name = next(c for c in data["changed"] if c["kind"] == "model")["fields"]["name"]
    assert name == {"old": "Cloud Native Maturity Handbook", "new": "ACME Cloud Native Handbook"}
    text = handbook("diff", "--variant", str(EXAMPLE)).stdout
    assert "Added (4):" in text and "Changed (2):" in text and "Removed (1):" in text


@pytest.mark.slow
def test_variant_page_shows_the_changes(acme_site):
    page = soup(acme_site / "variant" / "index.html").find("article")
    assert "What ACME Corp changed" in page.find("h1").get_text()
    text = page.get_text(" ")
    for _, ident in EXPECTED_DIFF["added"] + EXPECTED_DIFF["removed"]:
        assert ident in text
    assert EDITED in text


def test_variant_chosen_in_mkdocs_yml_and_env_wins(tmp_path):
    """The site name a build would show (the hook's on_config, run in process), and what `handbook validate` reads."""
    from inprocess import Site

    project = make_site_project(tmp_path / "project", minimal_data())
    overlay = tmp_path / "project" / "variants" / "blue"
    write_data(overlay, {"variant.yml": {"name": "Blue Org", "prefix": "blue", "site": {"name": "Blue Handbook"}}})
    green = tmp_path / "green"
    write_data(green, {"variant.yml": {"name": "Green Org", "prefix": "green", "site": {"name": "Green Handbook"}}})
    config = (project / "mkdocs.yml").read_text().replace("    data_dir: data", "    data_dir: data\n    variant: variants/blue")
    (project / "mkdocs.yml").write_text(config)
    for env, name in (({}, "Blue Handbook"), ({"HANDBOOK_VARIANT": str(green)}, "Green Handbook")):
        site = Site(project, **env)
        site.close()
        assert site.config["site_name"] == name
        assert name in site.soup("index.md").find("h1").get_text()
    result = handbook("validate", cwd=project)
    assert "variant Blue Org" in result.stdout


def overlay_case(tmp_path: Path, files: dict) -> tuple:
    write_data(tmp_path / "data", minimal_data())
    variant = {"variant.yml": {"name": "Test Org", "prefix": "test"}, **files}
    write_data(tmp_path / "variant", variant)
    return tmp_path / "variant"


CELL = "levels/1-build/people.yml"
BAD_VARIANTS = {
    "yaml error": ({"roles.yml": "roles: [unclosed\n"}, "variant/roles.yml:1:", "YAML syntax error"),
    "wrong type": ({CELL: {"practices": [{"id": "l1-ppl-practice-1", "steps": "one string"}]}},
                   "variant/levels/1-build/people.yml:", "expected a list"),
    "unknown id under remove": ({"variant.yml": {"name": "T", "prefix": "test", "remove": ["no-such-id"]}},
                                "variant/variant.yml:", "nothing upstream has the id 'no-such-id'"),
    "added id without prefix": ({"roles.yml": {"roles": [{"id": "auditor", "name": "Auditor", "who": "x", "owns": "y"}]}},
                                "variant/roles.yml:2:", "an entry the variant adds needs an id starting with 'test-'"),
    "target gone upstream": ({CELL: {"practices": [{"id": "l1-ppl-renamed-upstream", "title": "New title"}]}},
                             "variant/levels/1-build/people.yml:", "no upstream entry with id 'l1-ppl-renamed-upstream'"),
    "dangling reference after remove": ({"variant.yml": {"name": "T", "prefix": "test", "remove": ["architect"]}},
                                        "data/levels/1-build/business-outcomes.yml:", "unknown role 'architect'"),
    "dangling reference in overlay": ({CELL: {"practices": [{"id": "l1-ppl-practice-1", "owners": ["ghost"]}]}},
                                      "variant/levels/1-build/people.yml:", "unknown role 'ghost'"),
    "bad prefix": ({"variant.yml": {"name": "T", "prefix": "Bad Prefix"}}, "variant/variant.yml:", "expected an id"),
    "missing logo": ({"variant.yml": {"name": "T", "prefix": "test", "site": {"logo": "nope.svg"}}}, "variant/variant.yml:", "logo file 'nope.svg' not found"),
}


@pytest.mark.parametrize("case", sorted(BAD_VARIANTS))
def test_bad_variant_is_reported_with_file_and_line(case, tmp_path):
    files, where, message = BAD_VARIANTS[case]
    overlay_case(tmp_path, files)
    result = handbook("validate", "--variant", "variant", cwd=tmp_path)
    assert result.returncode == 1, result.stdout
    assert "Traceback" not in result.stderr
    assert any(line.startswith(where) and message in line for line in result.stderr.splitlines()), result.stderr


@pytest.mark.slow
def test_bad_variant_stops_the_build_before_writing(tmp_path):
    project = make_site_project(tmp_path / "project", minimal_data())
    site = tmp_path / "site"
    (site / "assets").mkdir(parents=True)
    (site / "index.html").write_text("<p>the previous build</p>")
    (site / "assets" / "site.css").write_text("p { }")
    before = digest(site)
    variant = tmp_path / "variant"
    write_data(variant, {"variant.yml": {"name": "T", "prefix": "test", "remove": ["no-such-id"]}})
    result = mkdocs_build(project, site, HANDBOOK_VARIANT=str(variant))
    assert result.returncode == 1 and "nothing upstream has the id 'no-such-id'" in result.stderr
    assert "Traceback" not in result.stderr
    assert digest(site) == before


def test_new_variant_scaffold_validates_and_refuses_to_overwrite(tmp_path):
    result = handbook("new-variant", str(tmp_path / "acme"), "--name", "ACME Corp", "--prefix", "acme")
    assert result.returncode == 0, result.stderr
    for path in (tmp_path / "acme").rglob("*.yml"):
        first = path.read_text().splitlines()[0]
        assert first.startswith("# yaml-language-server: $schema=")
        assert (path.parent / first.split("=", 1)[1]).resolve().is_file()
    assert yaml.safe_load((tmp_path / "acme" / "variant.yml").read_text())["prefix"] == "acme"
    assert handbook("validate", "--variant", str(tmp_path / "acme")).returncode == 0
    before = digest(tmp_path / "acme")
    again = handbook("new-variant", str(tmp_path / "acme"), "--name", "Other", "--prefix", "other")
    assert again.returncode == 1 and "already exists" in again.stderr
    assert digest(tmp_path / "acme") == before


def test_plain_fork_edit_flows_everywhere(fork_site):
    """Editing data/ directly (a plain fork): page, nav, checklist, export and matrix follow."""
    site, _ = fork_site  # tests/factory.py: fork_data renames a dimension and retitles a practice
    assert FORK_DIMENSION_NAME in soup(site / "index.html").find("article").find("table").get_text()
    assert FORK_PRACTICE_TITLE in soup(site / "levels" / "1-build" / "people" / "index.html").get_text()
    assert FORK_PRACTICE_TITLE in soup(site / "checklists" / "levels" / "1-build" / "index.html").get_text()
    assert FORK_DIMENSION_NAME in soup(site / "levels" / "1-build" / "index.html").find("nav", class_="md-nav--primary").get_text()


def test_mkdocs_serve_watches_the_variant_directory(monkeypatch):
    from mkdocs.config import load_config

    from macros import hook

    monkeypatch.setenv("HANDBOOK_VARIANT", str(EXAMPLE))
    config = load_config(str(ROOT / "mkdocs.yml"))
    config = hook.on_config(config)
    assert str(EXAMPLE.resolve()) in config["watch"]
    assert config["site_name"] == "ACME Cloud Native Handbook"


def test_export_follows_the_variant():
    result = handbook("export", "--format", "csv", "--variant", str(EXAMPLE))
    assert result.returncode == 0, result.stderr
    ids = {row["id"] for row in csv.DictReader(io.StringIO(result.stdout.lstrip("\ufeff"), newline=""))}
    assert "acme-l3-ppl-guild-1" in ids and REMOVED not in ids
