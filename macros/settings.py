"""The handbook's settings in mkdocs.yml (extra.handbook) and the environment."""

from __future__ import annotations

import os
import shutil
from pathlib import Path


def _settings(config) -> dict:
    return (config.get("extra") or {}).get("handbook") or {}


def data_dir_for(config) -> Path:
    """extra.handbook.data_dir, relative to mkdocs.yml (default: data)."""
    root = Path(config["config_file_path"]).parent
    return root / _settings(config).get("data_dir", "data")


def variant_dir_for(config) -> Path | None:
    """The overlay variant: HANDBOOK_VARIANT (wins), else extra.handbook.variant (relative to mkdocs.yml)."""
    env = os.environ.get("HANDBOOK_VARIANT")
    if env:
        return Path(env).resolve()
    setting = _settings(config).get("variant")
    if setting:
        return (Path(config["config_file_path"]).parent / setting).resolve()
    return None


def pdf_enabled(config) -> bool:
    """PDFs of the checklists: HANDBOOK_PDF=1 (as `make build` sets) or extra.handbook.pdf: true."""
    env = os.environ.get("HANDBOOK_PDF")
    if env is not None:
        return env.strip().lower() in ("1", "true", "yes", "on")
    return bool(_settings(config).get("pdf", False))


def chromium_executable() -> str | None:
    """Debian's chromium (or HANDBOOK_CHROMIUM): the browser the PDFs are printed with."""
    return os.environ.get("HANDBOOK_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
