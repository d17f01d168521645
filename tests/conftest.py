"""Shared fixtures. The W3C/SEMIC test material lives outside the repository, in the workplace's
``shared/vocab`` folder (we do not commit copies of other people's files): set ``FHKG_SHARED`` to
the ``shared`` folder if it is not next to the checkout."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import fhkg

ROOT = Path(__file__).resolve().parents[1]


def pytest_addoption(parser):
    parser.addoption(
        "--regenerate",
        action="store_true",
        default=False,
        help="rewrite golden files (tests/golden/, tests/queries/) from the current output instead of comparing",
    )


def shared_dir() -> Path:
    candidates = [os.environ.get("FHKG_SHARED"), ROOT.parent / "shared", Path("/work/shared")]
    for c in candidates:
        if c and (Path(c) / "vocab").is_dir():
            return Path(c)
    raise RuntimeError(
        "the shared W3C/SEMIC test material was not found: set FHKG_SHARED to the folder that holds vocab/ "
        f"(looked in {', '.join(str(c) for c in candidates if c)})"
    )


@pytest.fixture(scope="session")
def shared_vocab() -> Path:
    return shared_dir() / "vocab"


@pytest.fixture(scope="session")
def kg():
    """The shipped graph, loaded once per test session (do not mutate it)."""
    return fhkg.load()


@pytest.fixture(scope="session")
def regenerate(request) -> bool:
    return bool(request.config.getoption("--regenerate"))
