"""Every limit the server keeps, with its default, in one place (SECURITY.md lists them too).

=========================  ===========  ====================================================
limit                      default      option of ``fhkg serve``
=========================  ===========  ====================================================
query time                 30 s         ``--timeout SECONDS``
query workers              2            ``--workers N`` (exactly N processes, never more)
waiting queries            64           ``--queue N`` (more are answered 503 + Retry-After)
wait for a worker          5 s          ``--queue-wait SECONDS`` (then 503 + Retry-After)
worker memory              2048 MiB     ``--worker-memory MiB`` (beyond the loaded graph)
answer size                64 MiB       ``--result-limit MiB`` (a larger answer: 422)
request body               1 MiB        fixed (413; over 4 MiB, from ``Content-Length`` unread)
request head and body      10 s         ``--request-timeout SECONDS`` (408, then closed)
connections per client     64           ``--client-connections N`` (429; 0: no cap)
request head size          64 KiB       fixed (h11's limit; 400)
=========================  ===========  ====================================================

The HTTP limits below the application (the time to send a request head, connections per client
address) are kept by :mod:`.http`; the others by :mod:`.pool` and :mod:`.app`. This module
imports nothing, so the command line can show the defaults without loading the server.
"""

from __future__ import annotations

from dataclasses import dataclass

DEFAULT_TIMEOUT = 30.0
DEFAULT_WORKERS = 2
DEFAULT_QUEUE = 64
DEFAULT_QUEUE_WAIT = 5.0
DEFAULT_MEMORY = 2 << 30
DEFAULT_RESULT_LIMIT = 64 << 20
MAX_BODY = 1 << 20
#: A body over the cap but under this is read to its end and dropped, so a client still sending
#: can read the 413; a larger one (declared or streamed) is cut off unread.
DRAIN = 4 * MAX_BODY
DEFAULT_REQUEST_TIMEOUT = 10.0
DEFAULT_CLIENT_CONNECTIONS = 64
MAX_HEAD = 64 * 1024


@dataclass(frozen=True)
class Limits:
    """The limits an operator may change (``fhkg serve`` options); the defaults are above."""

    timeout: float = DEFAULT_TIMEOUT
    workers: int = DEFAULT_WORKERS
    queue: int = DEFAULT_QUEUE
    queue_wait: float = DEFAULT_QUEUE_WAIT
    worker_memory: int | None = DEFAULT_MEMORY  # bytes; None: no cap
    result_limit: int = DEFAULT_RESULT_LIMIT  # bytes
    request_timeout: float = DEFAULT_REQUEST_TIMEOUT
    client_connections: int = DEFAULT_CLIENT_CONNECTIONS  # 0: no cap

    def described(self) -> str:
        """One line for the server's log."""
        memory = f"{self.worker_memory >> 20} MiB each beyond the graph" if self.worker_memory else "no cap"
        clients = str(self.client_connections) if self.client_connections else "no cap"
        return (
            f"{self.workers} query workers (memory: {memory}), queue {self.queue} for at most {self.queue_wait:g} s, query time {self.timeout:g} s,"
            f" answers up to {self.result_limit >> 20} MiB, request bodies up to {MAX_BODY >> 10} KiB within {self.request_timeout:g} s, connections per client: {clients}"
        )
