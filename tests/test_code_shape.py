"""The project's layering and lint rules, checked on every run rather than remembered."""

from __future__ import annotations

import ast
import functools
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@functools.cache
def facts_of(path: Path) -> tuple[frozenset[str], tuple[str, ...]]:
    """A module's top-level imports and its unsafe calls (yaml.load and the like, pickle's
    loads, eval/exec), from one parse and walk of its syntax tree per test process (only
    these small answers are kept, not the tree)."""
    names: set[str] = set()
    unsafe: list[str] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            owner = getattr(node.func.value, "id", "")
            if (owner == "yaml" and node.func.attr in ("load", "full_load", "unsafe_load")) \
                    or (owner == "pickle" and node.func.attr in ("load", "loads")):
                unsafe.append(f"{path}:{node.lineno}: {owner}.{node.func.attr}")
        if isinstance(node, ast.Call) and getattr(node.func, "id", "") in ("eval", "exec"):
            unsafe.append(f"{path}:{node.lineno}: eval/exec")
    return frozenset(names), tuple(unsafe)


def imports_of(path: Path) -> frozenset[str]:
    return facts_of(path)[0]


def test_the_simulation_never_imports_pygame():
    offenders = [p.name for p in (ROOT / "game" / "sim").glob("*.py") if "pygame" in imports_of(p)]
    assert offenders == []


def test_scenes_and_ui_write_no_sql_and_read_no_yaml():
    banned = {"sqlite3", "sqlalchemy", "yaml"}
    offenders = [
        f"{p.relative_to(ROOT)}: {sorted(found)}"
        for folder in ("scenes", "ui")
        for p in (ROOT / "game" / folder).glob("*.py")
        if (found := imports_of(p) & banned)
    ]
    assert offenders == []


def test_no_unsafe_loading_anywhere_in_the_game():
    found = [call for path in (ROOT / "game").rglob("*.py") for call in facts_of(path)[1]]
    assert found == []


def test_importing_the_game_opens_no_window_and_touches_no_files(tmp_path):
    """No import-time side effects: importing every module leaves pygame's display shut."""
    modules = sorted(
        ".".join(p.relative_to(ROOT).with_suffix("").parts)
        for p in (ROOT / "game").rglob("*.py") if p.name != "__main__.py"
    )
    code = (
        "import importlib, sys\n"
        f"for m in {modules!r}: importlib.import_module(m)\n"
        "import pygame\n"
        "assert not pygame.display.get_init(), 'a module opened the display'\n"
        "assert not pygame.mixer.get_init(), 'a module opened the mixer'\n"
    )
    env = {"PYTHONPATH": str(ROOT), "HOME": str(tmp_path), "SDL_VIDEODRIVER": "dummy",
           "SDL_AUDIODRIVER": "dummy", "PYGAME_HIDE_SUPPORT_PROMPT": "1", "PATH": ""}
    done = subprocess.run([sys.executable, "-c", code], env=env, cwd=tmp_path,
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert list(tmp_path.iterdir()) == [], "importing wrote files"


def test_ruff_finds_nothing():
    done = subprocess.run([sys.executable, "-m", "ruff", "check", "game", "tests", "bench"], cwd=ROOT,
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stdout[-3000:]


def test_the_suite_itself_runs_with_the_network_blocked():
    import socket

    import pytest

    with pytest.raises(AssertionError, match="network"):
        socket.create_connection(("127.0.0.1", 9))
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s, pytest.raises(AssertionError):
        s.connect(("127.0.0.1", 9))
