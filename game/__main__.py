"""The ``techniekwerf`` command: play (the default), check levels, render a screenshot, or
run a teacher command (``techniekwerf teacher --help``).

Kept light on purpose: argument parsing happens before pygame is imported, so a typo is
answered at once and the game window opens as early as possible.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from game.settings import LANGUAGES


class _Parser(argparse.ArgumentParser):
    """Bad arguments: one line and exit code 2, never a traceback or a wall of usage."""

    def error(self, message: str) -> None:  # type: ignore[override]
        print(f"techniekwerf: {message} (try --help)", file=sys.stderr)
        raise SystemExit(2)


def _size(text: str) -> tuple[int, int]:
    try:
        w, h = (int(v) for v in text.lower().split("x"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"size must look like 1280x720, not {text!r}") from None
    if not (320 <= w <= 10000 and 240 <= h <= 10000):
        raise argparse.ArgumentTypeError(f"size {text} is out of range")
    return w, h


def build_parser() -> argparse.ArgumentParser:
    p = _Parser(prog="techniekwerf",
                description="Build and fix power and water systems. No arguments: play.")
    p.add_argument("--lang", choices=LANGUAGES, help="language of the game (default: nl)")
    p.add_argument("--data", metavar="DIR", help="folder for settings and progress")
    mode = p.add_mutually_exclusive_group()
    mode.add_argument("--windowed", dest="fullscreen", action="store_false", default=None,
                      help="play in a window")
    mode.add_argument("--fullscreen", dest="fullscreen", action="store_true",
                      help="play on the full screen")
    p.add_argument("--size", type=_size, metavar="WxH", help="window size, e.g. 1366x768")
    p.add_argument("--db", metavar="URL",
                   help="the school store: a PostgreSQL URL for a school server, or a SQLite "
                        "file (default: the settings' server, else a file in the data folder)")
    p.add_argument("--db-file", metavar="PATH",
                   help="a file whose first line is the school store's URL (keeps a password "
                        "out of the process list; so does $TECHNIEKWERF_DB_URL)")
    p.add_argument("--screenshot", nargs=2, metavar=("LEVEL_ID", "OUT.png"),
                   help="draw a level to a PNG file and stop")
    p.add_argument("--solved", action="store_true", help="with --screenshot: show it solved")
    return p


def _check(paths: Sequence[str]) -> int:
    from game.content.check import main as check_main

    return int(check_main(list(paths)) or 0)


def _teacher(args: Sequence[str]) -> int:
    from game.teacher_cli import main as teacher_main

    return teacher_main(args)


def _guide(args: Sequence[str]) -> int:
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")  # the pictures need no window
    from game.guide.build import main as guide_main

    return guide_main(args)


def _screenshot(level_id: str, out: str, solved: bool, lang: str | None, data: str | None) -> int:
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")  # no window needed for a picture
    from game import PROJECT_ROOT
    from game.app import load_catalogue
    from game.screenshot import render_level

    level = load_catalogue(PROJECT_ROOT / "levels").find(level_id)
    if level is None:
        print(f"techniekwerf: no level with id {level_id!r}", file=sys.stderr)
        return 2
    if lang is None:  # the language the game would start in
        from game.settings import Settings

        lang = Settings.load(data).language
    try:
        render_level(level, Path(out), solved, lang=lang)
    except OSError as exc:
        print(f"techniekwerf: could not write {out}: {exc}", file=sys.stderr)
        return 1
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")  # before anything imports pygame
    args_list = list(sys.argv[1:] if argv is None else argv)
    if args_list[:1] == ["check"]:
        return _check(args_list[1:])
    if args_list[:1] == ["teacher"]:
        return _teacher(args_list[1:])
    if args_list[:1] == ["guide"]:
        return _guide(args_list[1:])
    try:
        args = build_parser().parse_args(args_list)
        if args.solved and not args.screenshot:
            build_parser().error("--solved only goes with --screenshot")
    except SystemExit as stop:  # --help, or a bad argument already explained in one line
        return int(stop.code or 0)
    if args.screenshot:
        return _screenshot(*args.screenshot, args.solved, args.lang, args.data)
    from game.progress.db import StoreUrlError, server_url

    try:
        db_url = server_url(args.db, args.db_file)
    except StoreUrlError as problem:
        print(f"techniekwerf: {problem}", file=sys.stderr)
        return 1
    from game.app import App

    app = App(size=args.size, fullscreen=args.fullscreen, lang=args.lang, data_dir=args.data,
              db_url=db_url)
    return app.run()


if __name__ == "__main__":
    raise SystemExit(main())
