"""The guest's progress survives restarts and damaged files, and stars never go down."""

import json

from game.progress import JsonProgressStore, ProgressStore


def test_it_is_a_progress_store(tmp_path):
    assert isinstance(JsonProgressStore(tmp_path), ProgressStore)
    assert JsonProgressStore(tmp_path).profile == "guest"


def test_progress_survives_a_restart(tmp_path):
    first = JsonProgressStore(tmp_path)
    first.record_result("city-01", 2, True, parts_used=4, hints_used=1)
    first.record_result("city-02", 0, False, parts_used=9, hints_used=0)
    again = JsonProgressStore(tmp_path)
    assert again.best_stars("city-01") == 2
    assert again.completed() == {"city-01"}
    assert again.is_completed("city-01") and not again.is_completed("city-02")
    assert again.record("city-02").attempts == 1
    assert again.best_stars("never-played") == 0
    assert again.total_stars() == 2


def test_best_stars_only_go_up_and_fewest_parts_are_kept(tmp_path):
    store = JsonProgressStore(tmp_path)
    store.record_result("a", 3, True, parts_used=5, hints_used=0)
    store.record_result("a", 1, True, parts_used=3, hints_used=2)
    store.record_result("a", 0, False, parts_used=1, hints_used=0)
    rec = JsonProgressStore(tmp_path).record("a")
    assert (rec.best_stars, rec.best_parts, rec.attempts, rec.solved) == (3, 3, 3, True)


def test_stars_are_clamped_and_unsolved_earns_none(tmp_path):
    store = JsonProgressStore(tmp_path)
    store.record_result("a", 7, True, 1, 0)
    store.record_result("b", 2, False, 1, 0)
    assert store.best_stars("a") == 3 and store.best_stars("b") == 0


def test_every_level_is_open(tmp_path):
    assert JsonProgressStore(tmp_path).is_unlocked("anything")


def test_writing_leaves_no_temporary_files(tmp_path):
    store = JsonProgressStore(tmp_path)
    for i in range(5):
        store.record_result(f"l{i}", 1, True, 1, 0)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["progress.json"]
    assert json.loads((tmp_path / "progress.json").read_text())["version"] == 1


def test_a_damaged_file_is_kept_aside_and_play_starts_fresh(tmp_path, capsys):
    (tmp_path / "progress.json").write_text('{"version": 1, "levels": {"a": ', encoding="utf-8")
    store = JsonProgressStore(tmp_path)
    assert store.completed() == set()
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "damaged" in err
    backups = list(tmp_path.glob("progress.broken-*.json"))
    assert len(backups) == 1 and backups[0].read_text().startswith('{"version": 1')
    store.record_result("b", 1, True, 1, 0)  # and it can be written again
    assert JsonProgressStore(tmp_path).best_stars("b") == 1


def test_wrong_shapes_and_newer_versions_are_refused_cleanly(tmp_path, capsys):
    for text in ('[1, 2]', '{"version": 99, "levels": {}}', '{"version": 1, "levels": '
                 '{"a": {"best_stars": "lots"}}}', '\x00\xff'):
        (tmp_path / "progress.json").write_text(text, encoding="utf-8", errors="replace")
        assert JsonProgressStore(tmp_path).total_stars() == 0
    assert capsys.readouterr().err.count("warning") == 4


def test_the_data_folder_comes_from_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("TECHNIEKWERF_DATA", str(tmp_path / "env"))
    JsonProgressStore().record_result("a", 1, True, 1, 0)
    assert (tmp_path / "env" / "progress.json").is_file()
