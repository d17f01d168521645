"""Errors and the exit codes they map to: a documented contract (see README, "Exit codes").

=====  ==========================================================================
code   meaning
=====  ==========================================================================
0      success; the graph conforms / is consistent
1      the graph does not conform to the shapes, or the ontology is inconsistent
2      unreadable input, bad usage or a missing requirement (message on stderr)
130    interrupted (SIGINT, Ctrl-C); nothing half-written is left behind
143    terminated (SIGTERM; 129 for SIGHUP); likewise
=====  ==========================================================================
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

EXIT_OK = 0
EXIT_INVALID = 1
EXIT_ERROR = 2


class Interrupted(BaseException):
    """SIGTERM or SIGHUP arrived: raised where the program is, so every ``finally`` and cleanup
    runs (a staging folder is removed, an existing site stays) before it exits ``128 + signum``.
    A BaseException, like KeyboardInterrupt, so no ``except Exception`` swallows it."""

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum
        self.exit_code = 128 + signum


class InputWarning(UserWarning):
    """Something in a user's file worth saying that does not stop the command (an empty file)."""


class FhkgError(Exception):
    """Base of every error fhkg reports to a user; ``str()`` is the message to print."""

    exit_code = EXIT_ERROR


@dataclass
class InputError(FhkgError):
    """A file that cannot be read or parsed: ``file:line:column: what is wrong``."""

    path: Path | str
    message: str
    line: int | None = None
    column: int | None = None
    hint: str = "fix the file and run the command again"

    def __post_init__(self) -> None:
        super().__init__(str(self))

    def __str__(self) -> str:
        where = str(self.path)
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        return f"{where}: {self.message} ({self.hint})"


class UsageError(FhkgError):
    """A request fhkg cannot carry out as asked (unknown query, bad parameter, …)."""


class RequirementError(FhkgError):
    """Something fhkg needs is missing from this machine (for example Java for HermiT)."""


class InvalidData(FhkgError):
    """The graph (with the user's data) does not conform, or is inconsistent."""

    exit_code = EXIT_INVALID
