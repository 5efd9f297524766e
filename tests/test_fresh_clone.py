"""A fresh clone passes its own test command: the README's two set-up commands install every
package the game, the tests and the benchmarks import, no test skips because a Python package
is missing, and CI builds a new environment of its own to prove it.

These read the project's files (pyproject.toml, the code's import statements, .ci/run); the
fresh environment itself is made by .ci/run on every CI run.
"""

from __future__ import annotations

import ast
import functools
import importlib.metadata
import re
import sys
from pathlib import Path

from game import PROJECT_ROOT

ROOT = PROJECT_ROOT
OURS = {"game", "tests", "bench", "__future__"}
#: pygame modules that work only with numpy installed
NEEDS_NUMPY = {"surfarray", "sndarray"}


def _name(requirement: str) -> str:
    """A requirement's distribution name, normalised (PEP 503): 'psycopg[binary]>=3.1' ->
    'psycopg', 'PyYAML>=6.0' -> 'pyyaml'."""
    match = re.match(r"\s*([A-Za-z0-9][A-Za-z0-9._-]*)", requirement)
    assert match, f"not a requirement: {requirement!r}"
    return re.sub(r"[-_.]+", "-", match.group(1)).lower()


def _project() -> dict:
    """pyproject.toml as data (Python 3.10 has no tomllib: its installed metadata then, which
    ``pip install -e`` wrote from the same file)."""
    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10
        requires = importlib.metadata.requires("techniekwerf") or []
        main = [r for r in requires if "extra ==" not in r]
        test = [r.split(";")[0] for r in requires if re.search(r"extra == ['\"]test['\"]", r)]
        return {"project": {"dependencies": main, "optional-dependencies": {"test": test}},
                "tool": {}}
    with (ROOT / "pyproject.toml").open("rb") as f:
        return tomllib.load(f)


def _installed_by_readme() -> tuple[set[str], set[str]]:
    """(what ``pip install -e .`` installs, what ``pip install -e ".[test]"`` adds): names."""
    project = _project()["project"]
    return ({_name(r) for r in project["dependencies"]},
            {_name(r) for r in project["optional-dependencies"]["test"]})


@functools.cache
def _facts(path: Path) -> tuple[tuple[str, ...], tuple[int, ...]]:
    """What a file imports (also inside functions, and what ``importorskip`` or a pygame
    module that needs numpy asks for), and the lines that name ``importorskip``: one parse and
    walk per test process, and only these small answers are kept, not the tree."""
    names: list[str] = []
    skips: list[int] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.append(node.module)
        elif isinstance(node, ast.Call) and getattr(node.func, "attr", "") == "importorskip":
            names.append(ast.literal_eval(node.args[0]))  # needed as much, if only quietly
        elif isinstance(node, ast.Attribute) and node.attr in NEEDS_NUMPY:
            names.append("numpy")  # pygame imports it on first use
        if isinstance(node, ast.Attribute) and node.attr == "importorskip":
            skips.append(node.lineno)
    return tuple(names), tuple(skips)


@functools.cache
def _modules_in(folder: Path) -> frozenset[str]:
    return frozenset(p.stem for p in folder.glob("*.py"))


def _imports(folder: str) -> dict[str, set[str]]:
    """Top-level modules imported anywhere in ``folder`` (also inside functions) that are
    neither the standard library nor our own code -> the files that import them."""
    found: dict[str, set[str]] = {}
    for path in sorted((ROOT / folder).rglob("*.py")):
        local = _modules_in(path.parent)  # tests import their helpers
        for top in {name.split(".")[0] for name in _facts(path)[0]}:
            if top not in sys.stdlib_module_names and top not in OURS | local:
                found.setdefault(top, set()).add(str(path.relative_to(ROOT)))
    return found


@functools.cache
def _installed() -> dict[str, list[str]]:
    """Top-level module -> the installed distributions that provide it (read once: it walks
    the metadata of every installed package)."""
    return importlib.metadata.packages_distributions()


def _distributions(module: str) -> set[str]:
    return {_name(d) for d in _installed().get(module, [])}


def test_the_game_imports_only_its_dependencies():
    main, _test = _installed_by_readme()
    missing = {m: sorted(files) for m, files in _imports("game").items()
               if not _distributions(m) & main}
    assert not missing, f"imported by the game but not in [project] dependencies: {missing}"


def test_tests_and_benchmarks_import_only_what_the_test_extra_installs():
    """numpy was missing: the sound tests skipped and two text tests failed on a fresh clone."""
    main, test = _installed_by_readme()
    missing = {m: sorted(files) for folder in ("tests", "bench")
               for m, files in _imports(folder).items() if not _distributions(m) & (main | test)}
    assert not missing, f"imported but installed by neither set-up command: {missing}"


def test_the_postgresql_driver_comes_with_the_game():
    """--db postgresql://... works after the README's install-and-play command."""
    main, _test = _installed_by_readme()
    assert "psycopg" in main


def test_no_test_skips_for_a_missing_python_package():
    """pytest.importorskip turns a forgotten install step into a quiet skip; import plainly."""
    found = []
    for path in sorted((ROOT / "tests").glob("*.py")):
        found += [f"{path.name}:{line}" for line in _facts(path)[1]]
    assert not found, f"importorskip in {found}"


def test_the_pytest_options_need_only_the_test_extra():
    """The suite runs on every core (-n): pytest-xdist must come with the test extra."""
    _main, test = _installed_by_readme()
    options = _project()["tool"].get("pytest", {}).get("ini_options", {}).get("addopts", "")
    if re.search(r"(^|\s)(-n|--numprocesses|--dist)\b", options):
        assert "pytest-xdist" in test


def test_ci_runs_the_readme_command_in_an_environment_of_its_own():
    """.ci/run makes a new virtual environment (never the machine's packages), installs with
    the README's command there and runs the README's test command, printing skip reasons."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```\n(.*?)\n```", readme, re.S)
    install, run = next(b for b in blocks if "pytest" in b).split(" && ")
    script = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    code = "\n".join(line.split("#")[0] for line in script.splitlines())
    assert re.search(r"-m venv \"?\$", code), "no fresh virtual environment"
    assert "--system-site-packages" not in code
    venv_at = code.index("-m venv")
    assert code.index("activate", venv_at) < code.index(install, venv_at), \
        "the install must go into the new environment"
    assert re.search(re.escape(run) + r" -rs\s*$", code.strip()), \
        f"the last step must be the README's test command with -rs: {run} -rs"
