"""Role guides (/roles/<role>/) and the roles x levels matrix (/roles/)."""

from __future__ import annotations

from macros.handbook import Handbook
from macros.pages import ROLES_URI, cell_uri, checklist_role_uri, level_title, role_uri, training_uri
from macros.render.checklists import Selection, print_header, render_items, select_items
from macros.render.levels import early_target, holders_text
from macros.render.markdown import Links, bullets, first_sentence, heading, join_blocks, numbered, prose, table, text


def render_roles_index(handbook: Handbook) -> str:
    links = Links(ROLES_URI)
    headers = ["Role"] + [text(f"{lv.number} {lv.name}") for lv in handbook.levels]
    rows = []
    for role in handbook.roles:
        row = [links.link(f"**{text(role.name)}**", role_uri(role.id))]
        for lv in handbook.levels:
            focus = role.focus.get(lv.id)
            row.append(links.link(prose(first_sentence(focus, 120)), role_uri(role.id), lv.id) if focus else "—")
        rows.append(row)
    return join_blocks(
        heading(1, "Roles"),
        "Each role's way into the handbook: what it focuses on at each level, the practices it owns, "
        "its checklist, its training path and a first-30-days plan for someone new in the job.",
        '<div class="handbook-matrix" markdown>\n\n' + table(headers, rows) + "\n\n</div>",
    )


def render_role(handbook: Handbook, role_id: str, here: str) -> str:
    role = handbook.role(role_id)
    links = Links(here)
    blocks = [
        print_header(handbook, f"{role.name} guide"),
        heading(1, text(role.name)),
        prose(role.who),
        f"**Accountable for:** {prose(role.owns)}",
        "**Jump to your level:** " + " · ".join(links.link(text(f"{lv.number} {lv.name}"), here, lv.id) for lv in handbook.levels),
        "**Print:** " + links.link(text(f"the {role.name.lower()} checklist"), checklist_role_uri(role.id)),
    ]
    if role.watches:
        blocks += [heading(2, "The KPIs you watch", "kpis"), bullets([text(w) for w in role.watches])]
    blocks.append(_training(handbook, role, links))
    if role.pitfalls:
        blocks += [heading(2, "Pitfalls to avoid", "pitfalls"), bullets([prose(p) for p in role.pitfalls])]
    for lv in handbook.levels:
        blocks.append(_level_section(handbook, role, lv, links))
    return join_blocks(*blocks)


def _training(handbook: Handbook, role, links: Links) -> str:
    certs = [c for c in handbook.training_order() if c.id in role.certifications or role.id in c.recommended_roles]
    if not certs:
        return ""
    rows = []
    for c in certs:
        levels = ", ".join(text(handbook.level(lv).name) for lv in c.recommended_levels)
        rows.append([links.link(text(f"{c.abbreviation}: {c.name}"), training_uri(c.id)), levels or "—"])
    return heading(2, "Your training path", "training") + "\n\n" + table(["Certification", "Around level"], rows)


def _level_section(handbook: Handbook, role, lv, links: Links) -> str:
    owned, helped = handbook.role_practices(role.id, lv.id)
    parts = [heading(2, text(level_title(lv)), lv.id)]
    if role.focus.get(lv.id):
        parts.append(prose(role.focus[lv.id]))

    def practice_rows(placed):
        return [[links.link(text(pp.practice.title), cell_uri(lv.id, pp.dimension.id), pp.practice.id),
                 text(pp.dimension.name)] for pp in placed]

    if owned:
        parts += [heading(3, "Practices you own", f"{lv.id}-owns"), table(["Practice", "Dimension"], practice_rows(owned))]
    if helped:
        parts += [heading(3, "Practices you contribute to", f"{lv.id}-contributes"), table(["Practice", "Dimension"], practice_rows(helped))]
    if lv.id in role.absent_levels:
        parts.append(f"*{prose(role.absent_levels[lv.id])}*")
    plan = [e for e in handbook.staffing_plan(lv.id) if e.role == role.id]
    if plan:
        parts.append("**Team plan for this role:** " + "; ".join(
            f"{holders_text(e)} hold the {text(handbook.certification(e.certification).abbreviation)}"
            + (" (optional groundwork, ahead of its recommended levels)" if early_target(handbook, e, lv.id) else "") for e in plan))
    days = role.first_30_days.get(lv.id)
    if days:
        parts += [heading(3, "New in the role? Your first 30 days", f"{lv.id}-first-30-days"), numbered([prose(d) for d in days])]
    items = select_items(handbook, Selection(level=lv.id, role=role.id))
    parts.append(heading(3, f"Your checklist ({len(items)} items)", f"{lv.id}-checklist"))
    parts.append(render_items(handbook, items, links, top=4) if items else "*No checklist items name this role at this level.*")
    return "\n\n".join(parts)
