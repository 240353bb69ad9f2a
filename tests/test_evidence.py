"""handbook evidence: report files in, an answers file of proposals out.

The fixtures in tests/fixtures/reports/ are written from each format's definition (see its
README). The command runs as a user runs it; the rules are also called directly.
"""

from __future__ import annotations

import dataclasses
import json
import shutil
from pathlib import Path

import pytest
from conftest import ROOT, handbook

REPORTS = Path(__file__).parent / "fixtures" / "reports"
GOOD = ["policyreport-pass.yaml", "policyreports-list.json", "openreports-report.json", "scorecard.json",
        "kube-bench.json", "kube-bench-cis-1.9.json"]


def evidence(tmp_path: Path, *files: str, fmt: str = "text", extra: tuple[str, ...] = ()):
    out = tmp_path / "answers.json"
    result = handbook("evidence", *(str(REPORTS / f) for f in files), "--out", str(out), "--format", fmt, *extra)
    assert "Traceback" not in result.stderr, result.stderr
    return result, out


@pytest.fixture(scope="module")
def all_reports(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("evidence")
    result, out = evidence(tmp, *GOOD, extra=("--team", "Team Blue"))
    assert result.returncode == 0, result.stderr
    return result, json.loads(out.read_text(encoding="utf-8"))


def test_the_answers_file_is_a_schema_2_record_of_proposals(all_reports):
    _, record = all_reports
    assert record["schema"] == 2
    assert record["handbook"] and record["data_version"]
    assert record["team"] == "Team Blue"
    assert record["proposals"]["tool"] == "handbook evidence"
    for item_id, answer in record["answers"].items():
        assert answer["status"] in ("done", "in-progress"), item_id
        assert answer["assessor"] == "handbook evidence"
        assert len(answer["date"]) == 10 and answer["date"] <= "2026-12-31"
        assert answer["note"].startswith("Proposed by handbook evidence")
        assert len(answer["note"]) <= 5000
        assert all(link.startswith("https://") for link in answer.get("links", []))
        assert record["proposals"]["items"][item_id], item_id


def test_the_answers_file_passes_the_answers_record_checks(all_reports):
    """The same checks the page applies (macros/answers.py mirrors records.js)."""
    from macros.answers import check_record
    from macros.loader import load_handbook

    _, record = all_reports
    checked = check_record(record, load_handbook(ROOT / "data"))
    assert dict(checked.statuses) == {k: a["status"] for k, a in record["answers"].items()}


def test_every_matching_pass_proposes_done_with_provenance(all_reports):
    _, record = all_reports
    probes = record["answers"]["l1-tech-ephemeral-design-2"]
    assert probes["status"] == "done"
    # provenance: source, check, result, report date, file name
    for part in ("policy-report require-pod-probes", "2 pass", "report date 2026-11-20", "policyreport-pass.yaml"):
        assert part in probes["note"], (part, probes["note"])
    (prov,) = record["proposals"]["items"]["l1-tech-ephemeral-design-2"]
    assert prov["source"] == "policy-report" and prov["result"] == "pass"
    assert prov["report_date"] == "2026-11-20" and prov["file"].endswith("policyreport-pass.yaml")


def test_a_failing_result_proposes_in_progress_and_names_what_failed(all_reports):
    _, record = all_reports
    mixed = record["answers"]["l4-tech-secure-release-1"]  # verify-image: one pass, one fail
    assert mixed["status"] == "in-progress"
    assert "payments/Pod/refunds-2 (fail, rule verify-image)" in mixed["note"]
    assert "ledger-1" not in mixed["note"]  # passing resources are not listed as failing
    pdb = record["answers"]["l2-tech-disruption-ready-1"]  # openreports.io Report, result from its scope
    assert pdb["status"] == "in-progress" and "shop/Deployment/catalogue" in pdb["note"]
    audit = record["answers"]["l2-tech-auditable-access-2"]  # kube-bench 1.2.17 FAIL
    assert audit["status"] == "in-progress" and "1.2.17" in audit["note"] and "FAIL" in audit["note"]
    assert "1.2.16" not in audit["note"].split("Not passing:")[1]


def test_scorecard_scores_are_compared_with_the_rules_minimum(all_reports):
    _, record = all_reports
    assert record["answers"]["l2-proc-git-ci-workflow-1"]["status"] == "done"  # Branch-Protection 8, needs 8
    assert record["answers"]["l4-tech-slsa-build-l2-1"]["status"] == "in-progress"  # Signed-Releases 8, needs 10
    gates = record["answers"]["l2-proc-quality-gates-1"]  # CI-Tests 10 (needs 8), SAST 4 (needs 8)
    assert gates["status"] == "in-progress" and "SAST score 4" in gates["note"]
    assert "https://github.com/ossf/scorecard/blob/main/docs/checks.md#sast" in gates["links"]
    # Packaging could not run (-1): it decides nothing, so its item is left out.
    assert "l1-tech-container-builds-1" not in record["answers"]


def test_items_no_report_speaks_to_are_left_out(all_reports):
    _, record = all_reports
    assert "l1-tech-hard-to-change-1" not in record["answers"]  # no rule at all
    assert "l5-tech-cost-allocation-chargeback-1" not in record["answers"]  # its policy only skipped


def test_a_kube_bench_report_of_another_benchmark_version_is_not_matched_and_is_named(all_reports, tmp_path):
    result, record = all_reports
    # 5.1.1 passes in the cis-1.9 report, but the rule was checked against cis-1.10 only.
    assert "l5-tech-infra-lifecycle-gitops-3" not in record["answers"]
    assert "not covered: " in result.stdout and "kube-bench-cis-1.9.json" in result.stdout
    assert "cis-1.9" in result.stdout and "cis-1.10" in result.stdout
    (uncovered,) = record["proposals"]["not_covered"]
    assert uncovered["benchmark"] == "cis-1.9" and uncovered["checked_against"] == ["cis-1.10"]


def test_a_rule_that_allows_other_benchmark_versions_matches_them(tmp_path):
    from macros.evidence.reports import read_report_file
    from macros.evidence.rules import propose
    from macros.loader import load_handbook

    handbook_data = load_handbook(ROOT / "data")
    reports = read_report_file(REPORTS / "kube-bench-cis-1.9.json")
    assert not propose(handbook_data, reports).proposals
    rule_of = {pi.item.id: pi for pi in handbook_data.items}["l5-tech-infra-lifecycle-gitops-3"]
    relaxed = rule_of.item.evidence[0].model_copy(update={"other_benchmarks": True})
    item = rule_of.item.model_copy(update={"evidence": (relaxed,)})
    placed = type(rule_of)(item=item, placed=rule_of.placed)
    outcome = propose(dataclasses.replace(handbook_data, items=(placed,)), reports)
    assert [p.item.item.id for p in outcome.proposals] == ["l5-tech-infra-lifecycle-gitops-3"]
    assert outcome.proposals[0].status == "done" and not outcome.uncovered


def test_text_summary_for_a_log(all_reports):
    result, _ = all_reports
    lines = result.stdout.splitlines()
    assert lines[0].startswith("handbook evidence: read 8 reports (4 policy reports, 1 Scorecard result, 3 kube-bench results)")
    assert any(line.split()[:2] == ["done", "l1-tech-ephemeral-design-2"] for line in lines)
    assert any(line.split()[:3] == ["in", "progress", "l4-tech-secure-release-1"] for line in lines)
    assert lines[-1].startswith("wrote ")


def test_json_summary_for_a_script(tmp_path):
    result, out = evidence(tmp_path, "scorecard.json", fmt="json")
    assert result.returncode == 0, result.stderr
    summary = json.loads(result.stdout)
    assert summary["written"] == str(out)
    statuses = {p["item"]: p["status"] for p in summary["proposals"]}
    assert statuses["l2-proc-git-ci-workflow-1"] == "done"
    assert statuses["l2-proc-quality-gates-1"] == "in-progress"
    assert summary["reports"][0]["source"] == "scorecard"


# ---- bad input: clear message naming the file, non-zero exit when nothing is usable, no file


@pytest.mark.parametrize("name, message", [
    ("bad/not-a-report.txt", "holds plain text, not a policy report, an OpenSSF Scorecard result"),
    ("bad/truncated.json", "line 8, column 6: not valid JSON"),
    ("bad/deployment.yaml", "is a Deployment (apps/v1), not a policy report"),
    ("bad/unmapped-policyreport.json", "no checklist item maps to any check of PolicyReport polr-ns-shop"),
])
def test_bad_input_is_refused_with_the_file_named_and_nothing_written(tmp_path, name, message):
    result, out = evidence(tmp_path, name)
    assert result.returncode == 1, result.stdout + result.stderr
    assert name in result.stderr and message in result.stderr, result.stderr
    assert "nothing to propose" in result.stderr
    assert not out.exists() and not list(tmp_path.iterdir())


def test_truncated_json_names_the_position(tmp_path):
    result, _ = evidence(tmp_path, "bad/truncated.json")
    assert "bad/truncated.json: line 8, column 6" in result.stderr.replace("tests/fixtures/reports/", "")


def test_a_bad_file_beside_good_ones_is_reported_and_the_rest_is_used(tmp_path):
    result, out = evidence(tmp_path, "scorecard.json", "bad/deployment.yaml")
    assert result.returncode == 0, result.stderr
    assert "deployment.yaml" in result.stderr and "not a policy report" in result.stderr
    assert "left out: " in result.stdout
    assert json.loads(out.read_text(encoding="utf-8"))["answers"]


def test_an_existing_answers_file_is_kept_when_the_run_fails(tmp_path):
    out = tmp_path / "answers.json"
    out.write_text('{"kept": true}', encoding="utf-8")
    result = handbook("evidence", str(REPORTS / "bad" / "truncated.json"), "--out", str(out))
    assert result.returncode == 1
    assert out.read_text(encoding="utf-8") == '{"kept": true}'


def test_missing_file_and_usage_errors(tmp_path):
    result, out = evidence(tmp_path, "no-such-report.json")
    assert result.returncode == 1 and "no-such-report.json: no such file" in result.stderr
    usage = handbook("evidence", str(REPORTS / "scorecard.json"))  # no --out
    assert usage.returncode == 2 and "--out" in usage.stderr
    assert "Traceback" not in usage.stderr


def test_a_yaml_file_with_several_documents_and_a_list(tmp_path):
    docs = (REPORTS / "policyreport-pass.yaml").read_text(encoding="utf-8")
    (tmp_path / "two.yaml").write_text(docs + "\n---\n" + docs.replace("polr-ns-shop", "polr-ns-shop-2"), encoding="utf-8")
    (tmp_path / "list.json").write_text(json.dumps([json.loads((REPORTS / "scorecard.json").read_text())]), encoding="utf-8")
    out = tmp_path / "answers.json"
    result = handbook("evidence", str(tmp_path / "two.yaml"), str(tmp_path / "list.json"), "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert "read 3 reports (2 policy reports, 1 Scorecard result" in result.stdout
    shutil.rmtree(tmp_path)


# ---- the pages: /evidence/ and the line under each mapped item on its cell page


def test_the_evidence_page_lists_per_source_and_check_the_items_it_proves(built_site):
    from bs4 import BeautifulSoup

    page = built_site / "evidence" / "index.html"
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    sources = [h.get("id") for h in soup.select("h2")]
    assert sources[:3] == ["policy-report", "scorecard", "kube-bench"]
    check = soup.find(id="policy-report-require-pod-probes")
    assert check is not None and check.name == "h3"
    items = check.find_next_sibling("ul")
    links = {a["href"] for a in items.select("a")}
    assert "../levels/1-build/technology/#l1-tech-ephemeral-design-2" in links
    assert "../levels/3-scale/technology/#l3-tech-patching-at-scale-3" in links
    assert "at least one probe" in items.get_text()  # the rule's proves: text
    cis = soup.find(id="kube-bench-1-2-16")
    assert "PASS, checked against cis-1.10" in cis.find_next_sibling("ul").get_text()
    # CIS ids in numeric order: 1.2.8 before 1.2.16
    ids = [h["id"] for h in soup.select("h3") if h["id"].startswith("kube-bench-1-2-")]
    assert ids.index("kube-bench-1-2-8") < ids.index("kube-bench-1-2-16")


def test_a_mapped_item_on_its_cell_page_names_the_checks_that_prove_it(built_site):
    from bs4 import BeautifulSoup

    page = built_site / "levels" / "1-build" / "process" / "index.html"
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    row = soup.find(id="l1-proc-git-change-flow-1").find_parent("tr")
    found = {a.get_text(): a["href"] for a in row.select("a")}
    assert found["Scorecard Branch-Protection, score 6 or more"] == "../../../evidence/#scorecard-branch-protection"
    assert found["Scorecard Code-Review, score 10 or more"] == "../../../evidence/#scorecard-code-review"
    unmapped = soup.find(id="l1-proc-git-change-flow-2").find_parent("tr")
    assert "Tool evidence" not in unmapped.get_text()


def test_a_report_whose_mapped_checks_decided_nothing_is_named(tmp_path):
    report = {"apiVersion": "wgpolicyk8s.io/v1alpha2", "kind": "PolicyReport",
              "metadata": {"name": "polr-skip", "namespace": "shop", "creationTimestamp": "2026-11-20T08:00:00Z"},
              "results": [{"policy": "require-pod-probes", "result": "skip",
                           "resources": [{"kind": "Pod", "name": "job-1", "namespace": "shop"}]}]}
    path = tmp_path / "skipped.json"
    path.write_text(json.dumps(report), encoding="utf-8")
    out = tmp_path / "answers.json"
    result = handbook("evidence", str(path), "--out", str(out))
    assert result.returncode == 1 and not out.exists()
    assert "skipped.json: PolicyReport polr-skip in shop decided nothing for the mapped checks" in result.stderr
