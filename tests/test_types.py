"""The typed packages type-check clean: mypy with pyproject.toml's [tool.mypy] (game/content,
game/progress, game/sim), as .ci/run runs it before the tests."""

from __future__ import annotations

import re

import pytest
from mypy import api

from game import PROJECT_ROOT

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10: the files are read from the section by hand
    tomllib = None  # type: ignore[assignment]


def _mypy_files() -> list[str]:
    text = (PROJECT_ROOT / "pyproject.toml").read_text(encoding="utf-8")
    if tomllib is not None:
        return list(tomllib.loads(text)["tool"]["mypy"]["files"])
    match = re.search(r"^files = \[([^\]]*)\]", text.split("\n[tool.mypy]\n")[1], re.M)
    assert match, "pyproject.toml has no [tool.mypy] files"
    return re.findall(r'"([^"]+)"', match.group(1))


def test_the_typed_packages_are_the_ones_the_issue_names():
    assert {"game/content", "game/progress", "game/sim"} <= set(_mypy_files())


def test_mypy_runs_clean_on_the_typed_packages(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.chdir(PROJECT_ROOT)  # the config's files are relative to the project
    out, err, status = api.run([])
    assert status == 0, out + err


def test_ci_type_checks_before_the_tests():
    script = (PROJECT_ROOT / ".ci" / "run").read_text(encoding="utf-8")
    code = [line.split("#")[0].strip() for line in script.splitlines()]
    steps = [line for line in code if line]
    mypy = next(i for i, line in enumerate(steps) if re.fullmatch(r"(python -m )?mypy\b.*", line))
    install = next(i for i, line in enumerate(steps) if line.startswith("pip install"))
    assert install < mypy < len(steps) - 1  # in the new environment, before the test command
