"""Settings: saved as JSON, damaged files never stop the game."""

import json

from game.settings import Settings, data_dir, write_atomic


def test_defaults_are_dutch_with_sound(tmp_path):
    s = Settings.load(tmp_path)
    assert (s.language, s.muted, s.fullscreen) == ("nl", False, False)
    assert 0 < s.effects_volume <= 1


def test_settings_survive_a_restart(tmp_path):
    s = Settings.load(tmp_path)
    s.language, s.muted, s.effects_volume, s.fullscreen = "en", True, 0.2, True
    s.save()
    again = Settings.load(tmp_path)
    assert (again.language, again.muted, again.effects_volume, again.fullscreen) == \
        ("en", True, 0.2, True)


def test_a_corrupt_file_gives_defaults_and_one_warning_line(tmp_path, capsys):
    (tmp_path / "settings.json").write_text("{not json", encoding="utf-8")
    s = Settings.load(tmp_path)
    assert s.language == "nl"
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "warning" in err


def test_bad_values_are_ignored_one_by_one(tmp_path, capsys):
    (tmp_path / "settings.json").write_text(json.dumps(
        {"language": "xx", "muted": "yes", "effects_volume": 7, "fullscreen": True}))
    s = Settings.load(tmp_path)
    # a volume out of 0..1 is dropped like any bad value (a huge number is not "loud")
    assert (s.language, s.muted, s.effects_volume, s.fullscreen) == ("nl", False, 0.6, True)
    assert "language" in capsys.readouterr().err
    (tmp_path / "settings.json").write_text("[]")
    assert Settings.load(tmp_path).language == "nl"


def test_data_dir_prefers_argument_then_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("TECHNIEKWERF_DATA", str(tmp_path / "env"))
    assert data_dir(tmp_path / "arg") == tmp_path / "arg"
    assert data_dir() == tmp_path / "env"
    monkeypatch.delenv("TECHNIEKWERF_DATA")
    assert "techniekwerf" in str(data_dir())


def test_write_atomic_replaces_whole_files(tmp_path):
    target = tmp_path / "deep" / "file.json"
    write_atomic(target, "one")
    write_atomic(target, "two")
    assert target.read_text() == "two"
    assert [p.name for p in target.parent.iterdir()] == ["file.json"]


def test_an_unwritable_folder_costs_a_warning_not_the_game(tmp_path, capsys):
    blocker = tmp_path / "file"
    blocker.write_text("")
    s = Settings(folder=blocker / "sub")
    s.save()
    assert "could not be saved" in capsys.readouterr().err


def test_accessibility_settings_survive_a_restart_and_bad_ones_are_ignored(tmp_path, capsys):
    s = Settings.load(tmp_path)
    s.text_size, s.reading_font, s.auto_read, s.voice_volume = 2, "opendyslexic", True, 0.5
    s.keys = {"TEST": ["f5"]}
    s.save()
    again = Settings.load(tmp_path)
    assert (again.text_size, again.reading_font, again.auto_read, again.voice_volume) == \
        (2, "opendyslexic", True, 0.5)
    assert again.keys == {"TEST": ["f5"]} and again.text_scale > 1.2
    (tmp_path / "settings.json").write_text(json.dumps(
        {"text_size": 9, "reading_font": "comic", "keys": {"TEST": "f5"}, "music_volume": 0.1}))
    odd = Settings.load(tmp_path)
    assert (odd.text_size, odd.reading_font, odd.keys, odd.music_volume) == (0, "andika", {}, 0.1)
    err = capsys.readouterr().err
    assert "text_size" in err and "reading_font" in err and "keys" in err


def test_a_pupils_personal_settings_leave_the_pc_ones_out():
    s = Settings(language="ar", fullscreen=True, db_url="postgresql://school/tw")
    mine = s.personal()
    assert mine["language"] == "ar" and "fullscreen" not in mine and "db_url" not in mine
    other = Settings()
    assert other.apply(mine) == [] and other.language == "ar" and not other.fullscreen
