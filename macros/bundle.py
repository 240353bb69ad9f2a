"""The offline bundle: the whole site in one zip that works opened from disk, with no network.

Built by mkdocs with mkdocs-material's offline plugin switched on (HANDBOOK_OFFLINE=true, see
mkdocs.yml): pages become ``name.html`` files instead of directories, the search index is
inlined into a script and its web worker runs through the vendored iframe-worker shim, so
search works from file:// too. The zip is reproducible: entries sorted, one fixed date.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path

TOP_FOLDER = "handbook"
_FIXED_DATE = (2000, 1, 1, 0, 0, 0)


class BundleError(Exception):
    pass


def build_offline_site(site_dir: Path, *, pdf: bool, variant: Path | None) -> None:
    env = {**os.environ, "HANDBOOK_OFFLINE": "true", "HANDBOOK_PDF": "1" if pdf else "0", "NO_MKDOCS_2_WARNING": "1"}
    if variant:
        env["HANDBOOK_VARIANT"] = str(variant.resolve())
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)]
    result = subprocess.run(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    if result.returncode != 0:
        raise BundleError("the offline build failed:\n" + result.stderr.strip())


def zip_site(site_dir: Path, out: Path) -> int:
    """Write every file of site_dir under handbook/ in the zip; returns the number of files."""
    files = sorted(p for p in site_dir.rglob("*") if p.is_file())
    out.parent.mkdir(parents=True, exist_ok=True)
    partial = out.with_name(out.name + ".partial")  # never leave half a zip under the real name
    with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for path in files:
            entry = zipfile.ZipInfo(f"{TOP_FOLDER}/{path.relative_to(site_dir).as_posix()}", _FIXED_DATE)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            archive.writestr(entry, path.read_bytes())
    partial.replace(out)
    return len(files)


def make_bundle(out: Path, *, pdf: bool = True, variant: Path | None = None, say: Callable[[str], None] = print) -> int:
    with tempfile.TemporaryDirectory(prefix="handbook-bundle-") as tmp:
        site = Path(tmp) / "site"
        say("building the offline site" + (" with checklist PDFs (about a minute)" if pdf else "") + " ...")
        build_offline_site(site, pdf=pdf, variant=variant)
        count = zip_site(site, out)
    size = out.stat().st_size / 1_000_000
    say(f"wrote {out}: {count} files, {size:.1f} MB. Unzip it and open {TOP_FOLDER}/index.html in a browser.")
    return count
