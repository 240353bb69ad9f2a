"""The tools page (/tools/): the projects the handbook names, by category and level."""

from __future__ import annotations

from macros.handbook import Handbook
from macros.pages import TOOLS_URI, cell_uri
from macros.crosscheck import SANDBOX_FROM_LEVEL
from macros.render.markdown import Links, bullets, heading, join_blocks, table, text

STATUS_LABEL = {
    "graduated": "Graduated",
    "incubating": "Incubating",
    "sandbox": "Sandbox",
    "kubernetes-subproject": "Kubernetes subproject",
    "not-cncf": "Not a CNCF project",
}


def status_label(project) -> str:
    if project.cncf_status == "not-cncf":
        return f"Not a CNCF project: {text(project.foundation or 'hosted elsewhere')}"
    return STATUS_LABEL[project.cncf_status]


def _exceptions(handbook: Handbook, named) -> str:
    """The projects named outside the model's rule, each with the levels where the model names it."""
    rows = []
    for project in named:
        early = [lv for lv in handbook.levels if lv.id in project.named_by_model
                 and (project.cncf_status == "not-cncf" or (project.cncf_status == "sandbox" and lv.number < SANDBOX_FROM_LEVEL))]
        if early:
            levels = ", ".join(text(f"{lv.number} {lv.name}") for lv in early)
            rows.append(f"[{text(project.name)}](#{project.id}) ({status_label(project)}): named by the model at level {levels}")
    if not rows:
        return ""
    return ("**Exceptions, named because the model itself names them there:**\n\n" + bullets(rows))


def render_tools(handbook: Handbook) -> str:
    links = Links(TOOLS_URI)
    named = handbook.named_projects()
    blocks = [
        heading(1, "Tools"),
        f"The {len(named)} projects this handbook recommends, with their CNCF maturity status as of "
        f"{text(handbook.projects_as_of)}. Following the maturity model, only graduated and incubating CNCF projects "
        "(and Kubernetes subprojects) are named before level 4; sandbox projects appear only at levels 4 and 5, "
        "and no commercial products are named.",
        _exceptions(handbook, named),
    ]
    categories: dict[str, list] = {}
    for project in named:
        categories.setdefault(project.category, []).append(project)
    for category in sorted(categories):
        rows = []
        for project in categories[category]:
            used = handbook.practices_where(tool=project.id)
            cells: dict[tuple[str, str], str] = {}
            for pp in used:  # one link per cell, to the first practice there that names it
                label = f"L{pp.level.number} {text(pp.dimension.name)}"
                cells.setdefault((pp.level.id, pp.dimension.id),
                                 links.link(label, cell_uri(pp.level.id, pp.dimension.id), pp.practice.id))
            levels = list(cells.values())
            rows.append([
                f'<span id="{project.id}"></span>[{text(project.name)}](<{project.homepage}>)',
                status_label(project),
                text(project.use),
                ", ".join(levels),
            ])
        blocks += [heading(2, text(category)), table(["Project", "CNCF status", "Used for", "Named in"], rows)]
    blocks += [heading(2, "By level", "by-level"),
               "Which levels' practices name each project. A project usually enters at one level and stays.",
               _by_level(handbook, named, links)]
    return join_blocks(*blocks)


def _by_level(handbook: Handbook, named, links: Links) -> str:
    headers = ["Project"] + [text(f"{lv.number} {lv.name}") for lv in handbook.levels]
    rows = []
    for project in named:
        used = {pp.level.id: len(handbook.practices_where(level=pp.level.id, tool=project.id))
                for pp in handbook.practices_where(tool=project.id)}
        rows.append([links.link(text(project.name), TOOLS_URI, project.id)]
                    + [f"{used[lv.id]} practice{'s' if used[lv.id] > 1 else ''}" if lv.id in used else "" for lv in handbook.levels])
    return table(headers, rows)
