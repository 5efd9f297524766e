"""The screens that make room for long texts: a long language (the pseudo-language of the
text-fit test, every word about half as long again) at the biggest text size.

Noor's bubble on the prediction picker wraps its title and grows with the question, the
pictures moving down; the "You thought" chip gives its label a second full line; a
prediction's explanation card widens (the pictures beside the stars) so the explanation
stays above the buttons; the parents' tip card takes the screen's width. Each is drawn with
the text audit on, as tests/test_text_fit_everywhere.py does for every screen.
"""

from __future__ import annotations

import pygame
import pytest

from game.scenes.info_card import CARD as TIP_CARD
from game.scenes.info_card import InfoCard
from game.scenes.question import CARD as PICK_CARD
from game.scenes.question import QuestionScene
from game.scenes.result import CARD as RESULT_CARD
from game.scenes.result import ResultScene
from game.sim.goals import play_solution
from game.ui.guide_view import draw_bubble
from game.ui.predict import PICK_TITLE
from game.ui.view import Painter
from tests.scene_gallery import catalogue, show
from tests.test_text_fit_everywhere import open_app

BIGGEST = 2


@pytest.fixture
def big_pseudo(data_dir, fake_time, monkeypatch):
    app = open_app(data_dir, fake_time, "pseudo", BIGGEST, monkeypatch)
    yield app
    app.close()


def _level(prefix: str):
    return next(lv for lv in catalogue() if lv.id.startswith(prefix))


def _drawn(app, draw) -> list[str]:
    """The audit's problems of one drawing on a clean screen."""
    painter = Painter(app.surface, app.view, app.art, app.fonts)
    app.view.audit.clear()
    draw(painter)
    return app.view.audit.problems()


def test_a_long_bubble_title_wraps_inside_the_bubble(big_pseudo):
    app = big_pseudo
    title = app.ctx.gettext(PICK_TITLE)
    painter = Painter(app.surface, app.view, app.art, app.fonts)
    assert painter.measure(title, 23, bold=True)[0] > 540  # longer than the bubble's line
    app.view.audit.clear()
    bubble = draw_bubble(painter, (390, 160, 580, 140), title, "Short.", max_height=300)
    assert app.view.audit.problems() == []
    drawn = next(t for t in app.view.audit.texts if t.text == title)
    assert bubble.contains(drawn.rect)


def test_the_picker_grows_for_its_title_and_question(big_pseudo):
    app = big_pseudo
    level = _level("city-15")
    picker = QuestionScene(app.ctx, level.predict, lambda _k: None, level=level)
    assert _drawn(app, picker.draw) == []
    texts = {t.text: t.rect for t in app.view.audit.texts}
    question = texts[app.ctx.gettext(level.predict.text)]
    pictures = picker.row.buttons[:len(level.predict.choices)]
    # the question (three lines) sits above the pictures, which moved down below it
    assert all(question.bottom < b.rect.top for b in pictures)
    assert pictures[0].rect.top > PICK_CARD.y + 200
    # the back button moved up with the card, and a click on it still closes the picker
    app.ctx.stack.push(picker)
    below = len(app.ctx.stack) - 1
    pos = app.view.point(picker.close.rect.center)
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, button=1, pos=pos))
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONUP, button=1, pos=pos))
    app.run_frames(2)
    assert len(app.ctx.stack) == below


def test_the_picker_keeps_its_size_for_a_short_question(data_dir, fake_time, monkeypatch):
    app = open_app(data_dir, fake_time, "nl", 0, monkeypatch)
    try:
        level = _level("city-06")
        picker = QuestionScene(app.ctx, level.predict, lambda _k: None, level=level)
        painter = Painter(app.surface, app.view, app.art, app.fonts)
        card, bubble = picker.layout(painter)
        assert card == PICK_CARD and bubble.height == 140
        assert picker.row.buttons[0].rect.top == PICK_CARD.y + 200
    finally:
        app.close()


def test_the_you_thought_chip_holds_its_label(big_pseudo):
    app = big_pseudo
    show(app, "play_predicted", audit=app.view.audit)
    label = app.ctx.gettext("You thought")
    chip = app.ctx.stack.top.buttons["predict"].rect
    drawn = [t for t in app.view.audit.texts if t.text == label]
    assert drawn and all(chip.contains(t.rect) for t in drawn)
    assert not [p for p in app.view.audit.problems() if label in p]


@pytest.mark.parametrize("prefix", ["greenport-15", "city-15", "city-16"])
def test_a_long_explanation_stays_on_its_card_above_the_buttons(big_pseudo, prefix):
    app = big_pseudo
    level = _level(prefix)
    _board, evaluation = play_solution(level)
    guess = next(c for c in level.predict.choices if c != level.predict.answer)
    card = ResultScene(app.ctx, level, evaluation, prediction=guess)
    card.t = 3.0
    assert _drawn(app, card.draw) == []
    explained = next(t for t in app.view.audit.texts
                     if t.text == app.ctx.gettext(level.predict.explain))
    buttons = [b for b in card.row.buttons if b is not card.speak]
    assert explained.rect.bottom <= min(b.rect.top for b in buttons)
    assert explained.rect.width > RESULT_CARD.width - 80  # the card widened for it


def test_every_discover_together_card_stays_on_its_card(big_pseudo):
    """The "Samen ontdekken" card of every level in the long pseudo-language at the biggest
    text size: its four parts fit above the OK button, none smaller than 18 (the text-fit
    survey checks the same in every language and size)."""
    from tests.test_text_fit_everywhere import _tip_card

    app = big_pseudo
    painter = Painter(app.surface, app.view, app.art, app.fonts)
    found = []
    for level in catalogue():
        app.view.audit.clear()
        more = _tip_card(app, level, painter)
        found += [f"{level.id}: {p}" for p in [*app.view.audit.problems(), *more]]
    assert not found, "\n".join(found)


def test_a_short_parents_tip_keeps_the_card_and_noor(data_dir, fake_time, monkeypatch):
    app = open_app(data_dir, fake_time, "nl", 0, monkeypatch)
    try:
        body = "Look at it together."
        card = InfoCard(app.ctx, "Discover together", body, icon="icons/parent")
        assert _drawn(app, card.draw) == []
        tip = next(t for t in app.view.audit.texts if t.text == app.ctx.gettext(body))
        assert tip.rect.left >= TIP_CARD.x + 220 and tip.size == 24
        assert tip.box.right <= TIP_CARD.right
    finally:
        app.close()
