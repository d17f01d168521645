"""A TCP listener on loopback that records every HTTP request line it is sent and answers with an
empty SPARQL JSON result (so a query that reached it would succeed): the witness for "fhkg never
makes a request to another server"."""

from __future__ import annotations

import socket
import threading

_BODY = b'{"head":{"vars":["s"]},"results":{"bindings":[{}]}}'
ANSWER = b"HTTP/1.1 200 OK\r\nContent-Type: application/sparql-results+json\r\nConnection: close\r\nContent-Length: %d\r\n\r\n%s" % (len(_BODY), _BODY)


class Listener:
    def __init__(self) -> None:
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(64)
        self.port = self.sock.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}/sparql"
        self.requests: list[str] = []
        self._lock = threading.Lock()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            with conn:
                conn.settimeout(5)
                data = b""
                try:
                    while b"\r\n\r\n" not in data and len(data) < 65536:
                        chunk = conn.recv(4096)
                        if not chunk:
                            break
                        data += chunk
                finally:  # recorded before answering, so a caller that got its answer sees it
                    with self._lock:
                        self.requests.append(data.split(b"\r\n", 1)[0].decode("latin-1") or "(connected, sent nothing)")
                try:
                    conn.sendall(ANSWER)
                except OSError:
                    pass

    @property
    def hits(self) -> list[str]:
        with self._lock:
            return list(self.requests)

    def close(self) -> None:
        self.sock.close()
