"""The merged, validated handbook: what every renderer reads. Built once, never changed."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from types import MappingProxyType
from typing import Protocol, TypeVar

from macros.messages import Messages
from macros.model import (
    CellFile,
    CertificationFile,
    ChecklistItem,
    CostCurveFile,
    Dimension,
    EffortSize,
    LevelFile,
    ModelFile,
    Practice,
    Project,
    ProjectsFile,
    Role,
    VariantFile,
)


@dataclass(frozen=True)
class VariantInfo:
    """The organisation variant merged into this handbook, if any."""

    file: VariantFile
    directory: Path
    revision: str | None = None  # variant.yml's revision, else `git describe` of a variant checkout


@dataclass(frozen=True)
class PlacedPractice:
    """A practice with the level and dimension it belongs to."""

    practice: Practice
    level: LevelFile
    dimension: Dimension


@dataclass(frozen=True)
class PlacedItem:
    item: ChecklistItem
    placed: PlacedPractice


@dataclass(frozen=True)
class Handbook:
    model: ModelFile
    levels: tuple[LevelFile, ...]
    dimensions: tuple[Dimension, ...]
    cells: Mapping[tuple[str, str], CellFile]
    roles: tuple[Role, ...]
    projects: tuple[Project, ...]
    projects_as_of: str
    certifications: tuple[CertificationFile, ...]
    practices: tuple[PlacedPractice, ...]
    items: tuple[PlacedItem, ...]
    messages: Messages
    cost_curve: CostCurveFile | None = None
    variant: VariantInfo | None = None

    @classmethod
    def assemble(
        cls,
        *,
        model: ModelFile,
        dimensions: Iterable[Dimension],
        levels: Iterable[LevelFile],
        cells: Iterable[CellFile],
        roles: Iterable[Role],
        projects: ProjectsFile,
        certifications: Iterable[CertificationFile],
        messages: Messages,
        cost_curve: CostCurveFile | None = None,
        variant: VariantInfo | None = None,
    ) -> Handbook:
        # Display order is the data's order: levels and dimensions as model.yml lists them.
        level_by_id = {lv.id: lv for lv in levels}
        dim_by_id = {d.id: d for d in dimensions}
        ordered_levels = tuple(level_by_id[i] for i in model.levels)
        ordered_dims = tuple(dim_by_id[i] for i in model.dimensions)
        cell_map = {(c.level, c.dimension): c for c in cells}
        # Within a cell, practices are grouped by area (in the dimension's area order), as pages show them.
        placed = tuple(
            PlacedPractice(p, lv, dim)
            for lv in ordered_levels
            for dim in ordered_dims
            for area in dim.areas
            for p in cell_map[(lv.id, dim.id)].practices
            if p.area == area.id
        )
        items = tuple(PlacedItem(item, pp) for pp in placed for item in pp.practice.checklist)
        return cls(
            model=model,
            levels=ordered_levels,
            dimensions=ordered_dims,
            cells=MappingProxyType(cell_map),
            roles=tuple(roles),
            projects=tuple(projects.projects),
            projects_as_of=projects.as_of,
            certifications=tuple(sorted(certifications, key=lambda c: c.id)),
            practices=placed,
            items=items,
            messages=messages,
            cost_curve=cost_curve,
            variant=variant,
        )

    def variant_label(self) -> str:
        """"ACME Corp variant, revision 2026.11" in the handbook's language, "" without a variant: said in
        the footer, on PDFs and in the build log."""
        if self.variant is None:
            return ""
        if self.variant.revision:
            return self.messages("print.variant_revision", name=self.variant.file.name, revision=self.variant.revision)
        return self.messages("print.variant", name=self.variant.file.name)

    # ---- lookups: unknown ids raise KeyError with the valid choices ---------

    def level(self, level_id: str) -> LevelFile:
        return _find(self.levels, level_id, "level")

    def dimension(self, dimension_id: str) -> Dimension:
        return _find(self.dimensions, dimension_id, "dimension")

    def role(self, role_id: str) -> Role:
        return _find(self.roles, role_id, "role")

    def project(self, project_id: str) -> Project:
        return _find(self.projects, project_id, "project")

    def certification(self, cert_id: str) -> CertificationFile:
        return _find(self.certifications, cert_id, "certification")

    def cell(self, level_id: str, dimension_id: str) -> CellFile:
        self.level(level_id)
        self.dimension(dimension_id)
        return self.cells[(level_id, dimension_id)]

    def effort_size(self, effort_id: str) -> EffortSize:
        return _find(self.model.effort_scale, effort_id, "effort size")

    @cached_property
    def _practice_index(self) -> Mapping[str, PlacedPractice]:
        return {pp.practice.id: pp for pp in self.practices}

    @cached_property
    def _practices_by_cell(self) -> Mapping[tuple[str, str], tuple[PlacedPractice, ...]]:
        cells: dict[tuple[str, str], list[PlacedPractice]] = {}
        for pp in self.practices:
            cells.setdefault((pp.level.id, pp.dimension.id), []).append(pp)
        return {cell: tuple(practices) for cell, practices in cells.items()}

    @cached_property
    def _items_by_cell(self) -> Mapping[tuple[str, str], tuple[PlacedItem, ...]]:
        cells: dict[tuple[str, str], list[PlacedItem]] = {}
        for pi in self.items:
            cells.setdefault((pi.placed.level.id, pi.placed.dimension.id), []).append(pi)
        return {cell: tuple(items) for cell, items in cells.items()}

    @cached_property
    def _unlocks_index(self) -> Mapping[str, tuple[PlacedPractice, ...]]:
        found: dict[str, list[PlacedPractice]] = {}
        for pp in self.practices:
            for required in pp.practice.requires:
                found.setdefault(required, []).append(pp)
        return {pid: tuple(pps) for pid, pps in found.items()}

    def practice(self, practice_id: str) -> PlacedPractice:
        try:
            return self._practice_index[practice_id]
        except KeyError:
            raise KeyError(f"unknown practice {practice_id!r}") from None

    def unlocks(self, practice_id: str) -> tuple[PlacedPractice, ...]:
        """The practices that require this one, in display order."""
        self.practice(practice_id)
        return self._unlocks_index.get(practice_id, ())

    def next_level(self, level_id: str) -> LevelFile | None:
        index = self.levels.index(self.level(level_id))
        return self.levels[index + 1] if index + 1 < len(self.levels) else None

    def previous_level(self, level_id: str) -> LevelFile | None:
        index = self.levels.index(self.level(level_id))
        return self.levels[index - 1] if index > 0 else None

    def practices_where(self, *, level: str | None = None, dimension: str | None = None,
                        area: str | None = None, tool: str | None = None) -> list[PlacedPractice]:
        # Most callers ask for one cell: start from its practices rather than all of them (about 900 calls a build).
        candidates = self._practices_by_cell.get((level, dimension), ()) if level and dimension else self.practices
        return [
            pp for pp in candidates
            if (level is None or pp.level.id == level)
            and (dimension is None or pp.dimension.id == dimension)
            and (area is None or pp.practice.area == area)
            and (tool is None or tool in pp.practice.tools)
        ]

    def check_filters(self, *, level: str | None = None, dimension: str | None = None,
                      role: str | None = None, area: str | None = None) -> None:
        """Raise KeyError, naming the valid choices, for a filter that names nothing in the data."""
        if level:
            self.level(level)
        if dimension:
            dim = self.dimension(dimension)
            if area and area not in {a.id for a in dim.areas}:
                raise KeyError(f"unknown area {area!r} for {dim.id}; expected one of: {', '.join(a.id for a in dim.areas)}")
        if role:
            self.role(role)

    def select_items(self, *, level: str | None = None, dimension: str | None = None,
                     role: str | None = None, area: str | None = None) -> list[PlacedItem]:
        """Checklist items matching every given filter; unknown ids raise KeyError (see check_filters)."""
        self.check_filters(level=level, dimension=dimension, role=role, area=area)
        candidates = self._items_by_cell.get((level, dimension), ()) if level and dimension else self.items
        return [
            pi for pi in candidates
            if (level is None or pi.placed.level.id == level)
            and (dimension is None or pi.placed.dimension.id == dimension)
            and (area is None or pi.placed.practice.area == area)
            and (role is None or role in pi.item.roles)
        ]

    def named_projects(self) -> list[Project]:
        """Projects some practice names, in catalogue order."""
        used = {t for pp in self.practices for t in pp.practice.tools}
        return [p for p in self.projects if p.id in used]

    def training_order(self) -> list[CertificationFile]:
        """The recommended order: by the earliest level a certification is recommended at, then name."""
        numbers = {lv.id: lv.number for lv in self.levels}
        return sorted(self.certifications,
                      key=lambda c: (min((numbers[lv] for lv in c.recommended_levels), default=99), c.abbreviation))

    def staffing_plan(self, level_id: str) -> list:
        """The team plan in force at a level: each level's targets, later ones replacing earlier ones."""
        plan: dict[tuple[str, str], object] = {}
        for lv in self.levels:
            for entry in lv.staffing:
                plan[(entry.role, entry.certification)] = entry
            if lv.id == level_id:
                break
        return list(plan.values())

    def role_practices(self, role_id: str, level_id: str) -> tuple[list[PlacedPractice], list[PlacedPractice]]:
        """(practices the role owns, practices it contributes to) at a level."""
        at_level = self.practices_where(level=level_id)
        owned = [pp for pp in at_level if role_id in pp.practice.owners]
        helped = [pp for pp in at_level if role_id in pp.practice.contributors and role_id not in pp.practice.owners]
        return owned, helped

    def practices_preparing_for(self, cert_id: str) -> list[PlacedPractice]:
        return [pp for pp in self.practices if cert_id in pp.practice.certifications]

    def summary(self) -> str:
        return (
            f"{len(self.levels)} levels, {len(self.dimensions)} dimensions, {len(self.cells)} cells, "
            f"{len(self.practices)} practices, {len(self.items)} checklist items, {len(self.roles)} roles, "
            f"{len(self.projects)} projects, {len(self.certifications)} certifications"
        )


class _HasId(Protocol):
    @property
    def id(self) -> str: ...


E = TypeVar("E", bound=_HasId)


def _find(entities: Iterable[E], ident: str, kind: str) -> E:
    for entity in entities:
        if entity.id == ident:
            return entity
    choices = ", ".join(e.id for e in entities)
    raise KeyError(f"unknown {kind} {ident!r}; expected one of: {choices}")
