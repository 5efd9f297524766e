"""The settings screen: six pages, every choice at once and saved at once, by keyboard too,
big targets; keys remapped by pressing them, with conflicts explained; calmer motion."""

from __future__ import annotations

import json

import pygame
import pytest

from game.scenes.pause import PauseScene
from game.scenes.settings_menu import PAGES, SettingsScene
from game.settings import Settings
from game.ui.widgets import MIN_TARGET


def press(app, key, mod=0):
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=key, mod=mod, unicode="",
                                         scancode=0))
    app.step_frame()


def click(scene: SettingsScene, key: str) -> None:
    scene.row.buttons[scene.keys.index(key)].on_click()


def saved(data_dir) -> dict:
    return json.loads((data_dir / "settings.json").read_text(encoding="utf-8"))


def open_settings(app, page="language") -> SettingsScene:
    scene = SettingsScene(app.ctx, page)
    app.ctx.stack.push(scene)
    app.step_frame()
    return scene


@pytest.mark.parametrize("page", [p[0] for p in PAGES])
def test_every_target_on_every_page_is_big_enough(app, page):
    scene = open_settings(app, page)
    assert scene.row.buttons
    for key, b in zip(scene.keys, scene.row.buttons, strict=True):
        assert b.rect.width >= MIN_TARGET and b.rect.height >= MIN_TARGET, key
        assert b.rect.left >= 0 and b.rect.right <= 1280 and b.rect.bottom <= 720, key


def test_tab_walks_the_tabs_and_enter_opens_a_page_and_toggles(app, data_dir):
    scene = open_settings(app)
    assert scene.keys[scene.row.focus] == "tab:language"
    for _ in range(3):
        press(app, pygame.K_TAB)
    assert scene.keys[scene.row.focus] == "tab:motion"
    press(app, pygame.K_RETURN)
    assert scene.page == "motion"
    # Tab goes on past the tabs into the page: to the switch
    while scene.keys[scene.row.focus] != "reduce_motion":
        press(app, pygame.K_TAB)
    press(app, pygame.K_RETURN)
    assert app.settings.reduce_motion and saved(data_dir)["reduce_motion"] is True
    press(app, pygame.K_SPACE)
    assert not app.settings.reduce_motion and saved(data_dir)["reduce_motion"] is False
    press(app, pygame.K_ESCAPE)
    assert app.ctx.stack.top is not scene


def test_reading_choices_take_effect_at_once_and_are_saved(app, data_dir):
    scene = open_settings(app, "reading")
    click(scene, "size:2")
    assert app.settings.text_scale == max(app.settings.text_scale, 1.4)
    assert saved(data_dir)["text_size"] == 2
    click(scene, "font:opendyslexic")
    assert saved(data_dir)["reading_font"] == "opendyslexic"
    assert scene.row.buttons[scene.keys.index("font:opendyslexic")].chosen
    assert not scene.row.buttons[scene.keys.index("font:andika")].chosen
    app.step_frame()  # draws with the new size and font


def test_volumes_step_and_show_five_blocks(app, data_dir):
    scene = open_settings(app, "sound")
    before = app.settings.music_volume
    click(scene, "music:+")
    assert app.settings.music_volume == pytest.approx(min(1.0, before + 0.2))
    assert saved(data_dir)["music_volume"] == pytest.approx(app.settings.music_volume)
    for _ in range(8):
        click(scene, "quieter")
    assert app.settings.effects_volume == 0.0 and app.ctx.audio.volume == 0.0
    click(scene, "mute")
    assert app.settings.muted and app.ctx.audio.muted and saved(data_dir)["muted"]


class FakeSpeech:
    def __init__(self, available: bool) -> None:
        self.available = available
        self.said: list[str] = []
        self.stopped = 0

    def say(self, text: str) -> None:
        self.said.append(text)

    def stop(self) -> None:
        self.stopped += 1

    def update(self) -> None:
        """The App's reader asks every frame; nothing to do here."""

    def __getattr__(self, name: str):
        return lambda *args, **kwargs: None  # anything else the reader may ask: quietly


def test_read_aloud_and_voice_volume_only_where_speech_works(app, data_dir):
    app.ctx.speech = FakeSpeech(available=False)
    scene = open_settings(app, "sound")
    assert "auto_read" not in scene.keys and "voice:+" not in scene.keys
    app.ctx.speech = FakeSpeech(available=True)
    scene.show("sound")
    assert "auto_read" in scene.keys and "voice:+" in scene.keys
    click(scene, "auto_read")
    assert app.settings.auto_read and saved(data_dir)["auto_read"] is True
    click(scene, "auto_read")
    assert app.ctx.speech.stopped == 1  # switching it off stops what is being read
    click(scene, "voice:-")
    assert app.ctx.speech.said  # the child hears how loud the voice is now


def test_a_key_is_remapped_by_pressing_it_and_conflicts_are_explained(app, data_dir):
    scene = open_settings(app, "keys")
    click(scene, "key:TEST")
    assert scene.capturing == "TEST"
    press(app, pygame.K_h)  # H already asks for a hint: refused, with the reason
    assert "H" in scene.message and app.settings.keys == {}
    click(scene, "key:TEST")
    press(app, pygame.K_TAB)  # Tab always moves on
    assert app.settings.keys == {} and "Tab" in scene.message
    click(scene, "key:TEST")
    press(app, pygame.K_F5)
    assert app.settings.keys == {"test": ["f5"]} and saved(data_dir)["keys"] == {"test": ["f5"]}
    assert "F5" in scene.keys_of("TEST")
    click(scene, "key:TEST")
    press(app, pygame.K_ESCAPE)  # changed their mind: nothing changes, the screen stays
    assert app.settings.keys == {"test": ["f5"]} and app.ctx.stack.top is scene
    click(scene, "reset_keys")
    assert app.settings.keys == {} and saved(data_dir)["keys"] == {}


def test_the_pause_card_opens_the_settings(app, levels):
    pause = PauseScene(app.ctx, levels[0])
    app.ctx.stack.push(pause)
    app.step_frame()
    settings_button = next(b for b in pause.row.buttons if b.icon == "icons/settings")
    assert settings_button.rect.height >= MIN_TARGET
    settings_button.on_click()
    assert isinstance(app.ctx.stack.top, SettingsScene)
    press(app, pygame.K_ESCAPE)
    assert app.ctx.stack.top is pause


def test_the_language_page_names_each_language_in_itself(app):
    from game.i18n import LANGUAGE_NAMES

    scene = open_settings(app)
    labels = {k[5:]: b.label for k, b in zip(scene.keys, scene.row.buttons, strict=True)
              if k.startswith("lang:")}
    assert labels == {c: LANGUAGE_NAMES[c] for c in labels} and "nl" in labels
    assert labels["nl"] == "Nederlands"
    click(scene, "lang:nl")
    assert app.settings.language == "nl" and app.ctx.gettext("Settings") == "Instellingen"
    assert scene.row.buttons[scene.keys.index("lang:nl")].chosen


def test_full_screen_is_a_switch_on_the_screen_page(app, data_dir):
    scene = open_settings(app, "screen")
    click(scene, "fullscreen")
    assert app.settings.fullscreen and saved(data_dir)["fullscreen"] is True
    click(scene, "fullscreen")
    assert not app.settings.fullscreen


def test_calmer_motion_is_a_personal_setting():
    assert "reduce_motion" in Settings().personal()


def test_the_space_bar_is_named_in_the_childs_language(app):
    """Enter and Esc are printed on the keys; the space bar has no word on it, so the Keys
    page names it in the game's language."""
    from game.i18n import make_translator

    app.ctx.gettext, app.ctx.ngettext = make_translator("nl")
    scene = open_settings(app, "keys")
    assert set(scene.keys_of("SELECT")) == {"Enter", "Spatie"}
    assert scene.key_word("Shift+Space") == "Shift+Spatie"
    assert scene.key_word("Esc") == "Esc"
