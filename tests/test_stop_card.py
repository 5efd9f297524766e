"""The title's Stop button asks "Stop playing?" first; the window's own close still quits at
once (what a window's close means everywhere, and what a PC shutting down needs). Progress
is saved as it is made, so neither loses anything."""

import pygame
import pytest

from game.scenes.stop_card import StopCard
from game.scenes.title import TitleScene

STOP = (76, 652)  # the title's cross, bottom left


def click(app, logical):
    pos = app.view.point(logical)
    for kind in (pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP):
        pygame.event.post(pygame.event.Event(kind, pos=pos, button=1))
    return app.step_frame()


def key(app, k):
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=k, mod=0, unicode="", scancode=0))
    return app.step_frame()


def button(app, label):
    card = app.ctx.stack.top
    assert isinstance(card, StopCard)
    return next(b for b in card.row.buttons if b.label == label).rect.center


@pytest.fixture
def title(app):
    app.run_frames(2)
    assert isinstance(app.ctx.stack.top, TitleScene)
    return app


def test_one_click_on_stop_only_asks(title):
    assert click(title, STOP) is True
    assert title.running
    assert isinstance(title.ctx.stack.top, StopCard)
    assert isinstance(title.ctx.stack.scenes[-2], TitleScene)  # the title stays under the card


def test_no_goes_back_to_the_title_and_yes_stops(title):
    click(title, STOP)
    assert click(title, button(title, "No")) is True
    assert isinstance(title.ctx.stack.top, TitleScene) and title.running
    click(title, STOP)
    assert click(title, button(title, "Yes")) is False
    assert not title.running


def test_esc_plays_on_and_enter_stops(title):
    click(title, STOP)
    assert key(title, pygame.K_ESCAPE) is True
    assert isinstance(title.ctx.stack.top, TitleScene)
    click(title, STOP)
    assert key(title, pygame.K_RETURN) is False


def test_a_click_beside_the_card_changes_nothing(title):
    click(title, STOP)
    assert click(title, (640, 690)) is True  # below the card, where the Play button shows
    assert isinstance(title.ctx.stack.top, StopCard)


def test_the_windows_own_close_still_quits_at_once(title):
    pygame.event.post(pygame.event.Event(pygame.QUIT))
    assert title.step_frame() is False
    # also while the card is up
    title.running = True
    click(title, STOP)
    pygame.event.post(pygame.event.Event(pygame.QUIT))
    assert title.step_frame() is False


@pytest.mark.parametrize("lang", ["nl", "ar"])
def test_the_card_speaks_the_players_language(title, lang):
    from game.i18n import make_translator

    title.ctx.gettext, title.ctx.ngettext = make_translator(lang, title.root / "locale")
    click(title, STOP)
    card = title.ctx.stack.top
    yes = {"nl": "Ja", "ar": "نعم"}[lang]
    assert [b.label for b in card.row.buttons][0] == yes
    assert card.question() != "Stop playing?"
    assert card.read_aloud_text().startswith(card.question())
