"""The number of CPU cores this process may use: the one place that asks (the page workers of
``fhkg build`` and the validation threads both size themselves by it)."""

from __future__ import annotations

import os


def usable_cores() -> int:
    """The cores this process may run on (its CPU affinity where the system has one, else all)."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
