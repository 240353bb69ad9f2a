"""Level pages (/levels/<level>/) and cell playbooks (/levels/<level>/<dimension>/)."""

from __future__ import annotations

from macros.handbook import Handbook
from macros.model import Practice
from macros.pages import TOOLS_URI, cell_uri, dimension_uri, level_title, level_uri
from macros.render.costchart import render_cost_chart
from macros.render.depgraph import practice_link, render_dependency_graph
from macros.render.markdown import (
    Links,
    bullets,
    first_sentence,
    heading,
    join_blocks,
    numbered,
    prose,
    table,
    text,
)

PRIORITY_LABEL = {"high": "High", "medium": "Medium", "low": "Low"}


def role_names(handbook: Handbook, role_ids) -> str:
    return ", ".join(text(handbook.role(r).name) for r in role_ids)


def render_level(handbook: Handbook, level_id: str, here: str) -> str:
    level = handbook.level(level_id)
    links = Links(here)
    blocks = [
        heading(1, text(level_title(level))),
        f"*{prose(level.theme)}*",
        prose(level.summary),
    ]
    if level.business_outcomes:
        blocks += [heading(2, "What the business can expect", "business-expectations"),
                   bullets([prose(o) for o in level.business_outcomes])]
    if level.cost or handbook.cost_curve:
        blocks.append(heading(2, "How cost moves", "cost"))
        if level.cost:
            blocks += [prose(level.cost.summary), bullets([prose(p) for p in level.cost.points])]
        blocks.append(render_cost_chart(handbook, highlight_level=level.id))
    blocks.append(heading(2, "The dimensions at this level", "dimensions"))
    for dim in handbook.dimensions:
        cell = handbook.cell(level.id, dim.id)
        uri = cell_uri(level.id, dim.id)
        blocks.append(heading(3, links.link(text(dim.name), uri), f"dimension-{dim.id}"))
        blocks.append(prose(cell.summary))
        rows = [
            [links.link(text(p.title), uri, p.id), role_names(handbook, p.owners), str(len(p.checklist))]
            for p in cell.practices
        ]
        if rows:
            blocks.append(table(["Practice", "Owners", "Checklist items"], rows))
    blocks += [heading(2, "How the practices build on each other", "dependencies"),
               render_dependency_graph(handbook, level.id, here)]
    if level.pitfalls:
        blocks += [heading(2, "Pitfalls at this level", "pitfalls"), bullets([prose(p) for p in level.pitfalls])]
    blocks.append(_staffing(handbook, level.id))
    blocks.append(_transition(handbook, level, links))
    blocks.append(_neighbours(handbook, level.id, links))
    return join_blocks(*blocks)


def _transition(handbook: Handbook, level, links: Links) -> str:
    following = handbook.next_level(level.id)
    if not level.next_level or not following:
        return ""
    moves = level.next_level.moves
    parts = [heading(2, f"How to reach {text(level_title(following))}", "next-level"), prose(level.next_level.summary)]
    parts.append(table(["Move", "Led by", "Needs"], [
        [f"[{text(m.title)}](#{m.id})", role_names(handbook, m.leads), str(len(m.practices)) + " practices"]
        for m in moves]))
    by_id = {pp.practice.id: pp for pp in handbook.practices}
    for m in moves:
        needs = ", ".join(
            links.link(text(by_id[pid].practice.title), cell_uri(by_id[pid].level.id, by_id[pid].dimension.id), pid)
            for pid in m.practices)
        parts += [
            heading(3, text(m.title), m.id),
            prose(m.why),
            f"**Led by:** {role_names(handbook, m.leads)}",
            f"**Practices of {text(level_title(following))} it needs:** {needs}",
            "**Done when:**",
            bullets([prose(c) for c in m.exit_criteria]),
        ]
    return "\n\n".join(parts)


def holders_text(entry) -> str:
    return "Everyone in the role" if entry.holders == "all" else f"At least {entry.holders}"


def _staffing(handbook: Handbook, level_id: str) -> str:
    plan = handbook.staffing_plan(level_id)
    if not plan:
        return ""
    rows = [[text(handbook.role(e.role).name), text(handbook.certification(e.certification).abbreviation),
             holders_text(e), prose(e.note) if e.note else ""] for e in plan]
    return (heading(2, "Team plan: certifications by this level", "team-plan") + "\n\n"
            + "Targets set at this level or earlier; a later level's target for the same role and certification replaces an earlier one.\n\n"
            + table(["Role", "Certification", "Holders", "Note"], rows))


def _neighbours(handbook: Handbook, level_id: str, links: Links) -> str:
    parts = []
    previous, following = handbook.previous_level(level_id), handbook.next_level(level_id)
    if previous:
        parts.append("Previous: " + links.link(text(level_title(previous)), level_uri(previous.id)))
    if following:
        parts.append("Next: " + links.link(text(level_title(following)), level_uri(following.id)))
    return heading(2, "Where next", "where-next") + "\n\n" + " · ".join(parts) if parts else ""


def render_cell(handbook: Handbook, level_id: str, dimension_id: str, here: str) -> str:
    level = handbook.level(level_id)
    dim = handbook.dimension(dimension_id)
    cell = handbook.cell(level_id, dimension_id)
    links = Links(here)
    blocks = [
        heading(1, f"{text(level_title(level))} · {text(dim.name)}"),
        prose(cell.summary),
        "Part of " + links.link(text(level_title(level)), level_uri(level.id))
        + " · See " + links.link(f"{text(dim.name)} across all levels", dimension_uri(dim.id)),
    ]
    if dimension_id == "business-outcomes" and handbook.cost_curve:
        blocks += [heading(2, "How cost moves over the journey", "cost"), render_cost_chart(handbook, highlight_level=level.id)]
    if not cell.practices:
        blocks.append("*No practices are written for this cell yet.*")
        return join_blocks(*blocks)
    blocks.append(table(
        ["Practice", "Area", "Owners", "Checklist items"],
        [[links.link(text(p.title), here, p.id), text(_area_name(dim, p.area)), role_names(handbook, p.owners), str(len(p.checklist))]
         for p in cell.practices],
    ))
    for area in dim.areas:
        practices = [p for p in cell.practices if p.area == area.id]
        if not practices:
            continue
        blocks.append(heading(2, text(area.name), f"area-{area.id}"))
        blocks += [_practice(handbook, p, links) for p in practices]
    return join_blocks(*blocks)


def _area_name(dim, area_id: str) -> str:
    return next(a.name for a in dim.areas if a.id == area_id)


def _practice(handbook: Handbook, p: Practice, links: Links) -> str:
    parts = [heading(3, text(p.title), p.id), prose(p.why)]
    owners = f"**Owners:** {role_names(handbook, p.owners)}"
    if p.contributors:
        owners += f" · **Contributors:** {role_names(handbook, p.contributors)}"
    size = handbook.effort_size(p.effort)
    owners += f" · **Effort:** {text(size.label)} ({text(size.description)})"
    parts.append(owners)
    # Level and dimension are named only for a practice on another page.
    here = handbook.practice(p.id)

    def related(pp) -> str:
        return practice_link(pp, links, context=(pp.level.id, pp.dimension.id) != (here.level.id, here.dimension.id))

    if p.requires:
        parts.append("**Builds on:** " + ", ".join(related(handbook.practice(r)) for r in p.requires))
    if unlocks := handbook.unlocks(p.id):
        parts.append("**Unlocks:** " + ", ".join(related(pp) for pp in unlocks))
    parts += ["**Steps**", numbered([prose(s) for s in p.steps])]
    if p.checklist:
        rows = [
            [f'<span class="handbook-item" id="{item.id}">{item.id}</span>', prose(item.text),
             prose(item.done_looks_like), role_names(handbook, item.roles), PRIORITY_LABEL[item.priority]]
            for item in p.checklist
        ]
        parts += ["**Checklist**", table(["Id", "Item", "Done looks like", "Roles", "Priority"], rows)]
    if p.kpis:
        parts += ["**KPIs**", table(["KPI", "Measure", "Target"],
                                    [[text(k.name), prose(k.measure), prose(k.target)] for k in p.kpis])]
    if p.evidence:
        parts += ["**Evidence**", bullets([prose(e) for e in p.evidence])]
    if p.pitfalls:
        parts += ["**Pitfalls**", bullets([prose(x) for x in p.pitfalls])]
    if p.tools:
        tools = ", ".join(links.link(text(handbook.project(t).name), TOOLS_URI, t) for t in p.tools)
        parts.append(f"**CNCF projects:** {tools}")
    if p.certifications:
        certs = ", ".join(text(f"{c.abbreviation} ({c.name})") for c in map(handbook.certification, p.certifications))
        parts.append(f"**Certifications that prepare people:** {certs}")
    if p.references:
        parts += ["**References**", bullets([f"[{text(r.title)}](<{r.url}>)" for r in p.references])]
    return "\n\n".join(parts)


def cell_teaser(handbook: Handbook, level_id: str, dimension_id: str) -> str:
    """One line for the home matrix."""
    return prose(first_sentence(handbook.cell(level_id, dimension_id).summary, 110))
