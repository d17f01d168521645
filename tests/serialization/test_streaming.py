"""Streamed serialisation: a large graph's N-Triples are sorted in runs on disk and its JSON-LD
is written straight from Oxigraph's writer, so the memory stays bounded beside the store's —
and the bytes are the same as the in-memory path writes."""

from __future__ import annotations

import errno
import io
import json
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fhkg.cli import cli
from fhkg.errors import InputError
from fhkg.graph import KnowledgeGraph, Source
from fhkg.io import serialize as serialization

from .test_roundtrip import graphs as triple_lists

ROOT = Path(__file__).resolve().parents[2]
G1, G2, G3 = (f"https://example.org/graph/{n}" for n in (1, 2, 3))


def store_of(parts: list[list[ox.Triple]]) -> KnowledgeGraph:
    """Each list of triples in a graph of its own (the last graph is left empty)."""
    store = ox.Store()
    names = [G1, G2][: len(parts)]
    for name, triples in zip(names, parts):
        store.extend(ox.Quad(t.subject, t.predicate, t.object, ox.NamedNode(name)) for t in triples)
    sources = [Source(Path("generated"), "user", g) for g in [*names, G3]]
    return KnowledgeGraph(store, sources=sources)


@given(first=triple_lists(), second=triple_lists(), run=st.integers(1, 400))
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_lines_sorted_on_disk_are_the_lines_sorted_in_memory(first, second, run):
    both = [first, second + first[:3]]  # a triple in two graphs is written once
    expected = serialization.serialize(store_of(both), "nt")
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(serialization, "SPILL_BYTES", -1)
        mp.setattr(serialization, "RUN_BYTES", run)  # many runs to merge
        assert serialization.serialize(store_of(both), "nt") == expected
    lines = expected.split(b"\n")
    assert lines[-1] == b"" and lines[:-1] == sorted(set(lines[:-1]))


def test_a_generated_graph_sorted_on_disk_through_the_cli(tmp_path, monkeypatch):
    data = tmp_path / "g.nt"
    subprocess.run([sys.executable, str(ROOT / "benchmarks" / "generate.py"), "3000", str(data)], check=True, capture_output=True)
    runner = CliRunner()
    args = ["serialize", "--no-validate", "--data", str(data), "--format", "nt", "-o"]
    assert runner.invoke(cli, [*args, str(tmp_path / "memory.nt")]).exit_code == 0
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    monkeypatch.setattr(serialization.tempfile, "tempdir", str(scratch))
    monkeypatch.setattr(serialization, "SPILL_BYTES", 1)  # any graph loaded from files spills
    monkeypatch.setattr(serialization, "RUN_BYTES", 64 << 10)
    real, runs = serialization._sorted_runs, []

    def counted(*args):
        runs.extend(real(*args))
        return runs

    monkeypatch.setattr(serialization, "_sorted_runs", counted)
    result = runner.invoke(cli, [*args, str(tmp_path / "disk.nt")])
    assert result.exit_code == 0, result.output
    assert len(runs) > 2  # sorted on disk, in runs
    assert (tmp_path / "disk.nt").read_bytes() == (tmp_path / "memory.nt").read_bytes()
    assert f"({(tmp_path / 'disk.nt').stat().st_size} bytes, nt)" in result.output
    assert list(scratch.iterdir()) == []  # the runs are gone


def test_no_room_to_sort_is_a_clear_error_and_leaves_nothing(tmp_path, monkeypatch):
    def full(*_):
        raise OSError(errno.ENOSPC, "No space left on device")

    scratch = tmp_path / "scratch"
    scratch.mkdir()
    monkeypatch.setattr(serialization.tempfile, "tempdir", str(scratch))
    monkeypatch.setattr(serialization, "SPILL_BYTES", -1)
    monkeypatch.setattr(serialization, "_sorted_runs", full)
    kg = store_of([[ox.Triple(ox.NamedNode("https://example.org/s"), ox.NamedNode("https://example.org/p"), ox.Literal("o"))]])
    with pytest.raises(InputError) as caught:
        serialization.write(kg, "nt", tmp_path / "out.nt")
    message = str(caught.value)
    assert message.startswith(str(scratch / "fhkg-sort-")) and "No space left on device" in message and "TMPDIR" in message
    assert list(tmp_path.iterdir()) == [scratch] and list(scratch.iterdir()) == []


@given(first=triple_lists(), second=triple_lists())
@settings(max_examples=40, deadline=None)
def test_json_ld_is_each_graphs_array_merged_into_one(first, second):
    kg = store_of([first, second])
    out = serialization.jsonld(kg, [G1, G3, G2])  # G3 is empty
    arrays = [json.loads(kg.store.dump(format=ox.RdfFormat.JSON_LD, from_graph=ox.NamedNode(g))) for g in (G1, G3, G2)]
    assert json.loads(out) == [member for array in arrays for member in array]
    # the same bytes as joining each graph's dump, whole, in memory
    dumps = [kg.store.dump(format=ox.RdfFormat.JSON_LD, from_graph=ox.NamedNode(g)).strip() for g in (G1, G3, G2)]
    assert out == b"[" + b",\n".join(d[1:-1] for d in dumps if d not in (b"", b"[]")) + b"]\n"


@given(
    docs=st.lists(st.sampled_from([b"[]", b"[ ]\n", b'[{"@id":"a"}]', b'[{"@id":"b"},{"@id":"c"}]\n', b'  [{"x":"]"}]  ']), max_size=5),
    cuts=st.lists(st.integers(1, 7), min_size=1, max_size=20),
)
def test_json_ld_members_do_not_depend_on_how_the_writer_cuts_its_output(docs, cuts):
    def through(chunked: bool) -> bytes:
        out = io.BytesIO()
        members = serialization._Members(out)
        for doc in docs:
            members.start()
            at, i = 0, 0
            while at < len(doc):
                step = cuts[i % len(cuts)] if chunked else len(doc)
                members.write(doc[at : at + step])
                at, i = at + step, i + 1
            members.end()
        return out.getvalue()

    whole = through(chunked=False)
    assert through(chunked=True) == whole
    assert json.loads(b"[" + whole + b"]") == [m for d in docs for m in json.loads(d)]
