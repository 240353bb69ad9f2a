"""Organisation variants: overlay a directory of data files on the upstream data, by id.

Rules (the fork contract: CONTRIBUTING.md and docs/variants.md):
- mappings merge key by key; lists of entities (items with an `id`) merge by id;
  scalars and plain lists replace;
- a plain list can be extended or trimmed without restating it: ``contributors+: [x]`` appends
  what upstream lacks, ``contributors-: [y]`` drops values upstream has (trimming a value that is
  not there is an error: upstream changed the list, and the author should look);
- an entity the variant adds must have an id starting with "<prefix>-";
- an overlay entry whose id does not exist upstream, and lacks the prefix, is an error: upstream
  probably renamed or removed it, and silently dropping the organisation's change would be worse;
- ids under `remove:` disappear; references left to them fail validation like any dangling id.

Every merged value remembers which file and line it came from, so errors point at the
upstream file or the variant file, whichever holds the offending text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from macros.problems import Problem
from macros.yamlsource import Path_, YamlDocument, field_path, type_name


@dataclass
class Loc:
    """Where a value and its children came from."""

    doc: YamlDocument
    path: Path_
    children: Any = None  # as the value: a dict for a mapping, a list for a list, None for a scalar


def loc_tree(doc: YamlDocument, path: Path_, value: Any) -> Loc:
    if isinstance(value, dict):
        return Loc(doc, path, {k: loc_tree(doc, path + (k,), v) for k, v in value.items()})
    if isinstance(value, list):
        return Loc(doc, path, [loc_tree(doc, path + (i,), v) for i, v in enumerate(value)])
    return Loc(doc, path)


class MergedDocument:
    """A data file after the overlay: the same interface as YamlDocument, with mixed origins."""

    def __init__(self, path: Path, data: Any, loc: Loc):
        self.path = path
        self.data = data
        self.loc = loc

    @property
    def name(self) -> str:
        return self.loc.doc.name

    def _find(self, where: Path_) -> tuple[Loc, tuple]:
        """The deepest origin known for a field, and the part of the path below it."""
        loc = self.loc
        for i, part in enumerate(where):
            children = loc.children
            if isinstance(children, dict) and part in children:
                loc = children[part]
            elif isinstance(children, list) and isinstance(part, int) and 0 <= part < len(children):
                loc = children[part]
            else:
                return loc, tuple(where[i:])
        return loc, ()

    def locate(self, where: Path_) -> tuple[str, int]:
        loc, rest = self._find(where)
        return loc.doc.name, loc.doc.line_of(loc.path + rest)

    def line_of(self, where: Path_) -> int:
        return self.locate(where)[1]

    def word_of(self, where: Path_) -> str | None:
        loc, rest = self._find(where)
        return loc.doc.word_of(loc.path + rest)

    def problem(self, where: Path_, message: str) -> Problem:
        name, line = self.locate(where)
        return Problem(name, line, field_path(where, self.data), message)


def _is_entity(value: Any) -> bool:
    return isinstance(value, dict) and isinstance(value.get("id"), str)


class Merger:
    def __init__(self, prefix: str, problems: list[Problem]):
        self.prefix = prefix
        self.problems = problems
        self.added: list[tuple[str, Loc]] = []

    def merge(self, base: Any, base_loc: Loc, over: Any, over_loc: Loc) -> tuple[Any, Loc]:
        if isinstance(base, dict) and isinstance(over, dict):
            out, children = dict(base), dict(base_loc.children)
            for key, value in over.items():
                if isinstance(key, str) and key[-1:] in ("+", "-"):
                    self._list_edit(out, children, key, value, over_loc)
                elif key in base:
                    out[key], children[key] = self.merge(base[key], base_loc.children[key], value, over_loc.children[key])
                else:
                    out[key], children[key] = value, over_loc.children[key]
            return out, Loc(base_loc.doc, base_loc.path, children)
        if isinstance(base, list) and isinstance(over, list) and all(_is_entity(b) for b in base) and (base or all(_is_entity(o) for o in over)):
            return self._merge_entities(base, base_loc, over, over_loc)
        return over, over_loc  # scalars and plain lists replace

    def _list_edit(self, out: dict, children: dict, key: str, value: Any, over_loc: Loc) -> None:
        """``name+: [...]`` appends to upstream's plain list ``name``; ``name-: [...]`` trims it."""
        name, op = key[:-1], key[-1]
        loc = over_loc.children[key]
        doc, path = loc.doc, loc.path
        upstream = out.get(name)
        if upstream is None:  # upstream leaves the optional list out: it is empty
            upstream, out[name], children[name] = [], [], Loc(doc, path, [])
        if name in over_loc.children:
            self.problems.append(doc.problem(path, f"give either `{name}:` (replaces the list) or `{name}+:`/`{name}-:` (edits it), not both"))
            return
        if not isinstance(upstream, list) or any(_is_entity(v) for v in upstream):
            hint = "; entries with ids merge by id under the field itself, and `remove:` drops them" if isinstance(upstream, list) else ""
            self.problems.append(doc.problem(path, f"`{key}` edits an upstream list, but `{name}` is not a plain list upstream{hint}"))
            return
        if not isinstance(value, list):
            self.problems.append(doc.problem(path, f"expected a list of values to {'add' if op == '+' else 'remove'}, found {type_name(value)}"))
            return
        base_children = list(children[name].children or [])
        if op == "+":
            new = [(v, loc.children[i]) for i, v in enumerate(value) if v not in upstream]
            out[name] = upstream + [v for v, _ in new]
            children[name] = Loc(children[name].doc, children[name].path, base_children + [c for _, c in new])
            return
        for i, v in enumerate(value):
            if v not in upstream:
                self.problems.append(doc.problem(path + (i,), f"cannot remove {v!r}: upstream's `{name}` does not hold it "
                                                 f"(it holds {', '.join(map(str, upstream)) or 'nothing'}); upstream may have dropped it already"))
        keep = [i for i, v in enumerate(upstream) if v not in value]
        out[name] = [upstream[i] for i in keep]
        children[name] = Loc(children[name].doc, children[name].path, [base_children[i] for i in keep])

    def _merge_entities(self, base: list, base_loc: Loc, over: list, over_loc: Loc) -> tuple[list, Loc]:
        out, children = list(base), list(base_loc.children)
        index = {item["id"]: i for i, item in enumerate(base)}
        for j, item in enumerate(over):
            loc = over_loc.children[j]
            if not _is_entity(item):
                self.problems.append(loc.doc.problem(loc.path, "each entry of this list needs an `id`, so it can be merged with upstream by id"))
                continue
            ident = item["id"]
            if ident in index:
                i = index[ident]
                out[i], children[i] = self.merge(base[i], base_loc.children[i], item, loc)
            elif ident.startswith(self.prefix + "-"):
                out.append(item)
                children.append(loc)
                self.added.append((ident, loc))
            else:
                self.problems.append(loc.doc.problem(loc.path + ("id",), (
                    f"no upstream entry with id {ident!r} to change: upstream may have renamed or removed it "
                    f"(compare with the upstream data or `handbook diff`) - update or delete this entry; "
                    f"an entry the variant adds needs an id starting with '{self.prefix}-'")))
        return out, Loc(base_loc.doc, base_loc.path, children)


def merge_file(base: YamlDocument | None, over: YamlDocument, merger: Merger) -> MergedDocument:
    over_loc = loc_tree(over, (), over.data)
    if base is None:
        return MergedDocument(over.path, over.data, over_loc)
    data, loc = merger.merge(base.data, loc_tree(base, (), base.data), over.data, over_loc)
    return MergedDocument(base.path, data, loc)


def as_merged(doc: YamlDocument, *, origins: bool = True) -> MergedDocument:
    """A file as the overlay's input. ``origins=False`` (no variant: nothing will be merged or removed)
    skips the tree of origins: the file's own line marks then answer for every field."""
    return MergedDocument(doc.path, doc.data, loc_tree(doc, (), doc.data) if origins else Loc(doc, ()))


# Where each `remove:` entry is (id -> its place), and the lists removals shortened (place -> ids).
Removals = tuple[dict[str, Problem], dict[tuple[str, int, str], list[str]]]


def remove_ids(docs: dict[str, MergedDocument], ids: set[str]) -> tuple[set[str], dict[tuple, list[str]]]:
    """Drop every entity with one of these ids, in place.

    Returns the ids that were found, and for each list that lost entries its place as a problem
    would name it (file, line, field) with the ids it lost: a list left too short is then
    reported under the removal that caused it (``group_removals``).
    """
    found: set[str] = set()
    shrunk: dict[tuple, list[str]] = {}

    def walk(doc: MergedDocument, value: Any, loc: Loc, where: Path_) -> None:
        if isinstance(value, dict):
            for key, child in value.items():
                walk(doc, child, loc.children[key], where + (key,))
        elif isinstance(value, list):
            gone = [item["id"] for item in value if _is_entity(item) and item["id"] in ids]
            keep = [i for i, item in enumerate(value) if not (_is_entity(item) and item["id"] in ids)]
            value[:] = [value[i] for i in keep]
            loc.children[:] = [loc.children[i] for i in keep]
            if gone:
                found.update(gone)
                place = doc.problem(where, "")
                shrunk[(place.file, place.line, place.field)] = gone
            for i, (child, child_loc) in enumerate(zip(value, loc.children)):
                walk(doc, child, child_loc, where + (i,))

    for doc in docs.values():
        walk(doc, doc.data, doc.loc, ())
    return found, shrunk


def group_removals(problems: list[Problem], removed: dict[str, Problem], shrunk: dict[tuple, list[str]]) -> list[Problem]:
    """Problems a `remove:` entry caused, reported once under that entry instead of file by file.

    ``removed`` maps each removed id to the place of its `remove:` entry. A problem belongs to a
    removal when it names the removed id (a reference left dangling) or sits on a list the
    removal shortened (a checklist left with one item).
    """
    caused: dict[str, list[Problem]] = {}
    rest = []
    for problem in problems:
        owner = next((ident for ident in shrunk.get((problem.file, problem.line, problem.field), [])), None)
        if owner is None:
            owner = next((ident for ident in re.findall(r"'([a-z0-9-]+)'", problem.message) if ident in removed), None)
        if owner is None:
            rest.append(problem)
        else:
            caused.setdefault(owner, []).append(problem)
    for ident, found in caused.items():
        kinds: dict[str, int] = {}
        for p in found:
            kind = re.sub(r"\[[^\]]*\]$", "", p.field).rsplit(".", 1)[-1] or "entry"
            kinds[kind] = kinds.get(kind, 0) + 1
        summary = ", ".join(f"{n} {_CONSEQUENCE.get(kind, 'in ' + kind)}" for kind, n in sorted(kinds.items(), key=lambda kv: -kv[1]))
        shown = [f"    {p.file}:{p.line}: {p.field}: {p.message.split('; expected one of')[0]}"
                 for p in sorted(found)[:SHOWN_CONSEQUENCES]]
        if len(found) > SHOWN_CONSEQUENCES:
            shown.append(f"    ... and {len(found) - SHOWN_CONSEQUENCES} more")
        entry = removed[ident]
        rest.append(Problem(entry.file, entry.line, entry.field, (
            f"removing {ident!r} leaves {len(found)} problem{'s' if len(found) != 1 else ''} behind ({summary}); "
            "keep it, or overlay each of these places too:\n" + "\n".join(shown))))
    return rest


SHOWN_CONSEQUENCES = 8
# What a dangling reference in each field means, in the author's words.
_CONSEQUENCE = {
    "owners": "practice owner(s) gone", "contributors": "practice contributor(s) gone",
    "roles": "checklist item role(s) gone", "leads": "move lead(s) gone", "practices": "move practice(s) gone",
    "requires": "practice requirement(s) gone", "checklist": "checklist(s) left with fewer than two items",
    "role": "team plan role(s) gone", "recommended_roles": "certification role(s) gone",
}


# ---- the variant's logo -----------------------------------------------------------------

MAX_LOGO_BYTES = 1024 * 1024
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
SVG_NS = "{http://www.w3.org/2000/svg}"


def logo_problem(directory: Path, name: str) -> str | None:
    """Why this logo may not be published, or None.

    The logo is copied into the site as it is: a symlink could publish any file on the build
    machine, and an SVG can carry script that runs on every page that links it.
    """
    path = directory / name
    if not path.exists() and not path.is_symlink():
        return f"logo file {name!r} not found beside variant.yml"
    resolved = path.resolve()
    if directory.resolve() not in resolved.parents:
        return f"logo {name!r} is a symlink leading out of the variant directory (to {resolved}); copy the image in instead"
    if not resolved.is_file():
        return f"logo {name!r} is not a file"
    raw = resolved.read_bytes()
    if len(raw) > MAX_LOGO_BYTES:
        return f"logo {name!r} is {len(raw):,} bytes; the limit is {MAX_LOGO_BYTES:,} bytes"
    if name.endswith(".png"):
        return None if raw.startswith(PNG_MAGIC) else f"logo {name!r} is not a PNG image (its first bytes are not the PNG signature)"
    return _svg_problem(name, raw)


def _svg_problem(name: str, raw: bytes) -> str | None:
    import xml.etree.ElementTree as ET

    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return f"logo {name!r} is not an SVG image (not UTF-8 text)"
    if re.search(r"<!(DOCTYPE|ENTITY)", text, re.I):
        return f"logo {name!r}: an SVG with a DOCTYPE or entities is refused (entities can pull in other files); remove it"
    try:
        root = ET.fromstring(text)
    except ET.ParseError as exc:
        return f"logo {name!r} is not an SVG image (XML error: {exc})"
    if root.tag != f"{SVG_NS}svg":
        return f"logo {name!r} is not an SVG image (the root element is {root.tag!r}, expected svg in the SVG namespace)"
    for element in root.iter():
        tag = element.tag.rsplit("}", 1)[-1]
        if tag in ("script", "foreignObject"):
            return f"logo {name!r}: an SVG with a <{tag}> element is refused (it can run code in every page)"
        for attribute, value in element.attrib.items():
            local = attribute.rsplit("}", 1)[-1]
            if local.lower().startswith("on"):
                return f"logo {name!r}: the event handler attribute {local}= on <{tag}> is refused (it runs code)"
            if local == "href" and not value.strip().startswith("#"):
                return f"logo {name!r}: <{tag}> refers to {value!r}; only references inside the file (#id) are allowed"
        styles = " ".join([element.get("style", "")] + ([element.text or ""] if tag == "style" else []))
        if re.search(r"@import|url\(\s*['\"]?\s*(?!#)", styles, re.I):
            return f"logo {name!r}: a style on <{tag}> loads another file (url() or @import); only url(#id) is allowed"
    return None


def variant_revision(directory: Path, declared: str | None) -> str | None:
    """variant.yml's revision; else, when the variant directory is itself a Git checkout, `git describe`."""
    if declared:
        return declared
    import subprocess

    def git(*args: str) -> str | None:
        try:
            done = subprocess.run(["git", "-C", str(directory), *args], capture_output=True, text=True, timeout=10)
        except (OSError, subprocess.SubprocessError):
            return None
        return done.stdout.strip() if done.returncode == 0 else None

    top = git("rev-parse", "--show-toplevel")
    if not top or Path(top).resolve() != directory.resolve():
        return None  # a folder inside another repository (e.g. examples/acme) has no revision of its own
    described = git("describe", "--tags", "--always", "--dirty")
    # Tag names may hold < > & and quotes; the revision is shown in the footer, so keep it plain.
    return re.sub(r"[^A-Za-z0-9._+/-]", "_", described) if described else None
