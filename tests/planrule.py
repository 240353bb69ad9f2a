"""What every plan must satisfy, checked against the assessment page's data (the same data the
browser's plan.js reads), so one checker serves the Python rule and the JavaScript rule.

This is a second, independent reading of the rule in macros/plan.py's docstring: it recomputes
achieved levels, the set of planned practices and the greedy order, and checks the phases.
"""

from __future__ import annotations

import math
import random
from fractions import Fraction

PRIORITY = {"high": 0, "medium": 1, "low": 2}
STATUSES = ("not-started", "in-progress", "done", "na")


def achieved(data: dict, statuses: dict) -> dict[str, int]:
    out = {}
    for dim in data["dimensions"]:
        level = 0
        for lv in sorted(data["levels"], key=lambda x: x["number"]):
            cell = [statuses.get(i["id"], "not-started") for i in data["items"]
                    if i["level"] == lv["id"] and i["dimension"] == dim["id"]]
            applicable = sum(s != "na" for s in cell)
            if applicable and Fraction(sum(s == "done" for s in cell), applicable) < Fraction(data["threshold"], 100):
                break
            level = lv["number"]
        out[dim["id"]] = level
    return out


def open_items(data: dict, statuses: dict, practice_id: str) -> list[dict]:
    return [i for i in data["items"] if i["practice"] == practice_id
            and statuses.get(i["id"], "not-started") not in ("done", "na")]


def planned_set(data: dict, statuses: dict, targets: dict[str, int]) -> dict[str, str]:
    """Practice id -> "target" or "prerequisite", by a plain fixpoint."""
    numbers = {lv["id"]: lv["number"] for lv in data["levels"]}
    done_to = achieved(data, statuses)
    planned = {p["id"]: "target" for p in data["practices"]
               if done_to[p["dimension"]] < numbers[p["level"]] <= targets[p["dimension"]]
               and open_items(data, statuses, p["id"])}
    by_id = {p["id"]: p for p in data["practices"]}
    changed = True
    while changed:
        changed = False
        for pid in list(planned):
            for r in by_id[pid]["requires"]:
                if r in by_id and r not in planned and open_items(data, statuses, r):
                    planned[r] = "prerequisite"
                    changed = True
    return planned


def check_plan(data: dict, statuses: dict, plan: dict, targets: dict | None = None) -> None:
    """Assert every property of the rule; targets: the explicit ones (others default)."""
    numbers = {lv["id"]: lv["number"] for lv in data["levels"]}
    top = max(numbers.values())
    done_to = achieved(data, statuses)
    want_targets = {d: (targets or {}).get(d, min(done_to[d] + 1, top)) for d in done_to}
    assert {d["id"]: (d["achieved"], d["target"]) for d in plan["dimensions"]} == {
        d: (done_to[d], want_targets[d]) for d in done_to}
    planned = planned_set(data, statuses, want_targets)
    lines = plan["lines"]
    assert {line["practice"]: line["reason"] for line in lines} == planned
    by_id = {p["id"]: p for p in data["practices"]}
    index = {p["id"]: k for k, p in enumerate(data["practices"])}

    # Order: at each step the smallest key among the practices whose planned prerequisites are placed.
    def key(pid):
        rank = min(PRIORITY[i["priority"]] for i in open_items(data, statuses, pid))
        return (numbers[by_id[pid]["level"]], rank, index[pid])

    placed: set[str] = set()
    for k, line in enumerate(lines):
        assert line["order"] == k + 1
        ready = [p for p in planned if p not in placed and all(r in placed or r not in planned for r in by_id[p]["requires"])]
        assert ready, "a cycle in generated data"
        assert line["practice"] == min(ready, key=key), (k, line["practice"], min(ready, key=key))
        assert line["requires"] == [r for r in by_id[line["practice"]]["requires"] if r in planned]
        assert [i["id"] for i in line["items"]] == [i["id"] for i in open_items(data, statuses, line["practice"])]
        placed.add(line["practice"])

    # Effort and phases: next fit, never split, oversized practices alone.
    sizes = {s["id"]: s for s in data["effort_scale"]}
    capacity, weeks = plan["capacity"], plan["phase_weeks"]
    phase_of = {line["practice"]: line["phase"] for line in lines}
    for line in lines:
        size = sizes[by_id[line["practice"]]["effort"]]
        assert (line["effort"], line["person_weeks"]) == (size["id"], size["person_weeks"])
        for r in line["requires"]:
            assert phase_of[r] <= line["phase"]
    assert [p for ph in plan["phases"] for p in ph["practices"]] == [line["practice"] for line in lines]
    effort = {line["practice"]: line["person_weeks"] for line in lines}
    start = 1
    for k, phase in enumerate(plan["phases"]):
        assert phase["number"] == k + 1 and phase["start_week"] == start
        total = sum(effort[p] for p in phase["practices"])
        assert math.isclose(phase["person_weeks"], total)
        if phase["oversized"]:
            assert len(phase["practices"]) == 1 and total > capacity
            assert phase["end_week"] - start + 1 == math.ceil(total / capacity) * weeks
        else:
            assert total <= capacity and phase["end_week"] - start + 1 == weeks
        if k + 1 < len(plan["phases"]) and not phase["oversized"] and not plan["phases"][k + 1]["oversized"]:
            first_next = plan["phases"][k + 1]["practices"][0]
            assert total + effort[first_next] > capacity, "next fit: the practice would have fitted"
        start = phase["end_week"] + 1
    assert plan["total_weeks"] == start - 1


def random_statuses(data: dict, rng: random.Random) -> dict[str, str]:
    """Answers that reach different levels: each dimension done up to a random depth, then noise."""
    numbers = {lv["id"]: lv["number"] for lv in data["levels"]}
    depth = {d["id"]: rng.randint(0, len(numbers)) for d in data["dimensions"]}
    out = {}
    for item in data["items"]:
        below = numbers[item["level"]] <= depth[item["dimension"]]
        weights = [1, 1, 8, 1] if below else [5, 2, 2, 1]
        status = rng.choices(STATUSES, weights=weights)[0]
        if status != "not-started":
            out[item["id"]] = status
    return out


def random_settings(data: dict, rng: random.Random) -> dict:
    top = max(lv["number"] for lv in data["levels"])
    targets = {d["id"]: rng.randint(0, top) for d in data["dimensions"] if rng.random() < 0.4}
    return {"targets": targets, "capacity": rng.choice([2, 4, 6, 7.5, 12, 20]), "phase_weeks": rng.choice([2, 6, 13])}
