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

import difflib
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Generic, Protocol, TypeVar

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from macros.crosscheck import crosscheck
from macros.handbook import Handbook, VariantInfo
from macros.messagekeys import check_used_keys
from macros.messages import ENGLISH, Messages, check_catalogue
from macros.model import (
    BENCHMARK_PATTERN,
    PLAIN_TEXT_PATTERN,
    SLUG_PATTERN,
    CellFile,
    CertificationFile,
    CostCurveFile,
    DimensionsFile,
    LevelFile,
    MessagesFile,
    ModelFile,
    ProjectsFile,
    RolesFile,
    Strict,
    VariantFile,
)
from macros.problems import DataError, Problem, display_path
from macros.variant import (
    MergedDocument,
    Merger,
    Removals,
    as_merged,
    group_removals,
    logo_problem,
    merge_file,
    remove_ids,
    variant_revision,
)
from macros.yamlsource import Path_, YamlDocument, read_yaml, type_name, unicode_hint

YAML_SUFFIXES = (".yml", ".yaml")
REQUIRED = ("model.yml", "dimensions.yml", "roles.yml", "projects.yml", "messages/en.yml")
TOP_FILES = ("model.yml", "dimensions.yml", "roles.yml", "projects.yml", "cost-curve.yml")


class Document(Protocol):
    """A parsed data file, before or after a variant's overlay: its data and where each value came from."""

    path: Path
    data: Any

    def locate(self, where: Path_) -> tuple[str, int]: ...

    def problem(self, where: Path_, message: str) -> Problem: ...

    def word_of(self, where: Path_) -> str | None: ...


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
    messages: dict[str, Validated[MessagesFile]]  # by language, from messages/<language>.yml
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
    merged = {key: as_merged(doc, origins=variant is not None) for key, doc in docs.items()}
    removals: Removals = ({}, {})
    if variant is not None:
        merged, removals = _apply_variant(merged, docs, overlay, variant, problems)
        if problems:
            raise DataError(problems)
    files = _validate(merged, problems)
    if files is None or problems:
        raise DataError(group_removals(problems, *removals))
    if variant is not None:
        files = replace(files, removed=frozenset(variant.model.remove))
    problems.extend(crosscheck(files))
    messages = _messages(files, variant, problems)
    if problems or messages is None:
        raise DataError(group_removals(problems, *removals))
    return Handbook.assemble(
        model=files.model.model,
        dimensions=files.dimensions.model.dimensions,
        levels=[v.model for v in files.levels],
        cells=[v.model for v in files.cells],
        roles=files.roles.model.roles,
        projects=files.projects.model,
        certifications=[v.model for v in files.certifications],
        cost_curve=files.cost_curve.model if files.cost_curve else None,
        messages=messages,
        variant=VariantInfo(variant.model, Path(variant_dir).resolve(),
                            variant_revision(Path(variant_dir), variant.model.revision)) if variant and variant_dir else None,
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
        elif entry.name in ("certifications", "messages") and entry.is_dir():
            for path in _children(entry, resolved, problems, want_dirs=False):
                _add(docs, root, path, problems)
        else:
            expected = ", ".join([*TOP_FILES, "levels/", "certifications/", "messages/"])
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
    hint = difflib.get_close_matches(entry.name, [*TOP_FILES, "levels", "certifications"], n=1, cutoff=0.7)
    return f"unexpected {kind} {entry.name!r} here; expected {expected}" + (f" (did you mean {hint[0]!r}?)" if hint else "")


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
    if variant and variant.model.site.logo:
        refused = logo_problem(variant_dir, variant.model.site.logo)
        if refused:
            problems.append(variant.doc.problem(("site", "logo"), refused))
    return variant, overlay


def _apply_variant(merged: dict[str, MergedDocument], base: dict[str, YamlDocument], overlay: dict[str, YamlDocument],
                   variant: Validated[VariantFile], problems: list[Problem]) -> tuple[dict[str, MergedDocument], Removals]:
    """The overlay merged by id, removals applied; and where each removal is, for grouping its consequences."""
    prefix = variant.model.prefix
    merger = Merger(prefix, problems)
    for key, doc in overlay.items():
        if key not in base and key.startswith("levels/"):
            # A variant changes upstream's level files; it cannot add one, so a new name is a typo.
            hint = difflib.get_close_matches(key, [k for k in base if k.startswith("levels/")], n=1, cutoff=0.6)
            problems.append(doc.problem((), f"no such upstream file {key!r}: a variant changes upstream files at the same "
                                        "path under its own directory" + (f"; did you mean {hint[0]!r}?" if hint else
                                        "; levels and dimensions come from upstream")))
            continue
        merged[key] = merge_file(base.get(key), doc, merger)
        if key not in base and key.startswith("certifications/"):
            ident = doc.data.get("id") if isinstance(doc.data, dict) else None
            if isinstance(ident, str) and not ident.startswith(prefix + "-"):
                problems.append(doc.problem(("id",), f"a certification the variant adds needs an id starting with '{prefix}-', found {ident!r}"))
    removed = set(variant.model.remove)
    for key in [k for k, d in merged.items() if k.startswith("certifications/") and isinstance(d.data, dict) and d.data.get("id") in removed]:
        del merged[key]
    found, shrunk = remove_ids(merged, removed)
    found |= {Path(k).stem for k in base if k.startswith("certifications/") and Path(k).stem in removed}
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
    places = {ident: variant.doc.problem(("remove", i), "") for i, ident in enumerate(variant.model.remove)}
    return merged, (places, shrunk)


def overlay_locations(variant_dir: Path) -> dict[str, str]:
    """Where the overlay touches each id ("file:line"), for `handbook diff`; the variant has validated."""
    problems: list[Problem] = []
    variant_dir = Path(variant_dir)
    found: dict[str, str] = {}
    others = tuple(p.name for p in variant_dir.iterdir() if p.name not in TOP_FILES and p.name not in ("levels", "certifications"))
    for key, doc in _read_tree(variant_dir, problems, extra_ok=others).items():
        parts = key.removesuffix(".yml").split("/")
        if parts[0] == "levels" and len(parts) == 3:
            found["/".join(parts[1:]) if parts[2] != "level" else parts[1]] = f"{doc.name}:1"
        found.update(_id_lines(doc, doc.data, ()))
    variant = read_yaml(variant_dir / "variant.yml", problems)
    if variant and isinstance(variant.data, dict):
        found["model"] = f"{variant.name}:{variant.line_of(('site', 'name'))}"
        for i, ident in enumerate(variant.data.get("remove") or []):
            found[str(ident)] = f"{variant.name}:{variant.line_of(('remove', i))}"
    return found


def _id_lines(doc: YamlDocument, value: Any, where: tuple) -> dict[str, str]:
    """Every entity id in a document, with the file:line of its `id:`."""
    found: dict[str, str] = {}
    if isinstance(value, dict):
        if isinstance(value.get("id"), str):
            found[value["id"]] = f"{doc.name}:{doc.line_of(where + ('id',))}"
        for key, child in value.items():
            found.update(_id_lines(doc, child, where + (key,)))
    elif isinstance(value, list):
        for i, child in enumerate(value):
            found.update(_id_lines(doc, child, where + (i,)))
    return found


# ---- the label catalogue ---------------------------------------------------------------


def _messages(files: DataFiles, variant: Validated[VariantFile] | None, problems: list[Problem]) -> Messages | None:
    """The catalogue of the variant's language, checked key by key against the English one."""
    english = files.messages.get(ENGLISH)
    if english is None:
        return None  # invalid, and already reported (a missing messages/en.yml is a missing required file)
    for language, catalogue in sorted(files.messages.items()):
        if language != ENGLISH:
            problems.extend(check_catalogue(english.model, catalogue.model, catalogue.doc))
    language = variant.model.language if variant else ENGLISH
    chosen = files.messages.get(language)
    problems.extend(check_used_keys(english.model, english.doc, (chosen or english).model, (chosen or english).doc))
    if chosen is None:
        if variant:  # only a variant picks a language other than English
            problems.append(variant.doc.problem(("language",), (
                f"no catalogue for {language!r}: copy data/messages/en.yml to messages/{language}.yml beside variant.yml "
                f"and translate it")))
        return None
    return Messages.of(chosen.model)


# ---- validation ---------------------------------------------------------------------------


def _validate(docs: dict[str, MergedDocument], problems: list[Problem]) -> DataFiles | None:
    """Each file against its model; None when a required file is missing or invalid (already reported)."""
    model = dimensions = roles = projects = cost_curve = None
    levels: list[Validated[LevelFile]] = []
    cells: list[Validated[CellFile]] = []
    certifications: list[Validated[CertificationFile]] = []
    messages: dict[str, Validated[MessagesFile]] = {}
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
        elif folder == "messages":
            catalogue = _validate_doc(doc, MessagesFile, problems)
            if catalogue and catalogue.model.language != Path(key).stem:
                problems.append(doc.problem(("language",), (
                    f"expected {Path(key).stem!r}, the file's name, found {catalogue.model.language!r}")))
            elif catalogue:
                messages[catalogue.model.language] = catalogue
    if model is None or dimensions is None or roles is None or projects is None:
        return None
    return DataFiles(model, dimensions, roles, projects, cost_curve, levels, cells, certifications, messages)


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
            by_field.setdefault(_clean_loc(error["loc"], doc.data), []).append(_explain(error, doc))
        _pair_misspelt_fields(by_field)
        for where, messages in by_field.items():
            problems.append(doc.problem(where, _combine(list(dict.fromkeys(messages)))))
        return None


def _pair_misspelt_fields(by_field: dict[Path_, list[str]]) -> None:
    """`chekclist:` is one mistake, not two: name the field it meant and drop "checklist is missing"."""
    missing = {where for where, messages in by_field.items() if messages == ["required field is missing"]}
    for where, messages in list(by_field.items()):
        if not (where and isinstance(where[-1], str) and messages[0].startswith("unknown field")):
            continue
        siblings = [str(m[-1]) for m in missing if m[:-1] == where[:-1]]
        meant = difflib.get_close_matches(where[-1], siblings, n=1, cutoff=0.6)
        if meant:
            by_field[where] = [f"unknown field {where[-1]!r}: did you mean {meant[0]!r}? (it is required and missing)"]
            del by_field[where[:-1] + (meant[0],)]
            missing.discard(where[:-1] + (meant[0],))


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


def _explain(error: ErrorDetails, doc: Document | None = None) -> str:
    """Pydantic's messages, rephrased as 'expected X, found Y' for people who edit YAML."""
    message = _explain_type(error)
    found = error.get("input")
    if isinstance(found, bool) and doc is not None and "found" in message:
        word = doc.word_of(_clean_loc(error["loc"], doc.data))
        if word and word.lower() not in ("true", "false"):
            # YAML 1.1 reads yes/no/on/off (any case) as true/false.
            message += f" (YAML read the unquoted {word!r} as {str(found).lower()}: put it in quotes, \"{word}\", to keep it as text)"
    elif isinstance(found, str) and "found" in message:
        message += unicode_hint(found)
    return message


def _explain_type(error: ErrorDetails) -> str:
    kind = error["type"]
    ctx = error.get("ctx") or {}
    found = error.get("input")
    shown = str(found).lower() if isinstance(found, bool) else repr(found) if isinstance(found, (str, int, float)) else type_name(found)
    if kind == "missing":
        return "required field is missing"
    if kind == "extra_forbidden":
        name = str(error["loc"][-1])
        if name[-1:] in ("+", "-"):
            return (f"unknown field {name!r}: `{name[:-1]}{name[-1]}:` edits an upstream list, and this entry "
                    f"is not in upstream; write the whole list as `{name[:-1]}:`")
        return f"unknown field {name!r} (a typo? see docs/data-format.md)" + unicode_hint(name)
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
