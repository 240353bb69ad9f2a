"""The page kinds: one entry each, from which the page plan, the nav, the printed checklists
and the macros are all generated.

A page kind is its macro name, the ids it takes, its URL rule, its title, its place in the
nav, its PDF name (if it is printed) and its renderer. Adding a page kind is a renderer in
``macros/render/`` plus one entry here: nothing else names it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from itertools import product
from typing import Any

from markupsafe import Markup

from macros import pages
from macros.diff import Diff, diff
from macros.handbook import Handbook
from macros.pages import PrintedChecklist, level_title, variant_title
from macros.render.assessment import render_assessment
from macros.render.checklists import (
    Part,
    dimension_parts,
    level_parts,
    part_title,
    render_checklists_index,
    render_dimension_checklist,
    render_dimension_level_checklist,
    render_level_checklist,
    render_role_checklist,
    render_role_level_checklist,
    render_workshop,
    role_parts,
)
from macros.render.dimensions import render_dimension
from macros.render.evidence import render_evidence
from macros.render.home import render_home
from macros.render.levels import render_cell, render_level
from macros.render.roles import render_role, render_roles_index
from macros.render.tools import render_tools
from macros.render.training import render_training, render_training_index
from macros.render.variantpage import render_variant


@dataclass(frozen=True)
class PageContext:
    """What a renderer may need besides its ids."""

    handbook: Handbook
    here: str  # the page's source path, for relative links
    pdf: bool  # the build prints checklists to PDF, so pages link to them
    upstream: Callable[[], Handbook]  # the handbook without the variant (the variant page's diff)


# The entities a page kind's ids name: how to list them (in display order) and look one up.
ENTITIES: dict[str, tuple[Callable[[Handbook], Sequence[Any]], Callable[[Handbook, str], Any]]] = {
    "level": (lambda hb: hb.levels, Handbook.level),
    "dimension": (lambda hb: hb.dimensions, Handbook.dimension),
    "role": (lambda hb: hb.roles, Handbook.role),
    "certification": (lambda hb: hb.training_order(), Handbook.certification),
}


def _always(handbook: Handbook, *entities: Any) -> bool:
    return True


@dataclass(frozen=True)
class PageKind:
    name: str  # the macro a generated page calls: {{ level_page("3-scale") }}
    params: tuple[str, ...]  # the kinds of id the macro takes, in order (keys of ENTITIES)
    uri: Callable[..., str]  # ids -> the page's source path
    title: Callable[..., str]  # (handbook, *entities) -> the page's title
    render: Callable[..., Markup]  # (PageContext, *ids) -> the page's Markdown
    nav: Callable[..., tuple[str, ...]]  # (handbook, *entities) -> the nav sections it sits in
    nav_label: Callable[..., str] | None = None  # (handbook, *entities) -> its nav entry, if not the title
    index: bool = False  # the index page of its nav section (navigation.indexes)
    pdf: str | None = None  # printed to PDF as "<pdf>-<id>"
    printed: Callable[..., bool] = _always  # (handbook, *entities) -> printed to PDF?
    exists: Callable[[Handbook], bool] = field(default=lambda hb: True)  # the whole kind depends on the data
    where: Callable[..., bool] = _always  # (handbook, *entities) -> this combination of ids has a page
    # Printed whole from parts: (handbook, *entities) -> its part pages, as the renderer lists them.
    parts: Callable[..., list[Part]] | None = None
    toc_depth: int | None = None  # the deepest heading level its table of contents lists (None: every level)
    # In the site search? Checklist parts repeat, item for item, what the cell pages say: in the index
    # they made a search list one item six times, and 28% of the index every page load downloads and indexes.
    searched: bool = True

    def instances(self, handbook: Handbook) -> list[tuple[Any, ...]]:
        """Every page of this kind: the entities its ids name, in display order."""
        if not self.exists(handbook):
            return []
        return [e for e in product(*(ENTITIES[p][0](handbook) for p in self.params)) if self.where(handbook, *e)]


def _section(*keys: str) -> Callable[..., tuple[str, ...]]:
    """Nav sections by their catalogue keys ("nav.checklists", "nav.by_level")."""
    return lambda handbook, *entities: tuple(handbook.messages(k) for k in keys)


def _title(key: str) -> Callable[..., str]:
    return lambda handbook, *entities: handbook.messages(key)


def _checklist_section(key: str) -> Callable[..., tuple[str, ...]]:
    """Checklists > By role > the role's name: a role's (or a dimension's) overview and its level pages."""
    return lambda handbook, entity, *level: (handbook.messages("nav.checklists"), handbook.messages(key), entity.name)


def _part_title(handbook: Handbook, entity: Any, level: Any) -> str:
    return part_title(handbook, entity.name, level)


def _level_label(handbook: Handbook, entity: Any, level: Any) -> str:
    return level_title(handbook, level)


def _role_has_items(handbook: Handbook, role: Any, level: Any) -> bool:
    return bool(handbook.select_items(role=role.id, level=level.id))


def _dimension_has_items(handbook: Handbook, dimension: Any, level: Any) -> bool:
    return bool(handbook.select_items(dimension=dimension.id, level=level.id))


PAGE_KINDS: tuple[PageKind, ...] = (
    PageKind("home_page", (), lambda: pages.HOME_URI, _title("title.home"),
             lambda c: render_home(c.handbook), _section()),
    PageKind("level_page", ("level",), pages.level_uri, lambda hb, lv: level_title(hb, lv),
             lambda c, level: render_level(c.handbook, level, c.here),
             lambda hb, lv: (hb.messages("nav.levels"), level_title(hb, lv)), index=True),
    PageKind("cell_page", ("level", "dimension"), pages.cell_uri, lambda hb, lv, dim: dim.name,
             lambda c, level, dimension: render_cell(c.handbook, level, dimension, c.here),
             lambda hb, lv, dim: (hb.messages("nav.levels"), level_title(hb, lv)),
             # Its areas, not each practice under them: the page opens with a table of its practices, and
             # the practices doubled the table of contents (twice in every page: sidebar and mobile nav).
             toc_depth=2),
    PageKind("dimension_page", ("dimension",), pages.dimension_uri, lambda hb, dim: dim.name,
             lambda c, dimension: render_dimension(c.handbook, dimension, c.here), _section("nav.dimensions")),
    PageKind("roles_index", (), lambda: pages.ROLES_URI, _title("title.roles"),
             lambda c: render_roles_index(c.handbook), _section("nav.roles"), index=True),
    PageKind("role_page", ("role",), pages.role_uri, lambda hb, role: role.name,
             lambda c, role: render_role(c.handbook, role, c.here), _section("nav.roles")),
    PageKind("training_index", (), lambda: pages.TRAINING_URI, _title("title.training"),
             lambda c: render_training_index(c.handbook), _section("nav.training"), index=True),
    PageKind("training_page", ("certification",), pages.training_uri, lambda hb, cert: cert.abbreviation,
             lambda c, certification: render_training(c.handbook, certification, c.here, c.pdf),
             _section("nav.training"), pdf="training", printed=lambda hb, cert: bool(cert.readiness)),
    PageKind("checklists_index", (), lambda: pages.CHECKLISTS_URI, _title("title.checklists"),
             lambda c: render_checklists_index(c.handbook, c.pdf), _section("nav.checklists"), index=True),
    # A level's, a dimension's and a role's checklist and the workshop pack are overviews of their parts
    # (one page per dimension or level) and are printed whole from them: one page was up to 322 KB.
    PageKind("level_checklist", ("level",), pages.checklist_level_uri, lambda hb, lv: level_title(hb, lv),
             lambda c, level: render_level_checklist(c.handbook, level, c.here, c.pdf),
             _section("nav.checklists", "nav.by_level"), pdf="level", parts=lambda hb, lv: level_parts(hb, lv.id)),
    PageKind("dimension_checklist", ("dimension",), pages.checklist_dimension_uri, lambda hb, dim: dim.name,
             lambda c, dimension: render_dimension_checklist(c.handbook, dimension, c.here, c.pdf),
             _checklist_section("nav.by_dimension"), index=True, pdf="dimension",
             parts=lambda hb, dim: dimension_parts(hb, dim.id)),
    PageKind("dimension_level_checklist", ("dimension", "level"), pages.checklist_dimension_level_uri, _part_title,
             lambda c, dimension, level: render_dimension_level_checklist(c.handbook, dimension, level, c.here, c.pdf),
             _checklist_section("nav.by_dimension"), nav_label=_level_label, pdf="dimension", where=_dimension_has_items,
             searched=False),
    PageKind("role_checklist", ("role",), pages.checklist_role_uri, lambda hb, role: role.name,
             lambda c, role: render_role_checklist(c.handbook, role, c.here, c.pdf),
             _checklist_section("nav.by_role"), index=True, pdf="role", parts=lambda hb, role: role_parts(hb, role.id)),
    PageKind("role_level_checklist", ("role", "level"), pages.checklist_role_level_uri, _part_title,
             lambda c, role, level: render_role_level_checklist(c.handbook, role, level, c.here, c.pdf),
             _checklist_section("nav.by_role"), nav_label=_level_label, pdf="role", where=_role_has_items, searched=False),
    PageKind("workshop_pack", ("level",), pages.workshop_uri, lambda hb, lv: hb.messages("title.workshop", level=level_title(hb, lv)),
             lambda c, level: render_workshop(c.handbook, level, c.here, c.pdf),
             _section("nav.checklists", "nav.workshop_packs"), nav_label=lambda hb, lv: level_title(hb, lv), pdf="workshop",
             parts=lambda hb, lv: level_parts(hb, lv.id)),
    PageKind("tools_page", (), lambda: pages.TOOLS_URI, _title("title.tools"),
             lambda c: render_tools(c.handbook), _section()),
    PageKind("evidence_page", (), lambda: pages.EVIDENCE_URI, _title("title.evidence"),
             # Always there, even with no rule in the data: the hand-written docs link to it.
             lambda c: render_evidence(c.handbook, c.here), _section()),
    PageKind("assessment_page", (), lambda: pages.ASSESSMENT_URI, _title("title.assessment"),
             lambda c: render_assessment(c.handbook),
             _section()),
    PageKind("variant_page", (), lambda: pages.VARIANT_URI, lambda hb: variant_title(hb),
             lambda c: render_variant(c.handbook, _diff(c)), _section(), exists=lambda hb: hb.variant is not None),
)


def _diff(context: PageContext) -> Diff:
    return diff(context.upstream(), context.handbook)


# ---- what the registry generates ------------------------------------------------------


@dataclass(frozen=True)
class PlannedPage:
    uri: str
    title: str
    source: str  # Markdown handed to mkdocs-macros: one macro call (and front matter, if any)
    kind: str  # the page kind's name, which is also its macro's


def _ids(entities: tuple[Any, ...]) -> tuple[str, ...]:
    return tuple(e.id for e in entities)


def _source(kind: PageKind, *args: str) -> str:
    """The page's macro call, after front matter for what the kind says of its pages: left out of the
    search (Material's ``search: exclude``), its table of contents cut at a depth (the hook's ``toc_depth``)."""
    meta = ("search:\n  exclude: true\n" if not kind.searched else "") + (f"toc_depth: {kind.toc_depth}\n" if kind.toc_depth else "")
    # Ids are validated slugs, so quoting them cannot break out of the string.
    call = "{{ " + kind.name + "(" + ", ".join(f'"{a}"' for a in args) + ") }}\n"
    return f"---\n{meta}---\n{call}" if meta else call


def plan_pages(handbook: Handbook) -> list[PlannedPage]:
    """Every generated page, in nav order; each page's source is one macro call."""
    return [
        PlannedPage(kind.uri(*_ids(entities)), kind.title(handbook, *entities), _source(kind, *_ids(entities)), kind.name)
        for kind in PAGE_KINDS
        for entities in kind.instances(handbook)
    ]


def printed_checklists(handbook: Handbook) -> list[PrintedChecklist]:
    """Every page that gets a PDF, with the PDF's base name and the pages it is printed whole from."""
    return [
        PrintedChecklist(kind.uri(*_ids(entities)), pages.pdf_name(kind.pdf, *_ids(entities)),
                         tuple(part.uri for part in kind.parts(handbook, *entities)) if kind.parts else ())
        for kind in PAGE_KINDS if kind.pdf
        for entities in kind.instances(handbook) if kind.printed(handbook, *entities)
    ]


def plan_nav(handbook: Handbook) -> list:
    """mkdocs nav structure, in the data's order (never alphabetical)."""
    root: list = []
    sections: dict[tuple[str, ...], list] = {(): root}
    for kind in PAGE_KINDS:
        for entities in kind.instances(handbook):
            path = kind.nav(handbook, *entities)
            children = _nav_section(sections, path)
            uri = kind.uri(*_ids(entities))
            if kind.index:
                children.append(uri)  # the section's own page (navigation.indexes)
            else:
                label = (kind.nav_label or kind.title)(handbook, *entities)
                children.append({label: uri})
    return root


def _nav_section(sections: dict[tuple[str, ...], list], path: tuple[str, ...]) -> list:
    if path not in sections:
        children: list = []
        _nav_section(sections, path[:-1]).append({path[-1]: children})
        sections[path] = children
    return sections[path]
