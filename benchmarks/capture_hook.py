"""mkdocs hook used by benchmarks/bench.py: saves what the engine produced, for the static baseline.

Runs after every other plugin and hook (priority -100): the nav and copyright the handbook hook
set, and each page's Markdown after mkdocs-macros rendered it (front matter kept), written under
$HANDBOOK_CAPTURE_DIR. Not used by the site itself.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import yaml
from mkdocs.plugins import event_priority

OUT = Path(os.environ.get("HANDBOOK_CAPTURE_DIR", "capture"))


@event_priority(-100)
def on_config(config):
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "config.json").write_text(json.dumps({"nav": config["nav"], "copyright": config.get("copyright")}), encoding="utf-8")
    return config


@event_priority(-100)
def on_page_markdown(markdown, page, config, files):
    target = OUT / "docs" / page.file.src_uri
    target.parent.mkdir(parents=True, exist_ok=True)
    text = markdown
    if page.meta:
        text = "---\n" + yaml.safe_dump(dict(page.meta), sort_keys=False, allow_unicode=True) + "---\n\n" + markdown
    target.write_text(text, encoding="utf-8")
    return markdown
