"""The engine's labels in the handbook's language, and the checks that keep a catalogue complete.

``data/messages/en.yml`` is the reference: it lists every key the engine uses. A variant that
sets ``language: de`` brings ``messages/de.yml`` with the same keys and the same placeholders;
``handbook validate`` names every key that is missing, unknown or has other placeholders, so no
label is ever shown blank or half-filled.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Protocol

from macros.model import MessagesFile, placeholders
from macros.problems import Problem
from macros.yamlsource import Path_

ENGLISH = "en"


@dataclass(frozen=True)
class Messages:
    """One language's catalogue: key -> text with named placeholders ("Level {number}: {name}")."""

    language: str
    texts: Mapping[str, str]

    @classmethod
    def of(cls, file: MessagesFile) -> Messages:
        return cls(file.language, MappingProxyType(dict(file.messages)))

    def __getitem__(self, key: str) -> str:
        """The template itself, for the escaping helpers (``markdown.message``) to fill."""
        return self.texts[key]

    def __call__(self, key: str, **args: object) -> str:
        """Plain text with its placeholders filled: page titles, nav entries, CSV headers, print headers."""
        return self.texts[key].format(**args)

    def count(self, key: str, count: int, **args: object) -> str:
        """A text with a count: ``key.one`` for 1, ``key.other`` otherwise (English and German have
        these two forms), as the page's ``HA.tn`` (dom.js): "3 practices"."""
        return self(f"{key}.{'one' if count == 1 else 'other'}", count=count, **args)


class _Doc(Protocol):
    def problem(self, where: Path_, message: str) -> Problem: ...


def check_catalogue(english: MessagesFile, chosen: MessagesFile, doc: _Doc) -> list[Problem]:
    """Problems of a translated catalogue against the English one: missing and unknown keys, placeholders."""
    problems = []
    for key, text in english.messages.items():
        if key not in chosen.messages:
            problems.append(doc.problem(("messages",), f"missing message {key!r} (English: {text!r})"))
    for key, text in chosen.messages.items():
        if key not in english.messages:
            problems.append(doc.problem(("messages", key), f"unknown message {key!r}: data/messages/en.yml has no such key"))
            continue
        wanted, found = placeholders(english.messages[key]), placeholders(text)
        for name in sorted(found - wanted):
            problems.append(doc.problem(("messages", key), (
                f"placeholder {{{name}}} is not in the English message {english.messages[key]!r}")))
        for name in sorted(wanted - found):
            problems.append(doc.problem(("messages", key), (
                f"lacks the placeholder {{{name}}} of the English message {english.messages[key]!r}")))
    return problems
