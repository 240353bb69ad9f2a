"""The tools page (/tools/): the projects the handbook names, by category and level."""

from __future__ import annotations

from markupsafe import Markup

from macros.crosscheck import SANDBOX_FROM_LEVEL
from macros.handbook import Handbook
from macros.model import Project
from macros.pages import TOOLS_URI, cell_uri
from macros.render.common import label, level_label
from macros.render.markdown import Links, bullets, fill, heading, join_blocks, joined, table, text, url


def status_label(handbook: Handbook, project: Project) -> Markup:
    if project.cncf_status == "not-cncf":
        return label(handbook, "tools.not_cncf", foundation=text(project.foundation or handbook.messages("tools.elsewhere")))
    return label(handbook, f"status.{project.cncf_status.replace('-', '_')}")


def _exceptions(handbook: Handbook, named: list[Project]) -> Markup:
    """The projects named outside the model's rule, each with the levels where the model names it."""
    rows = []
    for project in named:
        early = [lv for lv in handbook.levels if lv.id in project.named_by_model
                 and (project.cncf_status == "not-cncf" or (project.cncf_status == "sandbox" and lv.number < SANDBOX_FROM_LEVEL))]
        if early:
            levels = joined(", ", [level_label(handbook, lv) for lv in early])
            rows.append(label(handbook, "tools.exception", project=fill("[{}](#{})", text(project.name), project.id),
                              status=status_label(handbook, project), levels=levels))
    if not rows:
        return Markup()
    return fill("**{}**\n\n", label(handbook, "tools.exceptions")) + bullets(rows)


def render_tools(handbook: Handbook) -> Markup:
    links = Links(TOOLS_URI)
    named = handbook.named_projects()
    blocks = [
        heading(1, text(handbook.messages("title.tools"))),
        label(handbook, "tools.intro", count=len(named), as_of=text(handbook.projects_as_of)),
        _exceptions(handbook, named),
    ]
    categories: dict[str, list[Project]] = {}
    for project in named:
        categories.setdefault(project.category, []).append(project)
    for category in sorted(categories):
        rows = []
        for project in categories[category]:
            used = handbook.practices_where(tool=project.id)
            cells: dict[tuple[str, str], Markup] = {}
            for pp in used:  # one link per cell, to the first practice there that names it
                where = label(handbook, "tools.cell", number=pp.level.number, dimension=text(pp.dimension.name))
                cells.setdefault((pp.level.id, pp.dimension.id),
                                 links.link(where, cell_uri(pp.level.id, pp.dimension.id), pp.practice.id))
            levels = list(cells.values())
            rows.append([
                fill('<span id="{}"></span>[{}](<{}>)', project.id, text(project.name), url(project.homepage)),
                status_label(handbook, project),
                text(project.use),
                joined(", ", levels),
            ])
        blocks += [heading(2, text(category)),
                   table([label(handbook, f"column.{k}") for k in ("project", "cncf_status", "used_for", "named_in")], rows)]
    blocks += [heading(2, label(handbook, "tools.by_level"), "by-level"),
               label(handbook, "tools.by_level_intro"),
               _by_level(handbook, named, links)]
    return join_blocks(*blocks)


def _by_level(handbook: Handbook, named: list[Project], links: Links) -> Markup:
    headers = [label(handbook, "column.project")] + [level_label(handbook, lv) for lv in handbook.levels]
    rows = []
    for project in named:
        used = {pp.level.id: len(handbook.practices_where(level=pp.level.id, tool=project.id))
                for pp in handbook.practices_where(tool=project.id)}
        rows.append([links.link(text(project.name), TOOLS_URI, project.id)]
                    + [label(handbook, "tools.practices" if used[lv.id] > 1 else "tools.practice", count=used[lv.id])
                       if lv.id in used else Markup()
                       for lv in handbook.levels])
    return table(headers, rows)
