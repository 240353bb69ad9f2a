"""The tools page (/tools/): the projects the handbook names, by category and level."""

from __future__ import annotations

from markupsafe import Markup

from macros.crosscheck import SANDBOX_FROM_LEVEL
from macros.handbook import Handbook
from macros.model import Project
from macros.pages import TOOLS_URI, cell_uri
from macros.render.common import level_label
from macros.render.markdown import Links, bullets, fill, heading, join_blocks, joined, table, text, url

STATUS_LABEL = {
    "graduated": "Graduated",
    "incubating": "Incubating",
    "sandbox": "Sandbox",
    "kubernetes-subproject": "Kubernetes subproject",
    "not-cncf": "Not a CNCF project",
}


def status_label(project: Project) -> Markup:
    if project.cncf_status == "not-cncf":
        return Markup("Not a CNCF project: ") + text(project.foundation or "hosted elsewhere")
    return Markup(STATUS_LABEL[project.cncf_status])


def _exceptions(handbook: Handbook, named: list[Project]) -> Markup:
    """The projects named outside the model's rule, each with the levels where the model names it."""
    rows = []
    for project in named:
        early = [lv for lv in handbook.levels if lv.id in project.named_by_model
                 and (project.cncf_status == "not-cncf" or (project.cncf_status == "sandbox" and lv.number < SANDBOX_FROM_LEVEL))]
        if early:
            levels = joined(", ", [level_label(lv) for lv in early])
            rows.append(fill("[{}](#{}) ({}): named by the model at level {}", text(project.name), project.id, status_label(project), levels))
    if not rows:
        return Markup()
    return Markup("**Exceptions, named because the model itself names them there:**\n\n") + bullets(rows)


def render_tools(handbook: Handbook) -> Markup:
    links = Links(TOOLS_URI)
    named = handbook.named_projects()
    blocks = [
        heading(1, Markup("Tools")),
        fill("The {} projects this handbook recommends, with their CNCF maturity status as of "
               "{}. Following the maturity model, only graduated and incubating CNCF projects "
               "(and Kubernetes subprojects) are named before level 4; sandbox projects appear only at levels 4 and 5, "
               "and no commercial products are named.", len(named), text(handbook.projects_as_of)),
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
                label = fill("L{} {}", pp.level.number, text(pp.dimension.name))
                cells.setdefault((pp.level.id, pp.dimension.id),
                                 links.link(label, cell_uri(pp.level.id, pp.dimension.id), pp.practice.id))
            levels = list(cells.values())
            rows.append([
                fill('<span id="{}"></span>[{}](<{}>)', project.id, text(project.name), url(project.homepage)),
                status_label(project),
                text(project.use),
                joined(", ", levels),
            ])
        blocks += [heading(2, text(category)),
                   table([Markup("Project"), Markup("CNCF status"), Markup("Used for"), Markup("Named in")], rows)]
    blocks += [heading(2, Markup("By level"), "by-level"),
               Markup("Which levels' practices name each project. A project usually enters at one level and stays."),
               _by_level(handbook, named, links)]
    return join_blocks(*blocks)


def _by_level(handbook: Handbook, named: list[Project], links: Links) -> Markup:
    headers = [Markup("Project")] + [level_label(lv) for lv in handbook.levels]
    rows = []
    for project in named:
        used = {pp.level.id: len(handbook.practices_where(level=pp.level.id, tool=project.id))
                for pp in handbook.practices_where(tool=project.id)}
        rows.append([links.link(text(project.name), TOOLS_URI, project.id)]
                    + [fill("{} practice{}", used[lv.id], "s" if used[lv.id] > 1 else "") if lv.id in used else Markup()
                       for lv in handbook.levels])
    return table(headers, rows)
