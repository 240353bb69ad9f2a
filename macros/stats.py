"""How much the handbook says, cell by cell, and where it falls short of the depth rules.

The depth rules are what a fully written level must have (CONTRIBUTING.md lists where each rule lives):
at least 4 practices per cell (3 for Business Outcomes), and per practice a why, at least
3 steps, at least 2 checklist items, and KPIs or evidence. Transition playbooks have 5 to 10 moves.
"""

from __future__ import annotations

from dataclasses import dataclass

from macros.handbook import Handbook

MIN_PRACTICES = {"business-outcomes": 3}
DEFAULT_MIN_PRACTICES = 4
MIN_STEPS = 3
MIN_ITEMS = 2
MOVES = (5, 10)


@dataclass(frozen=True)
class CellStats:
    level: str
    dimension: str
    practices: int
    items: int
    words: int


def _words(*texts: str) -> int:
    return sum(len(t.split()) for t in texts if t)


def cell_stats(handbook: Handbook) -> list[CellStats]:
    rows = []
    for lv in handbook.levels:
        for dim in handbook.dimensions:
            cell = handbook.cell(lv.id, dim.id)
            words = _words(cell.summary)
            for p in cell.practices:
                words += _words(p.title, p.why, *p.steps, *p.pitfalls, *p.evidence,
                                *(f"{k.name} {k.measure} {k.target}" for k in p.kpis),
                                *(f"{i.text} {i.done_looks_like}" for i in p.checklist))
            rows.append(CellStats(lv.id, dim.id, len(cell.practices), sum(len(p.checklist) for p in cell.practices), words))
    return rows


def depth_problems(handbook: Handbook) -> list[str]:
    problems = []
    for lv in handbook.levels:
        for dim in handbook.dimensions:
            practices = handbook.cell(lv.id, dim.id).practices
            minimum = MIN_PRACTICES.get(dim.id, DEFAULT_MIN_PRACTICES)
            if len(practices) < minimum:
                problems.append(f"{lv.id}/{dim.id}: {len(practices)} practices, the rule is at least {minimum}")
            for p in practices:
                if len(p.steps) < MIN_STEPS:
                    problems.append(f"{p.id}: {len(p.steps)} steps, the rule is at least {MIN_STEPS}")
                if len(p.checklist) < MIN_ITEMS:
                    problems.append(f"{p.id}: {len(p.checklist)} checklist items, the rule is at least {MIN_ITEMS}")
                if not (p.kpis or p.evidence):
                    problems.append(f"{p.id}: no KPIs or evidence")
        if handbook.next_level(lv.id):
            moves = len(lv.next_level.moves) if lv.next_level else 0
            if not MOVES[0] <= moves <= MOVES[1]:
                problems.append(f"{lv.id}: {moves} moves to the next level, the rule is {MOVES[0]} to {MOVES[1]}")
    return problems


def stats_table(handbook: Handbook) -> str:
    rows = cell_stats(handbook)
    dims = [d.id for d in handbook.dimensions]
    width = max(len(d) for d in dims) + 2
    lines = ["practices / checklist items / words per level and dimension", ""]
    lines.append("level".ljust(12) + "".join(d.ljust(width) for d in dims) + "total")
    for lv in handbook.levels:
        cells = [r for r in rows if r.level == lv.id]
        line = lv.id.ljust(12)
        for r in cells:
            line += f"{r.practices}/{r.items}/{r.words}".ljust(width)
        line += f"{sum(r.practices for r in cells)}/{sum(r.items for r in cells)}/{sum(r.words for r in cells)}"
        lines.append(line)
    total = f"{sum(r.practices for r in rows)}/{sum(r.items for r in rows)}/{sum(r.words for r in rows)}"
    lines += ["", f"all cells: {total}"]
    return "\n".join(lines)
