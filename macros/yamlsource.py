"""Read one YAML file into plain values plus the line of every field.

This is the only module that parses YAML. It keeps ``yaml.safe_load`` semantics (no Python
tags, no code), and adds what safe_load lacks for hand-edited data: duplicate keys are an
error instead of silently keeping the last one, every value remembers its line, and hostile
input (huge files, alias bombs, bad encodings) fails fast with a clear message.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from macros.problems import Problem, display_path

MAX_FILE_BYTES = 2 * 1024 * 1024  # the largest upstream file is ~100 KB
MAX_NODES = 200_000  # values built per file; an alias bomb hits this in milliseconds

Path_ = tuple[str | int, ...]

_SAFE_SCALAR_TAGS = {
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:str",
}
_STR = "tag:yaml.org,2002:str"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
# libyaml composes ~20x faster than the pure-Python reader, with the same nodes and marks.
_COMPOSER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass
class YamlDocument:
    """A parsed file: its values, and the line (1-based) of each field path."""

    path: Path
    data: Any
    lines: dict[Path_, int] = field(default_factory=dict)
    # Unquoted YAML 1.1 booleans as written ("no", "On"): a message can say why text became false.
    words: dict[Path_, str] = field(default_factory=dict)

    @property
    def name(self) -> str:
        return display_path(self.path)

    def line_of(self, where: Path_) -> int:
        """Line of a field, or of its closest parent that exists (a missing field's parent)."""
        where = tuple(where)
        while where and where not in self.lines:
            where = where[:-1]
        return self.lines.get(where, 1)

    def locate(self, where: Path_) -> tuple[str, int]:
        """The file and line that hold a field (merged documents answer from several files)."""
        return self.name, self.line_of(where)

    def word_of(self, where: Path_) -> str | None:
        """How a true/false value was written, when it was not written true or false."""
        return self.words.get(tuple(where))

    def problem(self, where: Path_, message: str) -> Problem:
        name, line = self.locate(where)
        return Problem(name, line, field_path(where, self.data), message)


def field_path(where: Path_, data: Any = None) -> str:
    """``practices[l3-pol-x].steps[2]``: list items are named by their id when they have one."""
    out = ""
    node = data
    for part in where:
        if isinstance(part, int):
            label = str(part)
            if isinstance(node, list) and 0 <= part < len(node):
                item = node[part]
                if isinstance(item, dict) and isinstance(item.get("id"), str):
                    label = item["id"]
                node = item
            else:
                node = None
            out += f"[{label}]"
        else:
            out += f".{part}" if out else str(part)
            node = node.get(part) if isinstance(node, dict) else None
    return out


class _Builder:
    """Turns a composed node tree into values, recording lines and problems."""

    def __init__(self, doc: YamlDocument, problems: list[Problem]):
        self.doc = doc
        self.problems = problems
        self.budget = MAX_NODES
        self.constructor = yaml.SafeLoader("")

    def fail(self, where: Path_, line: int, message: str) -> None:
        self.problems.append(Problem(self.doc.name, line, field_path(where), message))

    def build(self, node: Node, where: Path_) -> Any:
        self.budget -= 1
        if self.budget < 0:
            raise _TooBig()
        line = node.start_mark.line + 1
        self.doc.lines.setdefault(where, line)
        if isinstance(node, ScalarNode):
            return self.scalar(node, where, line)
        if isinstance(node, SequenceNode):
            if node.tag != "tag:yaml.org,2002:seq":
                self.fail(where, line, f"unsupported YAML tag {node.tag!r}; plain lists only")
                return None
            return [self.build(child, where + (i,)) for i, child in enumerate(node.value)]
        if isinstance(node, MappingNode):
            return self.mapping(node, where, line)
        self.fail(where, line, "unsupported YAML node")
        return None

    def scalar(self, node: ScalarNode, where: Path_, line: int) -> Any:
        if node.tag == _TIMESTAMP or node.tag == _STR:
            return node.value  # text as written (what the constructor would return); dates stay text too
        if node.tag not in _SAFE_SCALAR_TAGS:
            self.fail(where, line, f"unsupported YAML tag {node.tag!r}; plain values only")
            return None
        if node.tag == "tag:yaml.org,2002:bool":
            self.doc.words[where] = node.value
        return self.constructor.construct_object(node, deep=True)

    def mapping(self, node: MappingNode, where: Path_, line: int) -> Any:
        if node.tag != "tag:yaml.org,2002:map":
            self.fail(where, line, f"unsupported YAML tag {node.tag!r}; plain mappings only")
            return None
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key_line = key_node.start_mark.line + 1
            if key_node.tag == "tag:yaml.org,2002:merge":
                self.fail(where, key_line, "YAML merge keys (<<) are not supported; write the fields out")
                continue
            if not isinstance(key_node, ScalarNode):
                self.fail(where, key_line, "a key must be plain text")
                continue
            key = str(key_node.value)
            if key in result:
                first = self.doc.lines.get(where + (key,), "?")
                self.fail(where + (key,), key_line, f"duplicate key {key!r} (first defined on line {first})")
                continue
            self.doc.lines[where + (key,)] = key_line
            result[key] = self.build(value_node, where + (key,))
        return result


class _TooBig(Exception):
    pass


def read_yaml(path: Path, problems: list[Problem]) -> YamlDocument | None:
    """Parse ``path``; on failure append problems and return None."""
    doc = YamlDocument(path=path, data=None)
    name = doc.name
    try:
        size = path.stat().st_size
    except OSError as exc:
        problems.append(Problem(name, 1, "", f"cannot read the file: {exc.strerror}"))
        return None
    if size > MAX_FILE_BYTES:
        problems.append(Problem(name, 1, "", f"file is {size:,} bytes; the limit is {MAX_FILE_BYTES:,} bytes"))
        return None
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        problems.append(Problem(name, line, "", f"not valid UTF-8 (byte 0x{raw[exc.start]:02x}); save the file as UTF-8"))
        return None
    try:
        root = yaml.compose(text, Loader=_COMPOSER)
    except yaml.MarkedYAMLError as exc:
        lines = text.splitlines()
        mark = exc.problem_mark or exc.context_mark
        if mark and exc.context_mark and mark.line >= len(lines):
            mark = exc.context_mark  # an error at the end of the file: point at what was left open
        line = mark.line + 1 if mark else 1
        what = exc.problem or "invalid YAML"
        if 0 < line <= len(lines) and "\t" in lines[line - 1][: (mark.column if mark else 0) + 1]:
            what = "a tab character; indent YAML with spaces"
        problems.append(Problem(name, line, "", f"YAML syntax error: {what}"))
        return None
    except yaml.YAMLError as exc:
        problems.append(Problem(name, 1, "", f"YAML error: {exc}"))
        return None
    if root is None:
        problems.append(Problem(name, 1, "", "file is empty (or holds only comments); expected a mapping of fields"))
        return None
    hidden = _suspicious_characters(text, name)
    if hidden:
        problems.extend(hidden)
        return None
    found: list[Problem] = []
    try:
        doc.data = _Builder(doc, found).build(root, ())
    except _TooBig:
        problems.append(Problem(name, 1, "", f"file expands to more than {MAX_NODES:,} values (YAML aliases?); refusing to read it"))
        return None
    except RecursionError:
        problems.append(Problem(name, 1, "", "file is nested too deeply (recursive YAML aliases?)"))
        return None
    if found:
        problems.extend(found)
        return None
    if not isinstance(doc.data, dict):
        problems.append(Problem(name, doc.line_of(()), "", f"expected a mapping of fields at the top of the file, found {type_name(doc.data)}"))
        return None
    return doc


# Characters that show as nothing, or reorder text, yet make "ops" and "o\u200bps" different ids.
_INVISIBLE = re.compile("[\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")
# A word mixing Latin letters with Cyrillic or Greek ones is a lookalike ("Кubernetes"), not a language.
_WORD = re.compile(r"[^\W\d_]+")
_LATIN = re.compile("[A-Za-z]")
_LOOKALIKE = re.compile("[\u0370-\u03ff\u0400-\u04ff]")


def _char_name(char: str) -> str:
    return f"U+{ord(char):04X} {unicodedata.name(char, 'UNNAMED CHARACTER')}"


def _suspicious_characters(text: str, name: str) -> list[Problem]:
    """Invisible characters anywhere, and Cyrillic or Greek letters inside Latin words, with line and column."""
    # Almost every file has neither: one scan of the whole text each spares the line-by-line walk
    # (a fifth of loading the data).
    if not _INVISIBLE.search(text) and not _LOOKALIKE.search(text):
        return []
    found = []
    for number, line in enumerate(text.splitlines(), 1):
        for match in _INVISIBLE.finditer(line):
            if number == 1 and match.start() == 0 and match.group() == "\ufeff":
                continue  # a byte order mark at the start of the file is harmless
            found.append(Problem(name, number, "", f"invisible character {_char_name(match.group())} at column "
                                 f"{match.start() + 1}; delete it (it makes text that looks the same compare different)"))
        for word in _WORD.finditer(line):
            if _LATIN.search(word.group()) and (odd := _LOOKALIKE.search(word.group())):
                found.append(Problem(name, number, "", f"lookalike character {_char_name(odd.group())} in {word.group()!r} "
                                     f"at column {word.start() + odd.start() + 1}; type the Latin letter instead"))
    return found


def unicode_hint(value: str) -> str:
    """Name non-ASCII characters in a value that had to be plain ASCII (ids, field names)."""
    odd = [(i, c) for i, c in enumerate(value) if ord(c) > 127][:3]
    if not odd:
        return ""
    named = ", ".join(f"{_char_name(c)} at position {i + 1}" for i, c in odd)
    return f" (it holds {named}: retype it with plain keyboard characters)"


def type_name(value: Any) -> str:
    return {
        dict: "a mapping",
        list: "a list",
        str: "text",
        bool: "true/false",
        int: "a number",
        float: "a number",
        type(None): "nothing (null)",
    }.get(type(value), type(value).__name__)
