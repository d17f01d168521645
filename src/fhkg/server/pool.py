"""Query workers that can be killed: the time limit really stops the work.

pyoxigraph's ``Store.query`` takes no timeout and evaluates an aggregate (``COUNT`` over a
cartesian product, say) inside one call that Python cannot interrupt, and a thread cannot be
killed. So queries run in **worker processes**, each with a copy of the loaded store:

* At start, while the server process is still single-threaded, it forks a **zygote**: a process
  that holds the loaded graph (copy-on-write, nothing is parsed again) and does nothing but fork
  workers on request. Forking from the zygote instead of from the running server keeps every
  fork in a single-threaded process (the server has an event loop and executor threads by then).
* Each worker talks to the server over its own Unix socket pair (length-prefixed pickles); the
  zygote hands the server's end over with ``SCM_RIGHTS``. A worker answers one job at a time.
* The server awaits answers on the event loop (non-blocking sockets), so a long query never makes
  other requests wait. There are exactly ``size`` workers (``--workers``), never more: a job that
  finds them all busy waits in a **bounded queue** (``queue`` jobs at most, each for at most
  ``queue_wait`` seconds); a job beyond the queue, or one that waited its time, gets
  :class:`PoolBusy` at once (the server answers ``503`` with ``Retry-After``: the seconds until
  the busy worker nearest its time limit is free), so slow queries cannot pile up behind each
  other or starve the rest. Pages and static files never touch the pool.
* When a job exceeds the time limit (or the client goes away), the server asks the zygote to
  ``SIGKILL`` that worker, answers ``503`` with a message, and a fresh worker is forked.
* Unless the operator allows a ``SERVICE`` URL, the zygote puts itself and so every worker
  behind :mod:`.sandbox`'s network wall before it forks the first one.
* Each worker's address space is capped (``RLIMIT_AS``) at what it starts with plus a budget
  (``--worker-memory``, 2 GiB by default): a query that needs more ends its worker, not the machine.
* Workers run at a lower CPU priority (``nice``) than the server process, so static pages stay
  fast while a heavy query runs; a worker exits when its socket closes, the zygote when the
  server's control socket closes, so nothing outlives the server.
"""

from __future__ import annotations

import asyncio
import json
import os
import pickle
import signal
import socket
import struct
import sys
import threading
import time
from collections import deque
from dataclasses import dataclass, field

from ..graph import KnowledgeGraph
from .limits import DEFAULT_MEMORY, DEFAULT_QUEUE, DEFAULT_QUEUE_WAIT, DEFAULT_TIMEOUT, DEFAULT_WORKERS

_LEN = struct.Struct("!Q")




class QueryTimeout(Exception):
    pass


class PoolBusy(Exception):
    """Every worker is busy and the queue is full (or the wait was too long); ``retry_after`` is
    the number of seconds after which a worker is sure to be free (its job's time limit)."""

    def __init__(self, retry_after: int, why: str):
        super().__init__(why)
        self.retry_after = retry_after


class WorkerDied(Exception):
    pass


# ------------------------------------------------------------------ framing (blocking side)
def _send(sock: socket.socket, obj) -> None:
    payload = pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL)
    sock.sendall(_LEN.pack(len(payload)) + payload)


def _recv_exact(sock: socket.socket, n: int) -> bytes | None:
    buf = bytearray()
    while len(buf) < n:
        chunk = sock.recv(min(n - len(buf), 1 << 20))
        if not chunk:
            return None
        buf += chunk
    return bytes(buf)


def _recv(sock: socket.socket):
    head = _recv_exact(sock, _LEN.size)
    if head is None:
        return None
    body = _recv_exact(sock, _LEN.unpack(head)[0])
    return None if body is None else pickle.loads(body)


# ------------------------------------------------------------------ worker and zygote (children)
def cap_memory(budget: int) -> None:
    """Limit this process's address space to what it holds now plus ``budget`` bytes.

    A worker starts as a copy of the zygote (the loaded graph, shared copy-on-write), so the cap
    is measured from there: a query may then use ``budget`` more before an allocation fails and
    the engine aborts the worker (the server answers 503 and forks a fresh one)."""
    import resource

    with open("/proc/self/statm", encoding="ascii") as fh:
        size = int(fh.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    resource.setrlimit(resource.RLIMIT_AS, (size + budget, size + budget))



def _worker_main(sock: socket.socket, kg: KnowledgeGraph, memory: int | None) -> None:
    from .worker import handle

    for signum in (signal.SIGINT, signal.SIGHUP):  # the server decides when workers end
        signal.signal(signum, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    try:
        os.nice(5)
    except OSError:
        pass
    if memory:
        cap_memory(memory)
    while True:
        job = _recv(sock)
        if job is None:
            return
        _send(sock, handle(kg, job))


def _zygote_main(ctrl: socket.socket, kg: KnowledgeGraph, sandbox: bool, memory: int | None) -> None:
    for signum in (signal.SIGINT, signal.SIGHUP):
        signal.signal(signum, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    children: set[int] = set()
    if sandbox:
        from .sandbox import deny_network

        why_not = deny_network()
        wall = "on" if why_not is None else f"unavailable ({why_not})"
    else:
        wall = "off (--allow-service is set: the workers may call the allowed services)"
    ctrl.sendall(json.dumps({"network_wall": wall}).encode() + b"\n")

    def reap() -> None:
        for pid in list(children):
            try:
                done, _ = os.waitpid(pid, os.WNOHANG)
            except ChildProcessError:
                done = pid
            if done:
                children.discard(pid)

    try:
        while True:
            line = b""
            while not line.endswith(b"\n"):
                chunk = ctrl.recv(1)
                if not chunk:
                    return
                line += chunk
            cmd = json.loads(line)
            reap()
            if cmd["cmd"] == "spawn":
                ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
                try:
                    pid = os.fork()
                except OSError as e:  # no memory or process slots now: say so, keep serving
                    ours.close()
                    theirs.close()
                    ctrl.sendall(json.dumps({"error": str(e)}).encode() + b"\n")
                    continue
                if pid == 0:  # the worker
                    try:
                        ctrl.close()
                        ours.close()
                        _worker_main(theirs, kg, memory)
                    finally:
                        os._exit(0)
                theirs.close()
                children.add(pid)
                socket.send_fds(ctrl, [json.dumps({"pid": pid}).encode() + b"\n"], [ours.fileno()])
                ours.close()
            elif cmd["cmd"] == "kill":
                pid = cmd["pid"]
                if pid in children:
                    try:
                        os.kill(pid, signal.SIGKILL)
                        os.waitpid(pid, 0)
                    except (ProcessLookupError, ChildProcessError):
                        pass
                    children.discard(pid)
                ctrl.sendall(b'{"ok": true}\n')
    finally:
        for pid in children:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass


def _prepare_union(kg: KnowledgeGraph) -> None:
    """Copy every named graph's triples into the store's default graph (in the zygote only), so
    the default graph is the union of all graphs while ``FROM`` and protocol datasets still work."""
    import pyoxigraph as ox

    kg.store.extend([ox.Quad(q.subject, q.predicate, q.object, ox.DefaultGraph()) for q in kg.store.quads_for_pattern(None, None, None)])


# ------------------------------------------------------------------ the pool (server side)
@dataclass(eq=False)
class _Worker:
    pid: int
    sock: socket.socket
    started: float = field(default_factory=time.monotonic)
    deadline: float = 0.0  # when the job it runs reaches its time limit (monotonic clock)


class WorkerPool:
    def __init__(
        self,
        kg: KnowledgeGraph,
        *,
        size: int = DEFAULT_WORKERS,
        timeout: float = DEFAULT_TIMEOUT,
        sandbox: bool = True,
        memory: int | None = DEFAULT_MEMORY,
        queue: int = DEFAULT_QUEUE,
        queue_wait: float = DEFAULT_QUEUE_WAIT,
    ):
        self.kg = kg
        self.memory = memory  # bytes a worker may use beyond the loaded graph (None: no cap)
        self.sandbox = sandbox
        self.network_wall = "not started"  # what the zygote reports: on, off or unavailable (why)
        self.size = max(1, size)
        self.queue = max(0, queue)  # jobs that may wait for a worker
        self.queue_wait = queue_wait  # seconds a job may wait for one
        self.timeout = timeout
        self.refused = 0  # jobs answered PoolBusy
        self._replacing = 0  # workers being killed and replaced right now
        self._topping: asyncio.Lock | None = None
        self._ctrl: socket.socket | None = None
        self._zygote: int | None = None
        self._ctrl_lock = threading.Lock()
        self._idle: list[_Worker] = []
        self._busy: set[_Worker] = set()
        self._waiters: deque[asyncio.Future[_Worker]] = deque()  # the queue, first in line first
        self.killed = 0  # workers stopped in the middle of a job (time limit, client gone)

    # -- life cycle (call start() before the event loop starts threads)
    def start(self) -> None:
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
        sys.stdout.flush()
        sys.stderr.flush()
        pid = os.fork()
        if pid == 0:
            code = 0
            try:
                ours.close()
                _prepare_union(self.kg)
                _zygote_main(theirs, self.kg, self.sandbox, self.memory)
            except BaseException:
                code = 1
            finally:
                os._exit(code)
        theirs.close()
        self._ctrl, self._zygote = ours, pid
        self.network_wall = json.loads(self._read_line())["network_wall"]
        for _ in range(self.size):
            self._idle.append(self._spawn())

    def close(self) -> None:
        for w in list(self._idle) + list(self._busy):
            w.sock.close()
        self._idle.clear()
        self._busy.clear()
        if self._ctrl is not None:
            self._ctrl.close()
            self._ctrl = None
        if self._zygote is not None:
            try:
                os.waitpid(self._zygote, 0)
            except ChildProcessError:
                pass
            self._zygote = None

    def whole(self) -> bool:
        """Whether the pool has all its workers, or is replacing one right now (a failed fork
        leaves it short until a later query refills it)."""
        return len(self._idle) + len(self._busy) + self._replacing >= self.size

    def alive(self) -> bool:
        if self._zygote is None:
            return False
        try:
            pid, _ = os.waitpid(self._zygote, os.WNOHANG)
        except ChildProcessError:
            return False
        return pid == 0

    def stats(self) -> dict:
        return {
            "idle": len(self._idle),
            "busy": len(self._busy),
            "waiting": len(self._waiters),
            "size": self.size,
            "queue": self.queue,
            "queue_wait": self.queue_wait,
            "killed": self.killed,
            "refused": self.refused,
            "network_wall": self.network_wall,
        }

    # -- zygote commands (blocking, short; called from an executor thread when the loop runs)
    def _read_line(self) -> bytes:
        line = b""
        if self._ctrl is None:
            raise WorkerDied("the worker pool is closed")
        while not line.endswith(b"\n"):
            chunk = self._ctrl.recv(1)
            if not chunk:
                raise WorkerDied("the worker zygote is gone")
            line += chunk
        return line

    def _spawn(self) -> _Worker:
        with self._ctrl_lock:
            if self._ctrl is None:
                raise WorkerDied("the worker pool is closed")
            try:
                self._ctrl.sendall(b'{"cmd": "spawn"}\n')
                msg, fds, _flags, _addr = socket.recv_fds(self._ctrl, 4096, 1)
            except OSError as e:
                raise WorkerDied(f"the worker zygote is gone ({e})") from None
            if not fds:
                raise WorkerDied("the worker zygote did not hand over a worker")
            pid = json.loads(msg)["pid"]
        sock = socket.socket(fileno=fds[0])
        sock.setblocking(False)
        return _Worker(pid, sock)

    def _kill(self, w: _Worker) -> None:
        """Stop a worker for good (never raises: a dead zygote has taken its workers with it)."""
        w.sock.close()
        with self._ctrl_lock:
            if self._ctrl is None:
                return
            try:
                self._ctrl.sendall(json.dumps({"cmd": "kill", "pid": w.pid}).encode() + b"\n")
                self._read_line()
            except (OSError, WorkerDied):
                return
        self.killed += 1

    # -- async side
    def retry_after(self) -> int:
        """Whole seconds until the busy worker nearest its job's time limit is free (at least 1)."""
        now = time.monotonic()
        soonest = min((w.deadline for w in self._busy), default=now + 1)
        return max(1, int(soonest - now + 0.999))

    def _busy_error(self, why: str) -> PoolBusy:
        self.refused += 1
        return PoolBusy(self.retry_after(), why)

    async def _acquire(self, limit: float, cancel: asyncio.Future | None = None) -> _Worker:
        """A free worker, waiting in the queue (first come, first served) at most ``queue_wait``
        for one; its job may then run ``limit`` seconds (the wait does not eat into the query's
        time). A client that goes away while it waits (``cancel``) leaves the queue at once and
        costs no worker."""
        loop = asyncio.get_running_loop()
        if not self.whole():  # a replacement failed earlier: try again now
            await self._top_up()
        if self._idle and not self._waiters:
            return self._take(self._idle.pop(), limit)
        if len(self._waiters) >= self.queue:
            raise self._busy_error(f"all {self.size} query workers are busy and {len(self._waiters)} queries are already waiting")
        handed: asyncio.Future[_Worker] = loop.create_future()
        self._waiters.append(handed)
        gone = False
        try:
            waits: set[asyncio.Future] = {handed} | ({cancel} if cancel is not None else set())
            await asyncio.wait(waits, timeout=self.queue_wait, return_when=asyncio.FIRST_COMPLETED)
            gone = cancel is not None and cancel.done()
        except asyncio.CancelledError:
            gone = True
            raise
        finally:
            if handed.done() and not handed.cancelled():
                w = handed.result()
                if gone:  # handed a worker it no longer needs: the next in line gets it
                    self._busy.discard(w)
                    self._hand_over(w)
            else:
                handed.cancel()
                try:
                    self._waiters.remove(handed)
                except ValueError:
                    pass
        if gone:
            raise asyncio.CancelledError()
        if not handed.done() or handed.cancelled():
            raise self._busy_error(f"all {self.size} query workers stayed busy for {self.queue_wait:g} s")
        return self._take(handed.result(), limit)

    def _take(self, w: _Worker, limit: float) -> _Worker:
        w.deadline = time.monotonic() + limit
        self._busy.add(w)
        return w

    def _hand_over(self, w: _Worker) -> None:
        """Give a free worker to the first query still waiting, else keep it idle."""
        while self._waiters:
            waiter = self._waiters.popleft()
            if not waiter.done():
                w.deadline = time.monotonic() + self.timeout  # until the waiter sets its own
                self._busy.add(w)
                waiter.set_result(w)
                return
        self._idle.append(w)

    async def _top_up(self) -> None:
        """Fork workers until the pool is at its size again (after a replacement failed)."""
        loop = asyncio.get_running_loop()
        if self._topping is None:
            self._topping = asyncio.Lock()
        async with self._topping:  # one at a time: two could both count a gap and overfill it
            while len(self._idle) + len(self._busy) < self.size:
                try:
                    w = await loop.run_in_executor(None, self._spawn)
                except (OSError, WorkerDied):
                    return
                self._hand_over(w)

    async def _release(self, w: _Worker, healthy: bool) -> None:
        loop = asyncio.get_running_loop()
        self._busy.discard(w)
        if healthy:
            self._hand_over(w)
            return
        self._replacing += 1
        try:
            await loop.run_in_executor(None, self._kill, w)
            await self._top_up()  # its replacement, so the pool stays at its size
        finally:
            self._replacing -= 1

    async def _roundtrip(self, w: _Worker, job: dict) -> dict:
        loop = asyncio.get_running_loop()
        payload = pickle.dumps(job, protocol=pickle.HIGHEST_PROTOCOL)
        await loop.sock_sendall(w.sock, _LEN.pack(len(payload)) + payload)
        head = await self._read(w, _LEN.size)
        return pickle.loads(await self._read(w, _LEN.unpack(head)[0]))

    async def _read(self, w: _Worker, n: int) -> bytes:
        loop = asyncio.get_running_loop()
        buf = bytearray()
        while len(buf) < n:
            chunk = await loop.sock_recv(w.sock, min(n - len(buf), 1 << 20))
            if not chunk:
                raise WorkerDied("a query worker died")
            buf += chunk
        return bytes(buf)

    async def run(self, job: dict, *, timeout: float | None = None, cancel: asyncio.Future | None = None) -> dict:
        """Run ``job`` on a worker; raises QueryTimeout, PoolBusy or WorkerDied.

        ``cancel`` (e.g. "the client disconnected") stops the job the same way a timeout does.
        """
        limit = self.timeout if timeout is None else timeout
        w = await self._acquire(limit, cancel)
        deadline = w.deadline
        task = asyncio.ensure_future(self._roundtrip(w, job))
        waiters = {task} | ({cancel} if cancel is not None else set())
        healthy = False
        try:
            done, _ = await asyncio.wait(waiters, timeout=max(0.0, deadline - time.monotonic()), return_when=asyncio.FIRST_COMPLETED)
            if task in done:
                result = task.result()  # may raise WorkerDied
                healthy = True
                return result
            task.cancel()
            if cancel is not None and cancel in done:
                raise asyncio.CancelledError()
            raise QueryTimeout(limit)
        finally:
            if not task.done():
                task.cancel()
            await asyncio.shield(self._release(w, healthy))
