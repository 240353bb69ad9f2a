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
from macros.render.common import label
from macros.render.markdown import Links, bullets, fill, first_sentence, heading, join_blocks, joined, prose, text

# Each report source's heading and how its checks pass, as catalogue keys (data/messages/en.yml).
SOURCES = {
    "policy-report": ("evidence.policy_report", "evidence.policy_report_how"),
    "scorecard": ("evidence.scorecard", "evidence.scorecard_how"),
    "kube-bench": ("evidence.kube_bench", "evidence.kube_bench_how"),
}


def check_anchor(source: str, check: str) -> str:
    """An anchor per source and check: a slug, safe in a heading's attribute list."""
    return re.sub(r"[^a-z0-9]+", "-", f"{source}-{check}".lower()).strip("-")


def passes_when(handbook: Handbook, rule: EvidenceRule) -> Markup:
    """When the rule's check passes: 'score 6 or more'."""
    if rule.source == "scorecard":
        return label(handbook, "evidence.passes_score", score=str(rule.min_score))
    if rule.source == "kube-bench":
        key = "evidence.passes_kube_bench_or_other" if rule.other_benchmarks else "evidence.passes_kube_bench"
        return label(handbook, key, benchmarks=text(", ".join(rule.benchmarks)))
    if rule.rule:
        return label(handbook, "evidence.passes_policy_rule", rule=text(rule.rule))
    return label(handbook, "evidence.passes_policy")


def rule_label(handbook: Handbook, rule: EvidenceRule) -> Markup:
    """Short words for one rule: 'Scorecard Branch-Protection, score 6 or more'."""
    if rule.source == "scorecard":
        return label(handbook, "evidence.rule_scorecard", check=text(rule.checks[0]), score=str(rule.min_score))
    if rule.source == "kube-bench":
        return label(handbook, "evidence.rule_kube_bench", checks=text(", ".join(rule.checks)),
                     benchmarks=text(", ".join(rule.benchmarks)))
    if rule.rule:
        return label(handbook, "evidence.rule_policy_rule", check=text(rule.checks[0]), rule=text(rule.rule))
    return label(handbook, "evidence.rule_policy", check=text(rule.checks[0]))


def item_evidence(handbook: Handbook, item: ChecklistItem, links: Links) -> Markup:
    """The line under an item on its cell page: which checks can prove it (empty if none)."""
    if not item.evidence:
        return Markup()
    found = joined("; ", [links.link(rule_label(handbook, r), EVIDENCE_URI, check_anchor(r.source, r.checks[0]))
                          for r in item.evidence])
    return fill("<br>*{}* {}", label(handbook, "evidence.tool_evidence"), found)


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
        label(handbook, "evidence.intro", count=total,
              assessment=links.link(label(handbook, "evidence.assessment_link"), "assessment.md"),
              guide=links.link(label(handbook, "evidence.guide_link"), "collecting-evidence.md")),
    ]
    for source, (title, how) in SOURCES.items():
        checks = grouped[source]
        if not checks:
            continue
        blocks += [heading(2, label(handbook, title), source), label(handbook, how)]
        for check in sorted(checks, key=lambda c: _sort_key(source, c)):
            blocks.append(heading(3, text(check), check_anchor(source, check)))
            blocks.append(bullets([
                label(handbook, "evidence.check_item",
                      item=links.link(text(p.item.id), cell_uri(p.placed.level.id, p.placed.dimension.id), p.item.id),
                      text=prose(first_sentence(p.item.text)), passes=passes_when(handbook, rule), proves=text(rule.proves))
                for p, rule in checks[check]
            ]))
    return join_blocks(*blocks)
