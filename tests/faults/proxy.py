"""A TCP proxy in front of the database server that can be cut: the app's side of a server restart
(every connection dropped, new ones refused, then accepted again) without restarting the server."""

from __future__ import annotations

import contextlib
import select
import socket
import threading


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


class CuttableProxy:
    """Forwards 127.0.0.1:`port` to `upstream` until `cut()`, and again after `restore()`."""

    def __init__(self, upstream: tuple[str, int]) -> None:
        self.upstream = upstream
        self.port = free_port()
        self.accepted = 0
        self._lock = threading.Lock()
        self._open: set[socket.socket] = set()
        self._threads: list[threading.Thread] = []
        self._listening = threading.Event()

    def restore(self) -> None:
        """Listen again, on the same port."""
        listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen(128)
        listener.settimeout(0.05)
        self._listening.set()
        self._start(self._accept, listener)

    def cut(self) -> None:
        """Drop every connection and refuse new ones (the listener closes) until `restore()`."""
        self._listening.clear()
        with self._lock:
            for connection in self._open:
                with contextlib.suppress(OSError):  # already closed by its peer
                    connection.shutdown(socket.SHUT_RDWR)

    def stop(self) -> None:
        self.cut()
        for thread in self._threads:
            thread.join(timeout=5)

    def _start(self, target: object, *args: object) -> None:
        thread = threading.Thread(target=target, args=args, daemon=True)  # type: ignore[arg-type]
        self._threads.append(thread)
        thread.start()

    def _accept(self, listener: socket.socket) -> None:
        with listener:
            while self._listening.is_set():
                try:
                    app_side, _address = listener.accept()
                except TimeoutError:
                    continue
                try:
                    server_side = socket.create_connection(self.upstream, timeout=5)
                except OSError:
                    app_side.close()
                    continue
                server_side.settimeout(None)
                with self._lock:
                    self._open |= {app_side, server_side}
                    self.accepted += 1
                self._start(self._pump, app_side, server_side)

    def _pump(self, app_side: socket.socket, server_side: socket.socket) -> None:
        peers = {app_side: server_side, server_side: app_side}
        try:
            while True:
                readable, _, _ = select.select(list(peers), [], [], 1.0)
                for source in readable:
                    data = source.recv(65536)
                    if not data:
                        return
                    peers[source].sendall(data)
        except OSError:
            return
        finally:
            with self._lock:
                self._open -= {app_side, server_side}
            app_side.close()
            server_side.close()
