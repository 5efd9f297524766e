"""The command line: bad arguments get one line and exit code 2, never a traceback."""

import subprocess
import sys

import pytest

from game import PROJECT_ROOT
from game.__main__ import build_parser, main


@pytest.mark.parametrize("argv", [
    ["--bogus"], ["--size", "big"], ["--size", "10x10"], ["--lang", "fr"],
    ["--windowed", "--fullscreen"], ["--solved"], ["--screenshot", "only-one"], ["stray"],
])
def test_bad_arguments_exit_2_with_one_line(argv, capsys):
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("techniekwerf:")


def test_good_arguments_parse():
    args = build_parser().parse_args(["--lang", "en", "--size", "1366x768", "--windowed",
                                      "--data", "/tmp/x"])
    assert (args.lang, args.size, args.fullscreen, args.data) == ("en", (1366, 768), False, "/tmp/x")
    assert build_parser().parse_args([]).fullscreen is None


def test_help_exits_0(capsys):
    assert main(["--help"]) == 0
    assert "screenshot" in capsys.readouterr().out


def test_a_real_process_prints_no_traceback():
    done = subprocess.run([sys.executable, "-m", "game", "--size", "wide"], capture_output=True,
                          text=True, timeout=60, cwd=PROJECT_ROOT)
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr
    assert done.stdout == ""


def test_screenshot_of_an_unknown_level_is_a_clean_error(capsys, tmp_path):
    assert main(["--screenshot", "no-such-level", str(tmp_path / "x.png")]) == 2
    assert "no-such-level" in capsys.readouterr().err


def test_check_hands_the_paths_to_the_level_checker(monkeypatch):
    import types

    seen = []
    module = types.ModuleType("game.content.check")
    module.main = lambda paths: seen.append(paths) or 3
    monkeypatch.setitem(sys.modules, "game.content.check", module)
    assert main(["check", "levels/city", "x.yaml"]) == 3
    assert seen == [["levels/city", "x.yaml"]]


def test_screenshot_hands_the_level_to_the_renderer(monkeypatch, tmp_path):
    import types

    from game import app as app_module
    from game.content.loader import LevelCatalogue
    from tests.conftest import make_level

    calls = []
    module = types.ModuleType("game.screenshot")
    module.render_level = lambda level, out, solved, lang: calls.append(
        (level.id, out, solved, lang))
    monkeypatch.setitem(sys.modules, "game.screenshot", module)
    catalogue = LevelCatalogue([make_level("city", 4)])
    monkeypatch.setattr(app_module, "load_catalogue", lambda folder: catalogue)
    out = tmp_path / "shot.png"
    assert main(["--screenshot", "city-04", str(out), "--solved"]) == 0
    assert main(["--screenshot", "city-04", str(out), "--lang", "en"]) == 0
    assert calls == [("city-04", out, True, "nl"), ("city-04", out, False, "en")]


def test_db_url_reaches_the_app(monkeypatch, tmp_path):
    from game import app as app_module

    seen = {}

    class Recorder:
        def __init__(self, **kw):
            seen.update(kw)

        def run(self):
            return 0

    monkeypatch.setattr(app_module, "App", Recorder)
    url = "postgresql+psycopg://school@127.0.0.1/techniekwerf"
    assert main(["--db", url, "--data", str(tmp_path)]) == 0
    assert seen["db_url"] == url and seen["data_dir"] == str(tmp_path)
