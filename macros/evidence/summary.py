"""The run's summary for a log (``--format text``) or a script (``--format json``)."""

from __future__ import annotations

import json
from pathlib import Path

from macros.evidence.answers import check_text, failing_list, result_text
from macros.evidence.reports import Report
from macros.evidence.rules import Outcome

SOURCE_NAMES = {"policy-report": "policy report", "scorecard": "Scorecard result", "kube-bench": "kube-bench result"}


def _count(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def summary_data(reports: list[Report], outcome: Outcome, problems: list[str], out: Path | None) -> dict:
    return {
        "written": str(out) if out else None,
        "reports": [{"file": r.file, "source": r.source, "report": r.label, "date": r.date,
                     **({"benchmark": r.version} if r.version else {})} for r in reports],
        "proposals": [
            {"item": p.item.item.id, "status": p.status, "date": p.date,
             "checks": [{"source": m.rule.source, "check": check_text(m), "result": result_text(m),
                         "not_passing": failing_list(m), "file": m.report.file} for m in p.matches]}
            for p in outcome.proposals
        ],
        "not_mapped": [{"file": r.file, "report": r.label} for r in outcome.unmapped],
        "undecided": [{"file": r.file, "report": r.label} for r in outcome.undecided],
        "not_covered": [{"file": u.report.file, "report": u.report.label, "benchmark": u.report.version,
                         "checked_against": list(u.versions), "checks": list(u.checks)} for u in outcome.uncovered],
        "problems": problems,
    }


def summary_text(reports: list[Report], outcome: Outcome, problems: list[str], out: Path | None) -> str:
    by_source = [_count(sum(1 for r in reports if r.source == s), name) for s, name in SOURCE_NAMES.items()]
    done = sum(1 for p in outcome.proposals if p.status == "done")
    lines = [f"handbook evidence: read {_count(len(reports), 'report')} ({', '.join(by_source)})",
             f"proposed {_count(len(outcome.proposals), 'item')}: {done} done, "
             f"{len(outcome.proposals) - done} in progress"]
    for p in outcome.proposals:
        status = "done" if p.status == "done" else "in progress"
        checks = "; ".join(f"{m.rule.source} {check_text(m)}: {result_text(m)}" for m in p.matches)
        lines.append(f"  {status:<12} {p.item.item.id}  {checks}")
        for m in p.matches:
            for failing in failing_list(m):
                lines.append(f"  {'':<12}   not passing: {failing}")
    for u in outcome.uncovered:
        lines.append(f"not covered: {u.report.file}: {u.report.label} is benchmark {u.report.version or 'unknown'}; "
                     f"the rules for {', '.join(u.checks)} were checked against {', '.join(u.versions)}")
    for r in outcome.unmapped:
        lines.append(f"not used: {r.file}: no checklist item maps to any check of {r.label}")
    for r in outcome.undecided:
        lines.append(f"not used: {r.file}: {r.label} decided nothing for the mapped checks (skipped, INFO or could not run)")
    for problem in problems:
        lines.append(f"left out: {problem}")
    if out:
        lines.append(f"wrote {out}: import it on the self-assessment page (Evidence from tools) to review the proposals")
    return "\n".join(lines) + "\n"


def summary_json(reports: list[Report], outcome: Outcome, problems: list[str], out: Path | None) -> str:
    return json.dumps(summary_data(reports, outcome, problems, out), indent=2, ensure_ascii=False) + "\n"
