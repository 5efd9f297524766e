"""Where the teacher's exports go, and how a saved file is shown and told: shared by the
dashboard, the data screen and the pupil page.

No screen of its own: any scene may import it (tests/test_scene_graph.py).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

EXPORTS = "exports"  # the exports' folder inside a data folder chosen with --data


def export_folder(ctx) -> Path:
    """Where every teacher export goes (the one place that decides it):

    - a data folder chosen for this game (``--data DIR`` or ``$TECHNIEKWERF_DATA``): its
      ``exports`` folder, so a school that keeps the game's files on a USB stick or a share
      finds the exports there too;
    - else ``<Documents>/Techniekwerf``, where a teacher looks for files;
    - else (no Documents folder) the ``exports`` folder in the data folder.

    Shared by the dashboard, the data screen and the pupil page; look it up on this module at
    call time (``exports.export_folder(ctx)``) so tests can point it elsewhere.
    """
    import platformdirs

    folder = ctx.settings.folder
    default = Path(platformdirs.user_data_dir("techniekwerf", appauthor=False))
    if folder is not None and Path(folder).resolve() != default.resolve():
        return Path(folder) / EXPORTS
    try:
        return Path(platformdirs.user_documents_dir()) / "Techniekwerf"
    except Exception:  # noqa: BLE001 - no Documents folder: the data folder's
        return Path(folder or default) / EXPORTS


def open_with_viewer(path: Path | str) -> bool:
    """Show ``path`` (a file, or a ``file:`` address with a ``#place`` in it) in the system's
    viewer (the teacher prints from there), without waiting for it; False when this PC has no
    viewer to ask. Looked up on this module at call time, so
    tests put a recorder in its place and nothing is ever launched by a test."""
    import os
    import shutil
    import subprocess
    import sys

    try:
        if sys.platform.startswith("win"):
            os.startfile(str(path))  # type: ignore[attr-defined]
            return True
        opener = "open" if sys.platform == "darwin" else "xdg-open"
        program = shutil.which(opener)
        if program is None:
            return False
        subprocess.Popen([program, str(path)], stdin=subprocess.DEVNULL,
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                         start_new_session=True)
    except OSError:
        return False
    return True


def saved_message(gettext: Callable[[str], str], file: str, folder: Path) -> str:
    """The one line every export shows: the file's name and the folder it is in."""
    # TRANSLATORS: teacher's screens, after an export; {file}: file name(s); {folder}: a folder
    return gettext("Saved as {file} in {folder}").format(file=file, folder=str(folder))
