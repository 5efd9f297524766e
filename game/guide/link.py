"""The teacher screens open the guide: built by the game itself into its data folder, then
shown in the PC's own viewer (no network).

The guide lives in ``<data folder>/guide/<lang>/`` (``index.html``, ``gids.pdf``, ``img/``)
with a ``stamp`` file that names what it was made from: the game's version, the language, and
a fingerprint of the level files, the guide's prose and the language's catalogue. It is made
the first time a teacher asks for it and again whenever the stamp no longer matches, in a
thread of its own (:class:`game.background.Background`) so the screen keeps drawing and
answering ("Preparing the teacher guide..."); tests keep ``ctx.wait_for_jobs`` True and the
build is waited for at once. It is written into a folder beside the old guide and put in its
place only when whole, so a guide that could not be finished never replaces a good one.

:class:`GuideLink` is what a teacher screen holds: ``open()`` for the whole guide,
``open(level_id)`` for a level's page (``index.html#<level-id>``, by way of
``at/<level-id>.html``), ``update`` to poll,
``draw_busy`` for the busy line. One build at a time per folder, shared by every screen.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import uuid
from collections.abc import Callable
from pathlib import Path

from game import PROJECT_ROOT, __version__
from game.background import Background

GUIDE = "guide"  # the guide's folder inside the data folder
STAMP = "stamp"
INDEX = "index.html"

#: builds running now, by the folder they make: a second screen waits for the same one
_RUNNING: dict[Path, Background] = {}


def guide_folder(ctx) -> Path:
    """Where the guide in the teacher's language is kept: the data folder's ``guide/<lang>``."""
    from game.i18n import language_of
    from game.settings import data_dir

    return data_dir(ctx.settings.folder) / GUIDE / language_of(ctx)


def fingerprint(lang: str, root: Path = PROJECT_ROOT) -> str:
    """What a guide in ``lang`` is made from, as one line: the game's version and a hash of the
    level files, the guide's prose (with the lesson plans) and the language's catalogue."""
    digest = hashlib.sha256()
    files = sorted((root / "levels").rglob("*"))
    files += [root / "teacher_guide" / "gids.yaml", root / "teacher_guide" / "lesbrieven.yaml",
              root / "locale" / lang / "LC_MESSAGES" / "techniekwerf.mo"]
    for path in files:
        if path.is_file():
            digest.update(str(path.relative_to(root)).encode())
            digest.update(path.read_bytes())
    return json.dumps({"version": __version__, "lang": lang, "made_from": digest.hexdigest()})


def is_current(folder: Path, stamp: str) -> bool:
    """The guide in ``folder`` is whole and made from what the game has now."""
    try:
        return (folder / INDEX).is_file() and (folder / STAMP).read_text("utf-8") == stamp
    except (OSError, UnicodeError):
        return False


def build(out: Path, lang: str) -> None:
    """Write the whole guide into ``out`` (looked up on this module at call time: tests put a
    smaller builder in its place)."""
    from game.guide.build import build_guide

    build_guide(out, lang)


def make(folder: Path, lang: str, stamp: str) -> Path:
    """Build the guide beside ``folder``, then put it in its place with its stamp; returns
    ``folder``. An error leaves the old guide (if any) as it was."""
    folder.parent.mkdir(parents=True, exist_ok=True)
    fresh = folder.parent / f".{folder.name}-{uuid.uuid4().hex[:8]}"
    try:
        build(fresh, lang)
        (fresh / STAMP).write_text(stamp, encoding="utf-8")
        old = None
        if folder.exists():
            old = folder.parent / f".{folder.name}-old-{uuid.uuid4().hex[:8]}"
            folder.rename(old)
        fresh.rename(folder)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
    finally:
        if fresh.exists():
            shutil.rmtree(fresh, ignore_errors=True)
    return folder


#: the small pages that lead to a level's place in the guide (see :func:`page`)
AT = "at"
_LEVEL_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def page(folder: Path, level_id: str | None = None) -> Path:
    """What the viewer is given: the guide's ``index.html``, or for a level a small page
    (``at/<level-id>.html``) that goes on at once to the level's place in it
    (``index.html#<level-id>``). A file's name, not an address with a ``#place``: Windows
    opens a file with its viewer, but drops the ``#place`` of an address on the way."""
    index = folder / INDEX
    if level_id is None or not _LEVEL_ID.fullmatch(level_id):
        return index
    target = f"../{INDEX}#{level_id}"
    way = folder / AT / f"{level_id}.html"
    way.parent.mkdir(exist_ok=True)
    way.write_text(
        "<!doctype html>\n<html><head><meta charset=\"utf-8\">"
        f"<meta http-equiv=\"refresh\" content=\"0; url={target}\">"
        f"<title>{level_id}</title></head>\n"
        f"<body><a href=\"{target}\">{level_id}</a></body></html>\n", encoding="utf-8")
    return way


class GuideLink:
    """A teacher screen's way to the guide. ``note`` is called with a one-line message and an
    icon when there is something to tell (the guide could not be made, or this PC has no
    viewer)."""

    def __init__(self, ctx, note: Callable[[str, str], None]) -> None:
        self.ctx = ctx
        self.note = note
        self.job: Background | None = None
        self.folder: Path | None = None
        self.target: str | None = None  # the level asked for (None: the whole guide)
        self.busy_time = 0.0

    @property
    def busy(self) -> bool:
        return self.job is not None

    def open(self, level_id: str | None = None) -> None:
        """Show the guide (at ``level_id``'s page), building it first when it is missing or
        older than the game."""
        from game.i18n import language_of

        self.target = level_id
        if self.job is not None:
            return  # being made: it opens at the last place asked for
        lang = language_of(self.ctx)
        folder = guide_folder(self.ctx)
        try:
            stamp = fingerprint(lang)
        except OSError as exc:
            self._failed(folder, exc)
            return
        if is_current(folder, stamp):
            self._show(folder)
            return
        self.folder = folder
        job = _RUNNING.get(folder)
        if job is None or job.done():
            job = Background(lambda: make(folder, lang, stamp), name="techniekwerf-guide")
            _RUNNING[folder] = job
        self.job, self.busy_time = job, 0.0
        if self.ctx.wait_for_jobs:
            job.wait()
            self._finish()

    def update(self, dt: float) -> None:
        if self.job is None:
            return
        if self.job.done():
            self._finish()
        else:
            self.busy_time += dt

    def _finish(self) -> None:
        job, folder, self.job = self.job, self.folder, None
        if job is None or folder is None:
            return
        if _RUNNING.get(folder) is job:
            del _RUNNING[folder]
        if job.error is not None:
            self._failed(folder, job.error)
            return
        self._show(folder)

    def _show(self, folder: Path) -> None:
        from game.scenes import exports

        if not exports.open_with_viewer(page(folder, self.target)):  # looked up now (tests)
            self.note(exports.saved_message(self.ctx.gettext, INDEX, folder), "icons/check")

    def _failed(self, folder: Path, exc: BaseException) -> None:
        from game.guide.build import GuideError

        if isinstance(exc, GuideError):
            error = exc.lines[0] if exc.lines else str(exc)
        elif isinstance(exc, OSError):
            error = exc.strerror or str(exc)
        else:
            error = str(exc)
        error = " ".join(str(error).split())  # one line
        # TRANSLATORS: teacher's screens; {folder}: a folder; {error}: the computer's message
        self.note(self.ctx.gettext("The teacher guide could not be made in {folder}: {error}")
                  .format(folder=str(folder), error=error), "icons/attention")

    def draw_busy(self, painter, box) -> None:
        """"Preparing the teacher guide" with dots that come and go, in a panel at ``box``;
        the screen around it keeps working."""
        if self.job is None:
            return
        import pygame

        box = pygame.Rect(box)
        painter.panel(box, fill="cream", radius=20, shadow=5)
        size = min(48, box.height - 12)
        painter.image("icons/busy", (box.x + 20, box.centery - size / 2, size, size))
        dots = "." * (1 + int(self.busy_time * 2) % 3)
        # TRANSLATORS: teacher's screens while the teacher guide is made (the dots come after it)
        painter.text_box(self.ctx.gettext("Preparing the teacher guide, a moment please") + dots,
                         (box.x + 36 + size, box.y + 4, box.width - 56 - size, box.height - 8),
                         24, bold=True, align="midleft", min_size=16, wrap=False,
                         ellipsize=True)
