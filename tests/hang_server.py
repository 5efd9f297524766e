"""Servers that do not answer, for the fault tests and bench/faults.py.

:class:`SilentServer` accepts every TCP connection and never says a word (a school server
whose database hangs, or a wrong machine on the database port). :class:`Relay` passes bytes
between the game and a real PostgreSQL server until it is told to ``hang``: from then on it
keeps every connection open and passes nothing (new connections too: accepted, never
answered), and when ``hang`` is False again it carries on where it stopped. Both run in daemon threads and close every socket on ``close``.
"""

from __future__ import annotations

import contextlib
import select
import socket
import threading

from sqlalchemy.engine import make_url

#: The relay stands in for the school's network, so it may reach the test server although the
#: suite blocks Python's network connections for the game (conftest): the real connect, taken
#: when this module is imported, before any test patches it.
_CONNECT = socket.socket.connect


class SilentServer:
    """Accepts on 127.0.0.1 and never answers; ``url`` is a PostgreSQL address to it."""

    def __init__(self) -> None:
        self._listener = socket.socket()
        self._listener.bind(("127.0.0.1", 0))
        self._listener.listen(64)
        self.port = self._listener.getsockname()[1]
        self.url = f"postgresql://techniekwerf:secret@127.0.0.1:{self.port}/techniekwerf"
        self.accepted: list[socket.socket] = []
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    def _accept(self) -> None:
        while True:
            try:
                conn, _ = self._listener.accept()
            except OSError:
                return
            self.accepted.append(conn)  # held open, never read, never answered

    def close(self) -> None:
        with contextlib.suppress(OSError):
            self._listener.close()
        for conn in self.accepted:
            with contextlib.suppress(OSError):
                conn.close()

    def __enter__(self) -> SilentServer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class Relay:
    """A TCP relay in front of the PostgreSQL server of ``url``; ``url`` of the relay itself
    is the same address through it. Set ``hang`` to make the server seem to hang."""

    def __init__(self, url: str) -> None:
        target = make_url(url)
        folder = target.query.get("host", "")
        if isinstance(folder, str) and folder.startswith("/"):  # a server on a Unix socket
            self._target: object = f"{folder}/.s.PGSQL.{target.query.get('port', 5432)}"
            target = target.difference_update_query(["host", "port"])
        else:
            self._target = (target.host or "127.0.0.1", target.port or 5432)
        #: set while the server answers (``hang`` is False): a pump that holds bytes while it
        #: hangs waits on it, instead of asking select again and again about bytes it keeps
        self._answering = threading.Event()
        self.hang = False
        self._stopped = False
        self._sockets: list[socket.socket] = []
        self._listener = socket.socket()
        self._listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._listener.bind(("127.0.0.1", 0))
        self._listener.listen(64)
        self.port = self._listener.getsockname()[1]
        self.url = target.set(host="127.0.0.1", port=self.port).render_as_string(
            hide_password=False)
        threading.Thread(target=self._accept, daemon=True).start()

    @property
    def hang(self) -> bool:
        return not self._answering.is_set()

    @hang.setter
    def hang(self, value: bool) -> None:
        if value:
            self._answering.clear()
        else:
            self._answering.set()

    def _accept(self) -> None:
        while not self._stopped:
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            self._sockets.append(client)
            try:
                family = socket.AF_UNIX if isinstance(self._target, str) else socket.AF_INET
                server = socket.socket(family)
                _CONNECT(server, self._target)
            except OSError:
                client.close()
                continue
            self._sockets.append(server)
            threading.Thread(target=self._pump, args=(client, server), daemon=True).start()

    def _pump(self, a: socket.socket, b: socket.socket) -> None:
        while not self._stopped:
            try:
                ready, _, _ = select.select([a, b], [], [], 0.1)
            except (OSError, ValueError):
                return
            if self.hang:  # bytes wait in the buffers: the server seems to think forever
                # (select would say at once, again and again, that they are there: wait for
                # the server to answer again instead, looking at _stopped now and then)
                self._answering.wait(0.1)
                continue
            for side in ready:
                try:
                    data = side.recv(65536)
                    if data:
                        (b if side is a else a).sendall(data)
                        continue
                except OSError:
                    pass
                for s in (a, b):
                    with contextlib.suppress(OSError):
                        s.close()
                return

    def close(self) -> None:
        self._stopped = True
        with contextlib.suppress(OSError):
            self._listener.close()
        for s in self._sockets:
            with contextlib.suppress(OSError):
                s.close()

    def __enter__(self) -> Relay:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
