"""tools/sitediff.py: two sites agree when they hold the same files, isomorphic RDF and the same bytes elsewhere."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from . import load_tool

sitediff = load_tool("sitediff")

TTL = b"@prefix ex: <http://ex/> .\nex:s ex:p [ ex:q 1 ], [ ex:q 2 ] .\nex:s ex:label \"a\\rb\" .\n"
# the same graph: other order, other blank-node labels, other syntax
TTL_REORDERED = b"<http://ex/s> <http://ex/label> \"a\\rb\" .\n_:z <http://ex/q> 2 .\n<http://ex/s> <http://ex/p> _:z , _:y .\n_:y <http://ex/q> 1 .\n"
# one value under a blank node changes: not the same graph
TTL_CHANGED = b"@prefix ex: <http://ex/> .\nex:s ex:p [ ex:q 1 ], [ ex:q 3 ] .\nex:s ex:label \"a\\rb\" .\n"


def site(root: Path, files: dict[str, bytes]) -> Path:
    for rel, data in files.items():
        p = root / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(data)
    return root


BASE = {
    "index.html": b"<html>\n  <body><p>Hej</p></body>\n</html>\n",
    "id/x.ttl": TTL,
    "dump/all.ttl.gz": gzip.compress(TTL, mtime=0),
    "search.json": b'{"a": 1}',
}


def test_identical_sites_agree(tmp_path: Path) -> None:
    a, b = site(tmp_path / "a", BASE), site(tmp_path / "b", BASE)
    report = sitediff.compare(a, b)
    assert report.same and report.compared == 4 and not report.reordered
    assert sitediff.main([str(a), str(b)]) == 0


def test_reordered_rdf_is_the_same_graph(tmp_path: Path) -> None:
    a = site(tmp_path / "a", BASE)
    b = site(tmp_path / "b", {**BASE, "id/x.ttl": TTL_REORDERED, "dump/all.ttl.gz": gzip.compress(TTL_REORDERED, mtime=0)})
    report = sitediff.compare(a, b)
    assert report.same
    assert report.reordered == ["dump/all.ttl.gz", "id/x.ttl"]


@pytest.mark.parametrize("rel", ["id/x.ttl", "dump/all.ttl.gz"])
def test_a_changed_value_under_a_blank_node_differs(tmp_path: Path, rel: str) -> None:
    data = gzip.compress(TTL_CHANGED, mtime=0) if rel.endswith(".gz") else TTL_CHANGED
    a, b = site(tmp_path / "a", BASE), site(tmp_path / "b", {**BASE, rel: data})
    report = sitediff.compare(a, b)
    assert not report.same and report.not_isomorphic == [rel]
    assert sitediff.main([str(a), str(b)]) == 1


def test_missing_and_extra_pages_and_changed_bytes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    a = site(tmp_path / "a", {**BASE, "old.html": b"x"})
    b = site(tmp_path / "b", {**BASE, "new.html": b"x", "search.json": b'{"a": 2}'})
    assert sitediff.main([str(a), str(b)]) == 1
    out = capsys.readouterr().out
    assert "only in before: old.html" in out and "only in after: new.html" in out and "bytes differ: search.json" in out


def test_html_whitespace_switch(tmp_path: Path) -> None:
    a = site(tmp_path / "a", BASE)
    b = site(tmp_path / "b", {**BASE, "index.html": b"<html><body>\n<p>Hej</p>\n</body></html>"})
    assert sitediff.compare(a, b).bytes_differ == ["index.html"]
    assert sitediff.compare(a, b, html_whitespace=True).same
    c = site(tmp_path / "c", {**BASE, "index.html": b"<html><body><p>Hej igen</p></body></html>"})
    assert not sitediff.compare(a, c, html_whitespace=True).same


def test_ignore_and_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    a = site(tmp_path / "a", BASE)
    b = site(tmp_path / "b", {**BASE, "search.json": b"[]"})
    assert sitediff.main([str(a), str(b), "--ignore", "*.json"]) == 0
    assert sitediff.main([str(a), str(tmp_path / "nowhere")]) == 2
    assert "is not a folder" in capsys.readouterr().err
