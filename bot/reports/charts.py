"""The report's charts, drawn with matplotlib's Agg backend (no browser, no display) as SVG
text for inlining in one self-contained HTML file."""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence

import matplotlib

matplotlib.use("Agg")

from matplotlib import pyplot
from matplotlib.figure import Figure

from bot.reports.tables import Rate
from flows.statistics import rounded

NHS_BLUE = "#005eb8"
GREY = "#768692"


def _svg(figure: Figure) -> str:
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", bbox_inches="tight")
    pyplot.close(figure)
    text = buffer.getvalue()
    return text[text.index("<svg") :]  # drop the XML prologue and doctype: it sits in HTML


def _empty(message: str) -> str:
    figure, axes = pyplot.subplots(figsize=(6, 1))
    axes.axis("off")
    axes.text(0.5, 0.5, message, ha="center", va="center", color=GREY)
    return _svg(figure)


def funnel_chart(stages: Sequence[tuple[str, int]]) -> str:
    """People at each stage, rounded as the tables are (suppressed stages not drawn)."""
    labels = [label for label, _ in stages]
    values = [rounded(count) for _, count in stages]
    figure, axes = pyplot.subplots(figsize=(7, 3))
    axes.barh(labels[::-1], [v or 0 for v in values[::-1]], color=NHS_BLUE)
    for y, value in enumerate(values[::-1]):
        axes.text(
            0,
            y,
            f" {'*' if value is None else value}",
            va="center",
            color="white" if value else GREY,
        )
    axes.set_xlabel("people (rounded to 5; * is 1 to 7)")
    return _svg(figure)


def funnel_plot(
    providers: Sequence[Rate],
    centre: float,
    limits: Callable[[float, int, float], tuple[float, float]],
) -> str:
    """Each provider's 4-week quit rate against its number of quit dates, with 95% and 99.8%
    limits around the service's rate."""
    if not providers:
        return _empty("No provider has enough quit dates to plot (counts of 1-7 are not shown).")
    top = max(r.trials for r in providers) * 1.2 + 10
    xs = [max(1, int(top * i / 200)) for i in range(1, 201)]
    figure, axes = pyplot.subplots(figsize=(7, 4))
    for z, style in ((1.96, "--"), (3.0, ":")):
        bounds = [limits(centre, n, z) for n in xs]
        axes.plot(xs, [100 * b[0] for b in bounds], style, color=GREY)
        axes.plot(xs, [100 * b[1] for b in bounds], style, color=GREY)
    axes.axhline(100 * centre, color=GREY, linewidth=1)
    axes.scatter([r.trials for r in providers], [100 * r.value for r in providers], color=NHS_BLUE)
    for rate in providers:
        axes.annotate(
            rate.label,
            (rate.trials, 100 * rate.value),
            textcoords="offset points",
            xytext=(4, 4),
            fontsize=8,
        )
    axes.set_xlabel("quit dates whose 4-week window has closed")
    axes.set_ylabel("4-week quit rate %")
    axes.set_ylim(0, 100)
    return _svg(figure)


def rate_chart(rates: Sequence[Rate], title: str) -> str:
    """Rates with Wilson 95% intervals as error bars."""
    if not rates:
        return _empty("Too few people in any group to draw (counts of 1-7 are not shown).")
    figure, axes = pyplot.subplots(figsize=(7, 3.5))
    values = [100 * r.value for r in rates]
    below = [100 * (r.value - r.ci[0]) for r in rates]
    above = [100 * (r.ci[1] - r.value) for r in rates]
    axes.bar([r.label for r in rates], values, color=NHS_BLUE, yerr=[below, above], capsize=4)
    axes.set_ylabel("%")
    axes.set_title(title)
    axes.set_ylim(0, 100)
    return _svg(figure)
