"""Line and bar charts written straight to SVG, with nothing but the Python standard library.

The chapter figures are drawn here rather than with matplotlib so that a machine with only python3 (CI,
a student's laptop) can redraw them, and so that a redraw of unchanged data gives a byte-identical file
(matplotlib stamps its version and ids into every SVG, which would make every redraw a git change).

Two charts, both with a title, axis labels, a legend and a footer line for the machine stamp:

    line_chart(...)   series of (x, y) points; each axis linear or logarithmic
    bar_chart(...)    horizontal bars, several groups per category; linear or logarithmic
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from html import escape

# Paul Tol's "bright" palette: distinguishable for the common forms of colour blindness.
PALETTE = ["#4477AA", "#EE6677", "#228833", "#CCBB44", "#66CCEE", "#AA3377", "#BBBBBB"]
FONT = "DejaVu Sans, Helvetica, Arial, sans-serif"


def text_width(text: str, size: float) -> float:
    """A rough width of `text` in pixels (the SVG is laid out before any font is known)."""
    return 0.6 * size * len(text)


def fmt_number(value: float) -> str:
    """1, 2.5, 10, 1k, 20k, 1M: short tick labels."""
    if value == 0:
        return "0"
    for scale, suffix in ((1e9, "G"), (1e6, "M"), (1e3, "k")):
        if abs(value) >= scale:
            return f"{value / scale:g}{suffix}"
    return f"{value:g}"


class Svg:
    def __init__(self, width: int, height: int, title: str, description: str):
        self.width, self.height = width, height
        self.parts = [
            f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
            f'viewBox="0 0 {width} {height}" font-family="{FONT}">',
            f"<title>{escape(title)}</title>",
            f"<desc>{escape(description)}</desc>",
            f'<rect x="0" y="0" width="{width}" height="{height}" fill="#ffffff"/>',
        ]

    def line(self, x1, y1, x2, y2, stroke="#000000", width=1.0, dash: str | None = None) -> None:
        d = f' stroke-dasharray="{dash}"' if dash else ""
        self.parts.append(f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" '
                          f'stroke="{stroke}" stroke-width="{width:g}"{d}/>')

    def polyline(self, points, stroke: str, width=2.0, dash: str | None = None) -> None:
        d = f' stroke-dasharray="{dash}"' if dash else ""
        pts = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
        self.parts.append(f'<polyline points="{pts}" fill="none" stroke="{stroke}" '
                          f'stroke-width="{width:g}" stroke-linejoin="round"{d}/>')

    def rect(self, x, y, w, h, fill: str, stroke: str | None = None) -> None:
        s = f' stroke="{stroke}"' if stroke else ""
        self.parts.append(f'<rect x="{x:.1f}" y="{y:.1f}" width="{max(w, 0):.1f}" height="{max(h, 0):.1f}" '
                          f'fill="{fill}"{s}/>')

    def marker(self, x, y, colour: str, shape: str = "circle", r: float = 3.5) -> None:
        if shape == "square":
            self.rect(x - r, y - r, 2 * r, 2 * r, colour)
        elif shape == "triangle":
            self.parts.append(f'<polygon points="{x:.1f},{y - r * 1.2:.1f} {x - r * 1.1:.1f},{y + r * 0.8:.1f} '
                              f'{x + r * 1.1:.1f},{y + r * 0.8:.1f}" fill="{colour}"/>')
        elif shape == "diamond":
            self.parts.append(f'<polygon points="{x:.1f},{y - r * 1.3:.1f} {x + r * 1.1:.1f},{y:.1f} '
                              f'{x:.1f},{y + r * 1.3:.1f} {x - r * 1.1:.1f},{y:.1f}" fill="{colour}"/>')
        else:
            self.parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r:g}" fill="{colour}"/>')

    def text(self, x, y, text: str, size=12.0, anchor="start", fill="#222222", weight: str | None = None,
             rotate: float | None = None, italic: bool = False) -> None:
        extra = f' font-weight="{weight}"' if weight else ""
        extra += ' font-style="italic"' if italic else ""
        extra += f' transform="rotate({rotate:g} {x:.1f} {y:.1f})"' if rotate is not None else ""
        self.parts.append(f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size:g}" text-anchor="{anchor}" '
                          f'fill="{fill}"{extra}>{escape(text)}</text>')

    def render(self) -> str:
        return "\n".join(self.parts + ["</svg>"]) + "\n"


@dataclass
class Axis:
    label: str
    log: bool = False
    lo: float | None = None          # None: from the data
    hi: float | None = None
    fmt: callable = fmt_number       # tick label
    ticks: list[float] | None = None  # None: chosen here

    def limits(self, values: list[float]) -> tuple[float, float]:
        data = [v for v in values if v is not None and (v > 0 or not self.log)]
        lo = self.lo if self.lo is not None else min(data)
        hi = self.hi if self.hi is not None else max(data)
        if self.log:
            if self.lo is None:
                lo = 10 ** math.floor(math.log10(lo))
            if self.hi is None:
                hi = 10 ** math.ceil(math.log10(hi))
        else:
            if self.lo is None:
                lo = min(0.0, lo)
            if self.hi is None:
                step = nice_step((hi - lo) / 5)
                hi = math.ceil(hi / step) * step
        if hi <= lo:
            hi = lo * 10 if self.log else lo + 1
        return lo, hi

    def tick_values(self, lo: float, hi: float) -> list[float]:
        if self.ticks is not None:
            return [t for t in self.ticks if lo <= t <= hi]
        if self.log:
            decades = [10.0 ** k for k in range(math.floor(math.log10(lo)), math.ceil(math.log10(hi)) + 1)]
            ticks = [d for d in decades if lo * 0.999 <= d <= hi * 1.001]
            if len(ticks) < 3:  # less than two decades: label 2 and 5 as well
                ticks = sorted(d * m for d in decades for m in (1, 2, 5) if lo * 0.999 <= d * m <= hi * 1.001)
            return ticks
        step = nice_step((hi - lo) / 5)
        first = math.ceil(lo / step) * step
        return [round(first + k * step, 10) for k in range(int((hi - first) / step + 1e-9) + 1)]


def nice_step(raw: float) -> float:
    if raw <= 0:
        return 1.0
    base = 10 ** math.floor(math.log10(raw))
    for m in (1, 2, 2.5, 5, 10):
        if raw <= m * base:
            return m * base
    return 10 * base


class Scale:
    def __init__(self, axis: Axis, lo: float, hi: float, p0: float, p1: float):
        self.axis, self.lo, self.hi, self.p0, self.p1 = axis, lo, hi, p0, p1

    def __call__(self, v: float) -> float:
        if self.axis.log:
            t = (math.log10(v) - math.log10(self.lo)) / (math.log10(self.hi) - math.log10(self.lo))
        else:
            t = (v - self.lo) / (self.hi - self.lo)
        return self.p0 + t * (self.p1 - self.p0)


@dataclass
class Series:
    label: str
    points: list[tuple[float, float]]
    colour: str | None = None
    dash: str | None = None          # e.g. "6 4" for a model or ideal line
    marker: str | None = "circle"    # None: no markers (a model curve)
    width: float = 2.0


@dataclass
class Frame:
    """Title, footer and legend around a plot area; both charts share it."""
    title: str
    footer: list[str]                # the machine stamp, one or two lines
    width: int = 760
    height: int = 440
    legend_width: int = 210
    svg: Svg = field(init=False)

    def start(self, description: str, left: int, bottom_extra: int = 0) -> tuple[float, float, float, float]:
        self.footer = [part for line in self.footer for part in wrap(line, int((self.width - 32) / (0.6 * 10.5)))]
        self.svg = Svg(self.width, self.height, self.title, description)
        self.svg.text(16, 26, self.title, size=15, weight="bold")
        for i, line in enumerate(self.footer):
            self.svg.text(16, self.height - 10 - 15 * (len(self.footer) - 1 - i), line, size=10.5, fill="#555555")
        top = 44
        bottom = self.height - 22 - 15 * len(self.footer) - 36 - bottom_extra
        right = self.width - self.legend_width - 16
        return left, top, right, bottom

    def legend(self, entries: list[tuple[str, str, str | None, str | None, bool]], x: float, y: float) -> None:
        """entries: (label, colour, dash, marker, is_bar)."""
        for label, colour, dash, marker, is_bar in entries:
            if is_bar:
                self.svg.rect(x, y - 9, 18, 11, colour)
            else:
                self.svg.line(x, y - 4, x + 24, y - 4, colour, 2, dash)
                if marker:
                    self.svg.marker(x + 12, y - 4, colour, marker)
            lines = wrap(label, int((self.legend_width - 40) / (0.62 * 11)))
            for k, part in enumerate(lines):
                self.svg.text(x + 30, y + 14 * k, part, size=11)
            y += 14 * len(lines) + 8


def wrap(text: str, chars: int) -> list[str]:
    words, lines, line = text.split(), [], ""
    for w in words:
        if line and len(line) + 1 + len(w) > chars:
            lines.append(line)
            line = w
        else:
            line = f"{line} {w}" if line else w
    return lines + ([line] if line else [])


def axes(svg: Svg, xs: Scale, ys: Scale, left, top, right, bottom, grid_x=True, grid_y=True) -> None:
    """Grid, ticks, tick labels and axis labels."""
    for t in ys.axis.tick_values(ys.lo, ys.hi):
        y = ys(t)
        if grid_y:
            svg.line(left, y, right, y, "#e4e4e4")
        svg.line(left - 4, y, left, y, "#444444")
        svg.text(left - 7, y + 4, ys.axis.fmt(t), size=11, anchor="end")
    for t in xs.axis.tick_values(xs.lo, xs.hi):
        x = xs(t)
        if grid_x:
            svg.line(x, top, x, bottom, "#e4e4e4")
        svg.line(x, bottom, x, bottom + 4, "#444444")
        svg.text(x, bottom + 17, xs.axis.fmt(t), size=11, anchor="middle")
    svg.line(left, bottom, right, bottom, "#444444")
    svg.line(left, top, left, bottom, "#444444")
    svg.text((left + right) / 2, bottom + 36, xs.axis.label, size=12, anchor="middle")
    svg.text(18, (top + bottom) / 2, ys.axis.label, size=12, anchor="middle", rotate=-90)


def line_chart(title: str, footer: list[str], x: Axis, y: Axis, series: list[Series],
               description: str = "", notes: list[str] | None = None) -> str:
    frame = Frame(title, footer)
    left, top, right, bottom = frame.start(description or title, left=70)
    svg = frame.svg
    for i, s in enumerate(series):
        s.colour = s.colour or PALETTE[i % len(PALETTE)]
    xs = Scale(x, *x.limits([p[0] for s in series for p in s.points]), left, right)
    ys = Scale(y, *y.limits([p[1] for s in series for p in s.points]), bottom, top)
    axes(svg, xs, ys, left, top, right, bottom)
    for s in series:
        pts = [(xs(a), ys(b)) for a, b in s.points
               if xs.lo <= a <= xs.hi and ys.lo <= b <= ys.hi and (a > 0 or not x.log) and (b > 0 or not y.log)]
        if len(pts) > 1:
            svg.polyline(pts, s.colour, s.width, s.dash)
        if s.marker:
            for px, py in pts:
                svg.marker(px, py, s.colour, s.marker)
    frame.legend([(s.label, s.colour, s.dash, s.marker, False) for s in series], right + 18, top + 10)
    for k, note in enumerate(notes or []):
        svg.text(right + 18, bottom - 14 * (len(notes) - 1 - k), note, size=10, fill="#555555", italic=True)
    return svg.render()


def bar_chart(title: str, footer: list[str], categories: list[str], groups: list[tuple[str, list[float | None]]],
              x: Axis, label=None, description: str = "", category_width: int = 250) -> str:
    """Horizontal bars: one row per category, one bar per group inside it, the groups' legend in a row
    above the plot. `label(value, group index, category index)` gives the text printed after each bar
    (None: the value)."""
    per_bar = 17 if len(groups) > 1 else 22
    row = per_bar * len(groups) + 14
    legend_rows = wrap_legend([g for g, _ in groups], 760 - 32) if len(groups) > 1 else []
    footer = [part for line in footer for part in wrap(line, int((760 - 32) / (0.6 * 10.5)))]
    frame = Frame(title, footer, legend_width=0)
    frame.height = int(row * len(categories) + 44 + 20 * len(legend_rows) + 22 + 36 + 15 * len(footer) + 30)
    left, top, right, bottom = frame.start(description or title, left=category_width)
    svg = frame.svg
    colours = [PALETTE[i % len(PALETTE)] for i in range(len(groups))]
    y = top + 8
    for entries in legend_rows:
        lx = 16
        for g in entries:
            svg.rect(lx, y - 9, 18, 11, colours[g])
            svg.text(lx + 24, y, groups[g][0], size=11)
            lx += 24 + text_width(groups[g][0], 11) + 24
        y += 20
    top = y
    values = [v for _, vs in groups for v in vs if v is not None]
    plot_right = right - 80  # room for the label after the longest bar
    xs = Scale(x, *x.limits(values), left, plot_right)
    for t in x.tick_values(xs.lo, xs.hi):
        svg.line(xs(t), top, xs(t), bottom, "#e4e4e4")
        svg.line(xs(t), bottom, xs(t), bottom + 4, "#444444")
        svg.text(xs(t), bottom + 17, x.fmt(t), size=11, anchor="middle")
    svg.line(left, bottom, plot_right, bottom, "#444444")
    svg.line(left, top, left, bottom, "#444444")
    svg.text((left + plot_right) / 2, bottom + 36, x.label, size=12, anchor="middle")
    base = xs.lo if x.log else 0.0
    for c, name in enumerate(categories):
        y0 = top + c * row + 8
        lines = wrap(name, int((category_width - 20) / (0.62 * 11.5)))
        mid = y0 + per_bar * len(groups) / 2
        for k, part in enumerate(lines):
            svg.text(left - 8, mid + 4 + 13 * (k - (len(lines) - 1) / 2), part, size=11.5, anchor="end")
        for g, (_, vs) in enumerate(groups):
            v = vs[c]
            yb = y0 + g * per_bar
            if v is None:  # a case the program does not run (say, 10,000 threads at once)
                svg.text(xs(base) + 5, yb + per_bar - 5, "(not run)", size=10.5, fill="#777777", italic=True)
                continue
            svg.rect(xs(base), yb + 1, xs(min(max(v, xs.lo), xs.hi)) - xs(base), per_bar - 3, colours[g])
            text = label(v, g, c) if label else fmt_number(v)
            svg.text(xs(min(v, xs.hi)) + 5, yb + per_bar - 5, text, size=10.5)
    return svg.render()


def wrap_legend(labels: list[str], width: float) -> list[list[int]]:
    """Legend entries (by index) laid out in rows that fit `width` pixels."""
    rows, row, used = [], [], 0.0
    for i, text in enumerate(labels):
        w = 24 + text_width(text, 11) + 24
        if row and used + w > width:
            rows.append(row)
            row, used = [], 0.0
        row.append(i)
        used += w
    return rows + ([row] if row else [])
