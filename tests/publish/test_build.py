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


def test_resource_pages_are_on_disk_before_the_site_is_written(tmp_path, monkeypatch):
    """The resource pages and twins go into the staging folder as they are made (a large site
    would not fit in memory); the site reads them back from there, then from the site."""
    from fhkg.publish import site as site_module

    seen: dict[str, object] = {}
    real_write = site_module.Site.write

    def write(self, out):
        seen["staging"] = self.staging
        seen["on disk"] = [p for p in self.files if self.files.in_memory(p) is None]
        seen["in memory"] = [p for p in self.files if self.files.in_memory(p) is not None]
        real_write(self, out)

    monkeypatch.setattr(site_module.Site, "write", write)
    out = tmp_path / "site"
    site = build(fhkg.load(), out, jobs=1)
    on_disk, in_memory = seen["on disk"], seen["in memory"]
    assert isinstance(seen["staging"], Path) and not seen["staging"].exists()  # swapped in
    page = "id/kommun/1276.html"
    assert page in on_disk and "id/kommun/1276.ttl" in on_disk and "id/kommun/1276.en.html" in on_disk
    assert all(p.startswith("id/") for p in on_disk)  # only the resource pages and twins
    assert "index.html" in in_memory and "dump/fhkg.nt" in in_memory
    assert site.files[page] == (out / page).read_bytes() and b"Helsingborg" in site.files[page]
    assert set(site.files) == set(tree(out))
    again = tmp_path / "again"
    site.write(again)  # a second copy of the same site: the pages written before are read back
    assert tree(again) == tree(out)


def test_a_build_that_fails_after_the_pages_leaves_nothing_behind(built, tmp_path, monkeypatch):
    from fhkg.publish.pages import discovery

    def broken(pages):
        raise RuntimeError("the sitemap broke")

    before = tree(built)
    monkeypatch.setattr(discovery, "sitemap", broken)
    with pytest.raises(RuntimeError, match="sitemap"):
        build(fhkg.load(), built, jobs=1)
    assert tree(built) == before
    assert not [p for p in built.parent.iterdir() if p.name.startswith(f".{built.name}.")], "staging folders left behind"
