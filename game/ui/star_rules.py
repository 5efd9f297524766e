"""A level's star limits drawn without words: two or three small stars, then per limit its icon
(a coin for cost, a dark cloud for CO2, a drop for fresh water, a spanner for parts) and the
number it may reach at most; after a run, what the build reached beside it, with a tick or a
cross. The play screen shows them under the parts, the result card beside each reason.
"""

from __future__ import annotations

from collections.abc import Sequence

import pygame

from game.sim.goals import MEASURE, StarCheck, star_checks, trades_off
from game.sim.model import Level
from game.ui.view import Painter

ROW = 28  # height of one rule's row
GAP = 4  # between two rules


def star_limits(level: Level) -> tuple[StarCheck, ...]:
    """Every limit of the two- and three-star rules with nothing reached yet (value 0), in the
    order the rows are drawn; none for a level whose stars ask only few parts and no hints."""
    return star_checks(level, None, ()) if trades_off(level) else ()


def _rules(limits: Sequence[StarCheck]) -> list[list[StarCheck]]:
    """The limits grouped by rule (all of a group to keep), in order."""
    groups: dict[tuple[int, int], list[StarCheck]] = {}
    for limit in limits:
        groups.setdefault((limit.star, limit.option), []).append(limit)
    return list(groups.values())


def limits_height(limits: Sequence[StarCheck]) -> int:
    """The height :func:`draw_limits` takes: a row per rule, a small gap between them."""
    rules = len(_rules(limits))
    return rules * ROW + max(0, rules - 1) * GAP


def draw_stars_small(painter: Painter, x: float, cy: float, count: int, r: float = 8) -> float:
    """``count`` little yellow stars from ``x`` rightwards; returns where they end."""
    for i in range(count):
        painter.star("yellow", (x + r + i * (2 * r + 2), cy), r)
    return x + count * (2 * r + 2)


def _label(check: StarCheck, reached: bool) -> str:
    return f"{check.value}/{check.limit}" if reached else f"≤{check.limit}"


def check_width(painter: Painter, check: StarCheck, reached: bool, size: int = 20) -> float:
    """How wide :func:`draw_check` draws ``check`` (at the child's text size)."""
    stars = check.star * (2 * size * 0.4 + 2)
    text = painter.measure(_label(check, reached), size, bold=True)[0]
    return stars + 6 + (size + 4) + 4 + text + 4 + (size if reached else 0)


def draw_check(painter: Painter, rect: pygame.Rect | tuple, check: StarCheck,
               reached: bool, size: int = 20) -> float:
    """One limit in ``rect`` (left to right): its stars, its icon, then ``≤ limit`` before a
    run, or ``value / limit`` and a tick or a cross after one. Returns the right edge used."""
    r = pygame.Rect(rect)
    cy = r.centery
    x = draw_stars_small(painter, r.x, cy, check.star, r=size * 0.4)
    x += 6
    icon = size + 4
    painter.image(f"icons/{MEASURE[check.key].icon}", (x, cy - icon / 2, icon, icon))
    x += icon + 4
    box = painter.text(_label(check, reached), (x, cy), size, "ink", bold=True, align="midleft")
    x = box.right + 4
    if reached:
        mark = "check" if check.ok else "cross"
        painter.image(f"icons/{mark}", (x, cy - size / 2, size, size))
        x += size
    return x


def draw_star_count(painter: Painter, left: tuple[float, float], count: int) -> float:
    """``count`` stars as a number and a star ("3★"), from ``left`` (x, middle y) on; returns
    where it ends."""
    box = painter.text(str(count), left, 17, "ink", bold=True, align="midleft")
    painter.star("yellow", (box.right + 10, left[1]), 9)
    return box.right + 20


def draw_limits(painter: Painter, rect: pygame.Rect | tuple, limits: Sequence[StarCheck],
                reached: Sequence[StarCheck] = ()) -> None:
    """The rules of :func:`star_limits` in ``rect``, a row each: a star with its number (two
    or three stars), then each limit of the rule (all to keep) as its icon and ``≤ limit``;
    a star with two rows has two rules (keep either). With ``reached`` (the checks of the last
    run) each limit gets a tick or a cross (the result card says the numbers)."""
    r = pygame.Rect(rect)
    got = {(c.star, c.option, c.key): c for c in reached}
    y = r.y
    size, icon = 17, 20
    for rule in _rules(limits):
        painter.panel((r.x, y, r.width, ROW), fill="paper", radius=8, shadow=0)
        cy = y + ROW / 2
        x = draw_star_count(painter, (r.x + 6, cy), rule[0].star) + 6
        for limit in rule:
            painter.image(f"icons/{MEASURE[limit.key].icon}", (x, cy - icon / 2, icon, icon))
            box = painter.text(f"≤{limit.limit}", (x + icon + 2, cy), size, "ink", bold=True,
                               align="midleft")
            x = box.right + 2
            check = got.get((limit.star, limit.option, limit.key))
            if check is not None:
                painter.image(f"icons/{'check' if check.ok else 'cross'}",
                              (x, cy - 8, 16, 16))
                x += 16
            x += 6
        y += ROW + GAP
