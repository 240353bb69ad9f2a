"""Load the data directory into a validated, immutable ``Handbook``.

The steps run in order and collect every problem before failing:
1. find the files (and refuse anything unexpected or outside the data directory);
2. parse each file (``macros.yamlsource``) and validate it against its model (``macros.model``);
3. check references between files (``macros.crosscheck``);
4. assemble the ``Handbook``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from macros.crosscheck import crosscheck
from macros.handbook import Handbook
from macros.model import (
    FILE_MODELS,
    PLAIN_TEXT_PATTERN,
    SLUG_PATTERN,
    CellFile,
    CertificationFile,
    CostCurveFile,
    DimensionsFile,
    LevelFile,
    ModelFile,
    ProjectsFile,
    RolesFile,
    Strict,
)
from macros.problems import DataError, Problem, display_path
from macros.yamlsource import YamlDocument, read_yaml, type_name

YAML_SUFFIXES = (".yml", ".yaml")


@dataclass(frozen=True)
class Validated:
    """A file's validated model, with its parsed document kept for line numbers."""

    doc: YamlDocument
    model: Any


@dataclass
class DataFiles:
    model: Validated | None = None
    dimensions: Validated | None = None
    roles: Validated | None = None
    projects: Validated | None = None
    levels: list[Validated] | None = None
    cells: list[Validated] | None = None
    certifications: list[Validated] | None = None
    cost_curve: Validated | None = None  # optional: a fork may leave the chart out


def load_handbook(data_dir: Path) -> Handbook:
    """The one entry point: data directory in, Handbook out, or DataError with every problem."""
    data_dir = Path(data_dir)
    problems: list[Problem] = []
    if not data_dir.is_dir():
        raise DataError([Problem(display_path(data_dir), 1, "", "data directory not found")])
    files = _read_all(data_dir, problems)
    if problems:
        raise DataError(problems)
    problems.extend(crosscheck(files))
    if problems:
        raise DataError(problems)
    return Handbook.assemble(
        model=files.model.model,
        dimensions=files.dimensions.model.dimensions,
        levels=[v.model for v in files.levels],
        cells=[v.model for v in files.cells],
        roles=files.roles.model.roles,
        projects=files.projects.model,
        certifications=[v.model for v in files.certifications],
        cost_curve=files.cost_curve.model if files.cost_curve else None,
    )


def _read_all(data_dir: Path, problems: list[Problem]) -> DataFiles:
    root = data_dir.resolve()
    files = DataFiles()
    files.model = _read_required(data_dir / "model.yml", ModelFile, problems)
    files.dimensions = _read_required(data_dir / "dimensions.yml", DimensionsFile, problems)
    files.roles = _read_required(data_dir / "roles.yml", RolesFile, problems)
    files.projects = _read_required(data_dir / "projects.yml", ProjectsFile, problems)
    files.levels, files.cells, files.certifications = [], [], []

    if (data_dir / "cost-curve.yml").exists():
        files.cost_curve = _read(data_dir / "cost-curve.yml", CostCurveFile, problems)

    known_top = {"model.yml", "dimensions.yml", "roles.yml", "projects.yml", "cost-curve.yml", "levels", "certifications"}
    for entry in sorted(data_dir.iterdir()):
        if entry.name.startswith(".") or entry.name == "README.md":
            continue
        if not _inside(entry, root, problems):
            continue
        if entry.name not in known_top:
            problems.append(Problem(display_path(entry), 1, "", _unexpected(entry, "model.yml, dimensions.yml, roles.yml, projects.yml, cost-curve.yml, levels/, certifications/")))

    for level_dir in _children(data_dir / "levels", root, problems, want_dirs=True):
        for path in _children(level_dir, root, problems, want_dirs=False):
            model = LevelFile if path.stem == "level" else CellFile
            validated = _read(path, model, problems)
            if validated:
                (files.levels if model is LevelFile else files.cells).append(validated)
    for path in _children(data_dir / "certifications", root, problems, want_dirs=False):
        validated = _read(path, CertificationFile, problems)
        if validated:
            files.certifications.append(validated)
    return files


def _children(folder: Path, root: Path, problems: list[Problem], *, want_dirs: bool) -> list[Path]:
    if not folder.is_dir():
        return []
    found = []
    for entry in sorted(folder.iterdir()):
        if entry.name.startswith("."):
            continue
        if not _inside(entry, root, problems):
            continue
        if want_dirs and entry.is_dir():
            found.append(entry)
        elif not want_dirs and entry.is_file() and entry.suffix in YAML_SUFFIXES:
            found.append(entry)
        else:
            expected = "one folder per level" if want_dirs else "YAML files (.yml)"
            problems.append(Problem(display_path(entry), 1, "", _unexpected(entry, expected)))
    return found


def _inside(path: Path, root: Path, problems: list[Problem]) -> bool:
    """A symlink may not lead out of the data directory: builds must be reproducible and contained."""
    resolved = path.resolve()
    if resolved == root or root in resolved.parents:
        return True
    problems.append(Problem(display_path(path), 1, "", f"points outside the data directory (to {resolved}); copy the file in instead"))
    return False


def _unexpected(entry: Path, expected: str) -> str:
    kind = "folder" if entry.is_dir() else "file"
    return f"unexpected {kind} {entry.name!r} here; expected {expected}"


def _read_required(path: Path, model: type[Strict], problems: list[Problem]) -> Validated | None:
    if not path.exists():
        problems.append(Problem(display_path(path), 1, "", "required file is missing"))
        return None
    return _read(path, model, problems)


def _read(path: Path, model: type[Strict], problems: list[Problem]) -> Validated | None:
    doc = read_yaml(path, problems)
    if doc is None:
        return None
    try:
        return Validated(doc, model.model_validate(doc.data))
    except ValidationError as exc:
        for error in exc.errors(include_url=False):
            problems.append(doc.problem(_clean_loc(error["loc"]), _explain(error)))
        return None


def _clean_loc(loc: tuple) -> tuple:
    # pydantic marks dict keys with a "[key]" suffix element: the key itself is enough.
    return tuple(part for part in loc if part != "[key]")


def _explain(error: dict) -> str:
    """Pydantic's messages, rephrased as 'expected X, found Y' for people who edit YAML."""
    kind = error["type"]
    ctx = error.get("ctx") or {}
    found = error.get("input")
    shown = repr(found) if isinstance(found, (str, int, float, bool)) else type_name(found)
    if kind == "missing":
        return "required field is missing"
    if kind == "extra_forbidden":
        return f"unknown field {error['loc'][-1]!r} (a typo? see docs/data-format.md)"
    if kind == "string_pattern_mismatch":
        if ctx.get("pattern") == SLUG_PATTERN:
            return f"expected an id (lowercase letters, digits, single hyphens), found {shown}"
        if ctx.get("pattern") == PLAIN_TEXT_PATTERN:
            return f"expected plain text without < > & {{ }} characters (write 'and' for &), found {shown}"
    if kind == "string_too_short":
        return "expected text, found an empty value"
    if kind in ("string_type", "str_type"):
        return f"expected text, found {shown}"
    if kind in ("tuple_type", "list_type"):
        return f"expected a list, found {shown}"
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return f"expected a mapping of fields, found {shown}"
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return f"expected a whole number, found {shown}"
    if kind == "too_short":
        return f"expected at least {ctx.get('min_length')} item(s), found {ctx.get('actual_length')}"
    if kind == "literal_error":
        return f"expected one of {ctx.get('expected')}, found {shown}"
    if kind in ("greater_than_equal", "less_than_equal"):
        bound = ctx.get("ge", ctx.get("le"))
        sign = ">=" if kind == "greater_than_equal" else "<="
        return f"expected a number {sign} {bound}, found {shown}"
    if kind == "value_error":
        return str(ctx.get("error", error["msg"]))
    return f"{error['msg']}, found {shown}"


__all__ = ["load_handbook", "DataFiles", "Validated", "FILE_MODELS"]
