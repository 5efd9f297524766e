"""The PIN screen's notes and prompts in a long language at the biggest text size: never drawn
below the label floor (they may take Noor's place, or more lines where there are no dots)."""

from __future__ import annotations

import pytest

from game.ui.textfit import MIN_LABEL
from tests.scene_gallery import show
from tests.test_text_fit_everywhere import open_app

NOTES = ("That is not the right PIN. Try again.", "A PIN has at least 4 digits.",
         "The two PINs were not the same. Choose one again.")


@pytest.fixture
def long_app(data_dir, fake_time, monkeypatch):
    """The gallery's game in the pseudo-language (every text about 40 % longer), biggest size."""
    app = open_app(data_dir, fake_time, "pseudo", 2, monkeypatch)
    yield app
    app.close()


@pytest.mark.parametrize("state", ["pin", "new_pin"])
def test_every_pin_note_stays_above_the_label_floor(long_app, state):
    audit = long_app.view.audit
    scene = show(long_app, state, audit)
    for msgid in NOTES:
        scene.message, scene.mood = long_app.ctx.gettext(msgid), "oops"
        audit.clear()
        long_app.run_frames(1)
        assert audit.problems() == [], msgid
        note = next(t for t in audit.texts if t.text == scene.message)
        assert note.size >= MIN_LABEL
        # the note keeps to the prompt's place: above the dots, so never over the keys
        assert scene.note_rect.bottom <= 206


@pytest.mark.parametrize("state", ["pin_unset", "pin_who"])
def test_the_prompt_stays_above_the_label_floor(long_app, state):
    audit = long_app.view.audit
    show(long_app, state, audit)
    assert audit.problems() == []
