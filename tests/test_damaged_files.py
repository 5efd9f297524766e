"""A damaged settings or guest progress file never stops the game from starting and is never
lost: it is kept beside as a copy, the game starts with the usual settings (or no stars), and
the teacher is told in one line, in the game's language (issue 9).

Each file here is one a real PC can end up with: random bytes after a disk error, the file
saved as UTF-16 by Notepad, a file nested 100,000 lists deep (Python's JSON reader raised
RecursionError on it), numbers JSON has no room for.
"""

from __future__ import annotations

import json
import random

import pytest

from game.progress.store import JsonProgressStore
from game.settings import Settings

GOOD_PROGRESS = {"version": 1, "profile": "guest",
                 "levels": {"city-01": {"best_stars": 2, "solved": True, "attempts": 3,
                                        "best_parts": 4, "hints_used": 0}}}


def _random_bytes() -> bytes:
    return random.Random(9).randbytes(600)


DAMAGED = {
    "random bytes": _random_bytes(),
    "UTF-16 without a BOM": json.dumps(GOOD_PROGRESS).encode("utf-16-le"),
    "100,000 nested lists": b"[" * 100_000 + b"]" * 100_000,
    "100,000 nested objects": b'{"a":' * 100_000 + b"1" + b"}" * 100_000,
    "nested just past the limit": json.dumps(GOOD_PROGRESS | {"levels": [[[[[[[[[[[[[[[[[[[[
        ]]]]]]]]]]]]]]]]]]]]}).encode(),
    "cut in the middle": json.dumps(GOOD_PROGRESS).encode()[:40],
    "a newer format": json.dumps({"version": 7, "levels": {}}).encode(),
    "NUL bytes": b"\x00" * 64,
    "bigger than any real file": b"[" + b"[]," * (2 << 20) + b"[]]",  # 6 MiB of small lists
}


def start_game(data_dir, levels, fake_time, lang: str | None = "en"):
    from game.app import App

    game = App(size=(1280, 720), fullscreen=False, lang=lang, data_dir=data_dir, levels=levels,
               time_source=fake_time)
    game.run_frames(3)  # the levels and the school store open after the first frame
    return game


def copies(folder, stem: str) -> list:
    return sorted(folder.glob(f"{stem}.broken-*"))


@pytest.mark.parametrize("name", list(DAMAGED))
def test_a_damaged_progress_file_is_set_aside_and_the_game_starts(name, data_dir, levels,
                                                                   fake_time, capsys):
    data_dir.mkdir(parents=True)
    damaged = DAMAGED[name]
    (data_dir / "progress.json").write_bytes(damaged)
    game = start_game(data_dir, levels, fake_time)
    try:
        assert type(game.ctx.stack.top).__name__ == "TitleScene"
        assert game.store.completed() == set()
        (copy,) = copies(data_dir, "progress")
        assert copy.read_bytes() == damaged  # nothing lost: the whole file, byte for byte
        notes = {n.key: n.text for n in game.ctx.notices}
        assert copy.name in notes["progress-file"] and str(data_dir) in notes["progress-file"]
        err = capsys.readouterr().err
        assert err.count(copy.name) == 1 and "Traceback" not in err
        game.store.record_result("city-02", 3, True, 5, 0)  # and the guest plays on
    finally:
        game.close()
    assert JsonProgressStore(data_dir).best_stars("city-02") == 3
    assert copy.read_bytes() == damaged


@pytest.mark.parametrize("name", ["random bytes", "UTF-16 without a BOM", "100,000 nested lists",
                                  "100,000 nested objects", "cut in the middle", "NUL bytes",
                                  "bigger than any real file"])
def test_a_damaged_settings_file_is_set_aside_and_the_game_starts(name, data_dir, levels,
                                                                   fake_time, capsys):
    data_dir.mkdir(parents=True)
    damaged = DAMAGED[name]
    (data_dir / "settings.json").write_bytes(damaged)
    game = start_game(data_dir, levels, fake_time, lang=None)
    try:
        assert game.settings.language == "nl" and game.settings.effects_volume == 0.6
        assert type(game.ctx.stack.top).__name__ == "TitleScene"
        (copy,) = copies(data_dir, "settings")
        assert copy.read_bytes() == damaged
        note = next(n.text for n in game.ctx.notices if n.key == "settings-file")
        # told in the game's language (Dutch: the usual settings), naming file and copy
        assert "beschadigd" in note and copy.name in note and str(data_dir) in note
        assert "Traceback" not in capsys.readouterr().err
    finally:
        game.close()


def test_a_progress_file_saved_as_utf16_with_a_bom_is_read(data_dir, levels, fake_time):
    """Notepad's "Unicode" (UTF-16 with a BOM) and its UTF-8 with a BOM are text, not damage."""
    data_dir.mkdir(parents=True)
    for encoded in (b"\xef\xbb\xbf" + json.dumps(GOOD_PROGRESS).encode(),
                    json.dumps(GOOD_PROGRESS).encode("utf-16")):
        (data_dir / "progress.json").write_bytes(encoded)
        store = JsonProgressStore(data_dir)
        assert store.best_stars("city-01") == 2 and store.record("city-01").best_parts == 4
    assert copies(data_dir, "progress") == []


def test_one_bad_level_costs_that_level_only(tmp_path, capsys):
    levels = dict(GOOD_PROGRESS["levels"])
    levels |= {"city-02": {"best_stars": 3, "attempts": 1e400},  # Infinity: no count
               "city-03": {"best_stars": 1, "best_parts": "many"},
               "city-04": {"best_stars": True}, "city-05": [1, 2],
               "city-06": {"best_stars": 1, "hints_used": -1},
               "city-07": {"best_stars": 3, "attempts": 10**30}}
    path = tmp_path / "progress.json"
    path.write_text(json.dumps({"version": 1, "levels": levels}), encoding="utf-8")
    store = JsonProgressStore(tmp_path)
    assert store.completed() == {"city-01"} and store.best_stars("city-01") == 2
    (copy,) = copies(tmp_path, "progress")
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "city-02" in err and copy.name in err
    # what was kept can be played on: a later result compares with the stored numbers
    store.record_result("city-01", 3, True, 2, 1)
    assert JsonProgressStore(tmp_path).record("city-01").best_parts == 2


def test_an_earlier_copy_is_never_replaced(tmp_path, capsys):
    """Two different damaged files in the same second: two copies. The same damage read again
    (a teacher command, the next start): no second copy, the first is named again."""
    path = tmp_path / "settings.json"
    path.write_bytes(b"\xff first")
    Settings.load(tmp_path)
    path.write_bytes(b"\xff second")
    Settings.load(tmp_path)
    Settings.load(tmp_path)
    kept = {p.read_bytes(): p.name for p in copies(tmp_path, "settings")}
    assert sorted(kept) == [b"\xff first", b"\xff second"]
    lines = capsys.readouterr().err.splitlines()
    second = kept[b"\xff second"]
    assert len(lines) == 3 and second in lines[1] and second in lines[2]


def test_a_damaged_file_no_copy_can_be_made_of_is_not_written_over(tmp_path, monkeypatch):
    """No room for the copy (a full disk): the teacher is told, and a save does not destroy the
    only version of the file."""
    import game.settings as settings_module

    path = tmp_path / "settings.json"
    damaged = b'{"db_url": "postgresql://ict@server/school", "muted": tru'
    path.write_bytes(damaged)
    monkeypatch.setattr(settings_module, "keep_copy", lambda path: None)
    told = []
    notes = settings_module.FileNotes()
    notes.tell = lambda key, msgid, **params: told.append((key, msgid.format(**params)))
    s = Settings.load(tmp_path, notes)
    assert told and "no copy" in told[0][1] and str(path) in told[0][1]
    s.effects_volume = 0.2
    s.save()
    assert path.read_bytes() == damaged
    monkeypatch.undo()  # room again: the next save keeps the copy first, then writes
    s.save()
    (copy,) = copies(tmp_path, "settings")
    assert copy.read_bytes() == damaged and Settings.load(tmp_path).effects_volume == 0.2


def test_the_guest_file_copied_into_the_school_store_survives_deep_nesting(tmp_path):
    """The school store's one-time import of the guest's file reads it as hostile too."""
    from game.progress.profile import import_guest_json

    class School:
        device_id = "pc"

        def import_guest_progress(self, levels, source):
            raise AssertionError("nothing to import from a damaged file")

    (tmp_path / "progress.json").write_bytes(DAMAGED["100,000 nested lists"])
    assert import_guest_json(School(), tmp_path) == 0


def test_a_file_that_cannot_be_read_is_not_replaced_by_a_save(tmp_path, monkeypatch):
    """A settings or progress file the game may not read (another user's, say IT's) is not
    written over by the next save unless a copy of it could be kept first."""
    import game.progress.store as store_module
    import game.settings as settings_module

    def refuse(path, limit):
        raise PermissionError(13, "Permission denied")

    for name in ("settings.json", "progress.json"):
        (tmp_path / name).write_bytes(b'{"kept": "by IT"}')
    monkeypatch.setattr(settings_module, "read_json", refuse)
    monkeypatch.setattr(store_module, "read_json", refuse)
    monkeypatch.setattr(settings_module, "keep_copy", lambda path: None)
    monkeypatch.setattr(store_module, "keep_copy", lambda path: None)
    s = Settings.load(tmp_path)
    store = JsonProgressStore(tmp_path)
    s.muted = True
    s.save()
    store.record_result("city-01", 3, True, 4, 0)
    for name in ("settings.json", "progress.json"):
        assert (tmp_path / name).read_bytes() == b'{"kept": "by IT"}'
    assert store.best_stars("city-01") == 3  # the guest plays on; only the file waits
