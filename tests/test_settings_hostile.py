"""The settings file read as hostile input and written without losing anything (issue 9).

A BOM from Notepad, values of the wrong type or range, settings of a newer version, a
command-line choice for one run, and a folder that cannot be written or a disk that is full.
"""

from __future__ import annotations

import errno
import json
import os
import subprocess
import sys
import textwrap

import pygame
import pytest

from game.settings import Settings, write_atomic
from tests.classroom_helpers import frames, key

URL = "postgresql://ict@server/school"


class Keep:
    """A FileNotes stand-in that keeps what it is told."""

    def __init__(self) -> None:
        self.told: dict[str, str] = {}

    def tell(self, key_: str, msgid: str, **params) -> None:
        self.told[key_] = msgid.format(**params)

    def clear(self, key_: str) -> None:
        self.told.pop(key_, None)


# --- a BOM -----------------------------------------------------------------------------------
@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16"])
def test_a_file_saved_by_notepad_keeps_the_school_server(tmp_path, encoding):
    """Notepad writes UTF-8 with a BOM (or "Unicode": UTF-16 with one). The school server IT
    typed in must be read, and still be there after the next save."""
    raw = {"db_url": URL, "language": "tr", "text_size": 2, "fullscreen": True}
    (tmp_path / "settings.json").write_text(json.dumps(raw), encoding=encoding)
    notes = Keep()
    s = Settings.load(tmp_path, notes)
    assert (s.db_url, s.language, s.text_size, s.fullscreen) == (URL, "tr", 2, True)
    assert notes.told == {}
    s.effects_volume = 0.1
    s.save()
    saved = (tmp_path / "settings.json").read_bytes()
    assert not saved.startswith((b"\xef\xbb\xbf", b"\xff\xfe"))  # plain UTF-8 from now on
    again = Settings.load(tmp_path)
    assert (again.db_url, again.language, again.text_size, again.effects_volume) == \
        (URL, "tr", 2, 0.1)


# --- bad values, one by one ------------------------------------------------------------------
BAD_VALUES = {
    "effects_volume": "0.5",  # a string for a number
    "voice_volume": 10**400,  # an integer float() cannot take (OverflowError before)
    "music_volume": float("nan"),  # written by Python as NaN (silently muted before)
    "text_size": 10**9,
    "muted": "no",
    "keys": ["f5"],  # a list for a dict
    "reading_font": {"name": "andika"},
    "language": ["nl"],  # unhashable: "in LANGUAGES" raised TypeError before
}


def test_bad_values_are_dropped_one_by_one_and_the_rest_is_kept(tmp_path):
    raw = BAD_VALUES | {"db_url": URL, "auto_read": True, "reduce_motion": True}
    path = tmp_path / "settings.json"
    path.write_text(json.dumps(raw), encoding="utf-8")  # NaN as Python writes it
    notes = Keep()
    s = Settings.load(tmp_path, notes)
    default = Settings()
    for name in BAD_VALUES:
        assert getattr(s, name) == getattr(default, name), name
    assert (s.db_url, s.auto_read, s.reduce_motion) == (URL, True, True)
    (note,) = notes.told.values()
    assert all(name in note for name in BAD_VALUES) and str(path) in note
    (copy,) = tmp_path.glob("settings.broken-*.json")
    assert copy.name in note and copy.read_text(encoding="utf-8") == json.dumps(raw)


@pytest.mark.parametrize("text", ["1e400", "Infinity", "-Infinity", "NaN", "-0.5", "1.0000001"])
def test_a_volume_out_of_range_is_never_loud(tmp_path, text):
    (tmp_path / "settings.json").write_text('{"voice_volume": ' + text + ', "language": "pl"}')
    s = Settings.load(tmp_path, Keep())
    assert s.voice_volume == Settings().voice_volume and s.language == "pl"


def test_huge_key_maps_and_addresses_are_refused(tmp_path):
    raw = {"keys": {f"intent{i}": ["f5"] for i in range(1000)},
           "db_url": "postgresql://server/" + "x" * 100_000, "language": "uk"}
    (tmp_path / "settings.json").write_text(json.dumps(raw))
    s = Settings.load(tmp_path, Keep())
    assert (s.keys, s.db_url, s.language) == ({}, None, "uk")
    (tmp_path / "settings.json").write_text(json.dumps({"db_url": "postgresql://a/b\x00c"}))
    assert Settings.load(tmp_path, Keep()).db_url is None


def test_settings_of_a_newer_version_are_kept_on_save(tmp_path):
    """A newer game's setting means nothing here, but the newer game wants it back."""
    raw = {"language": "en", "colour_theme": {"name": "night", "contrast": 7},
           "hints_wait": 30}
    (tmp_path / "settings.json").write_text(json.dumps(raw))
    notes = Keep()
    s = Settings.load(tmp_path, notes)
    assert notes.told == {} and not hasattr(s, "colour_theme")
    s.muted = True
    s.save()
    saved = json.loads((tmp_path / "settings.json").read_text())
    assert saved["colour_theme"] == {"name": "night", "contrast": 7} and saved["hints_wait"] == 30
    assert saved["muted"] is True and saved["language"] == "en"


# --- the command line: for this run only --------------------------------------------------------
def start_game(data_dir, fake_time, **choices):
    from game.app import App

    game = App(size=(1280, 720), data_dir=data_dir, levels=[], time_source=fake_time, **choices)
    game.run_frames(2)
    return game


def test_lang_on_the_command_line_is_not_saved_by_an_unrelated_save(data_dir, fake_time):
    """The player's language is Turkish; one run with --lang ar, in which M mutes the sound
    (a save): the file keeps Turkish, and the mute."""
    data_dir.mkdir(parents=True)
    (data_dir / "settings.json").write_text(json.dumps({"language": "tr", "db_url": URL}))
    game = start_game(data_dir, fake_time, lang="ar", fullscreen=False, db_url="sqlite://")
    try:
        assert game.settings.language == "ar"
        key(game, fake_time, pygame.K_m)  # a posted key press: mute, and save the settings
        assert game.settings.muted
    finally:
        game.close()
    fresh = Settings.load(data_dir)
    assert (fresh.language, fresh.muted, fresh.db_url) == ("tr", True, URL)


def test_fullscreen_on_the_command_line_is_not_saved_either(data_dir, fake_time):
    data_dir.mkdir(parents=True)
    (data_dir / "settings.json").write_text(json.dumps({"fullscreen": True}))
    game = start_game(data_dir, fake_time, fullscreen=False)
    try:
        key(game, fake_time, pygame.K_m)
    finally:
        game.close()
    assert Settings.load(data_dir).fullscreen is True and Settings.load(data_dir).muted


def test_a_language_the_player_chooses_during_such_a_run_is_theirs(data_dir, fake_time):
    from game.i18n import apply_language

    game = start_game(data_dir, fake_time, lang="ar")
    try:
        apply_language(game.ctx, "pl")  # the settings screen's language buttons do this
        key(game, fake_time, pygame.K_m)
    finally:
        game.close()
    assert Settings.load(data_dir).language == "pl"


def test_a_pupils_profile_does_not_get_the_command_lines_language(tmp_path):
    s = Settings(language="tr", folder=tmp_path)
    s.for_this_run("language", "ar")
    profiles = []
    s.use_pupil({}, profiles.append)  # a pupil who never chose a language plays in Arabic
    assert s.language == "ar"
    s.effects_volume = 0.3
    s.save()
    assert profiles[-1]["language"] == "tr" and profiles[-1]["effects_volume"] == 0.3
    s.use_pupil({"language": "ar"}, profiles.append)  # one who chose Arabic keeps it
    s.save()
    assert profiles[-1]["language"] == "ar"
    s.use_pc()
    assert s.language == "ar"  # the run goes on in the command line's language
    assert json.loads((tmp_path / "settings.json").read_text())["language"] == "tr"


# --- a folder that cannot be written, a full disk ---------------------------------------------
def _failing(code: int):
    def fail(*args, **kwargs):
        raise OSError(code, os.strerror(code))
    return fail


@pytest.mark.parametrize("code, words", [(errno.EROFS, "read-only"), (errno.EACCES, "read-only"),
                                         (errno.ENOSPC, "disk is full"),
                                         (errno.EFBIG, "disk is full"),
                                         (errno.EIO, "Input/output error")])
def test_a_save_that_cannot_be_written_tells_the_teacher_and_keeps_the_old_file(
        data_dir, fake_time, monkeypatch, capsys, code, words):
    """As root a chmod does not stop a write, so the operating system's answer is simulated
    where it comes: making the temporary file (read-only), or writing it (a full disk)."""
    import game.settings as settings_module

    data_dir.mkdir(parents=True)
    old = json.dumps({"language": "en", "db_url": URL}) + "\n"
    (data_dir / "settings.json").write_text(old)
    game = start_game(data_dir, fake_time, db_url="sqlite://")  # not the server in the file
    try:
        if code in (errno.EROFS, errno.EACCES):
            monkeypatch.setattr(settings_module.tempfile, "mkstemp", _failing(code))
        else:
            monkeypatch.setattr(settings_module.os, "fsync", _failing(code))
        key(game, fake_time, pygame.K_m)  # mute: a save that fails
        key(game, fake_time, pygame.K_m, pygame.K_m)  # two more: still one note, one line
        frames(game, fake_time, 2)
        assert game.running and game.settings.muted
        note = next(n.text for n in game.ctx.notices if n.key == "settings-save")
        assert words in note and str(data_dir / "settings.json") in note
        assert capsys.readouterr().err.count("could not be saved") == 1
        if code in (errno.EROFS, errno.EACCES):
            assert f"folder {data_dir} is read-only" in note and "IT coordinator" in note
        assert (data_dir / "settings.json").read_text() == old  # nothing on disk damaged
        assert [p.name for p in data_dir.iterdir() if p.name.startswith(".settings")] == []
        monkeypatch.undo()
        key(game, fake_time, pygame.K_m)  # the disk has room again: saved, and the note goes
        assert not [n for n in game.ctx.notices if n.key == "settings-save"]
    finally:
        game.close()
    assert json.loads((data_dir / "settings.json").read_text())["db_url"] == URL


def test_the_guest_progress_on_a_full_disk_keeps_its_last_good_save(tmp_path, monkeypatch):
    import game.settings as settings_module
    from game.progress.store import JsonProgressStore

    store = JsonProgressStore(tmp_path, notes=Keep())
    store.record_result("city-01", 2, True, 4, 0)
    before = (tmp_path / "progress.json").read_bytes()
    monkeypatch.setattr(settings_module.os, "fsync", _failing(errno.ENOSPC))
    store.record_result("city-02", 3, True, 4, 0)
    assert "progress.json could not be saved: the disk is full" in store.notes.told[
        "progress-save"]
    assert store.best_stars("city-02") == 3  # the game plays on with it in memory
    assert (tmp_path / "progress.json").read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["progress.json"]


@pytest.mark.skipif(os.name != "posix", reason="file-size limits are a POSIX feature")
def test_a_real_file_size_limit_leaves_the_old_settings_whole(tmp_path):
    """The operating system itself refuses a write (RLIMIT_FSIZE: EFBIG, as a full disk): the
    game says so in one line and the old file stays as it was."""
    old = json.dumps({"language": "pl", "db_url": URL})
    (tmp_path / "settings.json").write_text(old)
    script = textwrap.dedent(f"""
        import resource, signal, sys
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # EFBIG instead of a killed process
        resource.setrlimit(resource.RLIMIT_FSIZE, (300, 300))
        from game.settings import Settings
        s = Settings.load({str(tmp_path)!r})
        s.keys = {{"intent" + str(i): ["f" + str(i % 12 + 1)] for i in range(40)}}
        s.save()
        print("still running")
    """)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          timeout=60, cwd=os.getcwd())
    assert done.returncode == 0 and done.stdout.strip() == "still running", done.stderr
    assert "could not be saved: the disk is full" in done.stderr
    assert done.stderr.count("\n") == 1
    assert (tmp_path / "settings.json").read_text() == old
    assert sorted(p.name for p in tmp_path.iterdir()) == ["settings.json"]


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0,
                    reason="as root a read-only folder does not stop a write (simulated above)")
def test_a_real_read_only_folder(tmp_path):
    (tmp_path / "settings.json").write_text(json.dumps({"language": "pl"}))
    notes = Keep()
    s = Settings.load(tmp_path, notes)
    tmp_path.chmod(0o500)
    try:
        s.muted = True
        s.save()
    finally:
        tmp_path.chmod(0o700)
    assert "read-only" in notes.told["settings-save"]
    assert json.loads((tmp_path / "settings.json").read_text()) == {"language": "pl"}


def test_write_atomic_on_a_full_disk_leaves_the_old_file_and_no_temporary_one(tmp_path,
                                                                              monkeypatch):
    import game.settings as settings_module

    target = tmp_path / "file.json"
    write_atomic(target, "old")
    monkeypatch.setattr(settings_module.os, "fsync", _failing(errno.ENOSPC))
    with pytest.raises(OSError):
        write_atomic(target, "new" * 1000)
    assert target.read_text() == "old" and [p.name for p in tmp_path.iterdir()] == ["file.json"]
