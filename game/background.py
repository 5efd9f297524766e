"""One call in a thread of its own, so the window keeps drawing and answering while it runs:
opening the school store (a server that does not answer), merging a big log. The result (or
the error) is handed back to the main thread, which polls :meth:`Background.done`; scenes and
the store never share a half-done result.

Tests and screenshots want one known state: they keep ``Context.wait_for_jobs`` True, and the
code that starts a job then waits for it at once. The real loop (``App.run``) sets it False.
"""

from __future__ import annotations

import threading
from collections.abc import Callable


class Background:
    """``work()`` in a daemon thread; ``done()`` polls, ``wait()`` joins; ``result`` or
    ``error`` once done."""

    def __init__(self, work: Callable[[], object], name: str = "techniekwerf-job") -> None:
        self.result: object = None
        self.error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, args=(work,), daemon=True, name=name)
        self._thread.start()

    def _run(self, work: Callable[[], object]) -> None:
        try:
            self.result = work()
        except Exception as exc:  # noqa: BLE001 - handed to the main thread as it is
            self.error = exc

    def done(self) -> bool:
        return not self._thread.is_alive()

    def wait(self, timeout: float | None = None) -> bool:
        self._thread.join(timeout)
        return self.done()
