"""Predict, test, explain (SCIENCE.md): how a prediction's choices look and are called.

A choice is a part, a number, a place on the board or a picture (``Prediction.kind``). The
picker, the chip that keeps the prediction on screen during the run, and the explanation card
(the prediction beside what happened) all draw a choice with :func:`draw_choice` and name it
with :func:`choice_name`, so they always agree.
"""

from __future__ import annotations

from collections.abc import Callable

import pygame

from game.sim.catalogue import CATALOGUE
from game.sim.model import PREDICT_PICTURES, Level, Prediction
from game.sim.parts import N_
from game.ui.badges import art_exists, draw_part_picture
from game.ui.view import Painter

#: Noor's heading over the picker's question
PICK_TITLE = N_("What do you think will happen?")
#: the label over the pupil's pick on the chip and the explanation card
YOU_THOUGHT = N_("You thought")
#: the label over what the run showed on the explanation card
IT_WAS = N_("It was")
#: a place on the board with nothing on it, read aloud
EMPTY_PLACE = N_("This empty spot")


def choice_name(prediction: Prediction, choice, level: Level | None,
                gettext: Callable[[str], str]) -> str:
    """What a choice is called (a tooltip, read aloud): a part's name, a number, the part at
    a place (or "this empty spot"), a picture's name."""
    if prediction.kind == "part":
        return gettext(CATALOGUE[choice].name) if choice in CATALOGUE else str(choice)
    if prediction.kind == "number":
        return str(choice)
    if prediction.kind == "place":
        part = next((p for p in level.parts if p.at == tuple(choice)), None) if level else None
        return gettext(CATALOGUE[part.kind].name) if part is not None else gettext(EMPTY_PLACE)
    return gettext(PREDICT_PICTURES.get(str(choice), str(choice)))


def draw_choice(painter: Painter, prediction: Prediction, choice, rect,
                level: Level | None) -> None:
    """A choice's picture, filling ``rect`` (logical)."""
    r = pygame.Rect(rect)
    if prediction.kind == "part":
        draw_part_picture(painter, str(choice), r)
    elif prediction.kind == "number":
        painter.circle("yellow", r.center, min(r.width, r.height) / 2 - 2)
        painter.circle("ink", r.center, min(r.width, r.height) / 2 - 2, 3)
        painter.text(str(choice), r.center, max(18, r.height * 0.55), bold=True, align="center")
    elif prediction.kind == "place":
        draw_place(painter, level, tuple(choice), r)
    else:
        name = f"icons/{choice}"
        if art_exists(painter.art, name):
            painter.image(name, r)
        else:
            painter.rect("tile_edge", r, 12, 3)


def draw_place(painter: Painter, level: Level | None, cell, rect: pygame.Rect) -> None:
    """A small map of the board with ``cell`` ringed: a place, without words. The board is
    never mirrored (as on the play screen), so the map keeps the board's left and right."""
    if level is None:
        return
    tile = min(rect.width / level.width, rect.height / level.height)
    w, h = tile * level.width, tile * level.height
    x0, y0 = rect.centerx - w / 2, rect.centery - h / 2
    with painter.keep_ltr((x0, y0, w, h)):
        painter.rect("cream", (x0, y0, w, h), 6)
        for cx, cy in level.blocked:
            painter.rect("tile_edge", (x0 + cx * tile, y0 + cy * tile, tile, tile))
        for part in level.parts:
            draw_part_picture(painter, part.kind,
                              (x0 + part.at[0] * tile, y0 + part.at[1] * tile, tile, tile),
                              part.rotation)
        painter.rect("ink", (x0, y0, w, h), 6, 2)
        cx, cy = cell
        ring = pygame.Rect(round(x0 + cx * tile), round(y0 + cy * tile), round(tile), round(tile))
        painter.rect("vermillion", ring.inflate(8, 8), 8, 4)


def draw_pick(painter: Painter, prediction: Prediction, choice, rect, level: Level | None,
              label: str, name: str, fill: str = "paper") -> None:
    """A labelled card: "You thought" (or "It was") over the choice's picture and its name."""
    r = pygame.Rect(rect)
    painter.panel(r, fill=fill, radius=16)
    # boxes tall enough for Arabic vowel marks at the biggest text size
    box_h = 40
    painter.text_box(label, (r.x + 8, r.y + 4, r.width - 16, box_h), 22, "ink_soft",
                     bold=True, align="center")
    top = r.y + 4 + box_h
    # a name that needs two lines (a long language at a big text size) takes them from the
    # picture, which shrinks a little
    name_h = box_h
    if not painter.fit(name, r.width - 16, box_h, 22, bold=True).fits:
        name_h = round(box_h * 1.6)
    pic = max(24, min(r.width - 24, r.bottom - name_h - 6 - top - 4))
    draw_choice(painter, prediction, choice, (r.centerx - pic / 2, top + 2, pic, pic), level)
    painter.text_box(name, (r.x + 8, r.bottom - name_h - 4, r.width - 16, name_h), 22,
                     bold=True, align="center")
