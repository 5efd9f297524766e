"""Settings remembered per pupil: kept in the school store (SQLite and PostgreSQL), put in
force when the pupil taps their avatar, never left behind for the next child, exported with the
child's data, removed with the child, and carried by a merged log (newest wins)."""

from __future__ import annotations

import json
from datetime import datetime

import pygame
import pytest

from game.app import App
from game.progress.export import pupil_data, pupil_text
from game.progress.sql import SqlSchoolStore, StoreError
from game.scenes.player import chosen, play_as
from game.scenes.settings_menu import SettingsScene
from game.settings import PERSONAL, Settings
from tests import pg

open_store, store, store_url = pg.open_store, pg.store, pg.store_url


def _pupils(store, names=("Ayla", "Bram")):
    group = store.add_class("groep 4")
    return [store.add_pupil(group.id, n, "fox") for n in names]


# --- the store ------------------------------------------------------------------------------


def test_a_pupils_settings_are_kept_and_replaced(store):
    ayla, bram = _pupils(store)
    assert store.pupil_settings(ayla.id) == {}
    store.save_pupil_settings(ayla.id, {"language": "ar", "text_size": 2})
    store.save_pupil_settings(ayla.id, {"language": "ar", "text_size": 1, "muted": True})
    assert store.pupil_settings(ayla.id) == {"language": "ar", "text_size": 1, "muted": True}
    assert store.pupil_settings(bram.id) == {}
    with pytest.raises(KeyError):
        store.save_pupil_settings("99999999-9999-4999-8999-999999999999", {"language": "en"})
    with pytest.raises(ValueError):
        store.save_pupil_settings(ayla.id, {"keys": {"test": ["x" * 5000]}})


def test_deleting_a_pupil_or_the_school_year_removes_their_settings(store):
    ayla, bram = _pupils(store)
    for p in (ayla, bram):
        store.save_pupil_settings(p.id, {"language": "pl"})
    store.delete_pupil(ayla.id)
    assert store.pupil_settings(ayla.id) == {}
    assert store.pupil_settings(bram.id) == {"language": "pl"}
    store.purge_school_year()
    assert store.pupil_settings(bram.id) == {}
    import sqlalchemy as sa

    with store.engine.connect() as conn:
        assert conn.execute(sa.text("SELECT count(*) FROM pupil_settings")).scalar() == 0


def test_the_childs_export_holds_their_settings(store):
    (ayla,) = _pupils(store, ("Ayla",))
    store.save_pupil_settings(ayla.id, {"language": "uk", "reading_font": "opendyslexic"})
    data = pupil_data(store, ayla.id)
    assert data["settings"] == {"language": "uk", "reading_font": "opendyslexic"}
    assert json.loads(json.dumps(data))["settings"]["language"] == "uk"
    text = pupil_text(data)
    assert "Settings" in text and "language: uk" in text and "opendyslexic" in text


def test_a_merged_log_carries_settings_and_the_newest_wins(tmp_path):
    school = SqlSchoolStore(tmp_path / "teacher")
    (ayla,) = _pupils(school, ("Ayla",))
    school.save_pupil_settings(ayla.id, {"language": "ar"})
    log = tmp_path / "teacher.log"
    school.export_log(log)
    lines = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]
    assert lines[0]["version"] >= 2
    assert {"kind": "settings", "id": ayla.id}.items() <= next(
        r for r in lines if r["kind"] == "settings").items()

    pc = SqlSchoolStore(tmp_path / "pc")
    try:
        assert pc.merge_log(log) >= 3  # class, pupil, settings
        assert pc.pupil_settings(ayla.id) == {"language": "ar"}
        assert pc.merge_log(log) == 0  # merging again adds nothing
        # the pupil changes them on the PC later: the teacher's older log does not undo that
        pc.save_pupil_settings(ayla.id, {"language": "tr"})
        assert pc.merge_log(log) == 0
        assert pc.pupil_settings(ayla.id) == {"language": "tr"}
        # ...and the PC's newer settings win on the teacher's PC
        back = tmp_path / "pc.log"
        pc.export_log(back)
        assert school.merge_log(back) >= 1
        assert school.pupil_settings(ayla.id) == {"language": "tr"}
    finally:
        pc.close()
        school.close()


def test_a_merge_does_not_bring_back_settings_of_a_deleted_pupil(tmp_path):
    pc = SqlSchoolStore(tmp_path / "pc")
    teacher = SqlSchoolStore(tmp_path / "teacher")
    try:
        (ayla,) = _pupils(pc, ("Ayla",))
        pc.save_pupil_settings(ayla.id, {"language": "ar"})
        log = tmp_path / "pc.log"
        pc.export_log(log)
        teacher.merge_log(log)
        teacher.delete_pupil(ayla.id)
        teacher.merge_log(log)
        assert teacher.pupil(ayla.id) is None and teacher.pupil_settings(ayla.id) == {}
    finally:
        pc.close()
        teacher.close()


def test_a_log_with_damaged_settings_merges_nothing(tmp_path):
    school = SqlSchoolStore(tmp_path / "s")
    try:
        (ayla,) = _pupils(school, ("Ayla",))
        log = tmp_path / "bad.log"
        school.export_log(log)
        bad = {"kind": "settings", "id": ayla.id, "settings": "[1, 2]",
               "modified": "2030-01-01T00:00:00+00:00"}
        log.write_text(log.read_text() + json.dumps(bad) + "\n")
        with pytest.raises(StoreError, match="bad.log"):
            school.merge_log(log)
    finally:
        school.close()


def test_a_version_1_log_still_merges(tmp_path):
    school = SqlSchoolStore(tmp_path / "s")
    try:
        (ayla,) = _pupils(school, ("Ayla",))
        log = tmp_path / "old.log"
        school.export_log(log)
        lines = log.read_text().splitlines()
        head = json.loads(lines[0])
        head["version"] = 1
        log.write_text("\n".join([json.dumps(head), *lines[1:]]) + "\n")
        other = SqlSchoolStore(tmp_path / "o")
        try:
            assert other.merge_log(log) >= 2 and other.pupil(ayla.id) is not None
        finally:
            other.close()
    finally:
        school.close()


# --- the Settings object -------------------------------------------------------------------


def test_a_pupils_changes_go_to_their_profile_and_the_pc_file_keeps_its_own(tmp_path):
    pc = Settings(language="en", muted=True, fullscreen=True, folder=tmp_path)
    saved: list[dict] = []
    assert pc.use_pupil({"language": "ar", "text_size": 2, "bogus": 1,
                         "reduce_motion": "yes"}, saved.append) == ["reduce_motion"]
    assert (pc.language, pc.text_size, pc.muted) == ("ar", 2, True)  # unsaved ones: the PC's
    pc.reading_font = "opendyslexic"
    pc.save()
    assert saved[-1]["reading_font"] == "opendyslexic" and set(saved[-1]) == set(PERSONAL)
    on_disk = json.loads((tmp_path / "settings.json").read_text())
    assert (on_disk["language"], on_disk["reading_font"], on_disk["fullscreen"]) == \
        ("en", "andika", True)
    pc.use_pupil({}, saved.append)  # the next pupil starts from the PC's values
    assert (pc.language, pc.text_size, pc.reading_font) == ("en", 0, "andika")
    pc.use_pc()
    assert (pc.language, pc.muted, pc.for_pupil) == ("en", True, False)


def test_a_profile_that_cannot_be_saved_costs_a_warning(tmp_path, capsys):
    s = Settings(folder=tmp_path)

    def gone(values):
        raise OSError("server went away")

    s.use_pupil({}, gone)
    s.language = "pl"
    s.save()
    assert "could not save the pupil's settings" in capsys.readouterr().err
    assert json.loads((tmp_path / "settings.json").read_text())["language"] == "nl"


# --- the whole game on the real store ----------------------------------------------------------


def _game(data_dir, levels, fake_time) -> App:
    game = App(size=(1280, 720), fullscreen=False, data_dir=data_dir, levels=levels,
               time_source=fake_time)
    game.run_frames(2)  # opens the school store (SQLite in the data folder)
    assert game.ctx.school is not None
    return game


def _click(scene: SettingsScene, key: str) -> None:
    scene.row.buttons[scene.keys.index(key)].on_click()


def _press(game: App, key: int) -> None:
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=key, mod=0, unicode="",
                                         scancode=0))
    game.step_frame()


def test_each_pupil_gets_their_own_settings_back_also_after_a_restart(data_dir, levels,
                                                                      fake_time):
    game = _game(data_dir, levels, fake_time)
    ayla, bram = _pupils(game.ctx.school)
    ctx = game.ctx
    chosen(ctx, ayla)
    settings = SettingsScene(ctx)
    ctx.stack.push(settings)
    lang = "ar" if "lang:ar" in settings.keys else "en"  # Arabic once its catalogue is offered
    _click(settings, f"lang:{lang}")
    settings.show("reading")
    _click(settings, "size:2")
    game.step_frame()
    assert (ctx.settings.language, ctx.settings.text_size) == (lang, 2)
    assert ctx.gettext("Settings") != "Instellingen"  # the translator followed at once
    assert ctx.school.pupil_settings(ayla.id)["language"] == lang

    chosen(ctx, bram)  # Bram sits down: the PC's Dutch, normal text
    assert (ctx.settings.language, ctx.settings.text_size) == ("nl", 0)
    assert ctx.gettext("Settings") == "Instellingen"
    chosen(ctx, ayla)
    assert (ctx.settings.language, ctx.settings.text_size) == (lang, 2)
    play_as(ctx, None)  # the guest: this PC's settings
    assert (ctx.settings.language, ctx.settings.text_size) == ("nl", 0)
    on_disk = json.loads((data_dir / "settings.json").read_text())
    assert (on_disk["language"], on_disk["text_size"]) == ("nl", 0)
    game.close()

    again = _game(data_dir, levels, fake_time)
    try:
        assert again.settings.language == "nl"
        chosen(again.ctx, again.ctx.school.pupil(ayla.id))
        assert (again.settings.language, again.settings.text_size) == (lang, 2)
        chosen(again.ctx, again.ctx.school.pupil(bram.id))
        assert (again.settings.language, again.settings.text_size) == ("nl", 0)
    finally:
        again.close()


def test_a_pupils_mute_and_volume_are_applied_to_the_sound_at_once(data_dir, levels, fake_time):
    game = _game(data_dir, levels, fake_time)
    try:
        ayla, bram = _pupils(game.ctx.school)
        game.ctx.school.save_pupil_settings(ayla.id, {"muted": True, "effects_volume": 0.2})
        chosen(game.ctx, ayla)
        assert game.ctx.audio.muted and game.ctx.audio.volume == pytest.approx(0.2)
        _press(game, pygame.K_m)  # the M key: unmuted, saved in Ayla's profile
        assert game.ctx.school.pupil_settings(ayla.id)["muted"] is False
        chosen(game.ctx, bram)
        assert not game.ctx.audio.muted and game.ctx.audio.volume == pytest.approx(0.6)
    finally:
        game.close()


def test_the_teacher_area_uses_the_pcs_settings(data_dir, levels, fake_time):
    game = _game(data_dir, levels, fake_time)
    try:
        (ayla,) = _pupils(game.ctx.school, ("Ayla",))
        game.ctx.school.save_pupil_settings(ayla.id, {"language": "en"})
        chosen(game.ctx, ayla)
        assert game.settings.language == "en"
        from game.scenes.teacher_base import lock

        lock(game.ctx)
        assert game.settings.language == "nl" and not game.settings.for_pupil
    finally:
        game.close()


def test_full_screen_stays_a_pc_setting_while_a_pupil_plays(data_dir, levels, fake_time):
    game = _game(data_dir, levels, fake_time)
    try:
        (ayla,) = _pupils(game.ctx.school, ("Ayla",))
        chosen(game.ctx, ayla)
        scene = SettingsScene(game.ctx, "screen")
        game.ctx.stack.push(scene)
        _click(scene, "fullscreen")
        assert json.loads((data_dir / "settings.json").read_text())["fullscreen"] is True
        assert "fullscreen" not in game.ctx.school.pupil_settings(ayla.id)
    finally:
        game.close()


def test_timestamps_decide_between_two_pcs(tmp_path):
    """Both PCs changed Ayla's settings; each merge keeps the later change."""
    a, b = SqlSchoolStore(tmp_path / "a"), SqlSchoolStore(tmp_path / "b")
    try:
        (ayla,) = _pupils(a, ("Ayla",))
        log = tmp_path / "a.log"
        a.save_pupil_settings(ayla.id, {"language": "pl"})
        a.export_log(log)
        b.merge_log(log)
        import sqlalchemy as sa

        with b.engine.begin() as conn:  # B's copy made older than A's, and different
            conn.execute(sa.text("UPDATE pupil_settings SET modified = :t, settings = :s"),
                         {"t": datetime(2020, 1, 1), "s": '{"language":"en"}'})
        assert b.merge_log(log) == 1 and b.pupil_settings(ayla.id) == {"language": "pl"}
    finally:
        a.close()
        b.close()
