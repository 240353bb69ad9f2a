"""The cost curve as an inline SVG: drawn at build time, readable without JavaScript, printable.

Accessible: role="img" with a <title> and <desc>, axis labels, and the numbers in a table
right after the chart for screen readers and for anyone who wants the figures. The data's
caveat (what kind of figures these are) is said wherever the chart or its numbers are: beside
the chart, in its title and description, and in the table's caption.
"""

from __future__ import annotations

from macros.handbook import Handbook
from macros.render.markdown import html_text

WIDTH, HEIGHT = 720, 340
LEFT, RIGHT, TOP, BOTTOM = 64, 20, 36, 62
SERIES = (
    ("legacy", "Legacy estate", "#6b6b6b", "6 4"),
    ("cloud_native", "Cloud native estate", "#3f51b5", ""),
    ("total", "Total", "#000000", "2 3"),
)


def _value(point, key: str) -> float:
    return point.legacy + point.cloud_native if key == "total" else getattr(point, key)


def render_cost_chart(handbook: Handbook, highlight_level: str | None = None, chart_id: str = "cost-chart") -> str:
    curve = handbook.cost_curve
    if curve is None:
        return ""
    points = curve.points
    top_value = max(_value(p, "total") for p in points)
    y_max = max(20, int((top_value + 19) // 20 * 20))
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def x(i: int) -> float:
        return LEFT + plot_w * i / (len(points) - 1)

    def y(v: float) -> float:
        return TOP + plot_h * (1 - v / y_max)

    parts = [
        f'<svg class="hb-chart" id="{chart_id}" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{chart_id}-title">{html_text(curve.title)} ({html_text(curve.caveat)})</title>',
        f'<desc id="{chart_id}-desc">{html_text(curve.caveat)} {html_text(curve.description)}</desc>',
    ]
    # Level bands behind the lines, labelled at the top.
    for lv in handbook.levels:
        indexes = [i for i, p in enumerate(points) if p.level == lv.id]
        if not indexes:
            continue
        start = x(indexes[0]) - (plot_w / (len(points) - 1) / 2 if indexes[0] else 0)
        end = x(indexes[-1]) + (plot_w / (len(points) - 1) / 2 if indexes[-1] < len(points) - 1 else 0)
        shade = "#dfe3f6" if lv.id == highlight_level else ("#f3f3f3" if lv.number % 2 else "#fafafa")
        parts.append(f'<rect x="{start:.1f}" y="{TOP}" width="{end - start:.1f}" height="{plot_h}" fill="{shade}"/>')
        parts.append(f'<text x="{(start + end) / 2:.1f}" y="{TOP - 8}" text-anchor="middle" font-size="12">'
                     f'{lv.number} {html_text(lv.name)}</text>')
    # Axes, grid and ticks.
    for step in range(0, y_max + 1, 20):
        parts.append(f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y(step):.1f}" y2="{y(step):.1f}" stroke="#cccccc" stroke-width="0.5"/>')
        parts.append(f'<text x="{LEFT - 6}" y="{y(step) + 4:.1f}" text-anchor="end" font-size="11">{step}</text>')
    for i, p in enumerate(points):
        parts.append(f'<text x="{x(i):.1f}" y="{TOP + plot_h + 16}" text-anchor="middle" font-size="11">{html_text(p.label)}</text>')
    parts.append(f'<line x1="{LEFT}" x2="{LEFT}" y1="{TOP}" y2="{TOP + plot_h}" stroke="#000"/>')
    parts.append(f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{TOP + plot_h}" y2="{TOP + plot_h}" stroke="#000"/>')
    parts.append(f'<text x="{LEFT + plot_w / 2:.1f}" y="{HEIGHT - 26}" text-anchor="middle" font-size="12">{html_text(curve.x_label)}</text>')
    parts.append(f'<text x="16" y="{TOP + plot_h / 2:.1f}" text-anchor="middle" font-size="12" '
                 f'transform="rotate(-90 16 {TOP + plot_h / 2:.1f})">{html_text(curve.y_label)}</text>')
    # The series, then the legend.
    for key, label, colour, dash in SERIES:
        coords = " ".join(f"{x(i):.1f},{y(_value(p, key)):.1f}" for i, p in enumerate(points))
        dashes = f' stroke-dasharray="{dash}"' if dash else ""
        parts.append(f'<polyline fill="none" stroke="{colour}" stroke-width="2.5"{dashes} points="{coords}"><title>{label}</title></polyline>')
    legend_x = LEFT
    for key, label, colour, dash in SERIES:
        dashes = f' stroke-dasharray="{dash}"' if dash else ""
        parts.append(f'<line x1="{legend_x}" x2="{legend_x + 28}" y1="{HEIGHT - 8}" y2="{HEIGHT - 8}" stroke="{colour}" stroke-width="2.5"{dashes}/>')
        parts.append(f'<text x="{legend_x + 34}" y="{HEIGHT - 4}" font-size="12">{label}</text>')
        legend_x += 60 + 7 * len(label)
    parts.append("</svg>")
    svg = "".join(parts)
    caveat = html_text(curve.caveat)
    return (f'<p class="hb-caveat"><strong>{caveat}</strong></p>\n\n'
            f'<figure class="hb-figure">\n{svg}\n<figcaption>{html_text(curve.title)}. {caveat}</figcaption>\n</figure>\n\n'
            f'<details class="hb-figures">\n<summary>The figures behind the chart</summary>\n{_figures(handbook, curve)}\n</details>')


def _figures(handbook: Handbook, curve) -> str:
    """An HTML table, so that it can carry a <caption> with the caveat."""
    head = "".join(f"<th>{h}</th>" for h in (html_text(curve.x_label), "Level", "Legacy", "Cloud native", "Total"))
    rows = "".join(
        f"<tr><td>{html_text(p.label)}</td><td>{html_text(handbook.level(p.level).name)}</td><td>{p.legacy:g}</td>"
        f"<td>{p.cloud_native:g}</td><td>{_value(p, 'total'):g}</td></tr>"
        for p in curve.points)
    return (f"<table><caption>{html_text(curve.title)}: {html_text(curve.caveat)}</caption>"
            f"<thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>")
