"""Load the data directory (and an optional variant) into a validated, immutable ``Handbook``.

The steps run in order and collect every problem before failing:
1. find and parse the files (``macros.yamlsource``), refusing anything unexpected or outside
   the data directory;
2. with a variant: overlay its files by id and apply its removals (``macros.variant``);
3. validate each file against its model (``macros.model``);
4. check references between files (``macros.crosscheck``);
5. assemble the ``Handbook``.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Generic, Protocol, TypeVar

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from macros.crosscheck import crosscheck
from macros.handbook import Handbook, VariantInfo
from macros.model import (
    BENCHMARK_PATTERN,
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
    VariantFile,
)
from macros.problems import DataError, Problem, display_path
from macros.variant import MergedDocument, Merger, as_merged, merge_file, remove_ids
from macros.yamlsource import Path_, YamlDocument, read_yaml, type_name

YAML_SUFFIXES = (".yml", ".yaml")
REQUIRED = ("model.yml", "dimensions.yml", "roles.yml", "projects.yml")
TOP_FILES = ("model.yml", "dimensions.yml", "roles.yml", "projects.yml", "cost-curve.yml")


class Document(Protocol):
    """A parsed data file, before or after a variant's overlay: its data and where each value came from."""

    path: Path
    data: Any

    def locate(self, where: Path_) -> tuple[str, int]: ...

    def problem(self, where: Path_, message: str) -> Problem: ...


M = TypeVar("M", bound=Strict)


@dataclass(frozen=True)
class Validated(Generic[M]):
    """A file's validated model, with its parsed document kept for file and line numbers."""

    doc: Document
    model: M


@dataclass(frozen=True)
class DataFiles:
    """Every data file, validated: only built when each required file passed its model."""

    model: Validated[ModelFile]
    dimensions: Validated[DimensionsFile]
    roles: Validated[RolesFile]
    projects: Validated[ProjectsFile]
    cost_curve: Validated[CostCurveFile] | None  # optional: a fork may leave the chart out
    levels: list[Validated[LevelFile]]
    cells: list[Validated[CellFile]]
    certifications: list[Validated[CertificationFile]]
    removed: frozenset[str] = frozenset()  # ids the variant removes, to say so when a reference is left behind


def load_handbook(data_dir: Path, variant_dir: Path | None = None) -> Handbook:
    """The one entry point: data (and variant) in, Handbook out, or DataError with every problem."""
    data_dir = Path(data_dir)
    problems: list[Problem] = []
    if not data_dir.is_dir():
        raise DataError([Problem(display_path(data_dir), 1, "", "data directory not found")])
    docs = _read_tree(data_dir, problems, required=REQUIRED)
    variant = None
    if variant_dir is not None:
        variant, overlay = _read_variant(Path(variant_dir), problems)
    if problems:
        raise DataError(problems)
    merged = {key: as_merged(doc) for key, doc in docs.items()}
    if variant is not None:
        merged = _apply_variant(merged, docs, overlay, variant, problems)
        if problems:
            raise DataError(problems)
    files = _validate(merged, problems)
    if files is None or problems:
        raise DataError(problems)
    if variant is not None:
        files = replace(files, removed=frozenset(variant.model.remove))
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
        variant=VariantInfo(variant.model, Path(variant_dir).resolve()) if variant and variant_dir else None,
    )


# ---- reading ------------------------------------------------------------------------


def _read_tree(root: Path, problems: list[Problem], *, required: tuple[str, ...] = (),
               extra_ok: tuple[str, ...] = ()) -> dict[str, YamlDocument]:
    """Every data file under root, by its path relative to root ("levels/3-scale/people.yml")."""
    resolved = root.resolve()
    docs: dict[str, YamlDocument] = {}
    for name in required:
        if not (root / name).exists():
            problems.append(Problem(display_path(root / name), 1, "", "required file is missing"))
    for entry in sorted(root.iterdir()):
        if entry.name.startswith(".") or entry.name == "README.md" or entry.name in extra_ok:
            continue
        if not _inside(entry, resolved, problems):
            continue
        if entry.name in TOP_FILES:
            _add(docs, root, entry, problems)
        elif entry.name == "levels" and entry.is_dir():
            for level_dir in _children(entry, resolved, problems, want_dirs=True):
                for path in _children(level_dir, resolved, problems, want_dirs=False):
                    _add(docs, root, path, problems)
        elif entry.name == "certifications" and entry.is_dir():
            for path in _children(entry, resolved, problems, want_dirs=False):
                _add(docs, root, path, problems)
        else:
            expected = ", ".join([*TOP_FILES, "levels/", "certifications/"])
            problems.append(Problem(display_path(entry), 1, "", _unexpected(entry, expected)))
    return docs


def _add(docs: dict[str, YamlDocument], root: Path, path: Path, problems: list[Problem]) -> None:
    doc = read_yaml(path, problems)
    if doc is not None:
        docs[path.relative_to(root).as_posix()] = doc


def _children(folder: Path, root: Path, problems: list[Problem], *, want_dirs: bool) -> list[Path]:
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


# ---- variants ---------------------------------------------------------------------------


def _read_variant(variant_dir: Path, problems: list[Problem]) -> tuple[Validated[VariantFile] | None, dict[str, YamlDocument]]:
    if not variant_dir.is_dir():
        problems.append(Problem(display_path(variant_dir), 1, "", "variant directory not found"))
        return None, {}
    path = variant_dir / "variant.yml"
    if not path.exists():
        problems.append(Problem(display_path(path), 1, "", "a variant needs a variant.yml (create one with `handbook new-variant`)"))
        return None, {}
    variant = _validate_doc(read_yaml(path, problems), VariantFile, problems)
    assets = tuple(p.name for p in variant_dir.iterdir() if p.is_file() and p.suffix in (".svg", ".png"))
    overlay = _read_tree(variant_dir, problems, extra_ok=("variant.yml", *assets))
    if variant and variant.model.site.logo and not (variant_dir / variant.model.site.logo).is_file():
        problems.append(variant.doc.problem(("site", "logo"), f"logo file {variant.model.site.logo!r} not found beside variant.yml"))
    return variant, overlay


def _apply_variant(merged: dict[str, MergedDocument], base: dict[str, YamlDocument], overlay: dict[str, YamlDocument],
                   variant: Validated[VariantFile], problems: list[Problem]) -> dict[str, MergedDocument]:
    prefix = variant.model.prefix
    merger = Merger(prefix, problems)
    for key, doc in overlay.items():
        if key not in base and key.startswith("levels/") and not any(k.startswith(key.rsplit("/", 1)[0] + "/") for k in base):
            problems.append(doc.problem((), "a variant cannot add a level folder; levels come from upstream"))
            continue
        merged[key] = merge_file(base.get(key), doc, merger)
        if key not in base and key.startswith("certifications/"):
            ident = doc.data.get("id") if isinstance(doc.data, dict) else None
            if isinstance(ident, str) and not ident.startswith(prefix + "-"):
                problems.append(doc.problem(("id",), f"a certification the variant adds needs an id starting with '{prefix}-', found {ident!r}"))
    removed = set(variant.model.remove)
    for key in [k for k, d in merged.items() if k.startswith("certifications/") and isinstance(d.data, dict) and d.data.get("id") in removed]:
        del merged[key]
    found = remove_ids(merged, removed) | {Path(k).stem for k in base if k.startswith("certifications/") and Path(k).stem in removed}
    structural = set()
    model_doc = base.get("model.yml")
    if model_doc and isinstance(model_doc.data, dict):
        structural = set(model_doc.data.get("levels") or []) | set(model_doc.data.get("dimensions") or [])
    for i, ident in enumerate(variant.model.remove):
        if ident in structural:
            problems.append(variant.doc.problem(("remove", i), f"{ident!r} is a level or dimension; those cannot be removed"))
        elif ident not in found:
            problems.append(variant.doc.problem(("remove", i), f"nothing upstream has the id {ident!r}; upstream may have renamed or removed it already"))
    site = variant.model.site
    if site.name and "model.yml" in merged and isinstance(merged["model.yml"].data, dict):
        merged["model.yml"].data["name"] = site.name  # the handbook's name follows the site's name
    return merged


# ---- validation ---------------------------------------------------------------------------


def _validate(docs: dict[str, MergedDocument], problems: list[Problem]) -> DataFiles | None:
    """Each file against its model; None when a required file is missing or invalid (already reported)."""
    model = dimensions = roles = projects = cost_curve = None
    levels: list[Validated[LevelFile]] = []
    cells: list[Validated[CellFile]] = []
    certifications: list[Validated[CertificationFile]] = []
    for key, doc in sorted(docs.items()):  # in file order, so problems are listed file by file
        folder = key.split("/")[0]
        if key == "model.yml":
            model = _validate_doc(doc, ModelFile, problems)
        elif key == "dimensions.yml":
            dimensions = _validate_doc(doc, DimensionsFile, problems)
        elif key == "roles.yml":
            roles = _validate_doc(doc, RolesFile, problems)
        elif key == "projects.yml":
            projects = _validate_doc(doc, ProjectsFile, problems)
        elif key == "cost-curve.yml":
            cost_curve = _validate_doc(doc, CostCurveFile, problems)
        elif folder == "levels" and Path(key).stem == "level":
            _append(levels, _validate_doc(doc, LevelFile, problems))
        elif folder == "levels":
            _append(cells, _validate_doc(doc, CellFile, problems))
        elif folder == "certifications":
            _append(certifications, _validate_doc(doc, CertificationFile, problems))
    if model is None or dimensions is None or roles is None or projects is None:
        return None
    return DataFiles(model, dimensions, roles, projects, cost_curve, levels, cells, certifications)


def _append(found: list[Validated[M]], validated: Validated[M] | None) -> None:
    if validated is not None:
        found.append(validated)


def _validate_doc(doc: Document | None, model: type[M], problems: list[Problem]) -> Validated[M] | None:
    if doc is None:
        return None
    try:
        return Validated(doc, model.model_validate(doc.data))
    except ValidationError as exc:
        # A field that accepts several types (e.g. "all" or a number) fails once per type:
        # report one problem per field, listing what each type expected.
        by_field: dict[Path_, list[str]] = {}
        for error in exc.errors(include_url=False):
            by_field.setdefault(_clean_loc(error["loc"], doc.data), []).append(_explain(error))
        for where, messages in by_field.items():
            problems.append(doc.problem(where, _combine(list(dict.fromkeys(messages)))))
        return None


def _clean_loc(loc: tuple, data: Any) -> tuple:
    """The field path in the user's data: without pydantic's "[key]" marks and union branch names."""
    out: list = []
    node = data
    for part in loc:
        if part == "[key]":
            continue
        if isinstance(node, dict) and part in node:
            node = node[part]
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            node = node[part]
        else:
            if isinstance(node, dict):
                out.append(part)  # a missing or unknown field: its name is what the user needs
            break  # otherwise a union branch name such as "constrained-int": not in the user's data
        out.append(part)
    return tuple(out)


def _combine(messages: list[str]) -> str:
    """'expected X, found v' and 'expected Y, found v' -> 'expected X or Y, found v'."""
    if len(messages) == 1:
        return messages[0]
    wanted = [m.split(", found ")[0].removeprefix("expected ") for m in messages]
    found = messages[0].split(", found ", 1)[1] if ", found " in messages[0] else None
    return "expected " + " or ".join(wanted) + (f", found {found}" if found else "")


def _explain(error: ErrorDetails) -> str:
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
        if ctx.get("pattern") == BENCHMARK_PATTERN:
            return f"expected a benchmark version as kube-bench names it, such as cis-1.10, found {shown}"
        if ctx.get("pattern") == PLAIN_TEXT_PATTERN:
            return f"expected plain text without < > & {{ }} characters (write 'and' for &), found {shown}"
        return f"expected text matching {ctx.get('pattern')}, found {shown}"
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
    if kind in ("float_type", "float_parsing"):
        return f"expected a number, found {shown}"
    if kind in ("bool_type", "bool_parsing"):
        return f"expected true or false, found {shown}"
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
