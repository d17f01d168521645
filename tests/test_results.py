"""fhkg.queries.results, in-process and fast: a query's answer in every format of the command
line — the aligned table (exact text, written out here), SPARQL 1.1 CSV, TSV and JSON results
(the same as Oxigraph's own writers of those formats give for the same solutions), an ASK's
boolean, a graph as Turtle, and the refusals of a format that does not fit."""

from __future__ import annotations

import csv
import io
import json

import pyoxigraph as ox
import pytest
from rdflib import Graph, Literal, URIRef

from fhkg.errors import UsageError
from fhkg.queries.results import QueryResult, render_delimited, render_json, render_table
from fhkg.terms import DEFAULT_BASE

KOMMUN = DEFAULT_BASE + "id/kommun/"
FH = "https://w3id.org/familjen-helsingborg/ontology#"
XSD = "http://www.w3.org/2001/XMLSchema#"
P = ox.NamedNode("https://example.org/p")


def solutions(rows: list[list[ox.NamedNode | ox.BlankNode | ox.Literal | None]], variables: list[str]):
    """The same rows as Oxigraph's own answer to a SELECT (VALUES keeps their order)."""

    def term(t):
        return "UNDEF" if t is None else str(t)

    values = " ".join("(" + " ".join(term(t) for t in row) + ")" for row in rows)  # no blank nodes: VALUES cannot hold one
    query = f"SELECT {' '.join('?' + v for v in variables)} WHERE {{ VALUES ({' '.join('?' + v for v in variables)}) {{ {values} }} }}"
    return ox.Store().query(query)


ROWS: list[list[ox.NamedNode | ox.BlankNode | ox.Literal | None]] = [
    [ox.NamedNode(KOMMUN + "1276"), ox.Literal("Klippan", language="sv"), ox.Literal("12", datatype=ox.NamedNode(XSD + "integer"))],
    [ox.NamedNode("https://example.org/a%20b?q=1,2"), ox.Literal('with "quotes", a comma\tand a tab\nand a line'), None],
    [None, ox.Literal("plain"), ox.Literal("x", datatype=ox.NamedNode("https://example.org/dt"))],
    [ox.NamedNode(FH + "Kommun"), ox.Literal("åäö 𝔉", language="sv-x-fhkg"), ox.Literal("2024-06-30", datatype=ox.NamedNode(XSD + "date"))],
]
VARS = ["s", "label", "value"]


# ---------------------------------------------------------------- SPARQL results formats
def test_csv_reads_back_as_the_plain_values():
    # CSV: an IRI's text, a literal's lexical form, nothing for an unbound variable; RFC 4180 quoting
    # (Oxigraph's own CSV writer is no oracle here: it leaves the IRI with a comma unquoted)
    out = render_delimited(VARS, ROWS, "csv")
    assert out.endswith("\r\n") and out.count("\r\n") == len(ROWS) + 1  # the line break inside the literal stays \n
    expected = [VARS] + [["" if t is None else t.value for t in row] for row in ROWS]
    assert list(csv.reader(io.StringIO(out, newline=""))) == expected
    assert QueryResult("select", VARS, ROWS).render("csv") == out


def test_tsv_reads_back_as_the_same_terms():
    # TSV: each field a term in SPARQL / Turtle syntax; read back by Oxigraph's SPARQL parser
    out = render_delimited(VARS, ROWS, "tsv")
    lines = out.split("\n")
    assert lines[0] == "?s\t?label\t?value" and lines[-1] == "" and len(lines) == len(ROWS) + 2
    for line, row in zip(lines[1:], ROWS):
        fields = line.split("\t")
        assert len(fields) == len(VARS)
        for field, term in zip(fields, row):
            if term is None:
                assert field == ""
            else:
                [solution] = ox.Store().query(f"SELECT ?x WHERE {{ VALUES ?x {{ {field} }} }}")
                assert solution["x"] == term
    assert QueryResult("select", VARS, ROWS).render("tsv") == out


def test_csv_and_tsv_by_hand():
    rows = [[ox.NamedNode("https://e.org/x"), ox.Literal('a,"b"')], [None, ox.Literal("c", language="sv")]]
    assert render_delimited(["a", "b"], rows, "csv") == 'a,b\r\nhttps://e.org/x,"a,""b"""\r\n,c\r\n'
    assert render_delimited(["a", "b"], rows, "tsv") == '?a\t?b\n<https://e.org/x>\t"a,\\"b\\""\n\t"c"@sv\n'
    assert render_delimited(["a"], [], "csv") == "a\r\n"
    assert render_delimited(["a"], [], "tsv") == "?a\n"


def test_json_is_what_oxigraph_writes():
    expected = json.loads(solutions(ROWS, VARS).serialize(format=ox.QueryResultsFormat.JSON))
    out = render_json(VARS, ROWS)
    assert json.loads(out) == expected
    assert QueryResult("select", VARS, ROWS).render("json") == out


def test_json_exactly():
    rows = [[ox.NamedNode("https://e.org/x"), ox.BlankNode("b1"), ox.Literal("å", language="sv")], [None, ox.Literal("1", datatype=ox.NamedNode(XSD + "integer")), ox.Literal("s")]]
    assert render_json(["a", "b", "c"], rows) == (
        "{\n"
        ' "head": {\n  "vars": [\n   "a",\n   "b",\n   "c"\n  ]\n },\n'
        ' "results": {\n  "bindings": [\n'
        '   {\n    "a": {\n     "type": "uri",\n     "value": "https://e.org/x"\n    },\n'
        '    "b": {\n     "type": "bnode",\n     "value": "b1"\n    },\n'
        '    "c": {\n     "type": "literal",\n     "value": "å",\n     "xml:lang": "sv"\n    }\n   },\n'
        '   {\n    "b": {\n     "type": "literal",\n     "value": "1",\n     "datatype": "http://www.w3.org/2001/XMLSchema#integer"\n    },\n'
        '    "c": {\n     "type": "literal",\n     "value": "s"\n    }\n   }\n'
        "  ]\n }\n}\n"
    )
    assert json.loads(render_json(["a"], [])) == {"head": {"vars": ["a"]}, "results": {"bindings": []}}


def test_csv_writes_a_blank_node_in_the_turtle_form():
    # SPARQL 1.1 CSV writes a blank node as _:label (as Oxigraph's CSV writer does), not as a bare label
    store = ox.Store()
    store.add(ox.Quad(ox.BlankNode("b1"), P, ox.Literal("x")))
    assert store.query("SELECT ?s ?o WHERE { ?s ?p ?o }").serialize(format=ox.QueryResultsFormat.CSV) == b"s,o\r\n_:b1,x\r\n"
    assert render_delimited(["s", "o"], [[ox.BlankNode("b1"), ox.Literal("x")]], "csv") == "s,o\r\n_:b1,x\r\n"


def test_tsv_writes_a_blank_node_as_oxigraph_does():
    store = ox.Store()
    store.add(ox.Quad(ox.BlankNode("b1"), P, ox.Literal("x")))
    expected = store.query("SELECT ?s ?o WHERE { ?s ?p ?o }").serialize(format=ox.QueryResultsFormat.TSV).decode()
    assert render_delimited(["s", "o"], [[ox.BlankNode("b1"), ox.Literal("x")]], "tsv") == expected


# ---------------------------------------------------------------- the table
def test_the_table_is_aligned_with_prefixed_names():
    rows = [
        [ox.NamedNode(KOMMUN + "1276"), ox.Literal("Klippan", language="sv"), ox.Literal("12", datatype=ox.NamedNode(XSD + "integer"))],
        [ox.BlankNode("b1"), None, ox.NamedNode("https://example.org/x")],
    ]
    assert render_table(["s", "label", "v"], rows) == (
        "s            label    v\n"
        "-----------  -------  -----------------------\n"
        "kommun:1276  Klippan  12\n"
        "_:b1                  <https://example.org/x>\n"
        "(2 rader / 2 rows)\n"
    )
    assert QueryResult("select", ["s", "label", "v"], rows).render() == render_table(["s", "label", "v"], rows)


def test_a_header_wider_than_its_column_and_the_row_counts():
    assert render_table(["municipality"], [[ox.Literal("x")]]) == "municipality\n------------\nx\n(1 rad / 1 row)\n"
    assert render_table(["a", "b"], []) == "a  b\n-  -\n(0 rader / 0 rows)\n"
    assert render_table(["a"], [[ox.Literal("")]] * 3).endswith("\n(3 rader / 3 rows)\n")


def test_the_table_shortens_under_the_graph_base():
    base = "https://example.org/base/"
    rows = [[ox.NamedNode(base + "id/kommun/1276")], [ox.NamedNode(KOMMUN + "1276")]]
    long = f"<{KOMMUN}1276>"
    assert render_table(["s"], rows, base) == f"s\n{'-' * len(long)}\nkommun:1276\n{long}\n(2 rader / 2 rows)\n"
    assert QueryResult("select", ["s"], rows, base=base).render("table") == render_table(["s"], rows, base)
    # no base: the default one
    assert render_table(["s"], rows[1:], "") == "s\n-----------\nkommun:1276\n(1 rad / 1 row)\n"


# ---------------------------------------------------------------- ASK, graphs, refusals
@pytest.mark.parametrize("fmt", ["table", "csv", "tsv"])
def test_an_ask_is_true_or_false(fmt):
    assert QueryResult("ask", boolean=True).render(fmt) == "true\n"
    assert QueryResult("ask", boolean=False).render(fmt) == "false\n"


def test_an_ask_in_json():
    assert QueryResult("ask", boolean=True).render("json") == '{"head": {}, "boolean": true}\n'
    assert QueryResult("ask", boolean=False).render("json") == '{"head": {}, "boolean": false}\n'
    assert json.loads(QueryResult("ask", boolean=True).render("json")) == json.loads(ox.Store().query("ASK {}").serialize(format=ox.QueryResultsFormat.JSON))


def test_a_graph_is_turtle_with_the_prefixes_of_the_base():
    g = Graph()
    g.add((URIRef("https://example.org/base/id/kommun/1276"), URIRef(FH + "name"), Literal("Klippan", lang="sv")))
    expected = "@prefix fh: <https://w3id.org/familjen-helsingborg/ontology#> .\n@prefix kommun: <https://example.org/base/id/kommun/> .\n\nkommun:1276 fh:name \"Klippan\"@sv .\n"
    assert QueryResult("graph", graph=g, base="https://example.org/base/").render() == expected
    assert QueryResult("graph", graph=g, base="https://example.org/base/").render("turtle") == expected


@pytest.mark.parametrize("fmt", ["csv", "tsv", "json", "xml"])
def test_a_graph_in_a_table_format_is_refused(fmt):
    with pytest.raises(UsageError) as caught:
        QueryResult("graph", graph=Graph()).render(fmt)
    assert str(caught.value) == f"CONSTRUCT and DESCRIBE results are RDF graphs, written as Turtle (--format table); --format {fmt} is only for SELECT and ASK"


def test_an_unknown_format_is_refused():
    with pytest.raises(UsageError) as caught:
        QueryResult("select", ["a"], []).render("xml")
    assert str(caught.value) == "unknown format 'xml'; expected one of table, csv, tsv, json"
