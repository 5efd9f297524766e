"""A level in words for the teacher: its solution step by step ("Zet een zonnepaneel op B3"),
the answer to its prediction, and the names of its kind, groep and kerndoelen.

A cell is named as on the guide's pictures: a column letter (A at the left) and a row number
(1 at the top). The solution key is the guide's own Dutch prose, so it names the parts in
Dutch; the facts (kind, groep, kerndoelen) come from the catalogue in the guide's language.
"""

from __future__ import annotations

from collections.abc import Callable
from string import ascii_uppercase

from game.kerndoelen import KERNDOELEN, Kerndoel, number
from game.sim.catalogue import CATALOGUE
from game.sim.model import PREDICT_PICTURES, Level, Solution, StepAction

Gettext = Callable[[str], str]

#: the kind chips of the level lists (msgids of game/scenes/worlds.py)
KIND_MSGIDS = {"build": "Build", "fix": "Fix", "explore": "Explore"}
_TURNS = {1: "een kwartslag", 2: "een halve slag", 3: "drie kwartslagen"}
#: a part that can be switched: what its two states are called (on, off)
_STATES = {"valve": ("open", "dicht"), "float_valve": ("open", "dicht")}
_SWITCHED = ("aan", "uit")
#: parts whose Dutch name is a material ("Leg piepschuim op B3", not "een piepschuim")
MATERIALS = frozenset({"wool", "polystyrene", "foil", "cardboard"})


def cell_name(cell: tuple[int, int]) -> str:
    """``(1, 2)`` -> ``B3``: the column's letter and the row's number, as on the pictures."""
    x, y = cell
    return f"{column_letter(x)}{y + 1}"


def column_letter(x: int) -> str:
    return ascii_uppercase[x] if x < 26 else f"{ascii_uppercase[x // 26 - 1]}{ascii_uppercase[x % 26]}"


def part_noun(kind: str, nl: Gettext) -> str:
    """The part's Dutch name as a noun in a sentence: ``zonnepaneel``, ``T-stuk``."""
    name = nl(CATALOGUE[kind].name) if kind in CATALOGUE else kind
    if len(name) > 1 and name[0].isupper() and name[1].islower():
        name = name[0].lower() + name[1:]
    return name


def solution_steps(level: Level, solution: Solution, nl: Gettext) -> list[str]:
    """The steps of ``solution`` as Dutch sentences, repeated turns of one part as one step."""
    board = {part.at: part.kind for part in level.parts}
    state = {part.at: part.on for part in level.parts}
    lines: list[str] = []
    steps = list(solution.steps)
    i = 0
    while i < len(steps):
        step = steps[i]
        if step.action == StepAction.PLACE:
            assert step.kind is not None and step.at is not None
            cells = [step.at]
            while i + 1 < len(steps) and steps[i + 1].action == StepAction.PLACE \
                    and (steps[i + 1].kind, steps[i + 1].rotation) == (step.kind, step.rotation):
                i += 1
                cells.append(steps[i].at)  # type: ignore[arg-type]
            for cell in cells:
                board[cell] = step.kind
                state[cell] = True
            line = _place(step.kind, cells, nl)
            if step.rotation:
                line += f", {_TURNS[step.rotation]} gedraaid"
        elif step.action == StepAction.REMOVE:
            assert step.at is not None
            what = part_noun(board.pop(step.at), nl) if step.at in board else "onderdeel"
            line = f"Haal de {what} op {cell_name(step.at)} weg"
        elif step.action == StepAction.ROTATE:
            assert step.at is not None
            turns = 1
            while i + 1 < len(steps) and steps[i + 1].action == StepAction.ROTATE \
                    and steps[i + 1].at == step.at:
                turns += 1
                i += 1
            what = part_noun(board[step.at], nl) if step.at in board else "onderdeel"
            line = (f"Draai de {what} op {cell_name(step.at)} "
                    f"{_TURNS[turns % 4 or 4] if turns % 4 else 'rond'} met de klok mee")
        elif step.action == StepAction.TOGGLE:
            assert step.at is not None
            kind = board.get(step.at, "")
            if kind in CATALOGUE and CATALOGUE[kind].toggles != "on":  # a diverter's label
                clicks = 1
                while i + 1 < len(steps) and steps[i + 1].action == StepAction.TOGGLE \
                        and steps[i + 1].at == step.at:
                    clicks += 1
                    i += 1
                times = "één keer" if clicks == 1 else f"{clicks} keer"
                lines.append(f"Klik {times} op de {part_noun(kind, nl)} op {cell_name(step.at)}: "
                             f"zo kies je het label dat hij opzij stuurt.")
                i += 1
                continue
            on = not state.get(step.at, True)
            state[step.at] = on
            word = _STATES.get(kind, _SWITCHED)[0 if on else 1]
            line = f"Zet de {part_noun(kind, nl) if kind else 'schakelaar'} op {cell_name(step.at)} {word}"
        else:  # ANSWER: an older explore level's question
            assert step.kind is not None
            line = f"Kies als antwoord: {part_noun(step.kind, nl)}"
        lines.append(line + ".")
        i += 1
    return lines


def _place(kind: str, cells: list[tuple[int, int]], nl: Gettext) -> str:
    noun = part_noun(kind, nl)
    where = _listed([cell_name(c) for c in cells])
    if kind in MATERIALS:
        return f"Leg {noun} op {where}"
    if len(cells) == 1:
        return f"Zet een {noun} op {where}"
    return f"Zet op {where} elk een {noun}"


def _listed(names: list[str]) -> str:
    """``B3``, ``B3 en C2``, ``B3, C2 en D2``."""
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} en {names[-1]}"


def prediction(level: Level, gettext: Gettext, nl: Gettext) -> tuple[str, str] | None:
    """An explore level's question (in the guide's language) and the answer the run shows
    (in Dutch words), or None."""
    if level.predict is not None:
        p = level.predict
        if p.kind == "part":
            answer = part_noun(str(p.answer), nl)
        elif p.kind == "place":
            answer = f"vakje {cell_name(p.answer)}"  # type: ignore[arg-type]
        elif p.kind == "picture":
            answer = nl(PREDICT_PICTURES.get(str(p.answer), str(p.answer)))
        else:
            answer = str(p.answer)
        return gettext(p.text), answer
    if level.question is not None:
        return gettext(level.question.text), part_noun(level.question.answer, nl)
    return None


def kind_name(level: Level, gettext: Gettext) -> str:
    kind = getattr(level.kind, "value", level.kind)
    return gettext(KIND_MSGIDS.get(kind, kind))


def groep_name(level: Level, gettext: Gettext) -> str:
    low, high = level.groep
    if low == high:
        return gettext("Groep {low}").format(low=low)
    return gettext("Groep {low}–{high}").format(low=low, high=high)


def kerndoel_name(code: Kerndoel, gettext: Gettext) -> str:
    """``42 Materialen en natuurkundige verschijnselen``; ``Digitale geletterdheid``."""
    title = gettext(KERNDOELEN[code])
    return f"{number(code)} {title}".strip()
