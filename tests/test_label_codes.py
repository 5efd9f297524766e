"""Labels are a colour and a symbol, so no child needs colour vision; on a level for older
groups (``codes:`` in its file) they are read as codes, as on a real luggage tag: the things on
the belts, the diverters, the bays and the loading points show the code instead."""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import pygame  # noqa: E402
import pytest  # noqa: E402

from game import PROJECT_ROOT  # noqa: E402
from game.content.loader import load_level  # noqa: E402
from game.datafile.problems import LevelError  # noqa: E402
from game.screenshot import make_context  # noqa: E402
from game.ui.textfit import TextAudit  # noqa: E402
from game.ui.view import Painter, Viewport  # noqa: E402
from tests.play_helpers import solution_running  # noqa: E402

LOGISTICS = PROJECT_ROOT / "levels" / "logistics"


def texts_mid_run(path) -> list[str]:
    pygame.display.init()
    pygame.font.init()
    level = load_level(path)
    ctx = make_context()
    solution_running(ctx, level, 40 / 30, fps=30)  # 1.3 s: bags on every belt
    surface = pygame.Surface((1280, 720))
    view = Viewport((1280, 720))
    view.audit = audit = TextAudit()
    ctx.stack.draw(Painter(surface, view, ctx.art, ctx.fonts))
    return [t.text for t in audit.texts]


def test_the_capstone_shows_its_codes_on_bags_planes_and_the_diverter():
    texts = texts_mid_run(LOGISTICS / "13-flowers-from-aalsmeer.yaml")
    assert texts.count("JFK") >= 3 and texts.count("HND") >= 3, texts


def test_a_level_without_codes_shows_the_symbols():
    texts = texts_mid_run(LOGISTICS / "03-two-planes.yaml")
    assert not {"JFK", "HND"} & set(texts)


def test_a_code_is_two_to_four_capitals_or_digits(tmp_path):
    text = (LOGISTICS / "13-flowers-from-aalsmeer.yaml").read_text(encoding="utf-8")
    path = tmp_path / "lvl.yaml"
    path.write_text(text.replace("codes: [JFK, HND]", "codes: [jfk, HND]"), encoding="utf-8")
    with pytest.raises(LevelError) as caught:
        load_level(path)
    assert [p.message for p in caught.value.problems] == [
        "'jfk' must be 2 to 4 capital letters or digits"]
