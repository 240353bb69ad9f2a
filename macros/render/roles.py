"""Role guides (/roles/<role>/) and the roles x levels matrix (/roles/)."""

from __future__ import annotations

from markupsafe import Markup

from macros.handbook import Handbook, PlacedItem, PlacedPractice
from macros.model import LevelFile, Role
from macros.pages import ROLES_URI, cell_uri, checklist_role_uri, level_title, role_uri, training_uri
from macros.render.common import early_target, holders_text, level_label
from macros.render.markdown import Links, bullets, fill, first_sentence, heading, join_blocks, joined, numbered, prose, table, text


def render_roles_index(handbook: Handbook) -> Markup:
    links = Links(ROLES_URI)
    headers = [Markup("Role")] + [level_label(lv) for lv in handbook.levels]
    rows = []
    for role in handbook.roles:
        row = [links.link(fill("**{}**", text(role.name)), role_uri(role.id))]
        for lv in handbook.levels:
            focus = role.focus.get(lv.id)
            row.append(links.link(prose(first_sentence(focus, 120)), role_uri(role.id), lv.id) if focus else Markup("—"))
        rows.append(row)
    return join_blocks(
        heading(1, Markup("Roles")),
        Markup("Each role's way into the handbook: what it focuses on at each level, the practices it owns, "
               "its checklist, its training path and a first-30-days plan for someone new in the job."),
        fill('<div class="handbook-matrix" markdown>\n\n{}\n\n</div>', table(headers, rows)),
    )


def render_role(handbook: Handbook, role_id: str, here: str) -> Markup:
    role = handbook.role(role_id)
    links = Links(here)
    blocks = [
        heading(1, text(role.name)),
        prose(role.who),
        Markup("**Accountable for:** ") + prose(role.owns),
        Markup("**Jump to your level:** ") + joined(" · ", [links.link(level_label(lv), here, lv.id) for lv in handbook.levels]),
        Markup("**Print:** ") + links.link(text(f"the {role.name.lower()} checklist"), checklist_role_uri(role.id)),
    ]
    if role.watches:
        blocks += [heading(2, Markup("The KPIs you watch"), "kpis"), bullets([text(w) for w in role.watches])]
    blocks.append(_training(handbook, role, links))
    if role.pitfalls:
        blocks += [heading(2, Markup("Pitfalls to avoid"), "pitfalls"), bullets([prose(p) for p in role.pitfalls])]
    for lv in handbook.levels:
        blocks.append(_level_section(handbook, role, lv, links))
    return join_blocks(*blocks)


def _training(handbook: Handbook, role: Role, links: Links) -> Markup:
    certs = [c for c in handbook.training_order() if c.id in role.certifications or role.id in c.recommended_roles]
    if not certs:
        return Markup()
    rows = []
    for c in certs:
        levels = joined(", ", [text(handbook.level(lv).name) for lv in c.recommended_levels])
        rows.append([links.link(text(f"{c.abbreviation}: {c.name}"), training_uri(c.id)), levels or Markup("—")])
    return (heading(2, Markup("Your training path"), "training") + Markup("\n\n")
            + table([Markup("Certification"), Markup("Around level")], rows))


def _level_section(handbook: Handbook, role: Role, lv: LevelFile, links: Links) -> Markup:
    owned, helped = handbook.role_practices(role.id, lv.id)
    parts = [heading(2, text(level_title(lv)), lv.id)]
    if role.focus.get(lv.id):
        parts.append(prose(role.focus[lv.id]))

    def practice_rows(placed: list[PlacedPractice]) -> list[list[Markup]]:
        return [[links.link(text(pp.practice.title), cell_uri(lv.id, pp.dimension.id), pp.practice.id),
                 text(pp.dimension.name)] for pp in placed]

    headers = [Markup("Practice"), Markup("Dimension")]
    if owned:
        parts += [heading(3, Markup("Practices you own"), f"{lv.id}-owns"), table(headers, practice_rows(owned))]
    if helped:
        parts += [heading(3, Markup("Practices you contribute to"), f"{lv.id}-contributes"), table(headers, practice_rows(helped))]
    if lv.id in role.absent_levels:
        parts.append(fill("*{}*", prose(role.absent_levels[lv.id])))
    plan = [e for e in handbook.staffing_plan(lv.id) if e.role == role.id]
    if plan:
        held = [fill("{} hold the {}", holders_text(e), text(handbook.certification(e.certification).abbreviation))
                + (Markup(" (optional groundwork, ahead of its recommended levels)") if early_target(handbook, e, lv.id) else Markup())
                for e in plan]
        parts.append(Markup("**Team plan for this role:** ") + joined("; ", held))
    days = role.first_30_days.get(lv.id)
    if days:
        parts += [heading(3, Markup("New in the role? Your first 30 days"), f"{lv.id}-first-30-days"), numbered([prose(d) for d in days])]
    items = handbook.select_items(level=lv.id, role=role.id)
    parts.append(heading(3, fill("Your checklist ({} items)", len(items)), f"{lv.id}-checklist"))
    parts.append(_checklist_summary(handbook, role, lv, items, links) if items
                 else Markup("*No checklist items name this role at this level.*"))
    return joined("\n\n", parts)


def _checklist_summary(handbook: Handbook, role: Role, lv: LevelFile, items: list[PlacedItem], links: Links) -> Markup:
    """The level's items counted by dimension, and the high-priority ones named, each linked to its row on
    the role checklist page. The full rows (evidence, room to write) live there only: repeated here they
    made role guides 250-380 KB, most of it a second copy of that page."""
    page = checklist_role_uri(role.id)
    rows = []
    for dim in handbook.dimensions:
        in_dim = [pi for pi in items if pi.placed.dimension.id == dim.id]
        if in_dim:
            high = sum(1 for pi in in_dim if pi.item.priority == "high")
            rows.append([links.link(text(dim.name), page, f"{lv.id}-{dim.id}"), text(str(len(in_dim))), text(str(high))])
    parts = [table([Markup("Dimension"), Markup("Items"), Markup("High priority")], rows)]
    first = [pi for pi in items if pi.item.priority == "high"]
    if first:
        parts += [Markup("Start with the high-priority items (the checklist page has every item, what done looks like, "
                         "and room to write):"),
                  bullets([links.link(text(pi.item.id), page, pi.item.id) + Markup(" ") + prose(pi.item.text) for pi in first])]
    return joined("\n\n", parts)
