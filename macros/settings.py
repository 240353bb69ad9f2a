"""The handbook's settings: ``extra.handbook`` in mkdocs.yml, with the environment over the file.

One typed model, read once, shared by the mkdocs hook (and the macros) and the ``handbook``
command, so a fork that sets ``data_dir`` in mkdocs.yml gets the same data directory from
``mkdocs build``, ``mkdocs serve`` and ``handbook validate``.

    setting     environment          default
    data_dir    HANDBOOK_DATA_DIR    data      (relative to mkdocs.yml; from the environment: to the working directory)
    variant     HANDBOOK_VARIANT     none      (same)
    pdf         HANDBOOK_PDF         false     (1/true/yes/on or 0/false/no/off)
    chromium    HANDBOOK_CHROMIUM    Debian's chromium on PATH

An unknown key under ``extra.handbook`` is a typo (``varient:``) and stops with a message.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, StrictBool, ValidationError

ENVIRONMENT = {"data_dir": "HANDBOOK_DATA_DIR", "variant": "HANDBOOK_VARIANT", "pdf": "HANDBOOK_PDF",
               "chromium": "HANDBOOK_CHROMIUM"}
_TRUE, _FALSE = ("1", "true", "yes", "on"), ("0", "false", "no", "off", "")


class SettingsError(Exception):
    """A setting that cannot be used; the message names the file, line and key."""


class Settings(BaseModel):
    """Resolved settings: paths are absolute once loaded."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    data_dir: Path = Path("data")
    variant: Path | None = None
    pdf: StrictBool = False
    chromium: str | None = None

    def chromium_executable(self) -> str | None:
        """The browser the PDFs are printed with."""
        return self.chromium or shutil.which("chromium") or shutil.which("chromium-browser")

    def watched(self) -> list[str]:
        """Folders `mkdocs serve` should watch besides docs/: the data and the variant."""
        return [str(p) for p in (self.data_dir, self.variant) if p is not None and p.is_dir()]


def load_settings(section: Any, config_file: Path, environ: Mapping[str, str] | None = None) -> Settings:
    """``extra.handbook`` of ``config_file`` (already parsed) plus the environment, checked."""
    environ = os.environ if environ is None else environ
    config_file = Path(config_file)
    root = config_file.parent
    where = _display(config_file)
    if section is None:
        section = {}
    if not isinstance(section, dict):
        raise SettingsError(f"{where}:{_line_of(config_file, 'handbook')}: extra.handbook: expected a mapping of settings")
    values: dict[str, Any] = {}
    for key, value in section.items():
        if key not in Settings.model_fields:
            raise SettingsError(f"{where}:{_line_of(config_file, key)}: extra.handbook.{key}: unknown setting; "
                                f"expected one of {', '.join(Settings.model_fields)}")
        if key in ("data_dir", "variant") and value is not None:
            value = (root / str(value)).resolve()
        values[key] = value
    for key, name in ENVIRONMENT.items():
        raw = environ.get(name)
        if raw is None or (raw == "" and key != "pdf"):
            continue
        if key == "pdf":
            if raw.strip().lower() not in _TRUE + _FALSE:
                raise SettingsError(f"environment: {name}={raw!r}: expected 1 or 0 (or true/false, yes/no, on/off)")
            values[key] = raw.strip().lower() in _TRUE
        elif key in ("data_dir", "variant"):
            values[key] = Path(raw).resolve()
        else:
            values[key] = raw
    values.setdefault("data_dir", (root / "data").resolve())
    try:
        return Settings(**values)
    except ValidationError as exc:
        error = exc.errors(include_url=False)[0]
        key = str(error["loc"][0])
        wanted = {"bool_type": "expected true or false", "path_type": "expected a folder path",
                  "string_type": "expected text"}.get(error["type"], error["msg"])
        raise SettingsError(f"{where}:{_line_of(config_file, key)}: extra.handbook.{key}: {wanted}, "
                            f"found {error.get('input')!r}") from None


def settings_from_file(config_file: Path = Path("mkdocs.yml"), environ: Mapping[str, str] | None = None) -> Settings:
    """For the ``handbook`` command: the settings mkdocs would use, without loading mkdocs."""
    section = None
    if config_file.is_file():
        section = _extra_handbook(config_file)
    return load_settings(section, config_file.resolve() if config_file.exists() else Path.cwd() / config_file.name, environ)


_last: tuple[Any, Settings] | None = None


def settings_for(config) -> Settings:
    """The settings of a mkdocs config, computed once per config (mkdocs serve makes a new one per rebuild)."""
    global _last
    if _last is not None and _last[0] is config:
        return _last[1]
    section = (config.get("extra") or {}).get("handbook")
    settings = load_settings(section, Path(config["config_file_path"]))
    _last = (config, settings)
    return settings


def _extra_handbook(config_file: Path) -> Any:
    """Parse mkdocs.yml the way mkdocs can, ignoring tags such as !!python/name and !ENV."""
    import yaml

    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("", lambda loader, suffix, node: None)
    try:
        data = yaml.load(config_file.read_text(encoding="utf-8"), Loader=Loader) or {}
    except yaml.YAMLError as exc:
        raise SettingsError(f"{_display(config_file)}: not valid YAML: {exc}") from None
    extra = data.get("extra") if isinstance(data, dict) else None
    return extra.get("handbook") if isinstance(extra, dict) else None


def _line_of(config_file: Path, key: str) -> int:
    """The line of ``key:`` in mkdocs.yml (1 when it cannot be found): enough to jump to it."""
    try:
        lines = config_file.read_text(encoding="utf-8").splitlines()
    except OSError:
        return 1
    start = next((i for i, line in enumerate(lines) if re.match(r"^\s+handbook\s*:", line)), 0)
    pattern = re.compile(rf"^\s*{re.escape(key)}\s*:")
    return next((i for i, line in enumerate(lines[start:], start + 1) if pattern.match(line)), start + 1)


def _display(path: Path) -> str:
    from macros.problems import display_path

    return display_path(path)


# Short names the hook and the macros call.


def data_dir_for(config) -> Path:
    return settings_for(config).data_dir


def variant_dir_for(config) -> Path | None:
    return settings_for(config).variant


def pdf_enabled(config) -> bool:
    return settings_for(config).pdf
