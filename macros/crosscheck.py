"""Checks that span files: unique ids, references that resolve, a complete level x dimension grid.

Each file has already passed its own model; here every reference is looked up, and each
problem points at the exact field (file and line) that holds the bad value.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable
from typing import TYPE_CHECKING, Any

from macros.problems import Problem

if TYPE_CHECKING:
    from macros.loader import DataFiles, Validated
    from macros.model import CellFile, CertificationFile, CostCurveFile, DimensionsFile, ModelFile, Project, ProjectsFile

# The maturity model's own rule: sandbox projects are named only at levels 4 and 5.
SANDBOX_FROM_LEVEL = 4

# Exam rules and figures belong in a certification's `exam:` block, next to the page they come
# from. Outside it: words only exam rules use, anywhere; and validity, renewal, prerequisites or a
# duration, share or count in a sentence about the exam or the certification itself. A mock or
# practice exam is the handbook's own target, and a token "valid for 24 hours" in a lab is not
# about the exam.
_EXAM_ONLY_WORDS = re.compile(r"\bpass(?:ing)?[ -](?:mark|score)|\bretakes?\b|\bre-?certif|\bkubestronaut|\bproctor", re.I)
_EXAM_CONTEXT = re.compile(r"(?<!mock )(?<!practice )\bexams?\b(?! page)|\bcertifications?\b|\b(?:CKA|CKAD|CKS|KCNA|KCSA|CGOA|PCA|CNPA|CNPE)\b")
_EXAM_FIGURE = re.compile(r"\bvalid(?:ity)? (?:for|period)\b|\brenew|\brequires? an active\b"
                          r"|\b(?:\d+|one|two|three|four)[ -](?:minutes?|hours?|percent|questions|tasks|years?|months?)\b|\d+ ?%", re.I)


class _Ids:
    """First place each id was defined, to report duplicates with both locations."""

    def __init__(self, kind: str, problems: list[Problem]):
        self.kind = kind
        self.problems = problems
        self.seen: dict[str, tuple[Validated[Any], tuple]] = {}

    def add(self, ident: str, source: Validated[Any], where: tuple) -> None:
        if ident in self.seen:
            first, first_where = self.seen[ident]
            name, line = first.doc.locate(first_where)  # located only when reported: thousands of ids, few duplicates
            self.problems.append(source.doc.problem(where, f"duplicate {self.kind} id {ident!r} (first defined at {name}:{line})"))
        else:
            self.seen[ident] = (source, where)

    def __contains__(self, ident: object) -> bool:
        return ident in self.seen


def crosscheck(files: DataFiles) -> list[Problem]:
    problems: list[Problem] = []
    model = files.model
    level_ids = _ordered_ids(model, "levels", problems)
    dimension_ids = _ordered_ids(model, "dimensions", problems)

    areas = _check_dimensions(files.dimensions, model, dimension_ids, level_ids, problems)
    roles = _Ids("role", problems)
    for i, role in enumerate(files.roles.model.roles):
        roles.add(role.id, files.roles, ("roles", i, "id"))
    projects = _Ids("project", problems)
    for i, project in enumerate(files.projects.model.projects):
        projects.add(project.id, files.projects, ("projects", i, "id"))
    _check_projects(files.projects, level_ids, problems)
    certs = _Ids("certification", problems)
    for cert in files.certifications:
        certs.add(cert.model.id, cert, ("id",))
    # The first level each certification is recommended at; attaching it earlier needs a stated reason.
    first_level = {cert.model.id: min(level_ids.index(lv) for lv in cert.model.recommended_levels if lv in level_ids)
                   for cert in files.certifications if any(lv in level_ids for lv in cert.model.recommended_levels)}

    _check_levels(files, level_ids, problems)
    item_ids = _check_cells(files, level_ids, dimension_ids, areas, roles, projects, certs, first_level, problems)
    _check_transitions(files, level_ids, roles, certs, first_level, problems)
    _check_requires(files, level_ids, problems)
    if files.cost_curve:
        _check_cost_curve(files.cost_curve, level_ids, dimension_ids, problems)
    _check_role_coverage(files, level_ids, problems)

    for i, role in enumerate(files.roles.model.roles):
        for field in ("focus", "first_30_days", "absent_levels"):
            for level in getattr(role, field):
                if level not in level_ids:
                    problems.append(files.roles.doc.problem(("roles", i, field, level), f"unknown level {level!r}; expected one of {_list(level_ids)}"))
        _refs(files.roles, ("roles", i, "certifications"), role.certifications, certs, "certification", problems)

    for cert in files.certifications:
        c = cert.model
        if cert.doc.path.stem != c.id:
            problems.append(cert.doc.problem(("id",), f"id {c.id!r} must match the file name {cert.doc.path.stem!r}"))
        total = sum(d.weight for d in c.domains)
        if total != 100:
            weights = " + ".join(str(d.weight) for d in c.domains)
            problems.append(cert.doc.problem(("domains",), f"domain weights must add up to 100, found {weights} = {total}"))
        _refs(cert, ("recommended_levels",), c.recommended_levels, level_ids, "level", problems)
        _refs(cert, ("recommended_roles",), c.recommended_roles, roles, "role", problems)
        for j, d in enumerate(c.domains):
            if not d.competencies:
                problems.append(cert.doc.problem(("domains", j, "competencies"), "expected the official competencies of this domain, found none"))
        competencies = {comp for d in c.domains for comp in d.competencies}
        for j, lab in enumerate(c.labs):
            if lab.competency not in competencies:
                problems.append(cert.doc.problem(
                    ("labs", j, "competency"),
                    f"not a competency of {c.id} (labs must quote the curriculum exactly): {lab.competency!r}"))
        for j, item in enumerate(c.readiness):
            item_ids.add(item.id, cert, ("readiness", j, "id"))
            _refs(cert, ("readiness", j, "roles"), item.roles, roles, "role", problems)
        _check_exam_figures(cert, problems)
    return problems


def _check_exam_figures(cert: Validated[CertificationFile], problems: list[Problem]) -> None:
    c = cert.model
    texts: list[tuple[tuple, str | None]] = [(("summary",), c.summary), (("notes",), c.notes), (("audience",), c.audience)]
    for j, item in enumerate(c.readiness):
        texts += [(("readiness", j, "text"), item.text), (("readiness", j, "done_looks_like"), item.done_looks_like)]
    for j, lab in enumerate(c.labs):
        texts += [(("labs", j, "setup"), lab.setup)] + [(("labs", j, "steps", k), s) for k, s in enumerate(lab.steps)]
    for where, value in texts:
        if not value:
            continue
        sentences = re.split(r"(?<=[.;!?])\s", value)
        found = _EXAM_ONLY_WORDS.search(value) or next(
            (_EXAM_FIGURE.search(s) for s in sentences if _EXAM_CONTEXT.search(s) and _EXAM_FIGURE.search(s)), None)
        if found:
            problems.append(cert.doc.problem(where, f"exam figure {found.group(0)!r} outside `exam:`; state it there with its "
                                                   "source, or phrase it as the handbook's own target (a mock or practice exam)"))


def _ordered_ids(model: Validated[ModelFile], field: str, problems: list[Problem]) -> list[str]:
    ids: list[str] = []
    for i, ident in enumerate(getattr(model.model, field)):
        if ident in ids:
            problems.append(model.doc.problem((field, i), f"{ident!r} is listed twice"))
        else:
            ids.append(ident)
    return ids


def _check_dimensions(dims: Validated[DimensionsFile], model: Validated[ModelFile], dimension_ids: list[str],
                      level_ids: list[str], problems: list[Problem]) -> dict[str, set[str]]:
    areas: dict[str, set[str]] = {}
    shorts = _Ids("dimension short name", problems)
    for i, dim in enumerate(dims.model.dimensions):
        if dim.id in areas:
            problems.append(dims.doc.problem(("dimensions", i, "id"), f"duplicate dimension id {dim.id!r}"))
            continue
        if dim.id not in dimension_ids:
            problems.append(dims.doc.problem(("dimensions", i, "id"), f"dimension {dim.id!r} is not listed in model.yml dimensions ({_list(dimension_ids)})"))
        shorts.add(dim.short, dims, ("dimensions", i, "short"))
        areas[dim.id] = set()
        for j, area in enumerate(dim.areas):
            if area.id in areas[dim.id]:
                problems.append(dims.doc.problem(("dimensions", i, "areas", j, "id"), f"duplicate area id {area.id!r} in {dim.id}"))
            areas[dim.id].add(area.id)
            _refs(dims, ("dimensions", i, "areas", j, "levels"), area.levels, level_ids, "level", problems)
    for i, ident in enumerate(dimension_ids):
        if ident not in areas:
            problems.append(model.doc.problem(("dimensions", i), f"dimension {ident!r} is listed here but not defined in dimensions.yml"))
    return areas


def _check_levels(files: DataFiles, level_ids: list[str], problems: list[Problem]) -> None:
    for level in files.levels:
        folder = level.doc.path.parent.name
        lv = level.model
        if folder not in level_ids:
            problems.append(level.doc.problem(("id",), f"unknown level folder {folder!r}; model.yml lists {_list(level_ids)}"))
            continue
        if lv.id != folder:
            problems.append(level.doc.problem(("id",), f"id {lv.id!r} must match its folder name {folder!r}"))
        expected = level_ids.index(folder) + 1
        if lv.number != expected:
            problems.append(level.doc.problem(("number",), f"expected {expected} (position of {folder!r} in model.yml levels), found {lv.number}"))
    present = {level.doc.path.parent.name for level in files.levels}
    for i, ident in enumerate(level_ids):
        if ident not in present:
            problems.append(files.model.doc.problem(("levels", i), f"level {ident!r} has no file data/levels/{ident}/level.yml"))


def _check_projects(projects: Validated[ProjectsFile], level_ids: list[str], problems: list[Problem]) -> None:
    for i, project in enumerate(projects.model.projects):
        _refs(projects, ("projects", i, "named_by_model"), project.named_by_model, level_ids, "level", problems)
        if project.cncf_status == "not-cncf" and not project.foundation:
            problems.append(projects.doc.problem(("projects", i, "foundation"), f"{project.id!r} is not a CNCF project: say who "
                                                                 "hosts it (for example 'OpenSSF (Linux Foundation), sandbox')"))
        if project.cncf_status == "not-cncf" and not project.named_by_model:
            problems.append(projects.doc.problem(("projects", i, "named_by_model"), f"{project.id!r} is not a CNCF project; the handbook names one "
                                                                 "only where the maturity model does: list those levels under named_by_model"))


def _check_project_use(cell: Validated[CellFile], at: tuple, tools: Iterable[str], project_of: dict[str, Project], level_id: str,
                       number: int, problems: list[Problem]) -> None:
    """The model's project rule: CNCF graduated or incubating projects; sandbox only from level 4;
    exceptions only where the model itself names the project."""
    for j, tool in enumerate(tools):
        project = project_of.get(tool)
        if project is None or level_id in project.named_by_model:
            continue
        if project.cncf_status == "not-cncf":
            problems.append(cell.doc.problem(at + (j,), f"{tool!r} is not a CNCF project, and the model does not name "
                                                        f"it at {level_id!r} (named_by_model in projects.yml)"))
        elif project.cncf_status == "sandbox" and number < SANDBOX_FROM_LEVEL:
            problems.append(cell.doc.problem(at + (j,), f"{tool!r} is a CNCF sandbox project; the model names sandbox projects only from level "
                                                        f"{SANDBOX_FROM_LEVEL} (unless it names this one here: named_by_model in projects.yml)"))


def _check_certification_level(source: Validated[Any], where: tuple, cert_id: str, level_ids: list[str], position: int,
                               first_level: dict[str, int], noted: bool, field: str, problems: list[Problem]) -> None:
    """A certification attached before the first level its file recommends it at needs a stated reason."""
    first = first_level.get(cert_id)
    if first is not None and position < first and not noted:
        problems.append(source.doc.problem(where, f"{cert_id!r} is recommended from {level_ids[first]!r} (recommended_levels in certifications/{cert_id}.yml), "
                                                  f"not at {level_ids[position]!r}: remove it here, or say why it helps this early under {field}"))


def _check_cells(files: DataFiles, level_ids: list[str], dimension_ids: list[str], areas: dict[str, set[str]],
                 roles: _Ids, projects: _Ids, certs: _Ids, first_level: dict[str, int], problems: list[Problem]) -> _Ids:
    """Cells name known levels, dimensions, areas, roles, tools and certifications; returns the practice and item ids."""
    project_of = {p.id: p for p in files.projects.model.projects}
    practice_ids = _Ids("practice or checklist item", problems)
    present: set[tuple[str, str]] = set()
    for cell in files.cells:
        folder = cell.doc.path.parent.name
        stem = cell.doc.path.stem
        c = cell.model
        if folder not in level_ids:
            problems.append(cell.doc.problem(("level",), f"unknown level folder {folder!r}; model.yml lists {_list(level_ids)}"))
            continue
        if stem not in dimension_ids:
            problems.append(cell.doc.problem(("dimension",), f"unknown dimension {stem!r} (from the file name); expected one of {_list(dimension_ids)}"))
            continue
        if c.level != folder:
            problems.append(cell.doc.problem(("level",), f"expected {folder!r} (the folder this file is in), found {c.level!r}"))
        if c.dimension != stem:
            problems.append(cell.doc.problem(("dimension",), f"expected {stem!r} (the file name), found {c.dimension!r}"))
        present.add((folder, stem))
        number = level_ids.index(folder) + 1  # position in model.yml, even if level.yml is broken
        for i, p in enumerate(c.practices):
            at = ("practices", i)
            practice_ids.add(p.id, cell, at + ("id",))
            if p.area not in areas.get(stem, set()):
                problems.append(cell.doc.problem(at + ("area",), f"unknown area {p.area!r} for {stem}; expected one of {_list(sorted(areas.get(stem, [])))}"))
            _refs(cell, at + ("owners",), p.owners, roles, "role", problems)
            _refs(cell, at + ("contributors",), p.contributors, roles, "role", problems)
            _refs(cell, at + ("tools",), p.tools, projects, "project", problems)
            _refs(cell, at + ("certifications",), p.certifications, certs, "certification", problems)
            _check_project_use(cell, at + ("tools",), p.tools, project_of, folder, number, problems)
            for j, cert_id in enumerate(p.certifications):
                _check_certification_level(cell, at + ("certifications", j), cert_id, level_ids, number - 1, first_level,
                                           cert_id in p.certification_notes, f"certification_notes: {{{cert_id}: ...}}", problems)
            for cert_id in p.certification_notes:
                if cert_id not in p.certifications:
                    problems.append(cell.doc.problem(at + ("certification_notes", cert_id), f"a note for {cert_id!r}, which this practice "
                                                                                            "does not list under certifications"))
            for j, item in enumerate(p.checklist):
                practice_ids.add(item.id, cell, at + ("checklist", j, "id"))
                _refs(cell, at + ("checklist", j, "roles"), item.roles, roles, "role", problems)
    for level in files.levels:
        folder = level.doc.path.parent.name
        if folder not in level_ids:
            continue
        for dim in dimension_ids:
            # A cell file that exists but failed to parse is already reported; do not report it missing too.
            if (folder, dim) not in present and not (level.doc.path.parent / f"{dim}.yml").exists():
                problems.append(level.doc.problem((), f"level {folder!r} has no cell for dimension {dim!r}: create data/levels/{folder}/{dim}.yml"))
    return practice_ids


def _check_transitions(files: DataFiles, level_ids: list[str], roles: _Ids, certs: _Ids, first_level: dict[str, int],
                       problems: list[Problem]) -> None:
    """A move to the next level must name practices of that next level."""
    level_of = {p.id: cell.doc.path.parent.name for cell in files.cells for p in cell.model.practices}
    moves = _Ids("move", problems)
    for level in files.levels:
        folder = level.doc.path.parent.name
        lv = level.model
        if folder not in level_ids:
            continue
        following = level_ids[level_ids.index(folder) + 1] if level_ids.index(folder) + 1 < len(level_ids) else None
        for j, staff in enumerate(lv.staffing):
            if staff.role not in roles:
                problems.append(level.doc.problem(("staffing", j, "role"), f"unknown role {staff.role!r}; expected one of {_list(sorted(roles.seen))}"))
            if staff.certification not in certs:
                problems.append(level.doc.problem(("staffing", j, "certification"), f"unknown certification {staff.certification!r}; "
                                                                  "expected one of {_list(sorted(certs.seen))}"))
            _check_certification_level(level, ("staffing", j, "certification"), staff.certification, level_ids, level_ids.index(folder),
                                       first_level, staff.certification_note is not None, "certification_note", problems)
        if lv.next_level is None:
            continue
        if following is None:
            problems.append(level.doc.problem(("next_level",), "the last level has no next level to move to"))
            continue
        for i, move in enumerate(lv.next_level.moves):
            at = ("next_level", "moves", i)
            moves.add(move.id, level, at + ("id",))
            _refs(level, at + ("leads",), move.leads, roles, "role", problems)
            for j, pid in enumerate(move.practices):
                if level_of.get(pid) != following:
                    where = f"it is a practice of {level_of[pid]}" if pid in level_of else "no practice has this id"
                    problems.append(level.doc.problem(at + ("practices", j), f"expected a practice of the next level {following!r}, found {pid!r} ({where})"))


def _check_requires(files: DataFiles, level_ids: list[str], problems: list[Problem]) -> None:
    """Effort is a size on the scale; `requires` names known practices at the same or a lower level, with no cycle.

    Runs on the merged data, so a variant that removes a practice others still require is caught
    here, at each `requires` entry that names it.
    """
    sizes = _Ids("effort size", problems)
    for i, size in enumerate(files.model.model.effort_scale):
        sizes.add(size.id, files.model, ("effort_scale", i, "id"))
    # Every practice: its cell file, its position there, and its level's position in model.yml.
    where: dict[str, tuple] = {}
    for cell in files.cells:
        folder = cell.doc.path.parent.name
        for i, p in enumerate(cell.model.practices):
            if folder in level_ids:
                where.setdefault(p.id, (cell, i, level_ids.index(folder)))
    edges: dict[str, list[tuple[str, int]]] = {}  # practice -> (required practice, index in requires)
    for pid, (cell, i, rank) in where.items():
        p = cell.model.practices[i]
        at = ("practices", i)
        if p.effort not in sizes:
            problems.append(cell.doc.problem(at + ("effort",), f"unknown effort {p.effort!r}; expected one of {_list(sizes.seen)} (effort_scale in model.yml)"))
        for j, required in enumerate(p.requires):
            if required not in where:
                if required in files.removed:
                    message = f"{pid!r} requires {required!r}, which the variant removes: remove {pid!r} too, or take {required!r} out of its requires"
                else:
                    message = f"unknown practice {required!r}; requires lists the ids of practices this one builds on"
                problems.append(cell.doc.problem(at + ("requires", j), message))
            elif where[required][2] > rank:
                higher = level_ids[where[required][2]]
                problems.append(cell.doc.problem(at + ("requires", j), f"{required!r} is a practice of {higher!r}, a higher level than "
                                                 f"{level_ids[rank]!r}; a practice can only build on practices at its own level or below"))
            else:
                edges.setdefault(pid, []).append((required, j))
    for cycle in _cycles(list(where), edges):
        first, j = cycle[0]
        cell, i, _ = where[first]
        names = " -> ".join([pid for pid, _ in cycle] + [first])
        problems.append(cell.doc.problem(("practices", i, "requires", j), f"requires cycle: {names}; each practice requires the next, "
                                         "so none can be done first: drop one of these requires"))


def _cycles(nodes: list[str], edges: dict[str, list[tuple[str, int]]]) -> list[list[tuple[str, int]]]:
    """Each cycle found by a depth-first walk in data order, as (practice, index of the requires entry) pairs."""
    state: dict[str, str] = {}  # "open" while on the walk's path, "done" after
    path: list[tuple[str, int]] = []
    found: list[list[tuple[str, int]]] = []

    def walk(node: str) -> None:
        state[node] = "open"
        for target, j in edges.get(node, []):
            path.append((node, j))
            if state.get(target) == "open":
                start = next(k for k, (pid, _) in enumerate(path) if pid == target)
                found.append(path[start:])
            elif target not in state:
                walk(target)
            path.pop()
        state[node] = "done"

    for node in nodes:
        if node not in state:
            walk(node)
    return found


def _check_role_coverage(files: DataFiles, level_ids: list[str], problems: list[Problem]) -> None:
    """Every role owns or contributes to a practice at every level, or says why not."""
    involved: set[tuple[str, str]] = set()
    for cell in files.cells:
        for p in cell.model.practices:
            for role_id in (*p.owners, *p.contributors):
                involved.add((role_id, cell.doc.path.parent.name))
    for i, role in enumerate(files.roles.model.roles):
        for level in level_ids:
            if (role.id, level) not in involved and level not in role.absent_levels:
                problems.append(files.roles.doc.problem(
                    ("roles", i, "id"),
                    f"role {role.id!r} owns or contributes to no practice at {level!r}; name it on a practice there, or explain why under absent_levels"))


def _check_cost_curve(curve: Validated[CostCurveFile], level_ids: list[str], dimension_ids: list[str], problems: list[Problem]) -> None:
    """Points name known levels, in the order of the journey; shown_on names a known dimension."""
    shown_on = curve.model.shown_on
    if shown_on is not None and shown_on not in dimension_ids:
        problems.append(curve.doc.problem(("shown_on",), f"unknown dimension {shown_on!r}; expected one of {_list(dimension_ids)}"))
    last = 0
    for i, point in enumerate(curve.model.points):
        if point.level not in level_ids:
            problems.append(curve.doc.problem(("points", i, "level"), f"unknown level {point.level!r}; expected one of {_list(level_ids)}"))
            continue
        position = level_ids.index(point.level)
        if position < last:
            problems.append(curve.doc.problem(
                ("points", i, "level"),
                f"points must follow the levels in order; {point.level!r} comes after {level_ids[last]!r}"))
        last = max(last, position)


def _refs(source: Validated[Any], where: tuple, values: Iterable[str], known: Collection[str] | _Ids, kind: str, problems: list[Problem]) -> None:
    for j, value in enumerate(values):
        if value not in known:
            choices = sorted(known.seen) if isinstance(known, _Ids) else list(known)
            problems.append(source.doc.problem(where + (j,), f"unknown {kind} {value!r}; expected one of {_list(choices)}"))


def _list(found: Iterable[str]) -> str:
    values = list(found)
    shown = ", ".join(values[:12])
    return shown + (f", ... ({len(values)} in all)" if len(values) > 12 else "") if values else "(none defined)"
