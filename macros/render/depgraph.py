"""A level's practice dependencies as an inline SVG, drawn at build time.

Columns are dimensions and bands are levels: the bottom band holds the level's own practices,
the bands above it the lower-level practices they build on directly. An arrow runs from a
practice to each practice that builds on it. No script, no font or file from elsewhere,
black-and-white safe (a lower-level practice has a grey, dashed box), whole-number coordinates
so the same data gives the same bytes. The same content follows as a list, for screen readers
and for anyone who prefers text.
"""

from __future__ import annotations

from dataclasses import dataclass

from macros.handbook import Handbook, PlacedPractice
from macros.pages import cell_uri, level_title
from macros.render.markdown import Links, html_text, text

LANE_W = 150  # one lane of boxes; the dimension with the tallest column gets a second lane
BOX_W = LANE_W - 14  # even, so box centres are whole numbers
FONT = 12  # px in the viewBox: about 9.5 px on A4 paper, where the 900-unit picture is ~720 px wide
LINE_H = 15
CHARS_PER_LINE = 20  # what fits in BOX_W at FONT in a common sans-serif
MAX_LINES = 4  # a longer title is cut with an ellipsis; the full one is the box's tooltip
ROW_GAP = 12
BAND_HEAD = 30
TOP = 56  # room for the column headings and the key


@dataclass(frozen=True)
class _Box:
    placed: PlacedPractice
    x: int
    y: int
    h: int
    own: bool  # a practice of the level itself (else a lower-level prerequisite)


@dataclass(frozen=True)
class _Picture:
    boxes: list[_Box]
    bands: list[tuple[int, str]]  # top and label of each level band
    columns: list[tuple[int, int, str]]  # left, width and name of each dimension column
    width: int
    height: int


def shown_practices(handbook: Handbook, level_id: str) -> tuple[list[PlacedPractice], list[PlacedPractice]]:
    """(the level's practices, the lower-level practices they require directly), in display order."""
    own = handbook.practices_where(level=level_id)
    needed = {r for pp in own for r in pp.practice.requires}
    lower = [pp for pp in handbook.practices if pp.practice.id in needed and pp.level.id != level_id]
    return own, lower


def edges(handbook: Handbook, level_id: str) -> list[tuple[PlacedPractice, PlacedPractice]]:
    """(prerequisite, practice that builds on it) for every requires entry of the level's practices."""
    own, _ = shown_practices(handbook, level_id)
    return [(handbook.practice(r), pp) for pp in own for r in pp.practice.requires]


def _wrap(title: str) -> list[str]:
    """The title in lines of at most CHARS_PER_LINE characters; a cut title ends with an ellipsis."""
    lines: list[str] = []
    for word in title.split():
        if lines and len(lines[-1]) + 1 + len(word) <= CHARS_PER_LINE:
            lines[-1] += " " + word
        else:
            lines.append(word)
    if len(lines) > MAX_LINES:
        lines = lines[:MAX_LINES]
        lines[-1] = lines[-1][: CHARS_PER_LINE - 1].rstrip() + "…"
    return lines


def _depth(own: list[PlacedPractice]) -> dict[str, int]:
    """Longest chain of same-level prerequisites under each practice: those go higher in a column."""
    by_id = {pp.practice.id: pp for pp in own}
    depth: dict[str, int] = {}

    def of(pid: str) -> int:
        if pid not in depth:
            depth[pid] = 0  # validation refuses cycles; this only stops a walk that would meet one
            depth[pid] = 1 + max((of(r) for r in by_id[pid].practice.requires if r in by_id), default=-1)
        return depth[pid]

    for pid in by_id:
        of(pid)
    return depth


def _layout(handbook: Handbook, level_id: str) -> _Picture:
    own, lower = shown_practices(handbook, level_id)
    depth = _depth(own)
    groups: dict[tuple[str, str], list[PlacedPractice]] = {}
    for pp in lower + sorted(own, key=lambda pp: depth[pp.practice.id]):  # sorted() keeps display order among equals
        groups.setdefault((pp.level.id, pp.dimension.id), []).append(pp)
    # One lane per dimension, and a second one for the dimension with the most boxes in one band.
    lanes = {d.id: 1 for d in handbook.dimensions}
    def most_in_a_band(dim_id: str) -> int:
        return max((len(members) for (_, dim), members in groups.items() if dim == dim_id), default=0)

    lanes[max(handbook.dimensions, key=lambda d: most_in_a_band(d.id)).id] = 2
    columns, left = [], 0
    for dim in handbook.dimensions:
        columns.append((left, lanes[dim.id] * LANE_W, dim.name))
        left += lanes[dim.id] * LANE_W
    boxes: list[_Box] = []
    bands: list[tuple[int, str]] = []
    y = TOP
    for lv in handbook.levels:
        if lv.id != level_id and not any(pp.level.id == lv.id for pp in lower):
            continue
        bands.append((y, level_title(lv) + ("" if lv.id == level_id else " (prerequisites)")))
        y += BAND_HEAD
        bottom = y
        for (column_left, _, _), dim in zip(columns, handbook.dimensions):
            lane_y = [y] * lanes[dim.id]
            for i, pp in enumerate(groups.get((lv.id, dim.id), [])):
                lane = i % lanes[dim.id]
                h = len(_wrap(pp.practice.title)) * LINE_H + 10
                x = column_left + lane * LANE_W + (LANE_W - BOX_W) // 2
                boxes.append(_Box(pp, x, lane_y[lane], h, lv.id == level_id))
                lane_y[lane] += h + ROW_GAP
            bottom = max(bottom, *lane_y)
        y = bottom + 8
    return _Picture(boxes, bands, columns, left, y)


def _routes(boxes: list[_Box], pairs) -> list[tuple[int, int, int, int, int]]:
    """Each arrow from the bottom of its prerequisite's box to the top of its practice's box.

    A box with several arrows spreads them along its edge (ordered by where they go), so arrows
    that share a column do not lie on top of each other.
    """
    by_id = {b.placed.practice.id: b for b in boxes}
    ends = [(by_id[s.practice.id], by_id[t.practice.id]) for s, t in pairs]
    outgoing: dict[str, list[int]] = {}
    incoming: dict[str, list[int]] = {}
    for i, (a, b) in enumerate(ends):
        outgoing.setdefault(a.placed.practice.id, []).append(i)
        incoming.setdefault(b.placed.practice.id, []).append(i)

    def ports(groups: dict[str, list[int]], key, box_of) -> dict[int, int]:
        found = {}
        for members in groups.values():
            members.sort(key=key)
            for k, i in enumerate(members):
                box = box_of(i)
                found[i] = box.x + BOX_W * (k + 1) // (len(members) + 1)
        return found

    start = ports(outgoing, lambda i: (ends[i][1].x, ends[i][1].y), lambda i: ends[i][0])
    end = ports(incoming, lambda i: (ends[i][0].x, ends[i][0].y), lambda i: ends[i][1])
    routes = []
    for i, (a, b) in enumerate(ends):
        y1, y2 = a.y + a.h, b.y
        routes.append((start[i], y1, end[i], y2, max(24, abs(y2 - y1) // 2)))
    return routes


def render_dependency_graph(handbook: Handbook, level_id: str, here: str, graph_id: str = "dependencies") -> str:
    """The picture and, after it, the same dependencies as a list."""
    picture = _layout(handbook, level_id)
    links = Links(here)
    pairs = edges(handbook, level_id)
    name = html_text(level_title(handbook.level(level_id)))
    own_count = sum(b.own for b in picture.boxes)
    parts = [
        f'<svg class="hb-chart hb-depgraph" id="{graph_id}" viewBox="0 0 {picture.width} {picture.height}" role="img" '
        f'aria-labelledby="{graph_id}-title {graph_id}-desc" xmlns="http://www.w3.org/2000/svg" '
        f'font-family="sans-serif" font-size="{FONT}">',
        f'<title id="{graph_id}-title">Practice dependencies at {name}</title>',
        f'<desc id="{graph_id}-desc">The {own_count} practices of {name} and the {len(picture.boxes) - own_count} '
        f'lower-level practices they build on, in columns by dimension and bands by level, with {len(pairs)} arrows, '
        f'each from a practice to one that builds on it. The list after the picture says the same.</desc>',
        f'<defs><marker id="{graph_id}-arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" '
        f'orient="auto"><path d="M0,0 L10,5 L0,10 z" fill="#222"/></marker></defs>',
        '<text x="4" y="42" font-size="11">An arrow points to the practice that builds on the one it leaves. '
        'A grey, dashed box is a practice of a lower level.</text>',
    ]
    for left, width, dim_name in picture.columns:
        parts.append(f'<text x="{left + width // 2}" y="20" text-anchor="middle" font-weight="bold" font-size="13">'
                     f'{html_text(dim_name)}</text>')
    parts += [f'<line x1="0" x2="{picture.width}" y1="{top}" y2="{top}" stroke="#555"/>' for top, _ in picture.bands]
    # Arrows first, so boxes drawn after them hide the parts that pass behind a box. Shared
    # attributes sit on groups: the level 3 picture has 117 boxes and 88 arrows.
    parts.append(f'<g class="hb-dep-edges" fill="none" stroke="#222" stroke-width="1.2" marker-end="url(#{graph_id}-arrow)">')
    parts += [f'<path d="M{x1},{y1} C{x1},{y1 + bend} {x2},{y2 - bend} {x2},{y2}"/>'
              for x1, y1, x2, y2, bend in _routes(picture.boxes, pairs)]
    parts.append("</g>")
    for own, style in ((True, 'fill="#fff"'), (False, 'fill="#eee" stroke-dasharray="5 3"')):
        parts.append(f'<g stroke="#222" {style}>')
        parts += [f'<rect x="{b.x}" y="{b.y}" width="{BOX_W}" height="{b.h}" rx="3"/>' for b in picture.boxes if b.own == own]
        parts.append("</g>")
    # Each title links to its practice for mouse users; keyboard and screen reader users have the list.
    parts.append('<g class="hb-dep-nodes" fill="#000">')
    for box in picture.boxes:
        p = box.placed.practice
        href = html_text(links.html_url(cell_uri(box.placed.level.id, box.placed.dimension.id), p.id))
        wrapped = _wrap(p.title)
        lines = "".join(f'<tspan x="{box.x + 6}" dy="{LINE_H}">{html_text(line)}</tspan>' if i else html_text(line)
                        for i, line in enumerate(wrapped))
        full = f"<title>{html_text(p.title)}</title>" if wrapped[-1].endswith("…") else ""
        parts.append(f'<a href="{href}" tabindex="-1">{full}<text x="{box.x + 6}" y="{box.y + 16}">{lines}</text></a>')
    parts.append("</g>")
    # Band labels last, with a white outline so the arrows that cross them do not hide them.
    parts.append('<g font-weight="bold" stroke="#fff" stroke-width="4" paint-order="stroke">')
    parts += [f'<text x="4" y="{top + 19}">{html_text(label)}</text>' for top, label in picture.bands]
    parts.append("</g></svg>")
    return (f'<figure class="hb-figure hb-depgraph-figure">\n{"".join(parts)}\n'
            f'<figcaption>Practice dependencies at {name}</figcaption>\n</figure>\n\n'
            + _as_list(handbook, level_id, links))


def _as_list(handbook: Handbook, level_id: str, links: Links) -> str:
    """The picture's content as nested bullets: each practice of the level and what it builds on."""
    own, _ = shown_practices(handbook, level_id)
    lines = []
    for pp in own:
        label = f"{practice_link(pp, links)} ({text(pp.dimension.name)})"
        if not pp.practice.requires:
            lines.append(f"- {label} builds on no other practice")
            continue
        lines.append(f"- {label} builds on:")
        lines += [f"    - {practice_link(handbook.practice(r), links, context=True)}" for r in pp.practice.requires]
    return ('<details class="hb-dep-list" markdown>\n<summary>Dependencies as a list</summary>\n\n'
            + "\n".join(lines) + "\n\n</details>")


def practice_link(pp: PlacedPractice, links: Links, context: bool = False) -> str:
    """A link to a practice on its cell page; with context, its level and dimension after it."""
    link = links.link(text(pp.practice.title), cell_uri(pp.level.id, pp.dimension.id), pp.practice.id)
    return f"{link} ({text(pp.level.name)} · {text(pp.dimension.name)})" if context else link
