"""The built-site link checker lives in the engine (``handbook links``); tests import it from here."""

from __future__ import annotations

from macros.links import SiteReport, check_site, format_report, links_report, main_links

__all__ = ["SiteReport", "check_site", "format_report", "links_report", "main_links"]
