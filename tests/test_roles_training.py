"""Role guides and training paths, as readers see them, and the rules behind them."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import ROOT, handbook
from factory import FORK_ROLE, make_site_project, minimal_data, write_data
from inprocess import Site

from macros.loader import load_handbook
from macros.render.training import domain_hours, weekly_schedule


def article(path: Path):
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser").find("article")


def heading_text(el) -> str:
    return el.get_text(" ", strip=True).rstrip("¶").strip()


@pytest.fixture(scope="module")
def book():
    return load_handbook(ROOT / "data")


def test_the_eight_roles_exist(book):
    assert {"executive-sponsor", "engineering-manager", "platform-engineer", "application-developer", "sre-operations",
            "security-compliance", "architect", "finops-partner"} <= {r.id for r in book.roles}


def level_labels(book) -> list[str]:
    return [f"{lv.number} {lv.name}" for lv in book.levels]


def test_home_page_offers_every_role(rendered, book):
    home = rendered.soup("index.md")
    links = [a["href"] for a in home.select(".hb-roles a")]
    assert links == [f"roles/{r.id}/" for r in book.roles]


def test_roles_matrix_has_a_column_per_level_and_a_row_per_role(rendered, book):
    table = rendered.soup("roles/index.md").find("table")
    assert [th.get_text(strip=True) for th in table.find_all("th")] == ["Role", *level_labels(book)]
    rows = table.find("tbody").find_all("tr")
    assert [r.find("td").get_text(strip=True) for r in rows] == [r.name for r in book.roles]
    assert all(len(td.get_text(strip=True)) > 10 for r in rows for td in r.find_all("td")[1:])


def test_role_page_counts_the_roles_items_and_names_the_high_priority_ones(rendered, book):
    """Per level: items by dimension (adding up to all the role's items there) and every high-priority
    item, each linked to its row on the role's checklist page for the level, which holds them all."""
    for role in book.roles:
        page = rendered.soup(f"roles/{role.id}.md")
        for lv in book.levels:
            checklist = f"../../checklists/roles/{role.id}/{lv.id}/"
            items = [pi for pi in book.items if role.id in pi.item.roles and pi.placed.level.id == lv.id]
            heading = page.find(id=f"{lv.id}-checklist")
            assert heading_text(heading) == f"Your checklist ({len(items)} items)", (role.id, lv.id)
            if not items:
                continue
            table = heading.find_next("table")
            counts = {tr.find("a").get_text(): int(tr.find_all("td")[1].get_text()) for tr in table.find("tbody").find_all("tr")}
            assert counts == {d.name: n for d in book.dimensions
                              if (n := sum(1 for pi in items if pi.placed.dimension.id == d.id))}, (role.id, lv.id)
            high = [pi.item.id for pi in items if pi.item.priority == "high"]
            named = [a["href"] for a in table.find_next("ul").find_all("a")] if high else []
            assert named == [f"{checklist}#{i}" for i in high], (role.id, lv.id)


def test_role_pages_are_small(built_site, book):
    """At most 150 KB each (the rows themselves are on the role checklist page)."""
    sizes = {role.id: (built_site / "roles" / role.id / "index.html").stat().st_size for role in book.roles}
    assert {r: size for r, size in sizes.items() if size > 150 * 1024} == {}


def test_role_page_sections(rendered, book):
    role = book.role("platform-engineer")
    page = rendered.soup(f"roles/{role.id}.md")
    for lv in book.levels:
        assert page.find(id=lv.id) is not None
        assert page.find(id=f"{lv.id}-first-30-days") is not None
        assert page.find(id=f"{lv.id}-owns") is not None or page.find(id=f"{lv.id}-contributes") is not None
    assert [a["href"] for a in page.find(id="training").find_next("table").find_all("a")][0].startswith("../../training/")
    assert page.find(id="pitfalls") and page.find(id="kpis")
    owned = [pp.practice.id for pp in book.role_practices(role.id, "3-scale")[0]]
    links = [a["href"].split("#")[1] for a in page.find(id="3-scale-owns").find_next("table").find_all("a")]
    assert links == owned


def test_training_pages_show_every_domain_weight_competency_and_lab(rendered, book):
    for cert in book.certifications:
        page = rendered.soup(f"training/{cert.id}.md")
        text = page.get_text(" ")
        assert cert.curriculum_version in text
        bars = page.find("svg", class_="hb-bars")
        assert len(bars.find_all("rect")) == len(cert.domains)
        for d in cert.domains:
            assert d.name in text and f"{d.weight}%" in text
            for comp in d.competencies:
                h4 = next(h for h in page.find_all("h4") if heading_text(h) == comp)
                lab = h4.find_next_sibling()
                assert lab is not None and "Lab:" in lab.get_text(), (cert.id, comp)
        assert page.select("tr.hb-item") or not cert.readiness


@pytest.mark.parametrize("cert_id", ["cka", "ckad", "cks", "kcna", "kcsa", "cgoa", "pca", "cnpa", "cnpe"])
def test_every_certification_has_a_lab_for_every_competency(book, cert_id):
    cert = book.certification(cert_id)
    competencies = [c for d in cert.domains for c in d.competencies]
    assert [lab.competency for lab in cert.labs] == competencies
    assert all(len(lab.steps) >= 3 and lab.check for lab in cert.labs)
    assert len(cert.readiness) >= 5 and cert.study_plan is not None


def test_cgoa_page_has_the_five_domains_of_its_pdf_and_a_lab_each(built_site):
    page = article(built_site / "training" / "cgoa" / "index.html")
    rows = page.find(id="domains").find_next("table").find("tbody").find_all("tr")
    assert [[td.get_text(strip=True) for td in r.find_all("td")] for r in rows] == [
        ["GitOps Terminology", "20%", "9"], ["GitOps Principles", "30%", "4"], ["Related Practices", "16%", "4"],
        ["GitOps Patterns", "20%", "4"], ["Tooling", "14%", "4"]]
    assert len([p for p in page.find_all("p") if p.get_text().startswith("Lab:")]) == 25
    text = page.get_text(" ")
    assert "only the domains" not in text and "No lab written yet" not in text
    hours = [int(r.find_all("td")[2].get_text(strip=True)) for r in page.find(id="study-plan").find_next("table").find("tbody").find_all("tr")[:-1]]
    assert hours == [4, 6, 3, 4, 3]  # 20 hours shared by the weights 20/30/16/20/14


def test_every_training_page_shows_the_exam_facts_with_their_source(built_site, book):
    for cert in book.certifications:
        page = article(built_site / "training" / cert.id / "index.html")
        section = page.find(id="exam")
        facts = {tr.find_all("td")[0].get_text(strip=True): tr.find_all("td")[1].get_text(strip=True)
                 for tr in section.find_next("table").find("tbody").find_all("tr")}
        assert facts["Format"] == ("Performance-based: hands-on tasks at a command line" if cert.exam.performance_based else "Multiple choice")
        assert facts.get("Prerequisites") == cert.exam.prerequisites
        source = section.find_next("table").find_next("p").find("a")
        assert source["href"] == cert.exam.source.url and source.get_text() == cert.exam.source.title
    assert "an active CKA certification" in article(built_site / "training" / "index.html").get_text(" ")


def test_exam_figures_show_only_from_the_exam_block_with_the_source(tmp_path):
    files = minimal_data()
    files["certifications/cka.yml"]["exam"].update({"duration_minutes": 120, "pass_mark_percent": 66, "validity_months": 24})
    site = Site(make_site_project(tmp_path / "project", files))  # the training article, rendered in process
    table = site.soup("training/cka.md").find(id="exam").find_next("table")
    site.close()
    rows = [[td.get_text(strip=True) for td in tr.find_all("td")] for tr in table.find("tbody").find_all("tr")]
    assert rows == [["Format", "Performance-based: hands-on tasks at a command line"], ["Duration", "120 minutes"],
                    ["Pass mark", "66%"], ["Valid for", "24 months"]]


@pytest.mark.parametrize("field, value, found", [
    (["summary"], "For administrators. The exam lasts 120 minutes.", "120 minutes"),
    (["notes"], "You need a passing score of 66.", "passing score"),
    (["readiness", 0, "text"], "Book the exam: 17 tasks to do.", "17 tasks"),
    (["readiness", 0, "done_looks_like"], "The certification is valid for two years.", "valid for"),
    (["notes"], "The CKA lasts two hours.", "two hours"),
    (["readiness", 0, "text"], "The CKS requires an active CKA.", "requires an active"),
    (["readiness", 0, "text"], "Counts towards Kubestronaut.", "Kubestronaut"),
    (["labs", 0, "steps", 0], "One free retake is included.", "retake"),
])
def test_exam_figures_outside_the_exam_block_are_refused(tmp_path, field, value, found):
    files = minimal_data()
    cert = files["certifications/cka.yml"]
    cert["readiness"] = [{"id": "cka-ready-1", "text": "Ready.", "done_looks_like": "Done.", "roles": ["platform-engineer"], "priority": "high"}]
    cert["labs"] = [{"competency": "Manage volumes", "title": "T", "steps": ["s"], "check": ["c"]}]
    target = cert
    for part in field[:-1]:
        target = target[part]
    target[field[-1]] = value
    write_data(tmp_path / "data", files)
    result = handbook("validate", cwd=tmp_path)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    line = next(x for x in result.stderr.splitlines() if "exam figure" in x)
    assert line.startswith("data/certifications/cka.yml:") and f"exam figure {found!r} outside `exam:`" in line, line


def test_handbook_targets_and_lab_timings_are_allowed(tmp_path):
    files = minimal_data()
    files["certifications/cka.yml"]["labs"] = [{"competency": "Manage volumes", "title": "T", "check": ["c"], "steps": [
        "Create a join token valid for 2 hours and renew the kubelet certificate; CPU stays under 50%."]}]
    files["certifications/cka.yml"]["readiness"] = [{
        "id": "cka-ready-1", "text": "Scores 80 percent or better on two timed mock exams, the handbook's target.",
        "done_looks_like": "A practice exam at 80 percent, timed to the limit on the exam page.", "roles": ["platform-engineer"], "priority": "high"}]
    write_data(tmp_path / "data", files)
    result = handbook("validate", cwd=tmp_path)
    assert result.returncode == 0, result.stderr


def test_study_plan_hours_add_up(book):
    for cert in book.certifications:
        if cert.study_plan is None:
            continue
        total = cert.study_plan.weeks * cert.study_plan.hours_per_week
        hours = domain_hours(cert)
        assert sum(hours) == total
        for d, h in zip(cert.domains, hours):
            assert abs(h - total * d.weight / 100) < 1
        schedule = weekly_schedule(cert)
        assert len(schedule) == cert.study_plan.weeks
        assert sum(h for _, slots in schedule for _, h in slots) == total


def test_study_plan_table_on_the_page_adds_up(rendered, book):
    cert = book.certification("cka")
    page = rendered.soup("training/cka.md")
    rows = page.find(id="study-plan").find_next("table").find("tbody").find_all("tr")
    hours = [int(r.find_all("td")[2].get_text(strip=True).strip("*")) for r in rows]
    assert sum(hours[:-1]) == hours[-1] == cert.study_plan.weeks * cert.study_plan.hours_per_week


def test_reverse_links_from_certifications_to_practices_resolve(built_site, site_report, book):
    page = article(built_site / "training" / "cka" / "index.html")
    links = [a["href"] for a in page.find(id="practices").find_next("table").find_all("a")]
    assert len(links) == len(book.practices_preparing_for("cka")) > 0
    assert [b for b in site_report.broken if "training/" in b] == []


def test_training_index_matrix_and_team_plan(rendered, book):
    page = rendered.soup("training/index.md")
    matrix = page.find(id="matrix").find_next("table")
    assert [th.get_text(strip=True) for th in matrix.find_all("th")][1:] == level_labels(book)
    order = [a.get_text() for a in page.find(id="order").find_next("ol").find_all("a")]
    assert order[0].startswith("KCNA")
    assert order.index(next(o for o in order if o.startswith("CKA:"))) < order.index(next(o for o in order if o.startswith("CKS")))
    assert page.find(id="team-plan-3-scale") is not None


def test_a_role_added_to_the_data_gets_its_page_nav_and_column(fork_site):
    site, _ = fork_site  # the fork adds the data-scientist role (tests/factory.py: fork_data)
    page = article(site / "roles" / FORK_ROLE / "index.html")
    assert heading_text(page.find(id="1-build-checklist")) == "Your checklist (1 items)"
    assert [a["href"] for a in page.find(id="1-build-checklist").find_next("ul").find_all("a")] == [
        f"../../checklists/roles/{FORK_ROLE}/1-build/#l1-ppl-practice-1-1"]
    matrix = article(site / "roles" / "index.html").find("table")
    assert "Data scientist" in matrix.get_text()
    nav = BeautifulSoup((site / "roles" / "index.html").read_text(), "html.parser").find("nav", class_="md-nav--primary")
    assert "Data scientist" in nav.get_text()
    assert (site / "checklists" / "roles" / FORK_ROLE / "index.html").is_file()


def test_a_role_with_nothing_at_a_level_must_say_why(tmp_path):
    files = minimal_data()
    files["roles.yml"]["roles"].append({"id": "auditor", "name": "Auditor", "who": "Audits.", "owns": "Audits."})
    files["levels/1-build/people.yml"]["practices"][0]["contributors"].append("auditor")
    write_data(tmp_path / "data", files)
    result = handbook("validate", cwd=tmp_path)
    assert result.returncode == 1
    assert "role 'auditor' owns or contributes to no practice at '2-operate'" in result.stderr
    files["roles.yml"]["roles"][-1]["absent_levels"] = {"2-operate": "Audits happen once a year, at level 1 and 3."}
    write_data(tmp_path / "data", files)
    assert handbook("validate", cwd=tmp_path).returncode == 0


def test_empty_competencies_fail(tmp_path):
    files = minimal_data()
    files["certifications/cka.yml"]["domains"][0]["competencies"] = []
    write_data(tmp_path / "data", files)
    result = handbook("validate", cwd=tmp_path)
    assert result.returncode == 1 and "domains[0].competencies: expected the official competencies" in result.stderr


def test_a_lab_must_quote_a_real_competency(tmp_path):
    files = minimal_data()
    files["certifications/cka.yml"]["labs"] = [{"competency": "Manage volumez", "title": "T", "steps": ["s"], "check": ["c"]}]
    write_data(tmp_path / "data", files)
    result = handbook("validate", cwd=tmp_path)
    assert result.returncode == 1 and "not a competency of cka" in result.stderr
