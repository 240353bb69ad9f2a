"""Hostile text in every data field stays text on every page.

The fields are found by walking the pydantic models (macros/model.py), not listed by hand:
every string field of every model, at any depth, gets hostile text appended wherever the
model accepts it (a field added later is covered without anyone remembering). A string
field the data never fills fails the test, so the walk cannot quietly skip it. Then the
site is built and every page is checked for markup, links, scripts or templates that came
from the data.
"""

from __future__ import annotations

import json
import shutil
import types
import typing
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

import pytest
import yaml
from bs4 import BeautifulSoup
from conftest import ROOT, mkdocs_build
from factory import make_site_project, write_data
from pydantic import BaseModel, TypeAdapter, ValidationError

from macros.loader import load_handbook
from macros.model import FILE_MODELS
from macros.problems import DataError
from macros.yamlsource import field_path

XSS = "hb_xss()"
# Appended to a field's own text (so references by text, such as a lab's competency, still match).
# Tried in order; a field gets the first one its model accepts.
HOSTILE = [
    f" <script>{XSS}</script> <img src=x onerror={XSS}> {{{{ 7*7 }}}} {{% if true %}}hb-jinja-ran{{% endif %}}"
    f" [hb-js](javascript:{XSS}) hb-pipe-start | hb-pipe-end {{: onclick={XSS} }} # *hb-em*",
    f" <script>{XSS}</script> <img src=x onerror={XSS}> {{{{ 7*7 }}}} {{% if true %}}hb-jinja-ran{{% endif %}}"
    f" [hb-link](https://example.org/hb) hb-pipe-start | hb-pipe-end {{: onclick={XSS} }} # *hb-em*",
    f" [hb-js](javascript:{XSS}) hb-pipe-start | hb-pipe-end # *hb-em* `hb-code` ' \"",  # plain text: no < > & {{ }}
    "?hb=1&x=|[hb-url]",  # addresses
]

FILE_MODEL = {"model.yml": "model", "dimensions.yml": "dimensions", "roles.yml": "roles", "projects.yml": "projects",
              "cost-curve.yml": "cost-curve", "variant.yml": "variant"}


def model_for(key: str) -> type[BaseModel]:
    rel = key.split("/", 1)[1]  # "data/roles.yml" or "variant/roles.yml"
    if rel in FILE_MODEL:
        return FILE_MODELS[FILE_MODEL[rel]]
    if rel.startswith("certifications/"):
        return FILE_MODELS["certification"]
    return FILE_MODELS["level" if rel.endswith("/level.yml") else "cell"]


@dataclass
class Leaf:
    """One string in the data that now holds hostile text."""

    file: str
    path: tuple
    original: Any  # None when the field was absent and the test added it
    model_field: str  # "Practice.why": for the coverage check


def _unwrap(tp: Any) -> tuple[Any, bool]:
    """(the type without Optional, whether None was allowed)."""
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        return (args[0] if len(args) == 1 else tp), len(args) < len(typing.get_args(tp))
    return tp, False


def _base(tp: Any) -> Any:
    while typing.get_origin(tp) is Annotated:
        tp = typing.get_args(tp)[0]
    return tp


def _accepts_text(tp: Any) -> bool:
    base = _base(tp)
    if typing.get_origin(base) in (typing.Union, types.UnionType):
        return any(_accepts_text(a) for a in typing.get_args(base))
    return base is str or typing.get_origin(base) is typing.Literal


def _field_type(info: Any) -> Any:
    """A field's type with its constraints (pydantic keeps a top-level Annotated's metadata apart)."""
    return Annotated[info.annotation, *info.metadata] if info.metadata else info.annotation


def _leaf_types(tp: Any) -> list:
    """The types of the values inside a container type (dict values, not keys), constraints kept."""
    base = _base(tp)
    args = [a for a in typing.get_args(base) if a is not Ellipsis]
    origin = typing.get_origin(base)
    if origin is dict and args:
        return _leaf_types(args[1])
    if origin in (tuple, list, typing.Union, types.UnionType) and args:
        return [t for a in args for t in _leaf_types(a)]
    return [tp]


def all_models() -> list[type[BaseModel]]:
    found: list[type[BaseModel]] = []

    def add(model: type[BaseModel]) -> None:
        if model not in found:
            found.append(model)
            for info in model.model_fields.values():
                for tp in _leaf_types(info.annotation):
                    if isinstance(_base(tp), type) and issubclass(_base(tp), BaseModel):
                        add(_base(tp))
    for model in FILE_MODELS.values():
        add(model)
    return found


def free_text_fields() -> set[str]:
    """Every "Model.field", at any depth, whose model accepts some hostile text: what the walk must cover."""
    probe = Poisoner()
    return {
        f"{model.__name__}.{name}"
        for model in all_models()
        for name, info in model.model_fields.items()
        if any(_base(t) is str and probe._hostile(t, "hb") is not None for t in _leaf_types(_field_type(info)))
    }


class Poisoner:
    def __init__(self) -> None:
        self.leaves: list[Leaf] = []
        self.adapters: dict[Any, TypeAdapter] = {}

    def _hostile(self, tp: Any, value: str) -> str | None:
        adapter = self.adapters.setdefault(tp, TypeAdapter(tp))
        for suffix in HOSTILE:
            try:
                adapter.validate_python(value + suffix)
                return value + suffix
            except ValidationError:
                continue
        return None

    def text(self, file: str, parent: Any, key: Any, tp: Any, path: tuple, label: str, added: bool) -> None:
        original = None if added else parent[key]
        poisoned = self._hostile(tp, "hb" if added else original)
        if poisoned is None:
            if added:
                del parent[key]
            return
        parent[key] = poisoned
        self.leaves.append(Leaf(file, path, original, label))

    def walk(self, file: str, node: dict, model: type[BaseModel], path: tuple = ()) -> None:
        for name, info in model.model_fields.items():
            key = info.alias or name
            tp = _field_type(info)
            inner, optional = _unwrap(_base(info.annotation))
            inner = Annotated[inner, *info.metadata] if info.metadata else inner
            label = f"{model.__name__}.{name}"
            if key not in node or node[key] is None:
                if _accepts_text(tp) and not info.is_required():
                    node[key] = None
                    self.text(file, node, key, tp, path + (key,), label, added=True)
                continue
            self.value(file, node, key, inner, path + (key,), label)

    def value(self, file: str, parent: Any, key: Any, tp: Any, path: tuple, label: str) -> None:
        value = parent[key]
        base = _base(tp)
        origin = typing.get_origin(base)
        if isinstance(base, type) and issubclass(base, BaseModel) and isinstance(value, dict):
            self.walk(file, value, base, path)
        elif origin in (tuple, list) and isinstance(value, list):
            element = typing.get_args(base)[0]
            for i in range(len(value)):
                self.value(file, value, i, element, path + (i,), label)
        elif origin is dict and isinstance(value, dict):
            element = typing.get_args(base)[1]
            for k in list(value):
                self.value(file, value, k, element, path + (k,), label)
        elif origin in (typing.Union, types.UnionType):
            for option in typing.get_args(base):
                if isinstance(_base(option), type) and issubclass(_base(option), BaseModel) and isinstance(value, dict):
                    self.walk(file, value, _base(option), path)
                    return
            if isinstance(value, str):
                self.text(file, parent, key, tp, path, label, added=False)
        elif isinstance(value, str) and _accepts_text(tp):
            self.text(file, parent, key, tp, path, label, added=False)


def _at(data: Any, path: tuple) -> tuple[Any, Any]:
    for part in path[:-1]:
        data = data[part]
    return data, path[-1]


def poison(files: dict[str, Any]) -> Poisoner:
    """Hostile text in every field that accepts it; fields the cross-file checks then refuse get their text back."""
    poisoner = Poisoner()
    for rel, data in files.items():
        poisoner.walk(rel, data, model_for(rel))
    return poisoner


def _load(project: Path, variant: Path) -> list:
    try:
        load_handbook(project / "data", variant)
        return []
    except DataError as exc:
        return exc.problems


def _revert(files: dict[str, Any], poisoner: Poisoner, problems: list) -> None:
    for leaf in list(poisoner.leaves):
        data = files[leaf.file]
        where = field_path(leaf.path, data)
        if any(p.file.endswith(leaf.file) and (p.field == where or p.field.startswith(where + ".")) for p in problems):
            parent, key = _at(data, leaf.path)
            if leaf.original is None:
                del parent[key]
            else:
                parent[key] = leaf.original
            poisoner.leaves.remove(leaf)


def _read(folder: Path) -> dict[str, Any]:
    return {p.relative_to(folder).as_posix(): yaml.safe_load(p.read_text(encoding="utf-8"))
            for p in sorted(folder.rglob("*.yml"))}


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("hostile-everywhere")
    data = _read(ROOT / "data")
    role = data["roles.yml"]["roles"][0]
    variant = {"variant.yml": {"name": "Org", "prefix": "org", "revision": "r1", "based_on": {"data_version": "0.1.0"},
                               "site": {"name": "Org handbook", "footer_note": "Ours"}},
               "roles.yml": {"roles": [{"id": role["id"], "who": role["who"] + " Changed here.",
                                        "absent_levels": {data["model.yml"]["levels"][0]: "Not needed yet."}}]}}
    files = {**{f"data/{k}": v for k, v in data.items()}, **{f"variant/{k}": v for k, v in variant.items()}}
    poisoner = poison(files)

    def part(prefix: str) -> dict[str, Any]:
        return {k.removeprefix(prefix): v for k, v in files.items() if k.startswith(prefix)}
    project = make_site_project(tmp / "project", part("data/"))
    variant_dir = tmp / "variant"
    for _ in range(5):  # each round gives back the text of the fields a cross-file check refused
        shutil.rmtree(project / "data")
        write_data(project / "data", part("data/"))
        write_data(variant_dir, part("variant/"))
        problems = _load(project, variant_dir)
        if not problems:
            break
        _revert(files, poisoner, problems)
    assert not problems, [str(p) for p in problems]
    result = mkdocs_build(project, tmp / "site", HANDBOOK_VARIANT=str(variant_dir))
    assert result.returncode == 0, result.stderr[-3000:]
    return tmp / "site", poisoner


@pytest.mark.slow
def test_every_string_field_of_every_model_got_hostile_text(hostile):
    _, poisoner = hostile
    poisoned = {leaf.model_field for leaf in poisoner.leaves}
    missing = free_text_fields() - poisoned
    assert missing == set(), "text fields the test data never fills (add them to the data or the test's variant)"
    assert len(poisoner.leaves) > 1000


@pytest.mark.slow
def test_hostile_text_stays_text_on_every_page(hostile):
    site, _ = hostile
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 80
    for page in pages:
        html = page.read_text(encoding="utf-8")
        doc = BeautifulSoup(html, "html.parser")
        for element in doc.find_all(True):
            for name, value in element.attrs.items():
                value = " ".join(value) if isinstance(value, list) else value
                assert not (name.startswith("on") and "hb_" in value), (page, str(element)[:200])
                assert not value.strip().lower().startswith("javascript:"), (page, str(element)[:200])
            if element.name == "script" and element.get("type") != "application/json":
                assert XSS not in (element.string or ""), (page, str(element)[:200])
            if element.name == "script" and element.get("type") == "application/json":
                json.loads(element.string)  # the data island is whole
            assert element.name != "img" or element.get("src") != "x", page
        for svg in doc.find_all("svg"):
            svg.decompose()  # charts cut long titles short on purpose; their markup was checked above
        text = doc.get_text()
        assert text.count("hb-jinja-ran") == text.count("{% if true %}hb-jinja-ran{% endif %}"), page  # shown, not run
        split = [text[i - 80:i + 40] for i in _find_all(text, "hb-pipe-start") if not text.startswith("hb-pipe-start | hb-pipe-end", i)]
        assert split == [], page  # a pipe from the data never splits a table cell
    home = (site / "index.html").read_text(encoding="utf-8")
    assert "{% if true %}hb-jinja-ran{% endif %}" in BeautifulSoup(home, "html.parser").get_text()


def _find_all(text: str, needle: str) -> list[int]:
    found, at = [], text.find(needle)
    while at >= 0:
        found.append(at)
        at = text.find(needle, at + 1)
    return found
