"""From a self-assessment to a plan: which practices, in what order, in which phase.

One rule, two implementations that must agree: this module (``handbook plan``) and
docs/assets/javascripts/assessment/plan.js (the "Plan" section of /assessment/). A test feeds
both the same 50 generated answer sets and asserts identical plans, so a change here needs the
same change there.

The rule, step by step:

1. **Achieved level** per dimension, as the assessment page computes it: the highest level L
   such that every level 1..L has done * 100 >= threshold * applicable (items marked "na" are
   not applicable; a level with no applicable item counts as met).
2. **Target** per dimension: the one given, else the level after the achieved one (the top
   level once the top is achieved). 0 plans nothing in that dimension.
3. **Needed practices:** what it takes to reach each target: every practice of the dimension
   at a level above the achieved one and up to the target that has at least one open item
   (status neither "done" nor "na"). The open items left at achieved levels are not needed
   to reach anything. Then, until nothing changes: a practice that a planned practice
   ``requires`` is planned too when it has open items, whatever its dimension and even at a
   level counted as achieved (reason "prerequisite"). A prerequisite with no open item is
   done: it is not planned and its own prerequisites are not followed.
4. **Order:** topological, so nothing comes before a planned practice it requires. Among the
   practices whose planned prerequisites are all placed, the smallest key goes next:
   (level number, rank of its most urgent open item's priority: high 0, medium 1, low 2,
   position in the data). Validation refuses cycles; should one slip through, the smallest
   key among the remaining practices breaks it, so the order stays deterministic.
5. **Effort:** the practice's size on model.yml's ``effort_scale`` (validation makes every
   practice name one). The whole size counts even when some items are done: the scale is too
   coarse to split.
6. **Phases:** next fit, in plan order. A practice joins the current phase when it fits the
   capacity left (person-weeks per phase), else it opens the next phase; a practice never
   splits across phases. A practice larger than the capacity gets a phase of its own
   (``oversized``) lasting ceil(effort / capacity) phase lengths. Phases follow each other:
   phase n starts the week after phase n-1 ends.

Defaults: 12 person-weeks per 6-week phase (two people working on it full time); a six-week
phase is short enough to review progress and long enough to finish an M practice.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from macros.handbook import Handbook, PlacedPractice
from macros.pages import cell_uri
from macros.render.markdown import page_url

DEFAULT_CAPACITY = 12  # person-weeks per phase
DEFAULT_PHASE_WEEKS = 6
PRIORITY_RANK = {"high": 0, "medium": 1, "low": 2}
OPEN = ("not-started", "in-progress")  # anything not done and not "na"


@dataclass(frozen=True)
class PlanSettings:
    targets: Mapping[str, int] = field(default_factory=dict)  # dimension id -> level number (others: default)
    capacity: float = DEFAULT_CAPACITY
    phase_weeks: int = DEFAULT_PHASE_WEEKS


def achieved_levels(handbook: Handbook, statuses: Mapping[str, str]) -> dict[str, int]:
    """Dimension id -> achieved level number (0: none), by the threshold rule of step 1."""
    threshold = handbook.model.assessment.threshold
    achieved = {}
    for dim in handbook.dimensions:
        level = 0
        for lv in handbook.levels:
            applicable = done = 0
            for pp in handbook.practices_where(level=lv.id, dimension=dim.id):
                for item in pp.practice.checklist:
                    status = statuses.get(item.id, "not-started")
                    applicable += status != "na"
                    done += status == "done"
            if applicable and done * 100 < threshold * applicable:
                break
            level = lv.number
        achieved[dim.id] = level
    return achieved


def default_target(handbook: Handbook, achieved: int) -> int:
    """The level after the achieved one; the top level once it is achieved."""
    numbers = sorted(lv.number for lv in handbook.levels)
    higher = [n for n in numbers if n > achieved]
    return higher[0] if higher else numbers[-1]


def make_plan(handbook: Handbook, statuses: Mapping[str, str], settings: PlanSettings, team: str = "") -> dict:
    """The plan as a JSON-ready dict (the shape plan.js returns too; see the module docstring)."""
    achieved = achieved_levels(handbook, statuses)
    targets = {d.id: settings.targets.get(d.id, default_target(handbook, achieved[d.id])) for d in handbook.dimensions}
    by_id = {pp.practice.id: pp for pp in handbook.practices}

    def open_items(pid: str) -> list:
        return [i for i in by_id[pid].practice.checklist if statuses.get(i.id, "not-started") in OPEN]

    reason = needed_practices(handbook, achieved, targets, open_items)
    prerequisites = {pid: [r for r in by_id[pid].practice.requires if r in reason and r != pid] for pid in reason}
    order = dependency_order(handbook, prerequisites, open_items)
    sizes = {size.id: size for size in handbook.model.effort_scale}
    efforts = [_number(sizes[by_id[pid].practice.effort].person_weeks) for pid in order]
    capacity, weeks = _number(settings.capacity), settings.phase_weeks
    phases = phased(order, efforts, capacity, weeks)
    phase_of = {pid: phase["number"] for phase in phases for pid in phase["practices"]}
    role_names = {r.id: r.name for r in handbook.roles}
    lines = []
    for n, pid in enumerate(order, 1):
        pp, size, items = by_id[pid], sizes[by_id[pid].practice.effort], open_items(pid)
        lines.append({
            "order": n,
            "phase": phase_of[pid],
            "practice": pid,
            "title": pp.practice.title,
            "level": pp.level.id,
            "level_number": pp.level.number,
            "level_name": pp.level.name,
            "dimension": pp.dimension.id,
            "dimension_name": pp.dimension.name,
            "owners": list(pp.practice.owners),
            "owner_names": [role_names.get(r, r) for r in pp.practice.owners],
            "effort": size.id,
            "effort_label": size.label,
            "person_weeks": efforts[n - 1],
            "reason": reason[pid],
            "requires": prerequisites[pid],
            "priority": min((i.priority for i in items), key=lambda p: PRIORITY_RANK.get(p, 3)),
            "items": [{"id": i.id, "text": i.text, "done_looks_like": i.done_looks_like, "priority": i.priority,
                       "status": statuses.get(i.id, "not-started")} for i in items],
            "url": practice_path(pp),
        })
    return {
        "handbook": handbook.model.name,
        "data_version": handbook.model.data_version,
        "team": team,
        "capacity": capacity,
        "phase_weeks": weeks,
        "dimensions": [{"id": d.id, "name": d.name, "achieved": achieved[d.id], "target": targets[d.id]}
                       for d in handbook.dimensions],
        "total_person_weeks": _number(sum(efforts)),
        "total_weeks": phases[-1]["end_week"] if phases else 0,
        "phases": phases,
        "lines": lines,
    }


def needed_practices(handbook: Handbook, achieved: Mapping[str, int], targets: Mapping[str, int],
                     open_items: Callable[[str], list]) -> dict[str, str]:
    """Step 3: practice id -> "target" or "prerequisite"."""
    reason = {pp.practice.id: "target" for pp in handbook.practices
              if achieved[pp.dimension.id] < pp.level.number <= targets[pp.dimension.id] and open_items(pp.practice.id)}
    requires = {pp.practice.id: pp.practice.requires for pp in handbook.practices}
    queue = [pp.practice.id for pp in handbook.practices if pp.practice.id in reason]
    for pid in queue:  # the queue grows while it is read
        for required in requires[pid]:
            if required in requires and required not in reason and open_items(required):
                reason[required] = "prerequisite"
                queue.append(required)
    return reason


def dependency_order(handbook: Handbook, prerequisites: Mapping[str, list[str]],
                     open_items: Callable[[str], list]) -> list[str]:
    """Step 4: the planned practices, each after its planned prerequisites, smallest key first."""
    placed_at = {pp.practice.id: (k, pp) for k, pp in enumerate(handbook.practices)}

    def key(pid: str) -> tuple:
        index, pp = placed_at[pid]
        rank = min(PRIORITY_RANK.get(i.priority, 3) for i in open_items(pid))
        return (pp.level.number, rank, index, pid)

    waiting = {pid: len(set(reqs)) for pid, reqs in prerequisites.items()}
    unlocks: dict[str, list[str]] = {pid: [] for pid in prerequisites}
    for pid, reqs in prerequisites.items():
        for r in set(reqs):
            unlocks[r].append(pid)
    ready = [key(pid) for pid, n in waiting.items() if n == 0]
    heapq.heapify(ready)
    order: list[str] = []
    placed: set[str] = set()
    while len(order) < len(prerequisites):
        if not ready:  # a cycle (validation refuses them): the smallest remaining key breaks it
            heapq.heappush(ready, min(key(pid) for pid in prerequisites if pid not in placed))
        pid = heapq.heappop(ready)[-1]
        if pid in placed:
            continue
        placed.add(pid)
        order.append(pid)
        for nxt in unlocks[pid]:
            waiting[nxt] -= 1
            if waiting[nxt] == 0 and nxt not in placed:
                heapq.heappush(ready, key(nxt))
    return order


def phased(order: list[str], efforts: list[float], capacity: float, weeks: int) -> list[dict]:
    """Step 6: next fit into phases of ``capacity`` person-weeks; an oversized practice alone."""
    phases: list[dict] = []
    current = None
    for pid, effort in zip(order, efforts):
        if effort > capacity:
            current = None
            phases.append(_phase(phases, weeks, oversized=True, length=math.ceil(effort / capacity)))
        elif current is None or current["person_weeks"] + effort > capacity:
            current = _phase(phases, weeks, oversized=False, length=1)
            phases.append(current)
        phase = phases[-1]
        phase["person_weeks"] = _number(phase["person_weeks"] + effort)
        phase["practices"].append(pid)
    return phases


def practice_path(pp: PlacedPractice) -> str:
    """The practice's address relative to the site root, e.g. levels/1-build/people/#l1-ppl-x."""
    return f"{page_url(cell_uri(pp.level.id, pp.dimension.id))}#{pp.practice.id}"


def _phase(phases: list[dict], weeks: int, *, oversized: bool, length: int) -> dict:
    start = phases[-1]["end_week"] + 1 if phases else 1
    return {"number": len(phases) + 1, "start_week": start, "end_week": start + length * weeks - 1,
            "person_weeks": 0, "oversized": oversized, "practices": []}


def _number(value: float) -> float:
    """Whole numbers as int, so JSON says 12 (as JavaScript does), not 12.0."""
    return int(value) if float(value).is_integer() else value
