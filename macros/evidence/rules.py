"""Applying the checklist items' evidence rules to report results: one proposal per item.

An item is proposed only when some report speaks to it: every matching result passes, the
proposal is "done"; any does not (fail, warn, error, or a Scorecard score below the rule's
minimum), it is "in progress" and lists what did not pass. Results that decide nothing (a
skipped policy, a kube-bench INFO, a Scorecard check that could not run: score -1) are left
out. Items no report speaks to are left out: silence is never an answer.

kube-bench numbers its checks per CIS Benchmark version: a rule matches a report of another
version only when the rule says ``other_benchmarks: true``; otherwise the report's version is
listed as not covered, so a team knows why an item it expected is missing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date as Date

from macros.evidence.reports import Report, Result
from macros.handbook import Handbook, PlacedItem
from macros.model import EvidenceRule

UNDECIDED = {"skip", "info"}


@dataclass(frozen=True)
class Match:
    """The results of one report that one rule of an item speaks to."""

    rule: EvidenceRule
    report: Report
    results: tuple[Result, ...]

    def passed(self, result: Result) -> bool:
        if result.outcome == "score":
            return result.score is not None and self.rule.min_score is not None and result.score >= self.rule.min_score
        return result.outcome == "pass"

    @property
    def failing(self) -> tuple[Result, ...]:
        return tuple(r for r in self.results if not self.passed(r))


@dataclass(frozen=True)
class Proposal:
    item: PlacedItem
    status: str  # done or in-progress
    matches: tuple[Match, ...]
    date: str  # the oldest report date among the matches (never after today)


@dataclass(frozen=True)
class Uncovered:
    """A kube-bench report whose benchmark version the rules were not checked against."""

    report: Report
    checks: tuple[str, ...]  # the ids the rules name that this report holds
    versions: tuple[str, ...]  # the versions the rules were checked against


@dataclass(frozen=True)
class Outcome:
    proposals: tuple[Proposal, ...]
    unmapped: tuple[Report, ...]  # reports whose checks no item's rule names
    undecided: tuple[Report, ...]  # reports whose results for named checks decided nothing (skip, INFO, -1)
    uncovered: tuple[Uncovered, ...]


def _speaks(rule: EvidenceRule, report: Report, result: Result) -> bool:
    if rule.source != report.source or result.check not in rule.checks:
        return False
    if result.outcome in UNDECIDED or (result.outcome == "score" and (result.score is None or result.score < 0)):
        return False
    return rule.rule is None or result.rule == rule.rule


def _version_covered(rule: EvidenceRule, report: Report) -> bool:
    return rule.source != "kube-bench" or report.version in rule.benchmarks or rule.other_benchmarks


def propose(handbook: Handbook, reports: list[Report], today: str | None = None) -> Outcome:
    today = today or Date.today().isoformat()
    used: set[int] = set()
    named = {i for i, report in enumerate(reports)
             if any(rule.source == report.source and r.check in rule.checks
                    for placed in handbook.items for rule in placed.item.evidence for r in report.results)}
    uncovered: dict[int, tuple[set[str], set[str]]] = {}
    proposals = []
    for placed in handbook.items:
        matches = []
        for rule in placed.item.evidence:
            for index, report in enumerate(reports):
                results = tuple(r for r in report.results if _speaks(rule, report, r))
                if not results:
                    continue
                if not _version_covered(rule, report):
                    ids, versions = uncovered.setdefault(index, (set(), set()))
                    ids.update(r.check for r in results)
                    versions.update(rule.benchmarks)
                    continue
                used.add(index)
                matches.append(Match(rule, report, results))
        if not matches:
            continue
        status = "in-progress" if any(m.failing for m in matches) else "done"
        when = min(m.report.date for m in matches)
        proposals.append(Proposal(placed, status, tuple(matches), min(when, today)))
    return Outcome(
        proposals=tuple(proposals),
        unmapped=tuple(r for i, r in enumerate(reports) if i not in named),
        undecided=tuple(r for i, r in enumerate(reports) if i in named and i not in used and i not in uncovered),
        uncovered=tuple(Uncovered(reports[i], tuple(sorted(ids)), tuple(sorted(versions)))
                        for i, (ids, versions) in sorted(uncovered.items())),
    )
