"""Predict, test, explain (SCIENCE.md): how a prediction's choices look and are called.

A choice is a part, a number, a place on the board or a picture (``Prediction.kind``). The
picker, the chip that keeps the prediction on screen during the run, and the explanation card
(the prediction beside what happened) all draw a choice with :func:`draw_choice` and name it
with :func:`choice_name`, so they always agree.

A ``table`` prediction is a filled-in truth table (``TableGuess``: each row's outputs on or
off, None where not filled in yet). Its cells are drawn with :func:`draw_input` and
:func:`draw_output` (the part's own picture, on or off, and a lit or dark dot: never the
colour alone), a row is read aloud with :func:`row_words` ("Smoke sensor off, Heat sensor on:
the bell rings"), and :func:`draw_mini_table` is the small picture of a filled-in table on
the chip. The picker is game.scenes.question.TableQuestionScene.
"""

from __future__ import annotations

from collections.abc import Callable

import pygame

from game.sim.catalogue import CATALOGUE
from game.sim.model import PREDICT_PICTURES, Level, Prediction, SignalTable
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

# A row of a truth table, read aloud: its inputs, then what its outputs do.
# TRANSLATORS: read aloud, one input of a row of a truth table: {part} is a button or a
# sensor (Smoke sensor, Push button), which is on (it senses something, it is pressed)
INPUT_ON = N_("{part} on")
# TRANSLATORS: read aloud, one input of a row of a truth table: {part} is a button or a
# sensor (Smoke sensor, Push button), which is off
INPUT_OFF = N_("{part} off")
#: a row with one, two or three inputs, then what the outputs do
ROW_WORDS = (
    # TRANSLATORS: read aloud, a row of a truth table: {a} is an input and whether it is on
    # ("Smoke sensor off"), {result} what the output does ("the bell rings")
    N_("{a}: {result}."),
    # TRANSLATORS: read aloud, a row of a truth table: {a} and {b} are inputs and whether
    # each is on ("Smoke sensor off", "Heat sensor on"), {result} what the output does ("the
    # bell rings")
    N_("{a}, {b}: {result}."),
    # TRANSLATORS: read aloud, a row of a truth table: {a}, {b} and {c} are inputs and
    # whether each is on ("Smoke sensor off"), {result} what the output does ("the bell
    # rings")
    N_("{a}, {b}, {c}: {result}."),
)
# TRANSLATORS: read aloud, what two outputs of a row of a truth table do: {first} and
# {second} are each like "the bell rings" or "the lamp is off"
TWO_RESULTS = N_("{first} and {second}")
#: what an output does, off and on, by its kind (other kinds: "{part} on" / "{part} off")
OUTPUT_WORDS = {
    "signal_lamp": (
        # TRANSLATORS: read aloud, what an output does in a row of a truth table
        N_("the lamp is off"),
        # TRANSLATORS: read aloud, what an output does in a row of a truth table
        N_("the lamp is on")),
    "door_lock": (
        # TRANSLATORS: read aloud, what an output does in a row of a truth table
        N_("the door stays shut"),
        # TRANSLATORS: read aloud, what an output does in a row of a truth table
        N_("the door opens")),
    "alarm_bell": (
        # TRANSLATORS: read aloud, what an output does in a row of a truth table
        N_("the bell stays quiet"),
        # TRANSLATORS: read aloud, what an output does in a row of a truth table
        N_("the bell rings")),
}
# TRANSLATORS: read aloud, an output of a row of the pupil's truth table they have not filled
# in yet (in the place of "the bell rings")
NOT_FILLED = N_("not filled in yet")
# TRANSLATORS: read aloud on the explanation card after a row of a truth table the run showed
# just as the pupil had filled it in
AS_YOU_THOUGHT = N_("Just as you thought.")
# TRANSLATORS: read aloud on the explanation card after a row of a truth table the run showed
# otherwise: {guess} is what the pupil thought the output does ("the bell stays quiet")
YOU_THOUGHT_ROW = N_("You thought: {guess}.")


def choice_name(prediction: Prediction, choice, level: Level | None,
                gettext: Callable[[str], str]) -> str:
    """What a choice is called (a tooltip, read aloud): a part's name, a number, the part at
    a place (or "this empty spot"), a picture's name; a filled-in table: its rows, read."""
    if prediction.kind == "table":
        if level is None or level.table is None:
            return ""
        return " ".join(row_words(level, k, outs, gettext) for k, outs in enumerate(choice))
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
    elif prediction.kind == "table":
        draw_mini_table(painter, level, choice, r)
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


# --- a filled-in truth table (kind: table) ----------------------------------------------------


def table_kinds(level: Level) -> tuple[list[str], list[str]]:
    """The part kinds of the table's input columns and of its output columns ("" where the
    board has no part: the loader does not let that happen)."""
    table: SignalTable | None = level.table
    if table is None:
        return [], []
    at = {p.at: p.kind for p in level.parts}
    return [at.get(c, "") for c in table.inputs], [at.get(c, "") for c in table.outputs]


def empty_guess(level: Level) -> tuple[tuple[None, ...], ...]:
    """A table with nothing filled in: a None for every output of every row."""
    table = level.table
    if table is None:
        return ()
    return tuple(tuple(None for _ in table.outputs) for _ in table.rows)


def output_words(kind: str, on: bool | None, gettext: Callable[[str], str]) -> str:
    """What an output does, in words: "the bell rings", "the lamp is off" (None: not filled
    in yet)."""
    if on is None:
        return gettext(NOT_FILLED)
    if kind in OUTPUT_WORDS:
        return gettext(OUTPUT_WORDS[kind][bool(on)])
    name = gettext(CATALOGUE[kind].name) if kind in CATALOGUE else kind
    return gettext(INPUT_ON if on else INPUT_OFF).format(part=name)


def outputs_words(level: Level, outs, gettext: Callable[[str], str]) -> str:
    """What a row's outputs do: one ("the bell rings") or two joined ("... and ...")."""
    _ins, kinds = table_kinds(level)
    said = [output_words(kind, on, gettext) for kind, on in zip(kinds, outs, strict=False)]
    while len(said) > 2:  # more than two outputs: pair them up (levels give one or two)
        said[-2:] = [gettext(TWO_RESULTS).format(first=said[-2], second=said[-1])]
    if len(said) == 2:
        return gettext(TWO_RESULTS).format(first=said[0], second=said[1])
    return said[0] if said else ""


def inputs_words(level: Level, row: int, gettext: Callable[[str], str]) -> list[str]:
    """A row's inputs in words: "Smoke sensor off", "Heat sensor on"."""
    kinds, _outs = table_kinds(level)
    out = []
    for kind, on in zip(kinds, level.table.rows[row].inputs, strict=False):
        name = gettext(CATALOGUE[kind].name) if kind in CATALOGUE else kind
        out.append(gettext(INPUT_ON if on else INPUT_OFF).format(part=name))
    return out


def row_words(level: Level, row: int, outs, gettext: Callable[[str], str]) -> str:
    """A row read aloud: "Smoke sensor off, Heat sensor on: the bell rings." ``outs``: the
    row's outputs (on, off or None: not filled in)."""
    ins = inputs_words(level, row, gettext)[:3]
    template = gettext(ROW_WORDS[max(0, len(ins) - 1)])
    return template.format(**dict(zip("abc", ins, strict=False)),
                           result=outputs_words(level, outs, gettext))


def draw_dot(painter: Painter, centre: tuple[float, float], radius: float, on: bool) -> None:
    """On or off without colour alone: a lit circle with a ring and a spot of light, or a
    dark empty ring."""
    if on:
        painter.circle("yellow", centre, radius)
        painter.circle("ink", centre, radius, max(2, radius * 0.22))
        painter.circle("paper", (centre[0] - radius * 0.3, centre[1] - radius * 0.3),
                       radius * 0.28)
    else:
        painter.circle("paper", centre, radius)
        painter.circle("ink_soft", centre, radius, max(2, radius * 0.22))


def _picture(painter: Painter, kind: str, on: bool, rect: pygame.Rect, alpha: int = 255) -> None:
    name = f"parts/{kind}_on" if on else f"parts/{kind}"
    if kind and art_exists(painter.art, name):
        painter.image(name, rect, alpha=alpha)
    elif kind:
        draw_part_picture(painter, kind, rect, alpha=alpha)


def draw_input(painter: Painter, kind: str, on: bool, rect) -> None:
    """An input of a row: its part's picture, on or off, with a lit or dark dot in the
    corner (at the end of the line: the corner mirrors with the screen)."""
    r = pygame.Rect(rect)
    pic = r.inflate(-r.width * 0.16, -r.height * 0.16)
    _picture(painter, kind, on, pic, 255 if on else 200)
    radius = max(5.0, min(r.width, r.height) * 0.13)
    draw_dot(painter, (r.right - radius - 2, r.bottom - radius - 2), radius, on)


def draw_output(painter: Painter, kind: str, on: bool | None, rect, fill: str = "paper",
                missing: bool = False) -> None:
    """An output cell of a table: a card with the part's picture on (ringing, lit, open) or
    off, and a lit or dark dot; not filled in yet: an empty card with a faint picture to tap
    (``missing``: ringed, when the pupil tried to go on without it)."""
    r = pygame.Rect(rect)
    radius = max(6.0, min(r.width, r.height) * 0.18)
    if on is None:
        painter.rect("cream", r, radius)
        painter.rect("ink_soft", r, radius, 3)
        side = min(r.width, r.height) * 0.7
        _picture(painter, kind, False,
                 pygame.Rect(r.centerx - side / 2, r.centery - side / 2, side, side), 70)
        if missing:
            painter.rect("vermillion", r.inflate(6, 6), radius + 3, 4)
        return
    painter.rect(fill, r, radius)
    painter.rect("ink", r, radius, 3)
    side = min(r.width, r.height) * 0.78
    _picture(painter, kind, on, pygame.Rect(r.centerx - side / 2 - r.width * 0.06,
                                            r.centery - side / 2, side, side))
    dot = max(5.0, min(r.width, r.height) * 0.12)
    draw_dot(painter, (r.right - dot - 5, r.bottom - dot - 5), dot, on)


def draw_arrow(painter: Painter, centre: tuple[float, float], size: float) -> None:
    """The arrow from a row's inputs to its outputs (it turns round on a mirrored screen)."""
    x, y = centre
    s = size * 0.3
    painter.line("ink_soft", (x - s, y), (x + s * 0.5, y), max(2, size * 0.07))
    painter.polygon("ink_soft", [(x + s, y), (x + s * 0.3, y - s * 0.6),
                                 (x + s * 0.3, y + s * 0.6)])


def draw_mini_table(painter: Painter, level: Level | None, guess, rect) -> None:
    """A filled-in table, small (the chip during the run): a row per case, its inputs as
    dots, then each output's picture on or off."""
    r = pygame.Rect(rect)
    if level is None or level.table is None or not guess:
        painter.rect("tile_edge", r, 8, 3)
        return
    ins, outs = table_kinds(level)
    n = len(level.table.rows)
    line = r.height / n
    cols = len(ins) * 0.7 + 0.5 + len(outs)
    unit = min(line, r.width / cols)
    left = r.centerx - unit * cols / 2
    for k, row in enumerate(level.table.rows):
        cy = r.y + line * (k + 0.5)
        for i, on in enumerate(row.inputs):
            draw_dot(painter, (left + unit * (0.7 * i + 0.35), cy), max(2.5, unit * 0.24), on)
        x = left + unit * (0.7 * len(ins) + 0.5)
        for j, kind in enumerate(outs):
            on = guess[k][j] if k < len(guess) and j < len(guess[k]) else None
            cell = pygame.Rect(round(x + j * unit), round(cy - line / 2), round(unit),
                               round(line))
            if on is None:
                painter.circle("ink_soft", cell.center, max(2.0, unit * 0.12))
            else:
                _picture(painter, kind, on, cell.inflate(-2, -2))
