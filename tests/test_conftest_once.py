"""tests/conftest.py keeps what is costly to make (level inspections, guides, SVG pictures)
by wrapping the game's functions once per process. The file is imported again, as another
module, when a test imports a helper from it (``from conftest import make_level``): the
wrappers must not be wrapped again (a guide build then waited for its own lock, for ever)."""

from __future__ import annotations

import importlib.util
from pathlib import Path


def test_the_keeping_wrappers_are_installed_once_however_often_conftest_is_imported():
    import pygame

    from game.content import loader
    from game.guide import link

    before = (link.build, loader.inspect_level, pygame.image.load_sized_svg)
    assert all(getattr(f, "kept_by_tests", False) for f in before)
    spec = importlib.util.spec_from_file_location("conftest_imported_again",
                                                  Path(__file__).with_name("conftest.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert (link.build, loader.inspect_level, pygame.image.load_sized_svg) == before
