"""How much the handbook says, cell by cell, and where it falls short of the depth rules.

The depth rules are what a fully written level must have; their numbers are data (`depth` in
model.yml, a dimension's `min_practices`): practices per cell, steps and checklist items per
practice, and moves in a level's playbook to the next. Every practice also needs KPIs or evidence.
"""

from __future__ import annotations

from dataclasses import dataclass

from macros.handbook import Handbook


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
    rules = handbook.model.depth
    problems = []
    for lv in handbook.levels:
        for dim in handbook.dimensions:
            practices = handbook.cell(lv.id, dim.id).practices
            minimum = rules.practices_per_cell if dim.min_practices is None else dim.min_practices
            if len(practices) < minimum:
                problems.append(f"{lv.id}/{dim.id}: {len(practices)} practices, the rule is at least {minimum}")
            for p in practices:
                if len(p.steps) < rules.steps_per_practice:
                    problems.append(f"{p.id}: {len(p.steps)} steps, the rule is at least {rules.steps_per_practice}")
                if len(p.checklist) < rules.items_per_practice:
                    problems.append(f"{p.id}: {len(p.checklist)} checklist items, the rule is at least {rules.items_per_practice}")
                if not (p.kpis or p.evidence):
                    problems.append(f"{p.id}: no KPIs or evidence")
        if handbook.next_level(lv.id):
            moves = len(lv.next_level.moves) if lv.next_level else 0
            if not rules.min_moves <= moves <= rules.max_moves:
                problems.append(f"{lv.id}: {moves} moves to the next level, the rule is {rules.min_moves} to {rules.max_moves}")
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
