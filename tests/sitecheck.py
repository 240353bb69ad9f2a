"""Check a built site the way a reader's browser would: every internal link resolves."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urldefrag, urlsplit

from bs4 import BeautifulSoup

LINK_ATTRS = (("a", "href"), ("link", "href"), ("script", "src"), ("img", "src"), ("source", "src"), ("iframe", "src"))


@dataclass
class SiteReport:
    broken: list[str] = field(default_factory=list)
    external: dict[str, set[str]] = field(default_factory=dict)
    pages: int = 0


def _target_file(site: Path, page: Path, href: str) -> Path:
    path = unquote(urlsplit(href).path)
    target = (page.parent / path).resolve() if path else page
    if target.is_dir():
        target = target / "index.html"
    return target


def _ids(path: Path, cache: dict[Path, set[str]]) -> set[str]:
    if path not in cache:
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        cache[path] = {el["id"] for el in soup.find_all(id=True)} | {el["name"] for el in soup.find_all("a", attrs={"name": True})}
    return cache[path]


def check_site(site: Path) -> SiteReport:
    report = SiteReport()
    ids: dict[Path, set[str]] = {}
    for page in sorted(site.rglob("*.html")):
        report.pages += 1
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        rel = page.relative_to(site)
        for tag, attr in LINK_ATTRS:
            for el in soup.find_all(tag, attrs={attr: True}):
                href = el[attr]
                scheme = urlsplit(href).scheme
                if scheme in ("http", "https", "mailto"):
                    report.external.setdefault(str(rel), set()).add(href)
                    continue
                if scheme:
                    report.broken.append(f"{rel}: {tag} {attr}={href!r} uses scheme {scheme!r}")
                    continue
                if href.startswith("/"):
                    # Only the 404 page may use root-absolute links: the server shows it at any depth.
                    if str(rel) != "404.html":
                        report.broken.append(f"{rel}: absolute link {href!r} breaks under a sub-path")
                        continue
                    target = _target_file(site, site / "index.html", href.lstrip("/"))
                else:
                    target = _target_file(site, page, href)
                if not target.exists():
                    report.broken.append(f"{rel}: {tag} {attr}={href!r} -> missing {target}")
                    continue
                fragment = urldefrag(href).fragment
                if fragment and target.suffix == ".html" and unquote(fragment) not in _ids(target, ids):
                    report.broken.append(f"{rel}: {href!r} -> no id {fragment!r} in {target.relative_to(site)}")
    return report
