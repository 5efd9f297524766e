"""Per-part parameters as data (``params``): a level's battery charge, bed needs and switch
state are one dict per piece, with the kind's defaults in the catalogue; the old names stay
readable (and writable on a board piece)."""

from __future__ import annotations

from dataclasses import replace

from game.sim.board import Board, Piece
from game.sim.catalogue import spec
from game.sim.editor import Editor
from game.sim.model import PlacedPart
from game.sim.simulation import Simulation
from tests.sim_helpers import make_level


def test_the_old_keywords_become_params_and_read_back():
    battery = PlacedPart("battery", (1, 1), charge=4)
    assert battery.params == (("charge", 4),)
    assert battery == PlacedPart("battery", (1, 1), params={"charge": 4})
    assert (battery.charge, battery.needs, battery.on) == (4, None, True)
    off = PlacedPart("switch", (2, 1), 1, False, False, False)  # the old positional order
    assert off.params == (("on", False),) and off.on is False and off.rotation == 1
    assert PlacedPart("switch", (2, 1), on=True) == PlacedPart("switch", (2, 1)), \
        "saying what is the default anyway changes nothing"


def test_a_piece_falls_back_on_its_kinds_default():
    assert spec("bed").params == {"needs": 6} and spec("battery").params == {"charge": 0}
    bed = Piece("bed", (0, 0))
    assert bed.needs is None and bed.param("needs") == 6
    assert Piece("bed", (0, 0), needs=3).param("needs") == 3
    assert spec("bed").options["needs"].up_to_ticks, "a bed needs water for at most the run"


def test_a_copied_piece_never_shares_a_change():
    piece = Piece.from_placed(PlacedPart("valve", (1, 1)))
    copy = replace(piece)
    copy.on = False
    assert piece.on is True and copy.on is False and copy.params == {"on": False}
    moved = replace(copy, at=(2, 2), on=True)
    assert moved.params == {} and moved.at == (2, 2)


def test_switching_is_undone_through_the_params():
    level = make_level(parts=[PlacedPart("switch", (1, 1), locked=False)])
    editor = Editor(Board(level))
    assert editor.toggle((1, 1)) and editor.board.pieces[(1, 1)].on is False
    assert editor.undo() and editor.board.pieces[(1, 1)].on is True
    assert editor.reset() is False, "back at the start: nothing to reset"


def test_a_batterys_charge_param_is_what_the_run_starts_with():
    level = make_level(parts=[PlacedPart("battery", (1, 1), params={"charge": 5}),
                              PlacedPart("house", (2, 1))])
    first = Simulation(Board(level)).step()
    assert first.charge[(1, 1)] == 4.0, "5 at the start, 1 given to the house"
