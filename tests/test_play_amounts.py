"""The numbers a pupil reasons with are on the board, without words: bolts and drops for what
a part gives or needs each moment, meters for what a battery or tank holds and how long a
bed has had water; and in words, translated, in the part's tooltip."""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import pygame  # noqa: E402
import pytest  # noqa: E402
from play_helpers import settle, start_play, street_level  # noqa: E402

import game.ui.board_view as board_view  # noqa: E402
from game.i18n import make_translator  # noqa: E402
from game.scenes.play import PlayScene  # noqa: E402
from game.sim.catalogue import CATALOGUE  # noqa: E402
from game.sim.parts import Role  # noqa: E402
from game.ui.board_view import amounts  # noqa: E402
from game.ui.palette_view import amount_lines  # noqa: E402
from game.ui.theme import COLORS  # noqa: E402


def test_every_part_that_gives_needs_or_holds_shows_its_number() -> None:
    for kind, spec in CATALOGUE.items():
        a = amounts(kind)
        if spec.medium.value == "items":  # things on belts show their labels, no numbers;
            # a buffer shows its room as a meter
            room = spec.capacity if spec.role == Role.STORAGE else (
                spec.params[spec.meter] if spec.meter else 0)  # a loading point: its count
            assert a == type(a)(meter=room), kind
            continue
        if spec.medium.value == "heat":  # temperatures, ice and wraps: game.ui.heat_view
            assert a == type(a)(), kind  # (tests/test_heat_view.py)
            continue
        if spec.medium.value in ("circuit", "motion", "signal", "packets"):  # their own views
            # draw a battery's cells, a motor's and a shaft's speed, a gate's inputs, what a
            # computer sends and takes (tests/test_circuit_view.py, test_motion_view.py,
            # test_signal_view.py, test_packets.py)
            assert a == type(a)(), kind
            continue
        if spec.role == Role.SOURCE:
            assert (a.pips, a.gives) == (spec.output, True), kind
        elif spec.role == Role.CONSUMER:
            assert (a.pips, a.gives) == (spec.demand, False), kind
        elif spec.role == Role.STORAGE:
            assert (a.pips, a.gives, a.meter) == (spec.rate, True, spec.capacity), kind
        elif spec.role == Role.TANK:
            assert a.meter == spec.capacity, kind
        elif spec.role == Role.FIELD:
            assert a.meter == spec.params["needs"] and amounts(kind, meter=4).meter == 4
        else:
            assert not (a.pips or a.meter), kind
        assert a.icon in ("", "icons/bolt" if spec.medium.value == "power" else "icons/drop")


@pytest.fixture
def play(app):
    return start_play(app)


def _yellow(app, scene, cell) -> int:
    """Pixels of the bolt's full yellow in the bottom-left quarter of a cell (its tag)."""
    r = app.view.rect(scene.view.cell_rect(cell))
    quarter = pygame.Rect(r.x, r.centery, r.width // 2, r.height // 2)
    yellow = pygame.Color(COLORS["yellow"])
    surf = app.surface
    return sum(1 for x in range(quarter.left, quarter.right)
               for y in range(quarter.top, quarter.bottom)
               if all(abs(a - b) < 24 for a, b in zip(surf.get_at((x, y))[:3], yellow[:3],
                                                      strict=True)))


def test_pips_on_the_board_say_what_is_given_and_what_is_got(app, fake_time, monkeypatch) -> None:
    drawn: list[tuple] = []
    real = board_view.draw_pips

    def record(surf, art, tile, icon, count, lit, corner="bottomleft"):
        drawn.append((icon, count, lit))
        return real(surf, art, tile, icon, count, lit, corner)

    monkeypatch.setattr(board_view, "draw_pips", record)
    play = PlayScene(app.ctx, street_level())
    app.ctx.stack.push(play)
    app.run_frames(2)
    # building: the turbine's 3 bolts bright, each house's 1 bolt a pale slot to fill
    assert sorted(drawn) == [("icons/bolt", 1, False), ("icons/bolt", 1, False),
                             ("icons/bolt", 3, True)]
    assert _yellow(app, play, (0, 1)) > 20 and _yellow(app, play, (4, 0)) == 0
    for step in play.level.solution.steps:
        play.editor.apply(step)
    play._after_edit()
    play.start_test()
    drawn.clear()
    settle(app, fake_time, 0.5)
    # running with power: each house got its block, its bolt is bright now
    assert ("icons/bolt", 1, True) in drawn and ("icons/bolt", 1, False) not in drawn
    assert _yellow(app, play, (4, 0)) > 20


def test_battery_and_bed_meters_fill_as_the_run_goes(app, monkeypatch) -> None:
    from dataclasses import replace

    from game.sim.model import PlacedPart

    base = street_level()
    level = replace(base, parts=(*base.parts, PlacedPart("battery", (5, 1), charge=3),
                                 PlacedPart("bed", (0, 3), needs=4)))
    scene = PlayScene(app.ctx, level)
    app.ctx.stack.push(scene)
    meters: list[tuple] = []
    real = board_view.draw_meter

    def record(surf, tile, segments, filled, colour):
        meters.append((segments, filled, colour))
        return real(surf, tile, segments, filled, colour)

    monkeypatch.setattr(board_view, "draw_meter", record)
    app.run_frames(2)
    assert sorted(meters) == [(4, 0, "sky_blue"), (12, 3, "yellow")]  # holds 3 of 12; needs 4


def test_tooltips_say_the_numbers_in_words_in_every_language() -> None:
    _g, en = make_translator("en")
    assert amount_lines("solar_panel", en) == ["Gives 2 energy blocks each moment."]
    assert amount_lines("house", en) == ["Needs 1 energy block each moment."]
    assert amount_lines("battery", en) == ["Holds 12 energy blocks.",
                                           "Gives back at most 2 energy blocks each moment."]
    assert amount_lines("pump", en) == ["Gives 4 drops of water each moment."]
    assert amount_lines("tank", en) == ["Holds 12 drops of water."]
    assert amount_lines("bed", en, meter=3) == ["Needs a sprinkler for 3 moments."]
    assert amount_lines("wire_straight", en) == []
    _g, nl = make_translator("nl")
    assert amount_lines("school", nl) == ["Heeft elk moment 3 energieblokjes nodig."]
    assert amount_lines("house", nl) == ["Heeft elk moment 1 energieblokje nodig."]
    for lang in ("tr", "pl", "uk", "ar"):
        _g, ng = make_translator(lang)
        for kind in ("wind_turbine", "school", "battery", "tap", "sprinkler", "tank", "bed"):
            for line in amount_lines(kind, ng):
                assert "each moment" not in line and "Holds" not in line, (lang, line)
                assert any(ch.isdigit() for ch in line), (lang, line)


def test_the_box_tooltip_shows_the_numbers(app, play) -> None:
    seen: list[str] = []
    real = play.palette.draw_tooltip.__func__

    def spy(self, painter, gettext, ngettext=None):
        seen.append(", ".join(amount_lines(self.kinds[self.hover], ngettext)) if ngettext else "")
        return real(self, painter, gettext, ngettext)

    play.palette.draw_tooltip = spy.__get__(play.palette)
    pos = app.view.point(play.palette.rects[0].center)
    pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0),
                                         buttons=(0, 0, 0)))
    app.step_frame()
    assert seen and seen[-1] == ""  # a wire gives and needs nothing: no numbers
    play.palette.kinds[0] = "wind_turbine"
    app.step_frame()
    assert seen[-1] == "Gives 3 energy blocks each moment."


def test_what_a_part_uses_or_stores_is_called_energy() -> None:
    """SCIENCE.md: energy is what a house uses and a battery stores; current is never used
    up. Every consumer of power and the battery say "energy" in their description."""
    for kind, spec in CATALOGUE.items():
        if spec.medium.value == "power" and spec.role in (Role.CONSUMER, Role.STORAGE):
            assert "energy" in spec.description and "power" not in spec.description, kind


def test_a_board_part_shows_its_tooltip_when_the_pointer_rests_on_it(app, play, fake_time,
                                                                    monkeypatch) -> None:
    import game.scenes.play as play_module

    shown: list[tuple] = []
    real = play_module.draw_part_tip

    def spy(painter, kind, gettext, ngettext=None, anchor=None, side="left", meter=None,
            piece=None):
        shown.append((kind, amount_lines(kind, ngettext, meter)))
        return real(painter, kind, gettext, ngettext, anchor, side, meter, piece=piece)

    monkeypatch.setattr(play_module, "draw_part_tip", spy)
    pos = app.view.point(play.view.cell_center((4, 0)))  # a house
    pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0),
                                         buttons=(0, 0, 0)))
    settle(app, fake_time, 0.3)
    assert not shown  # not while the pointer only passes by
    settle(app, fake_time, 0.6)
    assert shown[-1] == ("house", ["Needs 1 energy block each moment."])
    pos = app.view.point(play.view.cell_center((1, 2)))  # an empty cell: nothing to tell
    pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0),
                                         buttons=(0, 0, 0)))
    shown.clear()
    settle(app, fake_time, 1.0)
    assert not shown
