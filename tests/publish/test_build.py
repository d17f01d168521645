"""fhkg build as a whole: byte-identical builds, the validation gate, and the atomic swap."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

import fhkg
from fhkg.errors import InvalidData
from fhkg.publish import build


def tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("build") / "site"
    build(fhkg.load(), out)
    return out


def test_two_builds_in_separate_processes_are_byte_identical(built, tmp_path):
    """The second build renders its resource pages in two worker processes (pages.parallel):
    the same bytes as the first, rendered in one."""
    other = tmp_path / "again"
    r = subprocess.run(
        [sys.executable, "-m", "fhkg", "build", "-j", "2", "-o", str(other)],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONHASHSEED": "7"},
        timeout=900,
    )
    assert r.returncode == 0, r.stderr
    a, b = tree(built), tree(other)
    assert a.keys() == b.keys()
    differing = [k for k in a if a[k] != b[k]]
    assert not differing, differing[:10]


def test_the_site_is_readable_by_a_web_server(built):
    assert built.stat().st_mode & 0o755 == 0o755


def test_a_graph_that_does_not_conform_leaves_the_existing_site_as_it_was(built, tmp_path):
    bad = tmp_path / "bad.ttl"
    bad.write_text(
        "@prefix fh: <https://w3id.org/familjen-helsingborg/ontology#> .\n"
        '<https://w3id.org/familjen-helsingborg/id/kommun/1276> fh:kommunkod "12" .\n',
        encoding="utf-8",
    )
    before = tree(built)
    with pytest.raises(InvalidData):
        build(fhkg.load([bad]), built)
    assert tree(built) == before
    assert not [p for p in built.parent.iterdir() if p.name.startswith(f".{built.name}.")], "staging folders left behind"
    r = subprocess.run([sys.executable, "-m", "fhkg", "build", "-o", str(built), "--data", str(bad)], capture_output=True, text=True, timeout=900)
    assert r.returncode == 1 and "kommunkod" in r.stderr.lower() + r.stdout.lower()
    assert tree(built) == before
