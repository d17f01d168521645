"""fhkg.io.serialize, in-process and fast: the exact bytes of a small graph in every format
(written out here by hand; the blank node's label from the recipe in test_bnode_labels.py), the
sort on disk with tiny runs, the JSON-LD members joined whatever the writer's chunks, the
refusals of RDF/XML, and the atomic writes with their errors."""

from __future__ import annotations

import errno
import io
import json
import os
import stat
import tempfile
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import BNode, Graph, Literal, URIRef

from fhkg import __version__
from fhkg.errors import InputError, UsageError
from fhkg.graph import GRAPHS, KnowledgeGraph, Source
from fhkg.io import serialize as S
from fhkg.terms.formats import by_name

from .test_bnode_labels import colour, lone, part

FH = "https://w3id.org/familjen-helsingborg/ontology#"
KOMMUN = "https://w3id.org/familjen-helsingborg/id/kommun/"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
XSD = "http://www.w3.org/2001/XMLSchema#"
DATA, ONTOLOGY, SHAPES, USER = GRAPHS["data"], GRAPHS["ontology"], GRAPHS["shapes"], "https://w3id.org/familjen-helsingborg/graph/user/1-mine"
HEADER = f"# fhkg {__version__}: the Familjen Helsingborg knowledge graph (ontology and data), https://w3id.org/familjen-helsingborg/\n"

K, NAME, AREA, VALUE, LABEL = ox.NamedNode(KOMMUN + "1276"), ox.NamedNode(FH + "name"), ox.NamedNode(FH + "area"), ox.NamedNode(FH + "value"), ox.NamedNode(RDFS + "label")
TWELVE = ox.Literal("12", datatype=ox.NamedNode(XSD + "integer"))
#: the blank node's label: its two quads in the data graph
B = lone(colour(part("o", AREA, str(K), "=", f"<{DATA}>"), part("s", VALUE, "=", str(TWELVE), f"<{DATA}>")))


def small(tmp_path: Path | None = None) -> KnowledgeGraph:
    """Klippan's name and area (a blank node) in the data graph, a label in the ontology graph,
    a shape in the shapes graph; with ``tmp_path``, the sources are files of 100, 30 and 7 bytes."""
    store = ox.Store()
    b = ox.BlankNode()  # a random id, as a parser gives
    store.extend(
        [
            ox.Quad(K, NAME, ox.Literal("Klippan", language="sv"), ox.NamedNode(DATA)),
            ox.Quad(K, AREA, b, ox.NamedNode(DATA)),
            ox.Quad(b, VALUE, TWELVE, ox.NamedNode(DATA)),
            ox.Quad(NAME, LABEL, ox.Literal("name"), ox.NamedNode(ONTOLOGY)),
            ox.Quad(K, LABEL, ox.Literal("shape"), ox.NamedNode(SHAPES)),
        ]
    )
    paths = [Path("ontology.ttl"), Path("data.ttl"), Path("shapes.ttl")]
    if tmp_path is not None:
        paths = [tmp_path / p for p in paths]
        for p, size in zip(paths, (30, 100, 7)):
            p.write_bytes(b"#" * size)
    sources = [Source(paths[0], "ontology", ONTOLOGY), Source(paths[1], "data", DATA), Source(paths[2], "shapes", SHAPES)]
    return KnowledgeGraph(store, sources=sources)


NT = (
    f"<{KOMMUN}1276> <{FH}area> _:{B} .\n"
    f'<{KOMMUN}1276> <{FH}name> "Klippan"@sv .\n'
    f'<{FH}name> <{RDFS}label> "name" .\n'
    f'_:{B} <{FH}value> "12"^^<{XSD}integer> .\n'
).encode()

NQ = (
    f"<{KOMMUN}1276> <{FH}area> _:{B} <{DATA}> .\n"
    f'<{KOMMUN}1276> <{FH}name> "Klippan"@sv <{DATA}> .\n'
    f'<{FH}name> <{RDFS}label> "name" <{ONTOLOGY}> .\n'
    f'_:{B} <{FH}value> "12"^^<{XSD}integer> <{DATA}> .\n'
).encode()

PREFIXES = f"@prefix kommun: <{KOMMUN}> .\n@prefix fh: <{FH}> .\n@prefix rdfs: <{RDFS}> .\n@prefix xsd: <{XSD}> .\n"

TURTLE = (HEADER + PREFIXES + f'kommun:1276 fh:area _:{B} ;\n\tfh:name "Klippan"@sv .\nfh:name rdfs:label "name" .\n_:{B} fh:value 12 .\n').encode()

TRIG = (
    HEADER
    + PREFIXES
    + f'<{DATA}> {{\n\tkommun:1276 fh:area _:{B} ;\n\t\tfh:name "Klippan"@sv .\n\t_:{B} fh:value 12 .\n}}\n'
    + f'<{ONTOLOGY}> {{\n\tfh:name rdfs:label "name" .\n}}\n'
).encode()

XML = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:rdfs="http://www.w3.org/2000/01/rdf-schema#" '
    'xmlns:xsd="http://www.w3.org/2001/XMLSchema#" xmlns:its="http://www.w3.org/2005/11/its" '
    f'xmlns:kommun="{KOMMUN}" xmlns:fh="{FH}">\n'
    f'\t<rdf:Description rdf:about="{KOMMUN}1276">\n'
    f'\t\t<fh:area rdf:nodeID="{B}"/>\n'
    '\t\t<fh:name xml:lang="sv">Klippan</fh:name>\n'
    "\t</rdf:Description>\n"
    f'\t<rdf:Description rdf:about="{FH}name">\n'
    "\t\t<rdfs:label>name</rdfs:label>\n"
    "\t</rdf:Description>\n"
    f'\t<rdf:Description rdf:nodeID="{B}">\n'
    f'\t\t<fh:value rdf:datatype="{XSD}integer">12</fh:value>\n'
    "\t</rdf:Description>\n"
    "</rdf:RDF>"
).encode()


@pytest.mark.parametrize(("fmt", "expected"), [("nt", NT), ("nq", NQ), ("turtle", TURTLE), ("trig", TRIG), ("xml", XML)])
def test_the_exact_bytes_of_a_small_graph(fmt, expected):
    assert S.serialize(small(), fmt) == expected
    assert S.serialize(small(), by_name(fmt).media_type) == expected  # a format by any of its names


def test_the_default_format_is_turtle_and_the_shapes_are_left_out():
    assert S.serialize(small()) == TURTLE
    only_shapes = S.serialize(small(), "nt", kinds=("shapes",))
    assert only_shapes == f'<{KOMMUN}1276> <{RDFS}label> "shape" .\n'.encode()
    assert S.serialize(small(), "nt", kinds=("links", "user")) == b""


def test_json_ld_is_each_graphs_dump_in_load_order_as_one_array():
    out = S.serialize(small(), "jsonld")
    ontology = f'{{"@id":"{FH}name","{RDFS}label":[{{"@value":"name"}}]}}'
    data_b = f'{{"@id":"_:{B}","{FH}value":[{{"@type":"{XSD}integer","@value":"12"}}]}}'
    data_k = f'{{"@id":"{KOMMUN}1276","{FH}area":[{{"@id":"_:{B}"}}],"{FH}name":[{{"@language":"sv","@value":"Klippan"}}]}}'
    assert out == f"[{ontology},\n{data_b},{data_k}]\n".encode()
    assert S.jsonld(small(), [ONTOLOGY, DATA]) == out
    assert S.jsonld(small(), []) == b"[]\n"
    assert S.jsonld(small(), [USER, ONTOLOGY]) == f"[{ontology}]\n".encode()  # an empty graph adds no comma


def test_quad_formats_keep_each_graph_and_skip_empty_ones():
    named = {DATA: [b"<https://e.org/s> <https://e.org/p> <https://e.org/o> ."], USER: [], ONTOLOGY: [b'<https://e.org/a> <https://e.org/p> "x" .']}
    f = by_name("nq")
    assert S.serialize_graphs(named, f, "https://w3id.org/familjen-helsingborg/") == (
        f'<https://e.org/a> <https://e.org/p> "x" <{ONTOLOGY}> .\n<https://e.org/s> <https://e.org/p> <https://e.org/o> <{DATA}> .\n'.encode()
    )
    assert S.serialize_graphs({USER: []}, f, "https://w3id.org/familjen-helsingborg/") == b""
    dots = {DATA: [b'<https://e.org/s> <https://e.org/p> "a . b ." .']}  # the graph goes before the last " ."
    assert S.serialize_graphs(dots, f, "") == f'<https://e.org/s> <https://e.org/p> "a . b ." <{DATA}> .\n'.encode()
    trig = S.serialize_graphs(named, by_name("trig"), "https://w3id.org/familjen-helsingborg/")
    assert trig == f'<{DATA}> {{\n\t<https://e.org/s> <https://e.org/p> <https://e.org/o> .\n}}\n<{ONTOLOGY}> {{\n\t<https://e.org/a> <https://e.org/p> "x" .\n}}\n'.encode()
    with_header = S.serialize_graphs(named, by_name("trig"), "https://w3id.org/familjen-helsingborg/", header="# one\n# two")
    assert with_header == b"# one\n# two\n" + trig


def test_graph_lines_are_the_sorted_union_each_line_once():
    kg = small()
    kg.store.add(ox.Quad(NAME, LABEL, ox.Literal("name"), ox.NamedNode(DATA)))  # also in the ontology graph
    lines = S.graph_lines(kg, [DATA, ONTOLOGY])
    assert lines == NT.split(b"\n")[:-1]
    assert S.graph_lines(kg, []) == []
    assert kg.blank_nodes_labelled


def test_an_empty_graph_is_no_bytes_in_every_format_but_json_ld():
    kg = KnowledgeGraph(ox.Store(), sources=[Source(Path("none"), "data", DATA)])
    assert S.serialize(kg, "nt") == b""
    assert S.serialize(kg, "nq") == b""
    assert S.serialize(kg, "jsonld") == b"[]\n"
    assert S.serialize(kg, "turtle") == HEADER.encode()


def test_a_format_fhkg_cannot_write_is_refused():
    with pytest.raises(ValueError, match="unknown format 'csv'; expected one of turtle, nt, nq, trig, jsonld, xml"):
        S.format_for("csv")
    with pytest.raises(ValueError, match="unknown format 'n3'; expected one of turtle, nt, nq, trig, jsonld, xml"):
        S.format_for("n3")  # read, never written
    assert S.format_for("ttl").name == "turtle"


# ---------------------------------------------------------------- the sort on disk
def spy_runs(monkeypatch) -> list[tuple[str, list[str]]]:
    """Record the folder and the runs of every sort on disk."""
    real, calls = S._sorted_runs, []

    def recorded(kg, graphs, folder):
        runs = real(kg, graphs, folder)
        calls.append((folder, [Path(r).read_bytes().decode() for r in runs]))
        return runs

    monkeypatch.setattr(S, "_sorted_runs", recorded)
    return calls


def test_input_bytes_counts_the_files_of_the_graphs_asked_for(tmp_path):
    kg = small(tmp_path)
    assert S._input_bytes(kg, [DATA, ONTOLOGY]) == 130
    assert S._input_bytes(kg, [DATA]) == 100
    assert S._input_bytes(kg, [USER]) == 0
    kg.sources.append(Source(tmp_path / "gone.ttl", "data", DATA))  # a file no longer there counts nothing
    kg.sources.append(Source(tmp_path / "data.ttl", "user", ONTOLOGY))
    assert S._input_bytes(kg, [DATA, ONTOLOGY]) == 230


def test_a_graph_whose_files_are_at_the_limit_is_sorted_in_memory(tmp_path, monkeypatch):
    calls = spy_runs(monkeypatch)
    monkeypatch.setattr(S, "SPILL_BYTES", 130)
    assert S.serialize(small(tmp_path), "nt") == NT
    assert calls == []
    monkeypatch.setattr(S, "SPILL_BYTES", 129)
    assert S.serialize(small(tmp_path), "nt") == NT
    assert len(calls) == 1


def test_lines_sorted_on_disk_in_runs_of_one_line(tmp_path, monkeypatch):
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    monkeypatch.setattr(S, "SPILL_BYTES", -1)
    monkeypatch.setattr(S, "RUN_BYTES", 1)  # readlines(1) reads one line: a run a line
    calls = spy_runs(monkeypatch)
    kg = small()
    kg.store.add(ox.Quad(NAME, LABEL, ox.Literal("name"), ox.NamedNode(DATA)))  # in two graphs, written once
    out = io.BytesIO()
    S.serialize_into(kg, "nt", out)
    assert out.getvalue() == NT
    [(folder, runs)] = calls
    assert Path(folder).parent == scratch and Path(folder).name.startswith("fhkg-sort-")
    assert sorted(runs) == sorted(line + "\n" for line in NT.decode().split("\n")[:-1] + [f'<{FH}name> <{RDFS}label> "name" .'])
    assert list(scratch.iterdir()) == []  # the folder is gone


def test_a_run_is_sorted_and_each_line_once(tmp_path, monkeypatch):
    monkeypatch.setattr(S, "RUN_BYTES", 1 << 20)
    kg = small()
    kg.store.add(ox.Quad(NAME, LABEL, ox.Literal("name"), ox.NamedNode(DATA)))
    kg.canonical_blank_nodes()
    runs = S._sorted_runs(kg, [DATA, ONTOLOGY], str(tmp_path))
    assert runs == [str(tmp_path / "run0.nt")]
    assert Path(runs[0]).read_bytes() == NT
    assert sorted(os.listdir(tmp_path)) == ["run0.nt"]  # the dump is gone
    monkeypatch.setattr(S, "RUN_BYTES", 1)
    runs = S._sorted_runs(kg, [DATA], str(tmp_path))
    assert [Path(r).name for r in runs] == ["run0.nt", "run1.nt", "run2.nt", "run3.nt"]


def test_the_sort_on_disk_leaves_the_working_folder_alone(tmp_path, monkeypatch):
    work = tmp_path / "work"
    work.mkdir()
    (work / "dump.nt").write_bytes(b"someone's file")
    monkeypatch.chdir(work)
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    monkeypatch.setattr(S, "SPILL_BYTES", -1)
    assert S.serialize(small(), "nt") == NT
    assert [(p.name, p.read_bytes()) for p in work.iterdir()] == [("dump.nt", b"someone's file")]


def test_lines_spilled_end_in_a_newline_and_are_merged_once(tmp_path, monkeypatch):
    monkeypatch.setattr(S, "RUN_BYTES", 100)
    kg = small()
    kg.store.add(ox.Quad(NAME, LABEL, ox.Literal("name"), ox.NamedNode(DATA)))
    assert list(S._spilled_lines(kg, [DATA, ONTOLOGY])) == [line + b"\n" for line in NT.split(b"\n")[:-1]]
    assert kg.blank_nodes_labelled


def test_no_room_for_the_sort_folder_names_the_temporary_folder(tmp_path, monkeypatch):
    def full(*_, **__):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    monkeypatch.setattr(S.tempfile, "TemporaryDirectory", full)
    with pytest.raises(InputError) as caught:
        list(S._spilled_lines(small(), [DATA]))
    assert str(caught.value) == (
        f"{tmp_path}: cannot sort the graph's N-Triples lines in this temporary folder: No space left on device "
        "(sorting needs room for two copies of the N-Triples dump: free some space there, or point TMPDIR at a writable folder with room)"
    )
    assert caught.value.__suppress_context__


def test_no_room_for_the_runs_names_the_sort_folder(tmp_path, monkeypatch):
    def full(kg, graphs, folder):
        raise OSError("the disk said no")  # an OSError without a strerror: its text

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    monkeypatch.setattr(S, "_sorted_runs", full)
    with pytest.raises(InputError) as caught:
        list(S._spilled_lines(small(), [DATA]))
    e = caught.value
    assert Path(e.path).parent == tmp_path and Path(e.path).name.startswith("fhkg-sort-")
    assert e.message == "cannot sort the graph's N-Triples lines in this temporary folder: the disk said no"
    assert e.__suppress_context__
    assert list(tmp_path.iterdir()) == []


def test_batched_joins_lines_into_chunks_of_at_least_the_size():
    lines = [b"a\n", b"bb\n", b"c\n", b"ddd\n", b"e\n"]
    assert list(S._batched(lines, 5)) == [b"a\nbb\n", b"c\nddd\n", b"e\n"]
    assert list(S._batched(lines, 2)) == [b"a\n", b"bb\n", b"c\n", b"ddd\n", b"e\n"]
    assert list(S._batched([], 5)) == []
    assert list(S._batched([b"ab", b"c", b"de", b"f", b"g"], 3)) == [b"abc", b"def", b"g"]
    kib = b"x" * 1023 + b"\n"
    assert [len(c) for c in S._batched([kib] * 1025)] == [1 << 20, 1024]  # 1 MiB by default


def test_the_spilled_lines_are_written_in_chunks(tmp_path, monkeypatch):
    monkeypatch.setattr(S, "SPILL_BYTES", -1)
    writes: list[bytes] = []

    class Out(io.BytesIO):
        def write(self, b):
            writes.append(bytes(b))
            return super().write(b)

    S.nt_into(small(), [DATA, ONTOLOGY], Out())
    assert writes == [NT]


def test_triple_lines_drop_the_graph_and_label_blank_nodes_with_a_tag():
    b = ox.BlankNode()
    x = ox.Triple(K, NAME, ox.Literal("x"))
    given = [ox.Quad(K, AREA, b, ox.NamedNode(DATA)), ox.Triple(b, VALUE, TWELVE), x, ox.Quad(x.subject, x.predicate, x.object, ox.NamedNode(USER))]
    alone = lone(colour(part("o", AREA, str(K), "=", ""), part("s", VALUE, "=", str(TWELVE), "")))
    expected = [
        f"<{KOMMUN}1276> <{FH}area> _:t{alone} .".encode(),
        f'<{KOMMUN}1276> <{FH}name> "x" .'.encode(),
        f'_:t{alone} <{FH}value> "12"^^<{XSD}integer> .'.encode(),
    ]
    assert S.triple_lines(given, tag="t") == expected
    assert S.triple_lines(given) == [line.replace(b"_:t", b"_:") for line in expected]
    assert S.triple_lines([ox.Triple(K, NAME, ox.Literal("x"))]) == [expected[1]]
    assert S.triple_lines([]) == []


def test_a_triple_given_twice_is_labelled_as_if_given_once():
    b = ox.BlankNode()
    once = [ox.Triple(K, AREA, b), ox.Triple(b, VALUE, TWELVE)]
    # the same triple in two graphs (triple_lines drops the graph names)
    assert S.triple_lines([*once, ox.Quad(b, VALUE, TWELVE, ox.NamedNode(DATA))]) == S.triple_lines(once)


# ---------------------------------------------------------------- JSON-LD members
def members_of(docs: list[list[bytes]]) -> bytes:
    """What _Members passes on for arrays written in these chunks."""
    out = io.BytesIO()
    m = S._Members(out)
    for chunks in docs:
        m.start()
        for c in chunks:
            assert m.write(c) == len(c)
        m.end()
    return out.getvalue()


def test_members_of_arrays_are_joined_by_a_comma_and_a_newline():
    assert members_of([[b'[{"@id":"a"}]'], [b"[ ]"], [b'[\n  {"@id":"b"},\n  {"@id":"c"}\n]\n']]) == b'{"@id":"a"},\n{"@id":"b"},\n  {"@id":"c"}\n'
    assert members_of([[b"[]"], [b"[", b"]"], [b"  \n", b" [ \n", b"\n ]  "]]) == b""
    assert members_of([[b"[]"], [b'[{"x":1}]']]) == b'{"x":1}'  # no comma before the first member


@pytest.mark.parametrize(
    "chunks",
    [
        [b"[", b"{", b'"@id"', b":", b'"a"', b"}", b"]"],
        [b"  ", b"[{", b'"@id":"a"}', b"]", b"\n"],
        [b"", b"[", b"", b'{"@id":"a"}]', b"  \n  "],
        [b'[{"@id":"a"}', b"]"],
        [b'[{"@id":"a"}]'],
        [b"\n[", b'{"@id":"a"', b"}]\n"],
    ],
)
def test_members_do_not_depend_on_the_chunks(chunks):
    assert members_of([[b"[]"], chunks, [b"[", b'{"@id":"b"}]']]) == b'{"@id":"a"}' + b",\n" + b'{"@id":"b"}'


@pytest.mark.parametrize("chunks", [[b'[{"@id":"a"} ]'], [b'[{"@id":"a"}', b" ", b"]"], [b'[{"@id":"a"} ', b"]"], [b'[{"@id":"a"}', b" ]"], [b"[", b'{"@id":"a"}', b" ", b"", b"]", b" "]])
def test_whitespace_before_the_closing_bracket_is_kept_however_it_comes(chunks):
    assert members_of([chunks, [b'[{"@id":"b"}]']]) == b'{"@id":"a"} ,\n{"@id":"b"}'


def test_a_member_ending_in_a_bracket_is_kept_whole():
    # the last byte before the closing bracket is itself a "]": only the final one is dropped
    assert members_of([[b'[{"x":[1]}', b"]"]]) == b'{"x":[1]}'
    assert members_of([[b'[{"x":[1]}]']]) == b'{"x":[1]}'
    assert members_of([[b"[[", b"1]", b"]"]]) == b"[1]"


def test_members_refuse_a_writer_that_writes_no_array():
    out = io.BytesIO()
    m = S._Members(out)
    m.start()
    with pytest.raises(ValueError, match=r"^Oxigraph's JSON-LD dump did not start with an array$"):
        m.write(b' {"@id":"a"}')
    m.start()
    m.write(b'[{"@id":"a"}')
    with pytest.raises(ValueError, match=r"^Oxigraph's JSON-LD dump did not end its array$"):
        m.end()
    m.start()
    with pytest.raises(ValueError, match="did not end its array"):
        m.end()  # nothing written at all
    assert m.flush() is None


# ---------------------------------------------------------------- writers
def test_write_triples_in_each_triple_format():
    lines = [f'<{KOMMUN}1276> <{FH}name> "a\\rb" .'.encode(), b'<https://e.org/s> <https://e.org/p> "x" .']
    base = "https://w3id.org/familjen-helsingborg/"
    assert S.write_triples(lines, by_name("nt"), base) == b"\n".join(lines) + b"\n"
    assert S.write_triples([], by_name("nt"), base) == b""
    assert S.write_triples(lines, by_name("turtle"), base) == (
        f'@prefix kommun: <{KOMMUN}> .\n@prefix fh: <{FH}> .\nkommun:1276 fh:name "a\\rb" .\n<https://e.org/s> <https://e.org/p> "x" .\n'.encode()
    )
    assert S.write_triples(lines, by_name("turtle"), base, header="# hi").startswith(b"# hi\n@prefix kommun:")
    xml = S.write_triples(lines, by_name("xml"), base)
    assert b"<fh:name>a&#13;b</fh:name>" in xml and b"\r" not in xml  # a CR as a character reference
    assert {(str(t.subject), str(t.object)) for t in ox.parse(xml, format=ox.RdfFormat.RDF_XML)} == {(f"<{KOMMUN}1276>", '"a\\rb"'), ("<https://e.org/s>", '"x"')}


def test_write_terms_in_each_format_with_the_prefixes_it_uses():
    base = "https://w3id.org/familjen-helsingborg/"
    triples = [ox.Triple(K, NAME, TWELVE), ox.Triple(ox.BlankNode("x"), LABEL, ox.Literal("y"))]
    assert S.write_terms(iter(triples), by_name("nt"), base) == f'<{KOMMUN}1276> <{FH}name> "12"^^<{XSD}integer> .\n_:x <{RDFS}label> "y" .\n'.encode()
    assert json.loads(S.write_terms(iter(triples), by_name("jsonld"), base)) == [
        {"@id": KOMMUN + "1276", FH + "name": [{"@type": XSD + "integer", "@value": "12"}]},
        {"@id": "_:x", RDFS + "label": [{"@value": "y"}]},
    ]
    assert S.write_terms(iter(triples), by_name("jsonld"), base).endswith(b"}]}]\n")
    turtle = f'@prefix kommun: <{KOMMUN}> .\n@prefix fh: <{FH}> .\n@prefix rdfs: <{RDFS}> .\n@prefix xsd: <{XSD}> .\nkommun:1276 fh:name 12 .\n_:x rdfs:label "y" .\n'
    assert S.write_terms(iter(triples), by_name("turtle"), base) == turtle.encode()  # a generator: held once to find the prefixes
    assert S.write_terms(iter(triples), by_name("turtle"), base, header="# h") == ("# h\n" + turtle).encode()
    assert S.write_terms(iter(triples), by_name("turtle"), base, declared={}) == f'<{KOMMUN}1276> <{FH}name> 12 .\n_:x <{RDFS}label> "y" .\n'.encode()
    for fmt in ("nt", "jsonld", "xml"):  # comment lines only before Turtle
        assert S.write_terms(iter(triples), by_name(fmt), base, header="# h") == S.write_terms(iter(triples), by_name(fmt), base)
    xml = S.write_terms(iter(triples), by_name("xml"), base)
    assert xml.startswith(b'<?xml version="1.0" encoding="UTF-8"?>\n<rdf:RDF xmlns:rdf=') and f'xmlns:kommun="{KOMMUN}"'.encode() in xml


def test_the_prefixes_of_terms_and_of_text():
    base = "https://example.org/base/"
    triples = [
        ox.Triple(ox.NamedNode(base + "id/kommun/1"), ox.NamedNode("https://e.org/p"), ox.Literal("1", datatype=ox.NamedNode(XSD + "integer"))),
        ox.Triple(ox.BlankNode("b"), LABEL, ox.NamedNode(FH + "x")),
        ox.Triple(ox.BlankNode("b"), ox.NamedNode("https://e.org/p"), ox.Literal("sv", language="sv")),
    ]
    # rdf: for the datatype of a language-tagged literal, rdf:langString
    assert S.prefixes_of(triples, base) == {"fh": FH, "kommun": base + "id/kommun/", "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#", "rdfs": RDFS, "xsd": XSD}
    assert S.prefixes_of([], base) == {}
    odd = ox.Triple(ox.BlankNode("b"), ox.NamedNode("https://e.org/p"), ox.Literal("1", datatype=ox.NamedNode(base + "id/kommun/code")))
    assert S.prefixes_of([odd], base) == {"kommun": base + "id/kommun/"}  # a datatype under the instance base too
    text = f'<{base}id/kommun/1> <https://e.org/p> "{FH}" .\n'.encode()  # an IRI in a literal is no IRI
    assert S.prefixes_in_text(text, base) == {"kommun": base + "id/kommun/"}


def test_rdf_xml_refuses_a_character_xml_cannot_hold_naming_the_subject():
    s = ox.NamedNode("https://example.org/s")
    for ch, code in (("\x00", "0000"), ("\x01", "0001"), ("\ufffe", "FFFE"), ("\x1f", "001F")):
        triples = [ox.Triple(s, ox.NamedNode("https://e.org/ok"), ox.Literal("fine\t\n\r\U0001f600")), ox.Triple(s, ox.NamedNode("https://e.org/p"), ox.Literal(f"a{ch}b"))]
        with pytest.raises(UsageError) as caught:
            S.write_terms(triples, by_name("xml"), "https://w3id.org/familjen-helsingborg/")
        assert str(caught.value) == (
            f"RDF/XML cannot hold the character U+{code} that a literal of <https://example.org/s> (<https://e.org/p>) contains: "
            "XML 1.0 has no such character; write Turtle, N-Triples or JSON-LD instead"
        )


def test_rdf_xml_refuses_a_predicate_that_does_not_end_in_a_name():
    for iri in ("https://e.org/p/", "https://e.org/12", "https://e.org/a%20", "https://e.org/a#-"):
        with pytest.raises(UsageError) as caught:
            S.write_terms([ox.Triple(K, ox.NamedNode(iri), ox.Literal("x"))], by_name("xml"), "https://w3id.org/familjen-helsingborg/")
        assert str(caught.value) == (
            f"RDF/XML cannot write the predicate <{iri}> (of <{KOMMUN}1276>): it does not end in an XML name "
            "(a letter or _ then letters, digits, . or -); write Turtle, N-Triples or JSON-LD instead"
        )
    for iri in ("https://e.org/_p", "https://e.org/a#x-1.2", "https://e.org/å", "https://e.org/1p", "https://e.org/a·"):
        assert b"<rdf:RDF" in S.write_terms([ox.Triple(K, ox.NamedNode(iri), ox.Literal("x"))], by_name("xml"), "https://w3id.org/familjen-helsingborg/")


def test_serialize_refuses_rdf_xml_for_a_nul_in_the_data():
    kg = small()
    kg.store.add(ox.Quad(K, NAME, ox.Literal("a\x00"), ox.NamedNode(DATA)))
    with pytest.raises(UsageError, match=r"^RDF/XML cannot hold the character U\+0000 that a literal of <https://w3id\.org/familjen-helsingborg/id/kommun/1276> \(<"):
        S.serialize(kg, "xml")


# ---------------------------------------------------------------- atomic writes
def test_write_is_atomic_with_the_usual_permissions(tmp_path):
    old = os.umask(0o027)
    try:
        path = tmp_path / "out.nt"
        assert S.write(small(), "nt", path) == len(NT)
        assert path.read_bytes() == NT
        assert stat.S_IMODE(path.stat().st_mode) == 0o640
        assert S.write(small(), "nt", str(path), kinds=("shapes",)) == len(f'<{KOMMUN}1276> <{RDFS}label> "shape" .\n')
        assert S.write_bytes(b"abc", path) == 3 and path.read_bytes() == b"abc"
        assert sorted(p.name for p in tmp_path.iterdir()) == ["out.nt"]
        assert os.umask(0o027) == 0o027  # left as it was
    finally:
        os.umask(old)


@pytest.mark.parametrize(("umask", "mode"), [(0o022, 0o644), (0, 0o666), (0o077, 0o600)])
def test_the_file_gets_0666_less_the_umask(tmp_path, umask, mode):
    old = os.umask(umask)
    try:
        S.write_bytes(b"x", tmp_path / "out")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "out").stat().st_mode) == mode


def test_umask_is_read_and_left_alone():
    old = os.umask(0o022)
    try:
        assert S._umask() == 0o022
        assert S._umask() == 0o022
        os.umask(0o077)
        assert S._umask() == 0o077
    finally:
        os.umask(old)


def test_write_into_a_missing_folder_or_onto_a_folder_is_refused(tmp_path):
    with pytest.raises(InputError) as caught:
        S.write_bytes(b"x", tmp_path / "no" / "out.nt")
    assert str(caught.value) == f"{tmp_path / 'no' / 'out.nt'}: the folder {tmp_path / 'no'} does not exist (create it first, or choose another -o path)"
    with pytest.raises(InputError) as caught:
        S.write_bytes(b"x", tmp_path)
    assert str(caught.value) == f"{tmp_path}: is a folder (give a file name with -o)"


def test_a_writer_that_fails_leaves_nothing(tmp_path):
    path = tmp_path / "out.nt"
    path.write_bytes(b"old")

    def broken(fh):
        fh.write(b"half")
        raise OSError(errno.EIO, "Input/output error")

    with pytest.raises(InputError) as caught:
        S.write_with(broken, path)
    assert str(caught.value) == f"{path}: cannot write: Input/output error (check the path and its permissions)"
    assert caught.value.__suppress_context__

    def interrupted(fh):
        fh.write(b"half")
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        S.write_with(interrupted, path)

    def no_strerror(fh):
        raise OSError("plain")

    with pytest.raises(InputError, match="cannot write: plain"):
        S.write_with(no_strerror, path)
    assert [p.name for p in tmp_path.iterdir()] == ["out.nt"] and path.read_bytes() == b"old"


def test_a_temporary_file_removed_by_someone_else_is_an_input_error(tmp_path):
    def cleaned(fh):
        fh.write(b"x")
        for p in tmp_path.iterdir():  # another process clears the folder's temporary files
            p.unlink()

    with pytest.raises(InputError) as caught:
        S.write_with(cleaned, tmp_path / "out.nt")
    assert str(caught.value) == f"{tmp_path / 'out.nt'}: cannot write: No such file or directory (check the path and its permissions)"


def test_an_interrupt_just_after_the_rename_is_not_masked(tmp_path, monkeypatch):
    real = os.replace

    def then_interrupted(a, b):
        real(a, b)
        raise KeyboardInterrupt  # a signal arrives just after the rename

    monkeypatch.setattr(S.os, "replace", then_interrupted)
    with pytest.raises(KeyboardInterrupt):
        S.write_bytes(b"new", tmp_path / "out.nt")
    assert [(p.name, p.read_bytes()) for p in tmp_path.iterdir()] == [("out.nt", b"new")]


def test_a_temporary_file_that_cannot_be_made_is_an_input_error(tmp_path, monkeypatch):
    def refused(*_, **__):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(S.tempfile, "mkstemp", refused)
    with pytest.raises(InputError) as caught:
        S.write_bytes(b"x", tmp_path / "out.nt")
    assert str(caught.value) == f"{tmp_path / 'out.nt'}: cannot write: Permission denied (check the path and its permissions)"


def test_the_temporary_file_is_in_the_same_folder_and_named_after_the_target(tmp_path):
    seen = []

    def look(fh):
        seen.extend(p.name for p in tmp_path.iterdir())
        fh.write(b"x")

    S.write_with(look, tmp_path / "out.nt")
    [tmp] = seen
    assert tmp.startswith(".out.nt.") and [p.name for p in tmp_path.iterdir()] == ["out.nt"]


# ---------------------------------------------------------------- rdflib graphs
def test_an_rdflib_graph_without_blank_nodes_is_returned_as_it_is():
    g = Graph()
    g.add((URIRef(KOMMUN + "1276"), URIRef(FH + "name"), Literal("Klippan", lang="sv")))
    assert S._canonical(g) is g


def test_an_rdflib_graph_gets_canonical_blank_node_labels():
    alone = lone(colour(part("o", AREA, str(K), "=", ""), part("s", VALUE, "=", str(TWELVE), "")))
    for b in (BNode(), BNode("other")):
        g = Graph()
        g.add((URIRef(KOMMUN + "1276"), URIRef(FH + "area"), b))
        g.add((b, URIRef(FH + "value"), Literal("12", datatype=URIRef(XSD + "integer"))))
        out = S._canonical(g)
        assert set(out) == {
            (URIRef(KOMMUN + "1276"), URIRef(FH + "area"), BNode(alone)),
            (BNode(alone), URIRef(FH + "value"), Literal("12", datatype=URIRef(XSD + "integer"))),
        }
