"""The second wall under the SPARQL gate: query workers that cannot open a network connection.

:mod:`fhkg.sparql.guard` refuses ``SERVICE`` on the parsed query. Should a query ever reach a
worker with a ``SERVICE`` clause anyway (a difference between our parser and the engine's), the
engine still cannot call out: before the zygote forks its first worker it installs a Linux
seccomp filter (inherited by every worker, irrevocable) under which ``socket()`` fails with
``EACCES`` for every address family but ``AF_UNIX`` (the workers talk to the server over Unix
sockets made before the filter), ``io_uring_setup`` is refused (it could open sockets too),
and so is every system call of a foreign ABI (x32, i386), which could otherwise bypass the
numbers checked here. Nothing else changes for the process.

It is used only while no ``--allow-service`` URL is set (with one, the workers need the
network and the gate alone decides). Where the kernel or the machine does not support it
(not Linux, another CPU, seccomp disabled), :func:`deny_network` says why and the server logs
it; the gate still holds.
"""

from __future__ import annotations

import ctypes
import errno
import platform
import struct
import sys

# linux/audit.h, asm/unistd.h: (audit arch, socket, io_uring_setup, whether x32 numbers exist)
_ARCHES = {
    "x86_64": (0xC000003E, 41, 425, True),
    "aarch64": (0xC00000B7, 198, 425, False),
}
_PR_SET_NO_NEW_PRIVS = 38
_PR_SET_SECCOMP = 22
_SECCOMP_MODE_FILTER = 2
_RET_ALLOW = 0x7FFF0000
_RET_ERRNO = 0x00050000
_X32_BIT = 0x40000000
_AF_UNIX = 1
# classic BPF opcodes
_LD_W_ABS = 0x20
_JEQ_K = 0x15
_JGE_K = 0x35
_RET_K = 0x06
# offsets in struct seccomp_data
_NR, _ARCH, _ARG0 = 0, 4, 16


class _Program:
    """A tiny BPF assembler: jumps go to labels, resolved when the program is built."""

    def __init__(self) -> None:
        self.code: list[tuple[int, str | int, str | int, int]] = []
        self.labels: dict[str, int] = {}

    def op(self, code: int, k: int, jt: str | int = 0, jf: str | int = 0) -> None:
        self.code.append((code, jt, jf, k))

    def label(self, name: str) -> None:
        self.labels[name] = len(self.code)

    def build(self) -> bytes:
        out = []
        for i, (code, jt, jf, k) in enumerate(self.code):
            t = self.labels[jt] - i - 1 if isinstance(jt, str) else jt
            f = self.labels[jf] - i - 1 if isinstance(jf, str) else jf
            out.append(struct.pack("HBBI", code, t, f, k))
        return b"".join(out)


def program(machine: str) -> bytes:
    """The filter for ``machine`` (``platform.machine()``), as bytes of ``struct sock_filter``."""
    arch, nr_socket, nr_io_uring, has_x32 = _ARCHES[machine]
    p = _Program()
    p.op(_LD_W_ABS, _ARCH)
    p.op(_JEQ_K, arch, 0, "deny")  # a foreign ABI: refused
    p.op(_LD_W_ABS, _NR)
    if has_x32:
        p.op(_JGE_K, _X32_BIT, "deny", 0)
    p.op(_JEQ_K, nr_socket, "socket", 0)
    p.op(_JEQ_K, nr_io_uring, "deny", 0)
    p.op(_RET_K, _RET_ALLOW)
    p.label("socket")
    p.op(_LD_W_ABS, _ARG0)  # the address family (low 32 bits)
    p.op(_JEQ_K, _AF_UNIX, "allow", "deny")
    p.label("allow")
    p.op(_RET_K, _RET_ALLOW)
    p.label("deny")
    p.op(_RET_K, _RET_ERRNO | errno.EACCES)
    return p.build()


class _SockFprog(ctypes.Structure):
    _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.c_void_p)]


def deny_network() -> str | None:
    """Install the filter in this process (and so in every child it forks from now on).

    Returns None when it is in place, or why it could not be (the process is unchanged then).
    """
    machine = platform.machine()
    if not sys.platform.startswith("linux"):
        return f"the network wall needs Linux seccomp (this is {sys.platform})"
    if machine not in _ARCHES:
        return f"the network wall knows no system call numbers for {machine}"
    code = program(machine)
    buf = ctypes.create_string_buffer(code, len(code))
    fprog = _SockFprog(len(code) // 8, ctypes.cast(buf, ctypes.c_void_p))
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(_PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0:
        return f"prctl(PR_SET_NO_NEW_PRIVS) failed: {errno.errorcode.get(ctypes.get_errno(), ctypes.get_errno())}"
    if libc.prctl(_PR_SET_SECCOMP, _SECCOMP_MODE_FILTER, ctypes.byref(fprog), 0, 0) != 0:
        return f"seccomp is not available: {errno.errorcode.get(ctypes.get_errno(), ctypes.get_errno())}"
    return None
