"""The Dutch documents for the school (teacher_guide/it-coordinator.md, privacy.md,
brief-ouders.md) cannot drift from the game: every command and option they name is in the
command line's --help, every environment variable and file name they name is one the game
uses, every table and field of the store is described in privacy.md (and nothing that is not
there), and every path through the teacher screens they give is made of the screens' own
Dutch words."""

from __future__ import annotations

import re

import pytest

from game import PROJECT_ROOT

DOCS = PROJECT_ROOT / "teacher_guide"
NAMES = ("it-coordinator.md", "privacy.md", "brief-ouders.md")
CODE_SPAN = re.compile(r"`([^`\n]+)`")
FENCE = re.compile(r"^[ \t]*```[a-z]*\n(.*?)^[ \t]*```", re.S | re.M)


def text(name: str) -> str:
    return (DOCS / name).read_text(encoding="utf-8")


def code_pieces(doc: str) -> list[str]:
    """Every inline code span, and every line of every fenced block."""
    fenced = [line for block in FENCE.findall(doc) for line in block.splitlines()]
    return CODE_SPAN.findall(FENCE.sub("", doc)) + fenced


def commands(doc: str) -> list[list[str]]:
    """Each ``techniekwerf ...`` in the code of ``doc`` (a piece that starts with it, or what
    follows a ``&&``), as its words up to the next ``&&``."""
    found = []
    for piece in code_pieces(doc):
        for match in re.finditer(r"(?:^|&&)\s*(techniekwerf(?![\w./-])[^&]*)", piece):
            found.append(match.group(1).split())
    return found


def help_of(argv: list[str], capsys) -> str:
    """What ``techniekwerf ARGV --help`` prints."""
    if argv[:1] == ["teacher"]:
        from game.teacher_cli import main

        assert main([*argv[1:], "--help"]) == 0
        return capsys.readouterr().out
    from game.__main__ import build_parser

    return build_parser().format_help()


@pytest.mark.parametrize("name", NAMES)
def test_the_document_is_there_in_dutch(name):
    doc = text(name)
    assert doc.startswith("# ") and len(doc) > 2500
    assert " de " in doc and " het " in doc  # Dutch, not an English draft


@pytest.mark.parametrize("name", NAMES)
def test_every_command_and_option_named_is_in_the_help(name, capsys):
    from game.teacher_cli import build_parser

    subcommands = set(build_parser()._subparsers._group_actions[0].choices)  # type: ignore
    checked = 0
    for words in commands(text(name)):
        options = [w.split("=")[0] for w in words if w.startswith("--")]
        if len(words) > 1 and words[1] == "teacher":
            if len(words) > 2 and not words[2].startswith("-"):
                assert words[2] in subcommands, f"{name}: no command 'teacher {words[2]}'"
                shown = help_of(["teacher", words[2]], capsys)
            else:
                shown = help_of(["teacher"], capsys)
        else:
            assert len(words) == 1 or words[1].startswith("-"), \
                f"{name}: {' '.join(words)}: not a command of the game"
            shown = help_of([], capsys)
        for option in options:
            assert re.search(rf"(?<![\w-]){re.escape(option)}(?![\w-])", shown), \
                f"{name}: {' '.join(words)}: {option} is not in its --help"
        checked += 1
    least = {"it-coordinator.md": 20, "privacy.md": 8, "brief-ouders.md": 2}[name]
    assert checked >= least, f"{name}: only {checked} commands found; is the parser right?"


def test_the_end_of_year_and_privacy_commands_are_named():
    """The commands the issue asks the documents to give, in them."""
    it, privacy = text("it-coordinator.md"), text("privacy.md")
    for needed in ("teacher delete-class", "teacher purge-year", "teacher export-pupil",
                   "teacher export-log", "teacher merge-log", "teacher set-pin",
                   "teacher add-teacher"):
        assert f"techniekwerf {needed}" in it, needed
    for needed in ("teacher delete-pupil", "teacher delete-class", "teacher purge-year",
                   "teacher export-pupil", "tests/test_no_network.py"):
        assert needed in privacy, needed
    assert (PROJECT_ROOT / "tests" / "test_no_network.py").is_file()
    assert "pip install -e ." in text("brief-ouders.md")
    assert "pip install -e ." in (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")


def game_source() -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in (PROJECT_ROOT / "game").rglob("*.py"))


@pytest.mark.parametrize("name", NAMES)
def test_every_environment_variable_and_data_file_named_is_the_games(name):
    doc, source = text(name), game_source()
    for var in set(re.findall(r"\bTECHNIEKWERF_[A-Z_]+\b", doc)):
        assert f'"{var}"' in source, f"{name}: the game reads no ${var}"
    from game.home import FAMILY_FILE
    from game.progress.db import DB_FILE
    from game.progress.pending import FILE as PENDING
    from game.settings import SETTINGS_FILE

    ours = {DB_FILE, SETTINGS_FILE, PENDING, FAMILY_FILE, "progress.json"}
    for file in set(re.findall(r"`([\w-]+\.(?:db|json))`", doc)):
        assert file in ours, f"{name}: the game keeps no file {file!r}"


def test_privacy_describes_every_table_and_field_of_the_store_and_no_other():
    from game.progress.sql import metadata

    doc = text("privacy.md")
    spans = set(CODE_SPAN.findall(doc))
    tables = {t.name: [c.name for c in t.columns] for t in metadata.sorted_tables}
    for table, columns in tables.items():
        assert table in spans, f"privacy.md does not describe the table {table}"
        missing = [c for c in columns if c not in spans]
        assert not missing, f"privacy.md: fields of {table} not described: {missing}"
    headed = set(re.findall(r"^###.*?`(\w+)`", doc, re.M))
    unknown = headed - set(tables) - {"alembic_version"}
    assert not unknown, f"privacy.md describes tables the store does not have: {unknown}"
    assert "alembic_version" in spans  # the one table the migrations make besides ours


def nl_words() -> set[str]:
    from babel.messages.pofile import read_po

    with open(PROJECT_ROOT / "locale" / "nl" / "LC_MESSAGES" / "techniekwerf.po", "rb") as f:
        catalogue = read_po(f, locale="nl")
    return {m.string for m in catalogue if m.id and isinstance(m.string, str) and m.string}


@pytest.mark.parametrize("name", NAMES)
def test_every_path_through_the_screens_uses_the_screens_words(name):
    """``*Gegevens* → *Einde van het schooljaar*``: each step is a Dutch text of the game."""
    words = nl_words()
    steps = [step for line in text(name).splitlines() if "→" in line
             for step in re.findall(r"\*([^*]+)\*", line)]
    assert steps or name == "brief-ouders.md"
    wrong = [s for s in steps if s not in words]
    assert not wrong, f"{name}: not words of the game's screens: {wrong}"
