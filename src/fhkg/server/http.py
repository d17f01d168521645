"""The HTTP limits below the application: uvicorn's HTTP/1.1 protocol (h11) with a time limit
on each request head and a cap on one client address's open connections (uvicorn accepts such a
class as its ``http`` setting). The defaults are in :mod:`.limits`.

Both answer before h11 has read a request, so the response is written out whole and the
connection closed: 408 for a head that did not arrive in time (a "slowloris" client holding
connections open), 429 for a connection beyond the cap.
"""

from __future__ import annotations

import asyncio
from collections import Counter
from typing import Any

import h11
from uvicorn.protocols.http.h11_impl import H11Protocol

from .limits import DEFAULT_CLIENT_CONNECTIONS, DEFAULT_REQUEST_TIMEOUT

#: Seconds a connection over the per-client cap stays open after its 429 (for the client to read it).
LINGER = 1.0


def _plain(status: int, reason: str, message: str, extra: dict[str, str] | None = None) -> bytes:
    """A whole HTTP/1.1 response that closes the connection (written before h11 saw a request)."""
    body = (message + "\n").encode("utf-8")
    head = [f"HTTP/1.1 {status} {reason}", "Content-Type: text/plain; charset=utf-8", f"Content-Length: {len(body)}", "Connection: close"]
    head += [f"{k}: {v}" for k, v in (extra or {}).items()]
    return ("\r\n".join(head) + "\r\n\r\n").encode("ascii") + body


def protocol(*, request_timeout: float = DEFAULT_REQUEST_TIMEOUT, client_connections: int = DEFAULT_CLIENT_CONNECTIONS) -> type[H11Protocol]:
    """uvicorn's h11 protocol with a time limit on each request head and a cap on the open
    connections of one client address (one class per server: the count is the server's)."""
    open_per_client: Counter[str] = Counter()

    class Protocol(H11Protocol):
        """A request head must arrive in full within ``request_timeout`` seconds of its first byte
        (of the connection, for the first request), else 408 and the connection is closed; a client
        address with ``client_connections`` open connections gets 429 on its next one."""

        _head_timer: asyncio.TimerHandle | None = None
        _counted: str | None = None
        _over_cap = False

        def connection_made(self, transport: Any) -> None:
            super().connection_made(transport)
            host = self.client[0] if self.client else None
            if host is not None and client_connections:
                if open_per_client[host] >= client_connections:
                    # answered at once; closed when its request arrives (read first, so the close
                    # does not reset the connection and destroy the answer) or a moment later
                    self._over_cap = True
                    message = f"this address already has {client_connections} open connections to the server; close some and retry"
                    transport.write(_plain(429, "Too Many Requests", message, {"Retry-After": "1"}))
                    self._head_timer = self.loop.call_later(LINGER, transport.close)
                    return
                open_per_client[host] += 1
                self._counted = host
            self._arm()

        def connection_lost(self, exc: Exception | None) -> None:
            self._disarm()
            if self._counted is not None:
                open_per_client[self._counted] -= 1
                if open_per_client[self._counted] <= 0:
                    del open_per_client[self._counted]
                self._counted = None
            super().connection_lost(exc)

        def data_received(self, data: bytes) -> None:
            if self._over_cap:
                self._disarm()
                self.transport.close()
                return
            super().data_received(data)
            if self.conn.their_state is h11.IDLE:  # a head has begun (or is awaited): time it
                self._arm()
            else:
                self._disarm()

        def on_response_complete(self) -> None:
            super().on_response_complete()
            self._disarm()  # idle now: uvicorn's keep-alive timeout takes over until the next byte

        def _arm(self) -> None:
            if self._head_timer is None and not self.transport.is_closing():
                self._head_timer = self.loop.call_later(request_timeout, self._head_timed_out)

        def _disarm(self) -> None:
            if self._head_timer is not None:
                self._head_timer.cancel()
                self._head_timer = None

        def _head_timed_out(self) -> None:
            self._head_timer = None
            if self.conn.their_state is h11.IDLE and not self.transport.is_closing():
                self.transport.write(_plain(408, "Request Timeout", f"the request head did not arrive within {request_timeout:g} s"))
                self.transport.close()

    return Protocol
