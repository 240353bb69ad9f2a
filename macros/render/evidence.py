"""The evidence page (/evidence/): per report source and check, the checklist items it can
prove; and the line under each item on a cell page that names those checks.

The rules come from the items' ``evidence:`` blocks (macros/model.py ``EvidenceRule``);
``handbook evidence`` applies them to a team's reports (macros/evidence/).
"""

from __future__ import annotations

import re

from markupsafe import Markup

from macros.handbook import Handbook, PlacedItem
from macros.model import ChecklistItem, EvidenceRule
from macros.pages import EVIDENCE_URI, cell_uri
from macros.render.markdown import Links, bullets, fill, first_sentence, heading, join_blocks, joined, prose, text

SOURCES = {
    "policy-report": ("Policy reports", "PolicyReport and ClusterPolicyReport (wgpolicyk8s.io/v1alpha2) or Report and "
                      "ClusterReport (openreports.io/v1alpha1), as admission and runtime policy engines write them. "
                      "A check passes when every result for the policy (and rule) passes."),
    "scorecard": ("OpenSSF Scorecard", "Scorecard's JSON output (`scorecard --format json`) for a repository. A check "
                  "passes when its score reaches the minimum the rule names."),
    "kube-bench": ("CIS Kubernetes Benchmark (kube-bench)", "kube-bench's JSON output (`kube-bench --json`). A check "
                   "passes when kube-bench reports PASS; ids are numbered as in the benchmark versions the rule names."),
}


def check_anchor(source: str, check: str) -> str:
    """An anchor per source and check: a slug, safe in a heading's attribute list."""
    return re.sub(r"[^a-z0-9]+", "-", f"{source}-{check}".lower()).strip("-")


def passes_when(rule: EvidenceRule) -> str:
    if rule.source == "scorecard":
        return f"score {rule.min_score} or more"
    if rule.source == "kube-bench":
        others = ", or another version" if rule.other_benchmarks else ""
        return f"PASS, checked against {', '.join(rule.benchmarks)}{others}"
    return f"every result of rule {rule.rule} passes" if rule.rule else "every result passes"


def rule_label(rule: EvidenceRule) -> str:
    """Short words for one rule: 'Scorecard Branch-Protection, score 6 or more'."""
    if rule.source == "scorecard":
        return f"Scorecard {rule.checks[0]}, score {rule.min_score} or more"
    if rule.source == "kube-bench":
        return f"kube-bench {', '.join(rule.checks)} ({', '.join(rule.benchmarks)})"
    return f"policy report {rule.checks[0]}" + (f" rule {rule.rule}" if rule.rule else "")


def item_evidence(item: ChecklistItem, links: Links) -> Markup:
    """The line under an item on its cell page: which checks can prove it (empty if none)."""
    if not item.evidence:
        return Markup()
    found = joined("; ", [links.link(text(rule_label(r)), EVIDENCE_URI, check_anchor(r.source, r.checks[0]))
                          for r in item.evidence])
    return Markup("<br>*Tool evidence:* ") + found


def _by_check(handbook: Handbook) -> dict[str, dict[str, list[tuple[PlacedItem, EvidenceRule]]]]:
    """source -> check -> the items (with their rule) that check can prove, in data order."""
    out: dict[str, dict[str, list[tuple[PlacedItem, EvidenceRule]]]] = {s: {} for s in SOURCES}
    for placed in handbook.items:
        for rule in placed.item.evidence:
            for check in rule.checks:
                out[rule.source].setdefault(check, []).append((placed, rule))
    return out


def _sort_key(source: str, check: str) -> tuple:
    # CIS ids sort as numbers (1.2.9 before 1.2.16), names alphabetically.
    return tuple(int(p) for p in check.split(".")) if source == "kube-bench" else (check.lower(),)


def render_evidence(handbook: Handbook, here: str) -> Markup:
    links = Links(here)
    grouped = _by_check(handbook)
    total = len({p.item.id for checks in grouped.values() for found in checks.values() for p, _ in found})
    blocks = [
        heading(1, text(handbook.messages("title.evidence"))),
        fill("Some checklist items can be proven by reports a platform team already produces. {} items of this "
             "handbook name the policy, Scorecard check or CIS Benchmark check that proves them, and which part of "
             "the item it proves. Run `handbook evidence` over your reports to turn them into proposed answers, then "
             "import the file on the {}: nothing changes until you accept a proposal. {} explains how.",
             str(total), links.link(Markup("self-assessment page"), "assessment.md"),
             links.link(Markup("Collecting evidence from tools"), "collecting-evidence.md")),
    ]
    for source, (title, how) in SOURCES.items():
        checks = grouped[source]
        if not checks:
            continue
        blocks += [heading(2, text(title), source), prose(how)]
        for check in sorted(checks, key=lambda c: _sort_key(source, c)):
            blocks.append(heading(3, text(check), check_anchor(source, check)))
            blocks.append(bullets([
                fill("{}: {} *Passes when:* {}. *Proves:* {}",
                     links.link(text(p.item.id), cell_uri(p.placed.level.id, p.placed.dimension.id), p.item.id),
                     prose(first_sentence(p.item.text)), text(passes_when(rule)), text(rule.proves))
                for p, rule in checks[check]
            ]))
    return join_blocks(*blocks)
