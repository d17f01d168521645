"""The SPARQL 1.1 parser: forms, SERVICE clauses with their IRIs, the clauses SHACL-SPARQL
restricts (MINUS, VALUES, AS, subqueries' projections), errors with line and column."""

from __future__ import annotations

import pytest

from fhkg.queries import catalogue
from fhkg.sparql.syntax import MAX_DEPTH, Clause, SparqlSyntaxError, parse
from fhkg.terms.namespaces import prefixes

from .cases import UPDATES, service_text

URL = "http://127.0.0.1:9/sparql"


@pytest.mark.parametrize("name", sorted(catalogue()))
def test_every_shipped_query_parses_with_its_where_clause(name):
    q = catalogue()[name]
    parsed = parse(q.text, prefixes())
    assert parsed.kind == "query" and parsed.services == ()
    assert q.text[parsed.where - 1] == "{"


@pytest.mark.parametrize("form", ["SELECT", "ASK", "CONSTRUCT", "DESCRIBE"])
def test_query_forms(form):
    text = {
        "SELECT": "SELECT DISTINCT ?s (COUNT(*) AS ?n) WHERE { ?s ?p ?o } GROUP BY ?s HAVING (COUNT(*) > 1) ORDER BY DESC(?n) LIMIT 5 OFFSET 1",
        "ASK": "ASK { ?s a ?c }",
        "CONSTRUCT": "CONSTRUCT WHERE { ?s ?p ?o }",
        "DESCRIBE": "DESCRIBE <http://example.org/a>",
    }[form]
    assert parse(text).form == form


@pytest.mark.parametrize("name", sorted(UPDATES))
def test_every_update_form_reads_as_an_update(name):
    parsed = parse(UPDATES[name])
    assert parsed.kind == "update" and parsed.operations


def test_update_operations_are_named():
    assert parse(UPDATES["sequence"]).operations == ("CLEAR", "INSERT DATA")
    assert parse(UPDATES["DELETE/INSERT WHERE"]).operations == ("MODIFY",)
    assert parse(UPDATES["LOAD INTO"]).operations == ("LOAD",)


def test_a_prologue_alone_is_the_empty_update():
    assert parse("PREFIX ex: <http://example.org/>").kind == "update"


@pytest.mark.parametrize(
    ("name", "iri", "variable", "silent"),
    [
        ("plain", URL, None, False),
        ("lower-case", URL, None, False),
        ("comment-after-keyword", URL, None, False),
        ("comment-with-cr", URL, None, False),
        ("prefixed", URL, None, False),
        ("prefixed-local", "http://127.0.0.1:9/sparql/sparql", None, False),
        ("silent", URL, None, True),
        ("variable", None, "svc", False),
        ("escaped-iri", URL, None, False),
        ("in-optional", URL, None, False),
        ("in-exists", URL, None, False),
        ("in-subquery", URL, None, False),
        ("in-minus-union", URL, None, False),
        ("construct", URL, None, False),
        ("describe", URL, None, False),
    ],
)
def test_service_clauses_are_found_with_their_iri(name, iri, variable, silent):
    (service,) = parse(service_text(name, URL)).services
    assert (service.iri, service.variable, service.silent) == (iri, variable, silent)


def test_relative_service_iris_are_marked():
    assert parse(service_text("relative", URL)).services[0].relative
    assert parse(service_text("self", URL)).services[0].relative
    assert not parse(service_text("plain", URL)).services[0].relative


def test_a_less_than_is_not_an_iri_and_an_iri_may_hold_a_hash():
    """The text check's blind spot: ``<2)SERVICE#>`` looks like an IRI but follows an operand."""
    text = service_text("comment-after-keyword", URL)
    (s,) = parse(text).services
    assert (s.line, s.column) == (1, text.index("SERVICE") + 1)
    assert parse("SELECT * { ?s <http://example.org/p#SERVICE> ?o }").services == ()


def test_keywords_inside_strings_iris_comments_and_names_are_not_keywords():
    text = 'PREFIX service: <http://example.org/s#> SELECT ?service { ?s service:SERVICE "SERVICE <x> {}" . # SERVICE <y> {}\n ?s ?p \'\'\'SERVICE\'\'\' }'
    assert parse(text).services == ()



def test_the_clauses_shacl_sparql_restricts_are_found_where_they_are():
    """MINUS, VALUES (inline, after a subquery, after the query), AS in a projection, a BIND and a
    GROUP BY (at the variable assigned), and each subquery's SELECT with what it projects;
    keywords in any case."""
    text = (
        "SELECT $this (COUNT(?v) AS ?n) WHERE {\n"
        "  $this a <x:C> minus { $this <x:p> ?v } Values ?z { 1 }\n"
        "  BIND (1 AS ?this) { SELECT * { ?a ?b ?c } VALUES ?a { <x:a> } } { select ?a (1 AS $b) { ?a ?b ?c } }\n"
        "} GROUP BY (STR(?z) AS ?g) VALUES ?q { 2 }"
    )
    assert parse(text).clauses == (
        Clause("AS", 1, 28, ("n",)),
        Clause("MINUS", 2, 17, ()),
        Clause("VALUES", 2, 42, ()),
        Clause("AS", 3, 14, ("this",)),
        Clause("SELECT", 3, 23, ("*",)),
        Clause("VALUES", 3, 45, ()),
        Clause("SELECT", 3, 69, ("a", "b")),
        Clause("AS", 3, 85, ("b",)),
        Clause("AS", 4, 24, ("g",)),
        Clause("VALUES", 4, 28, ()),
    )


def test_dataset_clauses_are_found_and_where_the_top_level_group_ends():
    """FROM and FROM NAMED (a shape's query may not name a dataset); ``where_end`` is the ``}``
    closing the top-level WHERE group (an ASK validator runs as its body), ``modified`` says
    whether solution modifiers or VALUES follow it (comments do not count)."""
    text = "ASK FROM <x:g>\n from named <x:h> { ?s ?p ?o { ?s ?q ?r } } # done\n"
    parsed = parse(text)
    assert parsed.clauses == (Clause("FROM", 1, 5, ()), Clause("FROM", 2, 2, ()))
    assert text[parsed.where - 1] == "{" and text[parsed.where_end] == "}" and text[parsed.where : parsed.where_end] == " ?s ?p ?o { ?s ?q ?r } "
    assert not parsed.modified
    for tail in ("LIMIT 1", "GROUP BY ?s", "OFFSET 2", "VALUES ?s { 1 }", "HAVING (COUNT(?s) > 1)", "ORDER BY ?s"):
        assert parse("ASK { ?s ?p ?o } " + tail).modified, tail
    select = parse("SELECT * WHERE { ?s ?p ?o } ORDER BY ?s")
    assert select.modified and "SELECT * WHERE { ?s ?p ?o } ORDER BY ?s"[select.where_end] == "}"
    construct = "CONSTRUCT WHERE { ?s ?p ?o }"
    assert construct[parse(construct).where_end] == "}" and not parse(construct).modified
    assert parse("SELECT ?a WHERE { $this ?p ?a FILTER (?b) \n ?x $shapesGraph 'and ?c in a string' }").variables == (
        ("a", 1, 8), ("this", 1, 19), ("p", 1, 25), ("b", 1, 39), ("x", 2, 2), ("shapesGraph", 2, 5),
    )  # each at its first use, none inside a string
    describe = "DESCRIBE ?s WHERE { ?s ?p ?o }"
    assert describe[parse(describe).where_end] == "}" and parse(describe).where_end == len(describe) - 1
    assert parse("DESCRIBE <x:a>").where_end is None and parse("DESCRIBE <x:a>").where is None


def test_restricted_words_inside_strings_iris_comments_and_names_are_no_clauses():
    text = 'PREFIX minus: <http://example.org/m#> SELECT ?values { ?s minus:VALUES "MINUS { }" ; <x:as> ?minus . # VALUES ?x { 1 }\n ?s ?p \'\'\'SELECT ?x {}\'\'\' }'
    assert parse(text).clauses == ()
    assert parse("ASK { ?s ?p ?o }").clauses == ()

@pytest.mark.parametrize(
    ("text", "where", "fragment"),
    [
        ("SELECT * WHERE {\n  ?s ?p\n}", (3, 1), "expected an object"),
        ("SELECT * { ?s ?p ?o ", (1, 21), "found the end of the request"),
        ("SELECT * { ?s ex:p ?o }", (1, 15), "the prefix 'ex:' is not declared"),
        ("SELECT * { \\u0053ERVICE <http://a/> {} }", (1, 12), "expected"),
        ("PREFIX SILENTr: <http://a/> SELECT * { SERVICE SILENTr:x {} }", (1, 48), "write a space after SILENT"),
        ("DESCRIBE", (1, 9), "expected an IRI"),
        ("INSERT DATA { ?s ?p }", (1, 21), "expected an object"),
    ],
)
def test_errors_say_line_column_and_what_was_expected(text, where, fragment):
    with pytest.raises(SparqlSyntaxError) as e:
        parse(text)
    assert (e.value.line, e.value.column) == where
    assert fragment in str(e.value)


def test_a_broken_update_still_reads_as_an_update():
    with pytest.raises(SparqlSyntaxError) as e:
        parse("DELETE { ?s ?p ?o }")
    assert e.value.update
    with pytest.raises(SparqlSyntaxError) as e:
        parse("SELECT { ?s ?p ?o }")
    assert not e.value.update


@pytest.mark.parametrize("kind", ["groups", "expressions", "collections"])
def test_deep_nesting_is_refused_within_bounds(kind):
    n = MAX_DEPTH + 5
    text = {
        "groups": "SELECT * " + "{" * n + "}" * n,
        "expressions": "SELECT * { FILTER(" + "(" * n + "1" + ")" * n + ") }",
        "collections": "SELECT * { ?s ?p " + "(" * n + "1" + ")" * n + " }",
    }[kind]
    with pytest.raises(SparqlSyntaxError, match="nested more than"):
        parse(text)


def test_nesting_within_the_bound_is_fine():
    n = MAX_DEPTH // 2
    assert parse("SELECT * { FILTER(" + "(" * n + "1" + ")" * n + ") }").kind == "query"


@pytest.mark.parametrize(
    "text",
    [
        "SELECT * { ?s ?p true. }",
        "SELECT * { ?s <http://a/p>/^<http://a/q>*|!(a|^<http://a/r>) ?o }",
        "SELECT * { ?s ?p ?o FILTER(?o IN (1, 2.5, -3e2, +4)) FILTER(?o NOT IN ()) }",
        "SELECT * { [ a ?c ; <http://a/p> ( 1 [] \"x\"@en--ltr ) ] <http://a/q> _:b . }",
        "SELECT ?x { BIND(IF(BOUND(?y), STRLEN(\"a\"), COALESCE()) AS ?x) VALUES (?y ?z) { (1 UNDEF) () } }",
        "SELECT (GROUP_CONCAT(DISTINCT ?o ; SEPARATOR=\", \") AS ?g) { ?s ?p ?o FILTER NOT EXISTS { ?o ?p ?s } }",
        "SELECT * { GRAPH ?g { ?s ?p ?o } MINUS { ?s a <http://a/C> } } VALUES ?g { <http://a/g> }",
        "SELECT * FROM <http://a/g> FROM NAMED <http://a/h> { ?s ?p ?o } ORDER BY ?s ASC(?o) <http://a/f>(?p)",
        "SELECT * { ?s ?p ?o FILTER(?o < 2 && ?o > -1 || !isIRI(?o) && REGEX(STR(?o), \"^a\", \"i\")) }",
        "SELECT * { ?s <http://a/p>? ?o . ?s <http://a/p>?o }",
    ],
)
def test_sparql_1_1_as_written_in_the_wild_parses(text):
    assert parse(text).kind == "query"
