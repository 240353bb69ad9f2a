"""The mkdocs hook: load and validate the data, add the generated pages, build the nav, brand.

Runs in ``on_config`` before mkdocs cleans or writes the site, so bad data stops the build
with every problem listed and the previous site left untouched.
"""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from macros.cache import handbook_for
from macros.exports import checklist_csv, handbook_json
from macros.handbook import Handbook, VariantInfo
from macros.pages import ASSESSMENT_DATA_URI, EXPORT_CSV_URI, EXPORT_JSON_URI
from macros.pdf import PdfError, print_pdfs
from macros.problems import DataError
from macros.publish import write_deploy_files
from macros.registry import plan_nav, plan_pages, printed_checklists
from macros.render.assessment import assessment_script, variant_key
from macros.render.common import print_header
from macros.render.markdown import use_directory_urls
from macros.settings import Settings, SettingsError, settings_for
from macros.upstream import upstream_drift

log = logging.getLogger("mkdocs.handbook")

VARIANT_CSS = "assets/variant/variant.css"
# Material's offline plugin adds this shim from a CDN unless a polyfill names iframe-worker.
IFRAME_WORKER_SHIM = "assets/vendor/iframe-worker/shim.js"


def _settings(config: MkDocsConfig) -> Settings:
    try:
        return settings_for(config)
    except SettingsError as exc:
        raise PluginError(str(exc)) from None


def _handbook(config: MkDocsConfig) -> Handbook:
    _settings(config)
    try:
        return handbook_for(config)
    except DataError as exc:
        raise PluginError("the handbook data has problems:\n" + exc.report()) from None


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    settings = _settings(config)
    handbook = _handbook(config)
    # `mkdocs serve` rebuilds on edits to the data and the variant, wherever the settings put them.
    config["watch"].extend(w for w in settings.watched() if w not in config["watch"])
    # The offline plugin (handbook bundle) runs first and turns directory URLs off; links the
    # engine writes into raw HTML follow.
    use_directory_urls(config["use_directory_urls"])
    polyfills = config["extra"].get("polyfills")
    if polyfills:
        config["extra"]["polyfills"] = [IFRAME_WORKER_SHIM if "iframe-worker" in url else url for url in polyfills]
    # Hand-written pages listed in mkdocs.yml's nav follow the generated ones.
    config["nav"] = plan_nav(handbook) + list(config.get("nav") or [])
    _set_language(config, handbook.messages.language)
    source = handbook.model.source
    credit = handbook.messages("footer.credit", model=source.name, licence=source.licence, publisher=source.publisher)
    if handbook.variant:
        _brand(config, handbook, handbook.variant, credit)
    elif not config.get("copyright"):
        config["copyright"] = credit
    if handbook.variant:
        log.info("handbook variant: %s, from %s", handbook.variant_label(), handbook.variant.directory)
        _, drifts = upstream_drift(settings.data_dir, handbook.variant.directory, handbook.variant.file.based_on)
        if drifts:  # INFO, not WARNING: the build is right, the author has something to review
            log.info("handbook variant: upstream changed %d field(s) it overrides since its base; "
                     "see `handbook validate --variant %s`", len(drifts), handbook.variant.directory)
    else:
        log.info("handbook variant: none (upstream data only)")
    log.info("handbook data: %s", handbook.summary())
    return config


def _set_language(config: MkDocsConfig, language: str) -> None:
    """The theme's own words (search box, "Skip to content", dates) follow the catalogue's language.

    Hooks run after every plugin, so Material's search plugin has already taken its word
    splitting and stemming from the old language: it is asked again.
    """
    if config["theme"]["language"] == language:
        return
    config["theme"]["language"] = language
    search = config.plugins.get("material/search")
    if search is not None and search.config.enabled:
        search.config.lang = None
        search.config.separator = None
        search.config.pipeline = None
        search.on_config(config)


def _brand(config: MkDocsConfig, handbook: Handbook, variant: VariantInfo, credit: str) -> None:
    """The variant's name, logo, colour and footer note, on every page."""
    site = variant.file.site
    config["site_name"] = handbook.model.name
    config["copyright"] = " · ".join(part for part in (site.footer_note, handbook.variant_label(), credit) if part)
    if site.logo:
        config["theme"]["logo"] = f"assets/variant/{site.logo}"
        config["theme"]["favicon"] = f"assets/variant/{site.logo}"  # the browser tab shows the organisation too
    if site.primary_colour:
        for palette in config["theme"]["palette"] or []:
            palette["primary"] = "custom"
        config["extra_css"].append(VARIANT_CSS)


def on_files(files: Files, config: MkDocsConfig) -> Files:
    handbook = _handbook(config)
    for page in plan_pages(handbook):
        if files.get_file_from_path(page.uri) is not None:
            log.info("docs/%s is hand-written and replaces the generated page", page.uri)
            continue
        files.append(File.generated(config, page.uri, content=page.source))
    files.append(File.generated(config, EXPORT_JSON_URI, content=handbook_json(handbook)))
    files.append(File.generated(config, EXPORT_CSV_URI, content=checklist_csv(handbook)))
    files.append(File.generated(config, ASSESSMENT_DATA_URI, content=assessment_script(handbook, variant_key(handbook))))
    if handbook.variant:
        site = handbook.variant.file.site
        if site.logo:
            logo = handbook.variant.directory / site.logo
            files.append(File.generated(config, f"assets/variant/{site.logo}", abs_src_path=str(logo)))
        if site.primary_colour:
            colour = site.primary_colour
            css = (":root > * { --md-primary-fg-color: %s; --md-primary-fg-color--light: %s; "
                   "--md-primary-fg-color--dark: %s; --md-accent-fg-color: %s; }\n" % (colour, colour, colour, colour))
            files.append(File.generated(config, VARIANT_CSS, content=css))
    return files


def on_page_context(context: dict, page: Page, config: MkDocsConfig, nav: Navigation) -> dict:
    """Every page printed on paper carries a running header: the handbook, the page's heading, the data
    version and page numbers. It is an @page rule, so overrides/main.html puts it in the <head>."""
    handbook = _handbook(config)
    title = page.toc.items[0].title if page.toc.items else (page.title or "")
    context["handbook_print_style"] = print_header(handbook, title)
    depth = page.meta.get("toc_depth")  # the registry writes it into a page kind's front matter
    if isinstance(depth, int):
        _prune_toc(page.toc.items, depth)
    return context


def _prune_toc(links: list, depth: int) -> None:
    """The table of contents down to heading level ``depth`` (the headings keep their anchors).

    The theme writes the table of contents twice into every page (sidebar and mobile nav): on a cell
    page its practices were 28 KB of a 163 KB page, and the page opens with a table of them anyway.
    """
    for link in links:
        if link.level >= depth:
            link.children = []
        else:
            _prune_toc(link.children, depth)


def on_post_build(config: MkDocsConfig) -> None:
    write_deploy_files(Path(config["site_dir"]))
    settings = _settings(config)
    if not settings.pdf:
        return
    checklists = printed_checklists(_handbook(config))
    log.info("printing %d checklists to PDF (A4 and US Letter)", len(checklists))
    try:
        print_pdfs(Path(config["site_dir"]), checklists, settings.chromium_executable(),
                   blank_page=_handbook(config).messages("print.blank_page"))
    except PdfError as exc:
        raise PluginError(str(exc)) from None
