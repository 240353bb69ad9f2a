"""Role guides (/roles/<role>/) and the roles x levels matrix (/roles/)."""

from __future__ import annotations

from markupsafe import Markup

from macros.handbook import Handbook, PlacedItem, PlacedPractice
from macros.model import LevelFile, Role
from macros.pages import ROLES_URI, cell_uri, checklist_role_uri, level_title, role_uri, training_uri
from macros.render.common import early_target, holders_text, label, level_label
from macros.render.markdown import Links, bullets, fill, first_sentence, heading, join_blocks, joined, numbered, prose, table, text


def render_roles_index(handbook: Handbook) -> Markup:
    links = Links(ROLES_URI)
    headers = [label(handbook, "column.role")] + [level_label(handbook, lv) for lv in handbook.levels]
    rows = []
    for role in handbook.roles:
        row = [links.link(fill("**{}**", text(role.name)), role_uri(role.id))]
        for lv in handbook.levels:
            focus = role.focus.get(lv.id)
            row.append(links.link(prose(first_sentence(focus, 120)), role_uri(role.id), lv.id) if focus else Markup("—"))
        rows.append(row)
    return join_blocks(
        heading(1, text(handbook.messages("title.roles"))),
        label(handbook, "roles.intro"),
        fill('<div class="handbook-matrix" markdown>\n\n{}\n\n</div>', table(headers, rows)),
    )


def render_role(handbook: Handbook, role_id: str, here: str) -> Markup:
    role = handbook.role(role_id)
    links = Links(here)
    blocks = [
        heading(1, text(role.name)),
        prose(role.who),
        fill("**{}** {}", label(handbook, "role.accountable"), prose(role.owns)),
        fill("**{}** {}", label(handbook, "role.jump"), joined(" · ", [links.link(level_label(handbook, lv), here, lv.id) for lv in handbook.levels])),
        fill("**{}** {}", label(handbook, "role.print"),
             links.link(label(handbook, "role.checklist_link", role=text(role.name)), checklist_role_uri(role.id))),
    ]
    if role.watches:
        blocks += [heading(2, label(handbook, "role.kpis"), "kpis"), bullets([text(w) for w in role.watches])]
    blocks.append(_training(handbook, role, links))
    if role.pitfalls:
        blocks += [heading(2, label(handbook, "role.pitfalls"), "pitfalls"), bullets([prose(p) for p in role.pitfalls])]
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
    return (heading(2, label(handbook, "role.training"), "training") + Markup("\n\n")
            + table([label(handbook, "column.certification"), label(handbook, "column.around_level")], rows))


def _level_section(handbook: Handbook, role: Role, lv: LevelFile, links: Links) -> Markup:
    owned, helped = handbook.role_practices(role.id, lv.id)
    parts = [heading(2, text(level_title(handbook, lv)), lv.id)]
    if role.focus.get(lv.id):
        parts.append(prose(role.focus[lv.id]))

    def practice_rows(placed: list[PlacedPractice]) -> list[list[Markup]]:
        return [[links.link(text(pp.practice.title), cell_uri(lv.id, pp.dimension.id), pp.practice.id),
                 text(pp.dimension.name)] for pp in placed]

    headers = [label(handbook, "column.practice"), label(handbook, "column.dimension")]
    if owned:
        parts += [heading(3, label(handbook, "role.owns"), f"{lv.id}-owns"), table(headers, practice_rows(owned))]
    if helped:
        parts += [heading(3, label(handbook, "role.contributes"), f"{lv.id}-contributes"), table(headers, practice_rows(helped))]
    if lv.id in role.absent_levels:
        parts.append(fill("*{}*", prose(role.absent_levels[lv.id])))
    plan = [e for e in handbook.staffing_plan(lv.id) if e.role == role.id]
    if plan:
        held = [label(handbook, "role.holders", holders=holders_text(handbook, e),
                      certification=text(handbook.certification(e.certification).abbreviation))
                + (fill(" ({})", label(handbook, "role.early")) if early_target(handbook, e, lv.id) else Markup())
                for e in plan]
        parts.append(fill("**{}** {}", label(handbook, "role.team_plan"), joined("; ", held)))
    days = role.first_30_days.get(lv.id)
    if days:
        parts += [heading(3, label(handbook, "role.first_30_days"), f"{lv.id}-first-30-days"), numbered([prose(d) for d in days])]
    items = handbook.select_items(level=lv.id, role=role.id)
    parts.append(heading(3, label(handbook, "role.checklist", count=len(items)), f"{lv.id}-checklist"))
    parts.append(_checklist_summary(handbook, role, lv, items, links) if items
                 else fill("*{}*", label(handbook, "role.no_items")))
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
    parts = [table([label(handbook, f"column.{k}") for k in ("dimension", "items", "high_priority")], rows)]
    first = [pi for pi in items if pi.item.priority == "high"]
    if first:
        parts += [label(handbook, "role.start_with_high"),
                  bullets([links.link(text(pi.item.id), page, pi.item.id) + Markup(" ") + prose(pi.item.text) for pi in first])]
    return joined("\n\n", parts)
