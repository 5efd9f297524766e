"""Heat on the play screen (game.ui.heat_view, game.ui.board_view): the heat parts look as the
run's facts say, their temperatures and settings are written on them, each cell is tinted
warmer or colder than the room, and a graph draws a line per part with a band and per
thermometer, live while the run plays and after it. Driven through a real PlayScene on the
Gezondheidslab levels."""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import pygame  # noqa: E402
import pytest  # noqa: E402

from game import PROJECT_ROOT  # noqa: E402
from game.content.loader import load_level  # noqa: E402
from game.scenes.play import PlayScene  # noqa: E402
from game.screenshot import make_context  # noqa: E402
from game.sim.board import Board  # noqa: E402
from game.sim.media.heat import shown  # noqa: E402
from game.sim.model import PlacedPart, StepAction  # noqa: E402
from game.sim.simulation import Simulation, TickState  # noqa: E402
from game.ui import heat_view  # noqa: E402
from game.ui.board_view import BoardView, part_art  # noqa: E402
from game.ui.palette_view import amount_lines  # noqa: E402
from game.ui.view import Painter, Viewport  # noqa: E402
from tests.sim_helpers import make_level  # noqa: E402

LEVELS = PROJECT_ROOT / "levels" / "life_sciences"
BOX = (2, 1)  # level 1: the medicine box
ICE = (3, 1)  # level 1: where the ice pack goes


def english(n: str, p: str, count: int) -> str:
    return n if count == 1 else p


class Seen:
    """Every text the painter draws, with where (window pixels)."""

    def __init__(self) -> None:
        self.texts: list[tuple[str, pygame.Rect]] = []

    def __call__(self, painter, text, surf, rect, colour, size, bold) -> None:
        self.texts.append((text, pygame.Rect(rect)))

    def where(self, text: str) -> list[pygame.Rect]:
        return [r for t, r in self.texts if t == text]


def scene_of(name: str, build: bool = True, lang: str = "en", more: dict | None = None):
    """A play screen of a Gezondheidslab level (``more``: parts added to its parts box)."""
    from dataclasses import replace

    level = load_level(LEVELS / name)
    if more:
        level = replace(level, palette={**level.palette, **more})
    ctx = make_context(lang=lang)
    scene = PlayScene(ctx, level)
    ctx.stack.push(scene)
    if build:
        for step in level.solution.steps:
            if step.action != StepAction.ANSWER:
                scene.editor.apply(step)
        scene._after_edit()
    return ctx, scene


def draw(ctx, scene) -> tuple[Seen, Viewport, pygame.Surface]:
    """The play screen drawn at 1280x720, with every text it drew."""
    view = Viewport((1280, 720))
    seen = Seen()
    view.text_probe = seen
    surface = pygame.Surface((1280, 720))
    ctx.stack.draw(Painter(surface, view, ctx.art, ctx.fonts))
    return seen, view, surface


def play(scene, seconds: float) -> None:
    t = 0.0
    while t < seconds and scene.mode == "run":
        scene.update(1 / 30)
        t += 1 / 30


@pytest.fixture(scope="module", autouse=True)
def _display():
    pygame.display.init()
    pygame.font.init()
    yield


# --- the looks ---------------------------------------------------------------------------------
def state(**facts) -> TickState:
    return TickState(tick=3, daylight=True, facts={"heat": facts})


def piece(kind: str, at=(1, 1)):
    return Board(make_level(parts=[PlacedPart(kind, at)], width=4, height=4)).pieces[at]


@pytest.mark.parametrize(("kind", "facts", "art"), [
    ("ice_pack", {}, "parts/ice_pack"),
    ("ice_pack", {"melting": {(1, 1)}}, "parts/ice_pack_melting"),
    ("ice_pack", {"melted": {(1, 1)}, "melting": {(1, 1)}}, "parts/ice_pack_melted"),
    ("heater", {}, "parts/heater"),
    ("heater", {"heating": {(1, 1)}}, "parts/heater_on"),
    ("incubator", {"heating": {(1, 1)}}, "parts/incubator_on"),
    ("fridge", {"cooling": {(1, 1)}}, "parts/fridge_on"),
    ("fridge", {"vent_blocked": {(1, 1)}}, "parts/fridge_blocked"),
    ("fridge", {}, "parts/fridge"),
    ("thermostat", {"switched_off": set()}, "parts/thermostat_on"),
    ("thermostat", {"switched_off": {(1, 1)}}, "parts/thermostat"),
    ("medicine_box", {}, "parts/medicine_box"),
    ("medicine_box", {"too_warm": {(1, 1)}}, "parts/medicine_box_warm"),
    ("medicine_box", {"too_cold": {(1, 1)}}, "parts/medicine_box_cold"),
])
def test_each_heat_fact_picks_its_art(kind, facts, art) -> None:
    assert part_art(piece(kind), state(**facts), False) == art
    assert part_art(piece(kind), None, False) == f"parts/{kind}", "before a run: as built"


def test_a_look_without_art_falls_back_to_the_parts_own_picture() -> None:
    from game.ui.art import Art

    art = Art(PROJECT_ROOT / "assets")
    bv = BoardView(art, "life_sciences")
    assert not art.exists("parts/incubator_warm")
    own = art.get("parts/incubator", (64, 64))
    shown_ = bv._image(part_art(piece("incubator"), state(too_warm={(1, 1)}), False), 64)
    assert pygame.image.tobytes(shown_, "RGBA") == pygame.image.tobytes(own, "RGBA")


# --- numbers on the parts ----------------------------------------------------------------------
def test_the_band_shows_before_a_run_and_the_temperature_on_the_box_during_it() -> None:
    ctx, scene = scene_of("01-ice-in-the-box.yaml")
    seen, view, _ = draw(ctx, scene)
    box = view.rect(scene.view.cell_rect(BOX))
    assert any(box.collidepoint(r.center) for r in seen.where("2–8°")), "the band tag on the box"
    assert not [t for t, r in seen.texts if t.endswith("°") and t != "2–8°" and box.contains(r)]
    scene.start_test()
    play(scene, 2.0)
    assert scene.mode == "run"
    temp = scene.run.state.fact("temperature")[BOX]
    seen, view, _ = draw(ctx, scene)
    box = view.rect(scene.view.cell_rect(BOX))
    assert any(box.contains(r) for r in seen.where(f"{shown(temp)}°")), seen.texts
    assert any(box.collidepoint(r.center) for r in seen.where("2–8°")), "the band stays"


def test_a_thermometer_writes_its_reading_and_a_fridge_its_temperature() -> None:
    ctx, scene = scene_of("06-fridge-needs-energy.yaml", more={"thermometer": 1})
    fridge = next(p for p in scene.board.pieces.values() if p.kind == "fridge")
    assert scene.editor.place("thermometer", (1, 2), 1)  # its pointer (E) feels the wall
    scene._after_edit()
    seen, view, _ = draw(ctx, scene)
    cell = view.rect(scene.view.cell_rect(fridge.at))
    assert any(cell.contains(r) for r in seen.where(f"{int(fridge.param('set'))}°"))
    scene.start_test()
    play(scene, 1.5)
    reading = scene.run.state.fact("readings")[(1, 2)]
    seen, view, _ = draw(ctx, scene)
    cell = view.rect(scene.view.cell_rect((1, 2)))
    assert any(cell.contains(r) for r in seen.where(f"{reading}°")), seen.texts


def test_a_thermostat_shows_the_temperature_it_is_set_to() -> None:
    ctx, scene = scene_of("12-warm-for-cells.yaml")
    thermostat = next(p for p in scene.board.pieces.values() if p.spec.thermostat)
    seen, view, _ = draw(ctx, scene)
    cell = view.rect(scene.view.cell_rect(thermostat.at))
    assert any(cell.contains(r) for r in seen.where(f"{int(thermostat.param('set'))}°"))


def test_the_medicine_box_without_ice_gets_warm_and_looks_it() -> None:
    ctx, scene = scene_of("01-ice-in-the-box.yaml", build=False)
    scene.start_test()
    scene.run.finish_now()
    scene._show_run()
    scene._judge()
    last = scene.run.states[-1]
    box = scene.run.board.pieces[BOX]
    assert BOX in last.fact("too_warm")
    assert part_art(box, last, False) == "parts/medicine_box_warm"
    assert heat_view.band_status(box, last) == "warm"
    seen, view, surface = draw(ctx, scene)
    temp = shown(last.fact("temperature")[BOX])
    assert temp > 8 and seen.where(f"{temp}°")


def test_ice_left_and_wrap_speed_show_as_meters() -> None:
    drawn = []

    def meter(surf, tile, segments, filled, colour):
        drawn.append((segments, round(filled, 2), colour))

    ice = piece("ice_pack")
    heat_view.draw_bars(None, ice, None, pygame.Rect(0, 0, 64, 64), meter)
    half = state(ice={(1, 1): ice.spec.melt / 2})
    heat_view.draw_bars(None, ice, half, pygame.Rect(0, 0, 64, 64), meter)
    heat_view.draw_bars(None, piece("wool"), None, pygame.Rect(0, 0, 64, 64), meter)
    heat_view.draw_bars(None, piece("foil"), None, pygame.Rect(0, 0, 64, 64), meter)
    assert drawn == [(5, 5.0, "sky_blue"), (5, 2.5, "sky_blue"), (9, 2, "orange"),
                     (9, 9, "orange")]


def test_heat_tooltips_give_their_numbers_in_words() -> None:
    assert amount_lines("medicine_box", english) == ["Must stay between 2 and 8 degrees."]
    assert amount_lines("polystyrene", english) == [
        "Heat goes through it this fast: 1 block of 9."]
    assert amount_lines("foil", english) == ["Heat goes through it this fast: 9 blocks of 9."]
    fridge = amount_lines("fridge", english)
    assert "Cools what stands in front of it down to 4 degrees." in fridge
    assert "Needs 1 energy block each moment." in fridge
    assert "Switches off at 37 degrees or warmer, and on when colder." in amount_lines(
        "thermostat", english)
    assert not [t for t in amount_lines("heater", english) if "water" in t]
    # a part on the board says its own settings
    level = make_level(parts=[PlacedPart("medicine_box", (1, 1), params={"low": 3, "high": 6})])
    box = Board(level).pieces[(1, 1)]
    assert amount_lines("medicine_box", english, piece=box) == [
        "Must stay between 3 and 6 degrees."]


# --- the tint ------------------------------------------------------------------------------------
def test_a_warmer_cell_is_tinted_redder_and_a_colder_one_bluer() -> None:
    room = 20.0
    assert heat_view.tint(room, room)[3] == 0, "the room's own temperature: no tint"
    warm, hot, cold = (heat_view.tint(t, room) for t in (24, 35, 0))
    assert warm[0] > warm[2] and hot[0] > hot[2], "warmer than the room: red"
    assert cold[2] > cold[0], "colder: blue"
    assert hot[3] > warm[3] > 0, "further from the room: stronger"
    assert max(hot[3], cold[3]) <= heat_view.TINT_MOST, "soft: the art stays readable"


def test_the_cold_ice_pack_cell_is_washed_blue_on_the_board() -> None:
    ctx, scene = scene_of("01-ice-in-the-box.yaml")
    draw(ctx, scene)
    before = scene.view._parts_layer().copy()
    scene.start_test()
    play(scene, 1.0)
    draw(ctx, scene)
    after = scene.view._parts_layer()
    r = scene.view._prect(ICE)
    corner = (r.x + r.width // 8, r.y + r.height // 2)  # the edge of the cell, beside the pack
    b, a = before.get_at(corner), after.get_at(corner)
    assert a.b - a.r > b.b - b.r, (b, a)


# --- the graph -----------------------------------------------------------------------------------
def test_the_graph_has_a_line_per_band_part_and_thermometer_with_its_last_value() -> None:
    parts = [PlacedPart("medicine_box", (1, 1)), PlacedPart("ice_pack", (2, 1)),
             PlacedPart("thermometer", (2, 3)), PlacedPart("incubator", (4, 3))]
    board = Board(make_level(parts=parts, width=6, height=5, ticks=8))
    states = Simulation(board).run()
    lines = heat_view.graph_lines(board, states)
    assert [line.cell for line in lines] == [(1, 1), (4, 3), (2, 3)], "bands first, then by place"
    assert len({line.colour for line in lines}) == len({line.symbol for line in lines}) == 3
    last = states[-1]
    assert lines[0].values[-1] == last.fact("temperature")[(1, 1)]
    assert lines[1].values[-1] == last.fact("temperature")[(4, 3)]
    assert lines[2].values[-1] == last.fact("readings")[(2, 3)]
    assert [len(line.values) for line in lines] == [len(states)] * 3
    assert lines[0].band == (2, 8) and lines[2].band is None


def test_the_graph_grows_while_the_run_plays_and_stays_after_it() -> None:
    ctx, scene = scene_of("01-ice-in-the-box.yaml")
    seen, *_ = draw(ctx, scene)
    assert scene.graph_rect is not None
    board_px = scene.view.rect
    assert not pygame.FRect(scene.graph_rect).colliderect(board_px), "never over the board"
    scene.start_test()
    play(scene, 1.0)
    early = heat_view.graph_lines(scene.run.board, scene.run.states)[0].values
    play(scene, 1.5)
    later = heat_view.graph_lines(scene.run.board, scene.run.states)[0].values
    assert 0 < len(early) < len(later) and later[:len(early)] == early
    play(scene, 10)
    assert scene.mode == "solved"
    seen, view, _ = draw(ctx, scene)
    last = scene.run.states[-1].fact("temperature")[BOX]
    graph = view.rect(scene.graph_rect)
    assert any(graph.contains(r) for r in seen.where(f"{shown(last)}°")), "its value in the legend"
    assert any(graph.contains(r) for r in seen.where(str(scene.level.ticks))), "the tick axis"


def test_the_graph_keeps_the_board_big_enough_on_every_heat_level() -> None:
    from game.ui.board_view import MIN_TILE

    for path in sorted(LEVELS.glob("[0-9]*.yaml")):
        ctx, scene = scene_of(path.name, build=False)
        draw(ctx, scene)
        if scene.graph_rect is None:
            continue
        assert scene.view.tile >= MIN_TILE, path.name
        assert not pygame.FRect(scene.graph_rect).colliderect(scene.view.rect), path.name


def test_a_level_without_heat_has_no_graph() -> None:
    from tests.play_helpers import street_level

    ctx = make_context()
    scene = PlayScene(ctx, street_level())
    ctx.stack.push(scene)
    draw(ctx, scene)
    assert scene.graph_rect is None and not scene.heat_graph


def test_the_graph_reads_right_to_left_in_arabic() -> None:
    ctx, scene = scene_of("01-ice-in-the-box.yaml", lang="ar")
    scene.start_test()
    play(scene, 1.0)
    seen, view, _ = draw(ctx, scene)
    zero, end = seen.where("0"), seen.where(str(scene.level.ticks))
    assert zero and end and zero[0].x > end[0].x, "time runs from right to left"


# --- sounds ----------------------------------------------------------------------------------------
class Recording:
    muted = False

    def __init__(self) -> None:
        self.played: list[tuple[str, bool]] = []
        self.stopped: list[str] = []

    def play(self, name: str, loop: bool = False) -> None:
        self.played.append((name, loop))

    def stop(self, name: str) -> None:
        self.stopped.append(name)

    def toggle_mute(self) -> None:
        self.muted = not self.muted


def test_the_ice_cracks_when_it_starts_to_melt_and_the_fridge_hums_while_it_cools() -> None:
    ctx, scene = scene_of("01-ice-in-the-box.yaml")
    ctx.audio = audio = Recording()
    scene.start_test()
    play(scene, 2.0)
    assert ("ice_crack", False) in audio.played
    ctx, scene = scene_of("06-fridge-needs-energy.yaml")
    ctx.audio = audio = Recording()
    scene.start_test()
    cooled = False
    for _ in range(30 * 6):
        scene.update(1 / 30)
        if scene.mode != "run":
            break
        if scene.run.state.fact("cooling"):
            cooled = True
            assert "fridge" in scene._loops
        elif cooled:  # it reached its temperature: quiet until it cools again
            assert "fridge" not in scene._loops and "fridge" in audio.stopped
    assert cooled and ("fridge", True) in audio.played


# --- isotopes ------------------------------------------------------------------------------------
class SpyArt:
    """The real art, remembering every picture asked for."""

    def __init__(self, art) -> None:
        self.art, self.asked = art, []

    def get(self, name, size, rotation=0):
        self.asked.append(name)
        return self.art.get(name, size, rotation)

    def exists(self, name):
        return self.art.exists(name)

    def __getattr__(self, name):
        return getattr(self.art, name)


def test_an_isotope_shows_its_strength_and_fades_below_half() -> None:
    from game.ui.art import Art
    from game.ui.fonts import Fonts

    art = SpyArt(Art(PROJECT_ROOT / "assets"))
    board = Board(make_level(width=4, height=4))
    bv = BoardView(art, "life_sciences")
    view = Viewport((1280, 720))
    seen = Seen()
    view.text_probe = seen
    bv.layout((24, 162, 984, 466), board, view)
    painter = Painter(pygame.Surface((1280, 720)), view, art, Fonts(PROJECT_ROOT / "assets" / "fonts"))
    item = (0, 1, "isotope", (1, 1), (1, 2))

    def tick(n: int, strength: dict) -> list[str]:
        art.asked.clear()
        seen.texts.clear()
        bv._draw_items(painter, TickState(tick=n, daylight=True,
                                          facts={"items": {"items": (item,),
                                                           "strength": strength}}))
        return [a for a in art.asked if a.startswith("items/isotope")]

    assert tick(0, {0: 16}) == ["items/isotope"] and seen.where("16")
    assert tick(3, {0: 8}) == ["items/isotope"] and seen.where("8"), "half is not below half"
    assert tick(6, {0: 4}) == ["items/isotope_weak"] and seen.where("4")
    # before the isotopes' helper lands (no strength fact): an item as before, no number
    assert tick(7, {}) == ["items/isotope"] and not seen.where("4")


def test_the_pointer_on_the_graph_says_what_it_shows() -> None:
    ctx, scene = scene_of("01-ice-in-the-box.yaml")
    draw(ctx, scene)
    scene.pointer = scene.graph_rect.center
    seen, *_ = draw(ctx, scene)
    assert seen.where(heat_view.GRAPH_TIP)
    scene.pointer = scene.view.cell_center((0, 0))
    seen, *_ = draw(ctx, scene)
    assert not seen.where(heat_view.GRAPH_TIP)


def test_the_reactor_and_the_hospitals_show_their_isotope_numbers() -> None:
    """Level 10: the reactor's strength (16) and the moments to lose half of it ("½ 4") on its
    own cell, each hospital's least strength ("≥8", "≥4") on its own; their tooltips say the
    same in words, with the level's own settings."""
    ctx, scene = scene_of("11-the-fast-route.yaml", build=False)
    seen, _view, _surface = draw(ctx, scene)
    cells = {"reactor": (0, 3), "alkmaar": (4, 0), "amsterdam": (8, 4)}
    rect = {name: scene.view.cell_rect(cell) for name, cell in cells.items()}

    def on(name: str, text: str) -> bool:
        return any(rect[name].inflate(8, 8).contains(r) for r in seen.where(text))

    assert on("reactor", "16") and on("reactor", "½ 4")
    assert on("alkmaar", "≥8") and on("amsterdam", "≥4") and not on("alkmaar", "≥4")
    board = scene.editor.board
    reactor = amount_lines("reactor", english, piece=board.pieces[cells["reactor"]])
    assert reactor == ["Each isotope starts with strength 16.",
                       "It loses half its strength every 4 moments."]
    assert amount_lines("hospital_bay", english, piece=board.pieces[cells["alkmaar"]]) == [
        "Takes isotopes with strength 8 or more."]


# --- the data centre: energy bolts on racks and coolers, the fan's outside air -------------------
def test_the_data_centres_parts_show_the_energy_they_need_and_the_health_labs_keep_their_look():
    def piece(kind, **params):
        return Board(make_level(parts=[PlacedPart(kind, (1, 1), params=params)])).pieces[(1, 1)]

    assert heat_view.energy_shown(piece("server_rack", load=2)) == 2
    assert heat_view.energy_shown(piece("server_rack", load=3)) == 3
    assert heat_view.energy_shown(piece("outside_air_fan")) == 1
    assert heat_view.energy_shown(piece("water_cooler")) == 2
    assert heat_view.energy_shown(piece("chiller")) == 3
    for kind in ("heater", "fridge", "incubator", "homes", "warm_water_pipe"):
        assert heat_view.energy_shown(piece(kind)) == 0, kind


def test_the_board_shows_a_fan_without_outside_air_a_shut_valve_and_a_starting_generator():
    level = load_level(PROJECT_ROOT / "levels" / "ict" / "11-warm-hall.yaml")
    board = Board(level)
    state = Simulation(board).run()[0]
    assert part_art(board.pieces[(1, 0)], state, False) == "parts/outside_air_fan_blocked"
    assert part_art(board.pieces[(4, 0)], state, False) == "parts/water_cooler_closed"
    level = load_level(PROJECT_ROOT / "levels" / "ict" / "12-power-cut.yaml")
    from game.sim.goals import play_solution

    board, _ev = play_solution(level)
    states = Simulation(board).run()
    assert part_art(board.pieces[(0, 2)], states[6], False) == "parts/grid_connection_off"
    assert part_art(board.pieces[(3, 2)], states[6], False) == "parts/diesel_generator_starting"
    assert part_art(board.pieces[(3, 2)], states[-1], False) == "parts/diesel_generator_on"
    for name in ("outside_air_fan_blocked", "water_cooler_closed", "grid_connection_off",
                 "diesel_generator_starting", "diesel_generator_on"):
        assert (PROJECT_ROOT / "assets" / "parts" / f"{name}.svg").is_file()
