"""The mkdocs hook: load and validate the data, add the generated pages, build the nav.

Runs in ``on_config`` before mkdocs cleans or writes the site, so bad data stops the build
with every problem listed and the previous site left untouched.
"""

from __future__ import annotations

import logging

from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from macros.cache import cached_handbook
from macros.exports import checklist_csv, handbook_json
from macros.pages import EXPORT_CSV_URI, EXPORT_JSON_URI, plan_nav, plan_pages, printed_checklists
from macros.pdf import PdfError, print_pdfs
from macros.problems import DataError
from macros.settings import chromium_executable, data_dir_for, pdf_enabled

log = logging.getLogger("mkdocs.handbook")


def _handbook(config):
    try:
        return cached_handbook(data_dir_for(config))
    except DataError as exc:
        raise PluginError("the handbook data has problems:\n" + exc.report()) from None


def on_config(config):
    handbook = _handbook(config)
    # Hand-written pages listed in mkdocs.yml's nav follow the generated ones.
    config["nav"] = plan_nav(handbook) + list(config.get("nav") or [])
    if not config.get("copyright"):
        source = handbook.model.source
        config["copyright"] = (
            f"Based on the {source.name} ({source.licence}) by the {source.publisher}."
        )
    log.info("handbook data: %s", handbook.summary())
    return config


def on_files(files: Files, config) -> Files:
    for page in plan_pages(_handbook(config)):
        if files.get_file_from_path(page.uri) is not None:
            log.info("docs/%s is hand-written and replaces the generated page", page.uri)
            continue
        files.append(File.generated(config, page.uri, content=page.source))
    handbook = _handbook(config)
    files.append(File.generated(config, EXPORT_JSON_URI, content=handbook_json(handbook)))
    files.append(File.generated(config, EXPORT_CSV_URI, content=checklist_csv(handbook)))
    return files


def on_post_build(config) -> None:
    if not pdf_enabled(config):
        return
    checklists = printed_checklists(_handbook(config))
    log.info("printing %d checklists to PDF (A4 and US Letter)", len(checklists))
    try:
        print_pdfs(Path(config["site_dir"]), checklists, chromium_executable())
    except PdfError as exc:
        raise PluginError(str(exc)) from None
