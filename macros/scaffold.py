"""`handbook new-variant`: a ready-to-edit overlay directory for an organisation."""

from __future__ import annotations

import os
import re
from pathlib import Path

SCHEMAS = Path(__file__).parent / "schemas"


def _schema_line(target: Path, kind: str) -> str:
    relative = os.path.relpath(SCHEMAS / f"{kind}.schema.json", target.parent)
    return f"# yaml-language-server: $schema={relative}\n"


def _quote(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def new_variant(path: Path, name: str, prefix: str, cell: tuple[str, str] = ("3-scale", "people")) -> list[Path]:
    """Create the directory; refuses to touch an existing one, so nothing a user wrote is lost.

    ``cell`` is the (level, dimension) of the example overlay file: one the upstream data has.
    """
    level, dimension = cell
    if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", prefix):
        raise ValueError(f"prefix must be a lowercase id (letters, digits, single hyphens), found {prefix!r}")
    if re.search(r"[<>&{}]", name):
        raise ValueError("name may not contain < > & { } characters")
    if path.exists():
        raise FileExistsError(f"{path} already exists; choose a new directory (nothing was changed)")
    files = {
        "variant.yml": ("variant", f"""name: {_quote(name)}
prefix: {prefix}            # every id this variant adds starts with "{prefix}-"
site:
  name: {_quote(name + " Cloud Native Handbook")}
  logo: logo.svg            # a .svg or .png file beside this one
  primary_colour: "#1f5f8b" # any #rrggbb colour
  footer_note: {_quote("Internal to " + name + ". Questions: the platform team.")}
remove: []                  # upstream ids to drop, e.g. [l3-ppl-culture-bake-off-2]
"""),
        "roles.yml": ("roles", f"""# Overlay: entries merge with upstream roles by id; new roles need the "{prefix}-" prefix.
roles: []
# roles:
#   - id: platform-engineer          # an upstream role: only the fields you give change
#     certifications: [cka, cks]
#   - id: {prefix}-data-steward        # a role of your own: every field, as in data/roles.yml
#     name: Data steward
#     who: Owns the quality and lineage of a business data domain.
#     owns: Data classification and retention for its domain.
#     focus: {{3-scale: Classify the data each new service stores.}}
"""),
        f"levels/{level}/{dimension}.yml": ("cell", f"""# Overlay for one cell: practices merge by id; new practices need the "{prefix}-" prefix.
level: {level}
dimension: {dimension}
practices: []
# practices:
#   - id: l3-ppl-centre-of-excellence      # change an upstream practice: only the fields given
#     checklist:
#       - id: l3-ppl-centre-of-excellence-1
#         text: Our CoE charter is approved by the CTO staff meeting.
#   - id: {prefix}-l3-ppl-guild              # add a practice of your own
#     area: upskilling
#     title: Run a monthly platform guild
#     why: Engineers learn fastest from each other's incidents and experiments.
#     steps: [Book a recurring slot, Rotate the host, Publish notes]
#     owners: [engineering-manager]
#     effort: s                             # an id of model.yml's effort_scale
#     requires: [l2-ppl-build-trust]        # practices it builds on (same or lower level)
#     checklist:
#       - id: {prefix}-l3-ppl-guild-1
#         text: The guild met in each of the last three months.
#         done_looks_like: Three sets of notes in the wiki.
#         roles: [engineering-manager]
#         priority: medium
"""),
    }
    written = []
    path.mkdir(parents=True)
    for rel, (kind, body) in files.items():
        target = path / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(_schema_line(target, kind) + body, encoding="utf-8")
        written.append(target)
    logo = path / "logo.svg"
    initials = "".join(word[0] for word in name.split()[:2]).upper() or "?"
    logo.write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 48 48"><rect width="48" height="48" rx="8" fill="#ffffff"/>'
        f'<text x="24" y="31" font-family="sans-serif" font-size="18" text-anchor="middle" fill="#1f5f8b">{initials}</text></svg>\n',
        encoding="utf-8")
    written.append(logo)
    return written
