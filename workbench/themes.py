"""Altair themes and the fixed colour scales shared by every workbench chart.

Two themes are registered (not enabled) on import:

* ``workbench``        - screen/notebook: neutral, readable, colour-blind-safe (Okabe-Ito).
* ``workbench-slides`` - 16:9 briefing slides: ~1100x520 views, 28px titles, 18px labels.

Colours for status and stance are fixed here (not left to the theme's category range) so the same
status has the same colour in every chart, notebook and exported slide.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import altair as alt

__all__ = [
    "CATEGORY_PALETTE",
    "COUNTRY_COLORS",
    "FONT",
    "SCREEN_THEME",
    "SLIDES_THEME",
    "STANCE_COLORS",
    "STANCE_ORDER",
    "STATUS_COLORS",
    "STATUS_ORDER",
    "enable_theme",
    "stance_scale",
    "status_scale",
    "use_theme",
]

FONT = "DejaVu Sans"
SCREEN_THEME = "workbench"
SLIDES_THEME = "workbench-slides"

# Okabe-Ito: distinguishable under the common colour-vision deficiencies.
CATEGORY_PALETTE: list[str] = [
    "#0072B2",  # blue
    "#E69F00",  # orange
    "#009E73",  # bluish green
    "#CC79A7",  # reddish purple
    "#56B4E9",  # sky blue
    "#D55E00",  # vermillion
    "#F0E442",  # yellow
    "#000000",  # black
    "#999999",  # grey
]

# Deployment status: the order is the deployment pipeline, so legends read left to right in time.
STATUS_ORDER: list[str] = ["sent", "training", "expected", "front", "unknown"]
STATUS_COLORS: dict[str, str] = {
    "sent": "#0072B2",  # blue
    "training": "#009E73",  # bluish green
    "expected": "#E69F00",  # orange
    "front": "#CC79A7",  # reddish purple: distinct from orange for deuteranopes
    "unknown": "#9E9E9E",  # grey: not a claim about status
}

# Stance: denials are the only saturated warm colour so they stand out in any matrix.
STANCE_ORDER: list[str] = ["confirms", "expects", "cannot_confirm", "denies"]
STANCE_COLORS: dict[str, str] = {
    "confirms": "#2B6CB0",  # mid blue
    "expects": "#8FC1E3",  # light blue
    "cannot_confirm": "#B8B8B8",  # neutral grey
    "denies": "#D7191C",  # strong red
}


# Source countries recur in every corpus; fixed colours keep them recognisable across charts.
COUNTRY_COLORS: dict[str, str] = {
    "South Korea": "#0072B2",
    "Ukraine": "#E69F00",
    "United States": "#56B4E9",
    "NATO": "#009E73",
    "Russia": "#D55E00",
    "North Korea": "#CC79A7",
    "media": "#7F7F7F",
}


def status_scale() -> alt.Scale:
    """Colour scale with a fixed domain so missing statuses do not shift the other colours."""
    return alt.Scale(domain=STATUS_ORDER, range=[STATUS_COLORS[s] for s in STATUS_ORDER])


def stance_scale() -> alt.Scale:
    """Colour scale for stances; fixed domain so ``denies`` is always red."""
    return alt.Scale(domain=STANCE_ORDER, range=[STANCE_COLORS[s] for s in STANCE_ORDER])


def _theme(
    *,
    title: int,
    subtitle: int,
    label: int,
    axis_title: int,
    width: int,
    height: int,
    discrete_height: Any,
    point_size: int,
    legend_orient: str,
) -> alt.theme.ThemeConfig:
    """Build a theme dict; sizes live in ``config.view`` so they apply per view (layers, concats)."""
    axis = {
        "labelFont": FONT,
        "titleFont": FONT,
        "labelFontSize": label,
        "titleFontSize": axis_title,
        "titleFontWeight": "normal",
        "labelColor": "#333333",
        "titleColor": "#333333",
        "domainColor": "#888888",
        "tickColor": "#888888",
        "gridColor": "#E6E6E6",
        "labelLimit": 360 if label > 14 else 240,
    }
    return {
        "config": {
            "font": FONT,
            "background": "#FFFFFF",
            "padding": 8 if label <= 14 else 16,
            "view": {
                "continuousWidth": width,
                "continuousHeight": height,
                "discreteWidth": {"step": 30 if label <= 14 else 48},
                "discreteHeight": discrete_height,
                "stroke": None,
            },
            "title": {
                "font": FONT,
                "fontSize": title,
                "fontWeight": "bold",
                "subtitleFont": FONT,
                "subtitleFontSize": subtitle,
                "subtitleColor": "#555555",
                "anchor": "start",
                "color": "#222222",
                "offset": 10 if label <= 14 else 18,
            },
            "axis": axis,
            "header": {
                "labelFont": FONT,
                "titleFont": FONT,
                "labelFontSize": label,
                "titleFontSize": axis_title,
            },
            "legend": {
                "labelFont": FONT,
                "titleFont": FONT,
                "labelFontSize": label,
                "titleFontSize": axis_title,
                "titleFontWeight": "normal",
                "orient": legend_orient,
                "symbolSize": point_size,
                "labelLimit": 320,
            },
            "text": {"font": FONT, "fontSize": label, "color": "#222222"},
            "point": {"size": point_size, "filled": True},
            "rule": {"strokeWidth": 3 if label <= 14 else 5},
            "scale": {"minSize": point_size * 0.8, "maxSize": point_size * 5},
            "circle": {"size": point_size},
            "range": {"category": CATEGORY_PALETTE},
        }
    }


@alt.theme.register(SCREEN_THEME, enable=False)
def workbench_theme() -> alt.theme.ThemeConfig:
    """Notebook/screen theme: compact, neutral, DejaVu Sans (the font vendored for exports)."""
    return _theme(
        title=16,
        subtitle=12,
        label=12,
        axis_title=13,
        width=640,
        height=340,
        discrete_height={"step": 30},
        point_size=70,
        legend_orient="right",
    )


@alt.theme.register(SLIDES_THEME, enable=False)
def workbench_slides_theme() -> alt.theme.ThemeConfig:
    """16:9 slide theme: one ~1100x520 view fills a 1280x720 slide once axes and title are added."""
    return _theme(
        title=28,
        subtitle=20,
        label=18,
        axis_title=20,
        width=1100,
        height=520,
        discrete_height=520,
        point_size=180,
        legend_orient="top",
    )


@contextmanager
def use_theme(name: str = SCREEN_THEME) -> Iterator[str]:
    """Temporarily enable a theme (restoring the previous one), e.g. around a batch of exports."""
    if name not in alt.theme.names():
        raise ValueError(f"unknown Altair theme {name!r}; registered: {sorted(alt.theme.names())}")
    with alt.theme.enable(name):
        yield name


def enable_theme(name: str = SCREEN_THEME) -> None:
    """Enable a theme for the rest of the session (notebook start-up cell)."""
    if name not in alt.theme.names():
        raise ValueError(f"unknown Altair theme {name!r}")
    alt.theme.enable(name)
