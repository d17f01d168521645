"""The SPARQL reader production by production, in-process and fast (the mutation tests' selection).

Accept or refuse: pyoxigraph's own parser is the oracle (``Store().query`` / ``Store().update``
raising SyntaxError or not), on an empty store and on requests that can make no request out
(no LOAD, SERVICE only with an unbound variable). What the reader extracts (the form, the update
operations, every SERVICE clause, every call of a function named by an IRI, the WHERE offset,
where an error is) is written out by hand from the SPARQL 1.1 grammar.
"""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from fhkg.sparql.parsed import MAX_DEPTH, Call, Service
from fhkg.sparql.syntax import SparqlSyntaxError, parse
from fhkg.sparql.terminals import ASCII_NAMES, Names, names_beyond_ascii, unescape_iri, unicode_names

A = "http://a.example/"
P = f"PREFIX ex: <{A}> PREFIX : <{A}e/> "

QUERIES = [
    # forms and clauses
    "SELECT * WHERE { ?s ?p ?o }",
    "select distinct ?s where { ?s ?p ?o }",
    "SELECT REDUCED ?s $o { ?s ?p $o }",
    "SELECT (STR(?s) AS ?t) ?o (1 AS ?one) { ?s ?p ?o }",
    "SELECT ?s (COUNT(DISTINCT ?o) AS ?n) { ?s ?p ?o } GROUP BY ?s HAVING (COUNT(?o) > 1) (SUM(?o) < 9)",
    "SELECT ?s { ?s ?p ?o } GROUP BY ?s (STR(?o) AS ?x) STR(?p) (?o) ex:f(?o) <http://a.example/g>(?s)",
    "SELECT * { ?s ?p ?o } HAVING BOUND(?s) ex:f(?o)",
    "SELECT * { ?s ?p ?o } ORDER BY ASC(?s) DESC(?o) ?p STR(?o) (?o + 1) <http://a.example/f>(?s) ex:g()",
    "SELECT * { ?s ?p ?o } LIMIT 5 OFFSET 2",
    "SELECT * { ?s ?p ?o } OFFSET 2 LIMIT 5",
    "SELECT ?s { ?s ?p ?o } GROUP BY ?s HAVING (?s) ORDER BY ?s LIMIT 1 OFFSET 1 VALUES ?s { }",
    "SELECT * FROM <http://a.example/g> FROM NAMED <http://a.example/h> FROM ex:i WHERE { ?s ?p ?o }",
    "SELECT * { ?s ?p ?o } VALUES ?s { <http://a.example/x> UNDEF ex:y 'z' 1 true }",
    'SELECT * { VALUES (?a ?b) { (1 "x"@en) (UNDEF false) ("t"^^ex:d 2.5) } }',
    "SELECT * { VALUES () { () () } }",
    "SELECT * { } VALUES () { }",
    "CONSTRUCT { ?s ?p ?o . ?o ?p ?s . } WHERE { ?s ?p ?o } LIMIT 1",
    "CONSTRUCT {} WHERE {}",
    "CONSTRUCT { ?s a ex:C ; ex:p [ ex:q ( 1 2 ) ] } FROM ex:g { ?s ?p ?o }",
    "CONSTRUCT WHERE { ?s ?p ?o . ?s a ?c }",
    "CONSTRUCT { ?s a?o . ?s a<http://a.example/C> } WHERE { }",
    "CONSTRUCT WHERE { }",
    "CONSTRUCT FROM <http://a.example/g> WHERE { ?s ?p ?o } ORDER BY ?s",
    "DESCRIBE *",
    "DESCRIBE ?s ex:y <http://a.example/x> ?t",
    "DESCRIBE ?s FROM <http://a.example/g> WHERE { ?s ?p ?o } ORDER BY ?s LIMIT 1",
    "DESCRIBE <http://a.example/x> { ?s ?p ?o }",
    "DESCRIBE * LIMIT 2",
    "ASK {} VALUES ?x { 1 }",
    "ASK FROM <http://a.example/g> { ?s ?p ?o } LIMIT 1",
    # the prologue
    "BASE <http://a.example/> PREFIX ex: <http://b.example/> SELECT * { ?s ex:p ?o }",
    "PREFIX : <http://a.example/> ASK { : :p :o }",
    "prefix ex:<http://a.example/>ask{ex:a ex:b ex:c}",
    "PREFIX ex: <http://a.example/> PREFIX ex: <http://b.example/> ASK { ex:s ?p ?o }",
    "PREFIX:<http://a.example/>ASK{:a :b :c}",
    "PREFIX e.x: <http://a.example/> ASK { e.x:a e.x:b e.x:c }",
    # graph patterns
    "SELECT * { ?s ?p ?o OPTIONAL { ?o ?p ?s } MINUS { ?s a ?c } }",
    "SELECT * { { ?s ?p ?o } UNION { ?o ?p ?s } UNION { } . ?s ?p ?o }",
    "SELECT * { GRAPH ?g { ?s ?p ?o } GRAPH ex:g { } GRAPH <http://a.example/h> { ?s ?p ?o } . }",
    "SELECT * { FILTER isIRI(?s) FILTER (?s) FILTER ex:f(?s) FILTER <http://a.example/f>(?s) FILTER(true) . ?s ?p ?o }",
    "SELECT * { BIND (1 AS ?x) . BIND(?x + 1 AS ?y) VALUES ?z { 1 } . ?s ?p ?o }",
    "SELECT * { { SELECT ?s WHERE { ?s ?p ?o } GROUP BY ?s LIMIT 1 VALUES ?s { ex:a } } }",
    "SELECT * { { SELECT * { } } OPTIONAL { SELECT ?x { } } }",
    "SELECT * { SERVICE ?svc { ?s ?p ?o } }",
    "SELECT * { SERVICE SILENT ?svc { } OPTIONAL { SERVICE $svc { } } }",
    "SELECT * { SERVICE SILENT?svc { } }",
    "SELECT * { ?s ?p ?o OPTIONAL { } ?a ?b ?c FILTER(true) ?d ?e ?f }",
    "SELECT * { ?s ?p ?o . OPTIONAL { } . ?a ?b ?c . }",
    # triples
    "SELECT * { ?s ?p ?o ; ?q ?r , ?t . ?s ?p ?o ;; ?q ?r ; . }",
    "SELECT * { ?s ?p ?o ; }",
    "SELECT * { [ ?p ?o ] ?q ?r . [ ?p ?o ] . [ ?p ?o ] }",
    "SELECT * { ( ?a ?b ) ?p ?o . ( 1 ( 2 ) [] ) . }",
    "SELECT * { ?s ?p [ ?q ?r ; ?x ( ?a [ ?b ?c ] ) ] , [] , () }",
    "SELECT * { _:b ?p ?o . [] ?p _:c.d . () ?p ?o }",
    "SELECT * { ?s ?p 'x'@en , \"y\"^^<http://a.example/d> , 1.5 , -2 , +3e4 , .5 , 1 , 2E-3 , true , false , \"\"\"long\"\"\" , '''l''' }",
    "SELECT * { ?s a ?o . ?s a ex:C , ex:D }",
    "SELECT * { ?s ?p ?o FILTER(true) ?s ?p ?o }",
    "SELECT * { ?s ?p ?o ; OPTIONAL { } }",
    "SELECT * { ?s ?p ?o ; FILTER(true) }",
    "SELECT * { ?s ?p ?o { } ?s ?p ?o GRAPH ?g { } ?s ?p ?o SERVICE ?x { } ?s ?p ?o BIND(1 AS ?b) ?s ?p ?o VALUES ?v { } ?s ?p ?o MINUS { } }",
    "SELECT * { [ ?p ?o ] OPTIONAL { } ( 1 ) FILTER(true) [ ?p ?o ] GRAPH ?g { } }",
    "SELECT * { ?s ?p [ ?q ?r ; ] . ?s ?p [ ?q ?r ; ; ] }",
    "SELECT * { ?s ?p 1 , [ ex:a/ex:b ?o ] . ?s ?p ( 1 [ ex:a/ex:b ?o ] ) }",
    "SELECT * { ?s ?p [ ex:q/ex:r ?o ] . [ ex:q|ex:r ?o ] ?p ( [ ^ex:s ?o ] ) . ( [ ex:a/ex:b 1 ] ) ex:c/ex:d ?o ; ex:e* [ !ex:f ?g ] }",
    # property paths
    "SELECT * { ?s ex:p/ex:q ?o . ?s ^ex:p|!ex:q|!(^ex:r|a)|!a|!^ex:s ?o }",
    "SELECT * { ?s (ex:p|ex:q)* ?o . ?s ex:p+/ex:q?/ex:r* ?o . ?s a/a ?o . ?s !(a) ?o }",
    "SELECT * { ?s ^(ex:p/ex:q) ?o . ?s ((ex:p)) ?o . ?s !(ex:p|^a|a) ?o }",
    "SELECT * { ?s ex:p? ?o . ?s ex:p?$o . ?s ex:p* ex:q ; ex:r+ ?o }",
    "SELECT * { ?s ex:q/ex:r|ex:s/^ex:t ?o }",
    # expressions
    "SELECT * { FILTER(?a || ?b && !?c || !(?d)) }",
    "SELECT * { FILTER(?a = 1 || ?a != 2 || ?a <= 3 || ?a >= 4 || ?a < 5 || ?a > 6) }",
    "SELECT * { FILTER(?a<?b && ?a>?b && ?a<=?b && ?a>=?b && ?a!=?b) }",
    "SELECT * { FILTER(?a + 1 - 2 * 3 / 4 > -?b + +?c - !?d) }",
    "SELECT * { FILTER(?a +1 > ?b -2 && ?a+-1 > 0) }",
    "SELECT * { FILTER(?a IN (1, 2) && ?b NOT IN (3) && ?c IN () && ?d not in () && ?e in(?f)) }",
    "SELECT * { FILTER(?a = <http://a.example/x> && ex:f(?a) && ex:g() && ex:h(?a, ?b)) }",
    "SELECT * { FILTER(\"x\"@en = 'y'^^ex:t && 1.5e0 = 2 && true && false) }",
    "SELECT * { FILTER(((?a))) }",
    # built-in calls
    "SELECT * { BIND(RAND() AS ?a) BIND(NOW ( ) AS ?b) BIND(UUID() AS ?c) BIND(STRUUID() AS ?d) }",
    "SELECT * { FILTER(STR(?x) && LANG(?x) && DATATYPE(?x) && IRI(?x) && URI(?x) && ABS(?x) && CEIL(?x) && FLOOR(?x) && ROUND(?x) && STRLEN(?x)) }",
    "SELECT * { FILTER(UCASE(?x) && LCASE(?x) && ENCODE_FOR_URI(?x) && YEAR(?x) && MONTH(?x) && DAY(?x) && HOURS(?x) && MINUTES(?x) && SECONDS(?x)) }",
    "SELECT * { FILTER(TIMEZONE(?x) && TZ(?x) && MD5(?x) && SHA1(?x) && SHA256(?x) && SHA384(?x) && SHA512(?x)) }",
    "SELECT * { FILTER(isIRI(?x) && isURI(?x) && isBlank(?x) && isLiteral(?x) && isNumeric(?x)) }",
    "SELECT * { FILTER(langMatches(?x, '*') && CONTAINS(?x, 'a') && STRSTARTS(?x, 'a') && STRENDS(?x, 'a') && STRBEFORE(?x, 'a')) }",
    "SELECT * { FILTER(STRAFTER(?x, 'a') && STRLANG(?x, 'en') && STRDT(?x, ex:d) && sameTerm(?x, ?y)) }",
    "SELECT * { FILTER(BOUND(?x) && BNODE() && BNODE(?x) && CONCAT() && CONCAT(?x, ?y) && COALESCE(?x) && COALESCE()) }",
    "SELECT * { FILTER(SUBSTR(?x, 1) && SUBSTR(?x, 1, 2) && REGEX(?x, 'a') && REGEX(?x, 'a', 'i')) }",
    "SELECT * { FILTER(REPLACE(?x, 'a', 'b') && REPLACE(?x, 'a', 'b', 'i') && IF(?x, 1, 2)) }",
    "SELECT * { FILTER(EXISTS { ?s ?p ?o } && NOT EXISTS { } && ! EXISTS { }) FILTER NOT EXISTS { } FILTER EXISTS { } }",
    "SELECT (COUNT(*) AS ?a) (COUNT(DISTINCT *) AS ?b) (SUM(?x) AS ?c) (MIN(?x) AS ?d) (MAX(?x) AS ?e) (AVG(DISTINCT ?x) AS ?f) {}",
    "SELECT (SAMPLE(?x) AS ?a) (GROUP_CONCAT(?x) AS ?b) (GROUP_CONCAT(DISTINCT ?x ; SEPARATOR = ', ') AS ?c) (COUNT(?x) AS ?d) {}",
]

UPDATES = [
    "INSERT DATA { <http://a.example/a> <http://a.example/b> <http://a.example/c> }",
    "insert data { }",
    "DELETE DATA { GRAPH <http://a.example/g> { ex:a ex:b ex:c } }",
    "INSERT DATA { GRAPH ex:g { ex:a ex:b ex:c . ex:a ex:b ex:d . } ex:e ex:f ex:g . GRAPH ex:h { } ex:i ex:j 1 }",
    "INSERT DATA { ex:a ex:b ex:c GRAPH ex:g { ex:a ex:b ex:c } . }",
    "INSERT DATA { ex:a ex:b ex:c . ex:d ex:e ex:f . ex:g ex:h ex:i }",
    "DELETE WHERE { ?s ?p ?o . GRAPH ?g { ?s ?p ?o } }",
    "DELETE WHERE { }",
    "DELETE { ?s ?p ?o } INSERT { ?s ?p 1 } USING <http://a.example/g> USING NAMED ex:h WHERE { ?s ?p ?o }",
    "INSERT { GRAPH ?g { ?s ?p ?o } } WHERE { GRAPH ?g { ?s ?p ?o } }",
    "DELETE { } WHERE { }",
    "WITH <http://a.example/g> INSERT { ?s ?p ?o } WHERE { ?s ?p ?o }",
    "WITH ex:g DELETE { ?s ?p ?o } INSERT { } WHERE { }",
    "CLEAR SILENT GRAPH ex:g ; CLEAR DEFAULT ; CLEAR NAMED ; CLEAR ALL",
    "DROP SILENT GRAPH ex:g ; DROP DEFAULT ; DROP NAMED ; DROP ALL",
    "CREATE SILENT GRAPH ex:g ; CREATE GRAPH ex:h",
    "ADD SILENT DEFAULT TO GRAPH ex:g ; MOVE ex:g TO ex:h ; COPY GRAPH ex:h TO DEFAULT",
    "CLEAR ALL ;",
    "",
    "  # nothing\n",
]

BAD = [
    # queries
    "SELECT WHERE { }",
    "SELECT ?s",
    "SELECT * { ?s ?p ?o } LIMIT",
    "SELECT * { ?s ?p ?o } LIMIT x",
    "SELECT * { ?s ?p ?o } OFFSET 1 OFFSET 2",
    "SELECT * { ?s ?p ?o } LIMIT 1 LIMIT 2",
    "SELECT * { ?s ?p }",
    "SELECT * { ?s }",
    "SELECT (?s) { }",
    "SELECT (?s AS) { }",
    "SELECT (?s AS ?t { }",
    "SELECT * { FILTER() }",
    "SELECT * { FILTER }",
    "SELECT * { BIND(1 ?x) }",
    "SELECT * { BIND(1 AS ?x }",
    "SELECT * { BIND(1 AS 2) }",
    "ASK { ?s ?p ?o } ASK",
    "SELECT * { } GROUP ?s",
    "SELECT * { } GROUP BY",
    "SELECT * { } ORDER ?s",
    "SELECT * { } ORDER BY",
    "SELECT * { } HAVING",
    "SELECT * { } ORDER BY ASC ?s",
    "SELECT * { } GROUP BY (?s AS 1)",
    "SELECT * { ?s ?p ?o . . }",
    "SELECT * { ?s ?p ?o ?a ?b ?c }",
    "SELECT * { OPTIONAL }",
    "SELECT * { MINUS ?s }",
    "SELECT * { GRAPH { } }",
    "SELECT * { SERVICE { } }",
    "SELECT * { SERVICE SILENT { } }",
    "SELECT * { SERVICE ?svc }",
    "SELECT * { { } UNION }",
    "SELECT * { ?s ?p ?o } VALUES ?s",
    "SELECT * { VALUES ?s { ?x } }",
    "SELECT * { VALUES (?s) { 1 } }",
    "SELECT * { VALUES (?s { } }",
    "SELECT * { VALUES (1) { } }",
    "SELECT * { VALUES ?s { ( 1 ) } }",
    "SELECT * { ?s ?p ?o FILTER(?o IN 1) }",
    "SELECT * { FILTER(?o IN (1,)) }",
    "SELECT * { FILTER(?o NOT 1) }",
    "SELECT * { FILTER(STR()) }",
    "SELECT * { FILTER(STR(?a, ?b)) }",
    "SELECT * { FILTER(CONTAINS(?a)) }",
    "SELECT * { FILTER(CONTAINS(?a ?b)) }",
    "SELECT * { FILTER(RAND(1)) }",
    "SELECT * { FILTER(RAND) }",
    "SELECT * { FILTER(BOUND(1)) }",
    "SELECT * { FILTER(BOUND(?x ?y)) }",
    "SELECT * { FILTER(IF(?a, ?b)) }",
    "SELECT * { FILTER(REGEX(?a)) }",
    "SELECT * { FILTER(REPLACE(?a, ?b)) }",
    "SELECT * { FILTER(SUBSTR(?a, 1, 2, 3)) }",
    "SELECT * { FILTER(REPLACE(?a, 'a', 'b', 'i', 'x')) }",
    "SELECT * { FILTER(BNODE(1, 2)) }",
    "SELECT * { FILTER(CONCAT(?a ?b)) }",
    "SELECT * { FILTER(NOT ?x) }",
    "SELECT * { FILTER(EXISTS ?x) }",
    "SELECT * { FILTER(?a +) }",
    "SELECT * { FILTER(?a *) }",
    "SELECT * { FILTER(?a < ) }",
    "SELECT * { FILTER((?a) }",
    "SELECT * { FILTER(?a ||) }",
    "SELECT * { FILTER(?a &&) }",
    "SELECT * { FILTER(ex:f(?a) }",
    "SELECT * { FILTER(ex:f(?a ?b)) }",
    "SELECT * { FILTER(ex:f ?a) }",
    "SELECT (GROUP_CONCAT(?o ; SEPARATOR=1) AS ?g) { }",
    "SELECT (GROUP_CONCAT(?o ; ?x) AS ?g) { }",
    "SELECT (GROUP_CONCAT(?o ; SEPARATOR ',') AS ?g) { }",
    "SELECT (COUNT() AS ?n) { }",
    "SELECT (COUNT(?a ?b) AS ?n) { }",
    "SELECT (SUM(*) AS ?n) { }",
    "DESCRIBE",
    "DESCRIBE WHERE { }",
    "DESCRIBE * WHERE",
    "CONSTRUCT { ?s ?p ?o }",
    "CONSTRUCT WHERE { ?s ex:p/ex:q ?o }",
    "CONSTRUCT WHERE { FILTER(true) }",
    "CONSTRUCT WHERE ?s",
    "CONSTRUCT { ?s ?p ?o . . } WHERE { }",
    "CONSTRUCT { ?s ?p ?o ",
    "ASK",
    "ASK { } garbage",
    "SELECT * { } } ",
    "SELECT * { ?s ?p ?o } VALUES",
    "PREFIX ex <http://a.example/> ASK { }",
    "PREFIX ex: ASK { }",
    "PREFIX ex: http://a.example/ ASK { }",
    "BASE ASK { }",
    "ASK { no:a ?p ?o }",
    "HELLO",
    "SELECT * { ?s <http://a.example/p>/ ?o }",
    "SELECT * { ?s !(ex:p|) ?o }",
    "SELECT * { ?s ^ ?o }",
    "SELECT * { ?s (ex:p ?o }",
    "SELECT * { ?s !1 ?o }",
    "SELECT * { ?s ex:p| ?o }",
    "SELECT * { ?s ?p [ ?q ] }",
    "SELECT * { ?s ?p [ ?q ?r }",
    "SELECT * { ?s ?p ( ?a }",
    "SELECT * { ?s ?p ?o , }",
    "SELECT * { ?s 1 ?o }",
    "SELECT * { ?s ?p ?o ; 1 ?o }",
    "SELECT * { ?s ?p ?o FILTER(true) ?s }",
    "SELECT * { ?s ?p 'x'^^ }",
    "SELECT * { ?s ?p 'x'^^1 }",
    "SELECT * { ?s ?p ?o } LIMIT -1",
    # updates
    "CLEAR",
    "CLEAR GRAPH",
    "DROP SILENT",
    "CREATE <http://a.example/g>",
    "CREATE SILENT",
    "ADD <http://a.example/g>",
    "ADD <http://a.example/g> TO",
    "MOVE DEFAULT <http://a.example/g>",
    "COPY TO DEFAULT",
    "WITH <http://a.example/g> { }",
    "WITH <http://a.example/g> WHERE { }",
    "DELETE { } INSERT { }",
    "INSERT { } WHERE",
    "INSERT { } USING WHERE { }",
    "DELETE WHERE",
    "DELETE WHERE { ?s ?p }",
    "INSERT DATA",
    "INSERT DATA { ex:a ex:b }",
    "INSERT DATA { GRAPH ex:g { ex:a ex:b ex:c } ex:a }",
    "INSERT DATA { GRAPH { } }",
    "INSERT DATA { GRAPH ex:g ex:a ex:b ex:c }",
    "INSERT DATA { ex:a ex:b ex:c ex:d }",
    "CLEAR ALL ; ;",
    "CLEAR ALL CLEAR ALL",
    "CLEAR ALL ; SELECT * { }",
    "CLEAR ALL ; garbage",
    "SELECT * { } ; CLEAR ALL",
]


def engine_accepts(text: str) -> bool:
    """Whether Oxigraph reads ``text`` as a query or an update (on an empty store)."""
    try:
        ox.Store().query(text)
        return True
    except SyntaxError:
        pass
    except Exception:  # read, and failed only while running
        return True
    try:
        ox.Store().update(text)
        return True
    except SyntaxError:
        return False
    except Exception:
        return True


def _checked(texts: list[str]) -> list[str]:
    for text in texts:  # no request in the corpus may reach out
        assert "LOAD" not in text.upper() and "SERVICE <" not in text.upper() and "SERVICE SILENT <" not in text.upper()
    return texts


@pytest.mark.parametrize("text", _checked([P + t for t in QUERIES]))
def test_queries_the_engine_reads_are_read_as_queries(text):
    assert engine_accepts(text)
    assert parse(text).kind == "query"


@pytest.mark.parametrize("text", _checked([P + t for t in UPDATES]))
def test_updates_the_engine_reads_are_read_as_updates(text):
    assert engine_accepts(text)
    assert parse(text).kind == "update"


@pytest.mark.parametrize("text", _checked([P + t for t in BAD]))
def test_what_the_engine_refuses_is_refused(text):
    assert not engine_accepts(text)
    with pytest.raises(SparqlSyntaxError):
        parse(text)


# -- what a request is: the form, the update operations, the WHERE offset


@pytest.mark.parametrize(
    ("text", "form"),
    [
        ("SELECT * {}", "SELECT"),
        ("select * {}", "SELECT"),
        ("ASK {}", "ASK"),
        ("CONSTRUCT {} WHERE {}", "CONSTRUCT"),
        ("CONSTRUCT WHERE {}", "CONSTRUCT"),
        ("DESCRIBE <http://a.example/x>", "DESCRIBE"),
        ("describe * {}", "DESCRIBE"),
    ],
)
def test_the_form_of_a_query(text, form):
    parsed = parse(text)
    assert (parsed.kind, parsed.form, parsed.operations, parsed.services, parsed.calls) == ("query", form, (), (), ())


@pytest.mark.parametrize(
    ("text", "operations"),
    [
        ("INSERT DATA { ex:a ex:b ex:c }", ("INSERT DATA",)),
        ("DELETE DATA { ex:a ex:b ex:c }", ("DELETE DATA",)),
        ("delete data {}", ("DELETE DATA",)),
        ("DELETE WHERE { ?s ?p ?o }", ("DELETE WHERE",)),
        ("DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }", ("MODIFY",)),
        ("INSERT { ?s ?p ?o } WHERE { ?s ?p ?o }", ("MODIFY",)),
        ("DELETE { } INSERT { } WHERE { }", ("MODIFY",)),
        ("WITH ex:g INSERT { } USING ex:h USING NAMED ex:i WHERE { }", ("MODIFY",)),
        ("LOAD <http://a.example/d.ttl>", ("LOAD",)),
        ("LOAD SILENT ex:d INTO GRAPH ex:g", ("LOAD",)),
        ("CLEAR ALL", ("CLEAR",)),
        ("DROP GRAPH ex:g", ("DROP",)),
        ("CREATE GRAPH ex:g", ("CREATE",)),
        ("ADD DEFAULT TO ex:g", ("ADD",)),
        ("MOVE ex:g TO DEFAULT", ("MOVE",)),
        ("COPY SILENT GRAPH ex:g TO GRAPH ex:h", ("COPY",)),
        ("CLEAR ALL ; LOAD ex:d ; INSERT DATA { } ; DELETE WHERE { } ;", ("CLEAR", "LOAD", "INSERT DATA", "DELETE WHERE")),
        ("CLEAR ALL ; PREFIX ex: <http://b.example/> DROP ALL", ("CLEAR", "DROP")),
    ],
)
def test_every_update_operation_is_named_in_order(text, operations):
    parsed = parse(P + text)
    assert (parsed.kind, parsed.form, parsed.operations, parsed.where) == ("update", operations[0], operations, None)


def test_the_empty_update():
    for text in ("", " ", "# c", P):
        parsed = parse(text)
        assert (parsed.kind, parsed.form, parsed.operations, parsed.services, parsed.where, parsed.calls) == ("update", "", (), (), None, ())


@pytest.mark.parametrize(
    "text",
    [
        "LOAD",
        "LOAD SILENT",
        "LOAD <http://a.example/d> INTO <http://a.example/g>",
        "LOAD <http://a.example/d> INTO GRAPH",
        "LOAD <http://a.example/d> GRAPH <http://a.example/g>",
    ],
)
def test_a_broken_load_is_refused_as_an_update(text):
    with pytest.raises(SparqlSyntaxError) as e:
        parse(text)
    assert e.value.update


@pytest.mark.parametrize(
    ("text", "brace"),
    [
        ("SELECT * WHERE { { SELECT * WHERE { } } }", 0),
        ("SELECT*WHERE{}", 0),
        ("SELECT * FROM <http://a.example/g> {}", 0),
        ("ASK { }", 0),
        ("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", 1),
        ("CONSTRUCT {} FROM <http://a.example/g> {}", 1),
        ("CONSTRUCT WHERE { ?s ?p ?o }", 0),
        ("CONSTRUCT FROM <http://a.example/g> WHERE {}", 0),
        ("DESCRIBE ?s WHERE { ?s ?p ?o }", 0),
        ("DESCRIBE ?s { ?s ?p ?o }", 0),
        ("DESCRIBE * FROM <http://a.example/g> {}", 0),
    ],
)
def test_where_is_just_after_the_brace_of_the_top_level_where_clause(text, brace):
    starts = [i for i, c in enumerate(text) if c == "{"]
    assert parse(text).where == starts[brace] + 1


def test_a_describe_without_a_where_clause_has_no_where():
    assert parse("DESCRIBE <http://a.example/x> ?y").where is None
    assert parse("DESCRIBE * LIMIT 1").where is None


# -- SERVICE clauses and calls, with their places


def place(text: str, needle: str, nth: int = 0) -> tuple[int, int]:
    """Line and column (1-based) of the nth occurrence of ``needle``."""
    pos = -1
    for _ in range(nth + 1):
        pos = text.index(needle, pos + 1)
    return text.count("\n", 0, pos) + 1, pos - (text.rfind("\n", 0, pos) + 1) + 1


def test_every_service_clause_with_its_iri_or_variable_and_place():
    text = (
        "PREFIX ex: <http://a.example/>\n"
        "PREFIX r: <rel/>\n"
        "BASE <http://b.example/>\n"
        "SELECT * {\n"
        "  SERVICE ex:s { SERVICE ?v { } }\n"
        "\tSERVICE SILENT <http://c.example/x> { }\n"
        "  OPTIONAL { service silent $w { } } SERVICE <s> { } SERVICE r:x { }\n"
        "  FILTER NOT EXISTS { SERVICE SILENT<urn:x:y> { } } { SELECT * { SERVICE SILENT?u { } } }\n"
        "  SERVICE#c\n<http://d.example/> { } MINUS { SERVICE SILENT#c\r?t { } }\n"
        "}"
    )
    services = parse(text).services
    assert services == (
        Service("http://a.example/s", None, False, *place(text, "SERVICE ex:s")),
        Service(None, "v", False, *place(text, "SERVICE ?v")),
        Service("http://c.example/x", None, True, *place(text, "SERVICE SILENT <")),
        Service(None, "w", True, *place(text, "service silent")),
        Service("s", None, False, *place(text, "SERVICE <s>"), relative=True),
        Service("rel/x", None, False, *place(text, "SERVICE r:x"), relative=True),
        Service("urn:x:y", None, True, *place(text, "SERVICE SILENT<")),
        Service(None, "u", True, *place(text, "SERVICE SILENT?")),
        Service("http://d.example/", None, False, *place(text, "SERVICE#")),
        Service(None, "t", True, *place(text, "SERVICE SILENT#")),
    )


def test_service_clauses_in_an_update_are_found():
    text = "INSERT { } WHERE { SERVICE <http://a.example/s> { } } ; DELETE WHERE { } ; DELETE { } WHERE { SERVICE ?x { } }"
    parsed = parse(text)
    assert parsed.services == (Service("http://a.example/s", None, False, *place(text, "SERVICE")), Service(None, "x", False, *place(text, "SERVICE", 1)))
    assert parsed.operations == ("MODIFY", "DELETE WHERE", "MODIFY")


def test_a_variable_service_right_before_its_group():
    text = "SELECT * { SERVICE ?svc {?s ?p ?o} SERVICE SILENT $v {?s ?p ?o} }"
    assert parse(text).services == (Service(None, "svc", False, 1, 12), Service(None, "v", True, 1, 36))


def test_silent_glued_to_a_name_is_refused():
    text = "PREFIX SILENTex: <http://a.example/> SELECT * { SERVICE SILENTex:s { } }"
    with pytest.raises(SparqlSyntaxError) as e:
        parse(text)
    assert (e.value.line, e.value.column, e.value.update) == (1, text.index("SILENTex:s") + 1, False)
    assert e.value.message == "write a space after SILENT (or rename the prefix): 'SILENT' glued to a name reads two ways"
    with pytest.raises(SparqlSyntaxError) as e:
        parse("PREFIX SILENTex: <http://a.example/> INSERT { } WHERE { SERVICE silentex:s { } }")
    assert e.value.update
    # with a blank after it, SILENT is the keyword
    assert parse("PREFIX ex: <http://a.example/> SELECT * { SERVICE silent ex:s { } }").services == (Service("http://a.example/s", None, True, 1, 43),)


def test_calls_the_first_of_each_function_in_text_order_with_its_place():
    text = (
        "PREFIX ex: <http://a.example/>\n"
        "PREFIX r: <rel/>\n"
        "SELECT (ex:f(ex:g(?x)) AS ?y) {\n"
        "  FILTER ex:h(?x) FILTER(ex:f(1) && <http://b.example/i>() || r:j (?x) && STR(?x) && ?x = ex:k)\n"
        "\n"
        "\n"
        "  BIND(ex:l(?x, ex:m(DISTINCT ?x)) AS ?z)\n"
        "} GROUP BY ex:n(?x) HAVING ex:o(?x) ORDER BY ex:p(?x) DESC(ex:q(?x))"
    )
    assert parse(text).calls == (
        Call("http://a.example/f", *place(text, "ex:f")),
        Call("http://a.example/g", *place(text, "ex:g")),
        Call("http://a.example/h", *place(text, "ex:h")),
        Call("http://b.example/i", *place(text, "<http://b.example/i>")),
        Call("rel/j", *place(text, "r:j"), relative=True),
        Call("http://a.example/l", *place(text, "ex:l")),
        Call("http://a.example/m", *place(text, "ex:m")),
        Call("http://a.example/n", *place(text, "ex:n")),
        Call("http://a.example/o", *place(text, "ex:o")),
        Call("http://a.example/p", *place(text, "ex:p")),
        Call("http://a.example/q", *place(text, "ex:q")),
    )


def test_calls_after_a_first_blank_line():
    text = "\nASK {\n FILTER(<http://a.example/f>(1)) FILTER(<http://a.example/g>(1)) }"
    assert parse(text).calls == (Call("http://a.example/f", 3, 9), Call("http://a.example/g", 3, 41))


def test_calls_on_one_line_and_in_an_update():
    text = "PREFIX ex: <http://a.example/> DELETE { } WHERE { FILTER(ex:a(1) = ex:b(2)) FILTER(ex:a(3)) }"
    assert parse(text).calls == (Call("http://a.example/a", 1, text.index("ex:a") + 1), Call("http://a.example/b", 1, text.index("ex:b") + 1))
    text = "ASK {\r\n FILTER(<f>(1))\r\n FILTER(<g>(2))\r\n}"
    assert parse(text).calls == (Call("f", 2, 9, True), Call("g", 3, 9, True))


# -- names, escapes and keywords in context


@pytest.mark.parametrize(
    ("text", "iri"),
    [
        ("PREFIX ex: <http://a.example/> ASK { FILTER(ex:a.b(1)) }", "http://a.example/a.b"),
        ("PREFIX ex: <http://a.example/> ASK { FILTER(ex:a..b-c_d(1)) }", "http://a.example/a..b-c_d"),
        ("PREFIX ex: <http://a.example/> ASK { FILTER(ex:a\\.b\\~c(1)) }", "http://a.example/a.b~c"),
        ("PREFIX ex: <http://a.example/> ASK { FILTER(ex:a%20b(1)) }", "http://a.example/a%20b"),
        ("PREFIX ex: <http://a.example/> ASK { FILTER(ex:1:a(1)) }", "http://a.example/1:a"),
        ("PREFIX ex: <http://a.example/> ASK { FILTER(ex:(1)) }", "http://a.example/"),
        ("PREFIX : <http://a.example/> ASK { FILTER(:_x(1)) }", "http://a.example/_x"),
        ("PREFIX e.x-1: <http://a.example/> ASK { FILTER(e.x-1:y(1)) }", "http://a.example/y"),
        ("PREFIX select: <http://a.example/> ASK { FILTER(select:x(1)) }", "http://a.example/x"),
        ("PREFIXex:<http://a.example/>ASK{FILTER(ex:x(1))}", "http://a.example/x"),
        ("BASE<http://b.example/>PREFIX ex:<http://a.example/>ASK{FILTER(ex:x(1))}", "http://a.example/x"),
        ("ASK { FILTER(<http://a.example/\\u0041\\U00000042>(1)) }", "http://a.example/AB"),
        ("PREFIX é: <http://a.example/> ASK { FILTER(é:ü·̀x(1)) }", "http://a.example/ü·̀x"),
        ("PREFIX ex: <http://a.example/> ASK { ?é ?p ?o FILTER(ex:ꝏ(?é)) }", "http://a.example/ꝏ"),
    ],
)
def test_prefixed_names_escapes_and_unicode_names(text, iri):
    assert engine_accepts(text)
    assert [c.iri for c in parse(text).calls] == [iri]


def test_names_beyond_ascii_only_where_a_name_may_stand():
    assert not names_beyond_ascii("ASK { ?s ?p 'å' }")
    assert not names_beyond_ascii('ASK { ?s ?p """å""" } # å\n')
    assert not names_beyond_ascii("ASK { ?s <http://a.example/å> ?o }")
    assert not names_beyond_ascii("ASK { ?s ?p ?o }")
    assert names_beyond_ascii("ASK { ?å ?p ?o }")
    assert names_beyond_ascii("ASK { ?s ?p 'å' . ?s ?p ?ö }")
    assert ASCII_NAMES.var.fullmatch("?å") is None and unicode_names().var.fullmatch("?å") is not None


@pytest.mark.parametrize("unicode", [False, True])
def test_the_name_terminals(unicode):
    """Prefixed names, variables, blank-node labels as the grammar writes them (PN_PREFIX,
    PN_LOCAL, VARNAME, BLANK_NODE_LABEL), over ASCII or the full classes."""
    names = Names(unicode=unicode)
    for pname in ("ex:a", "Ex:B", "e.x-1:y_2", ":", "ex:", "ex:1", "ex:a.b", "ex:a:b", "ex:_a", "ex:a%2F", "ex:a\\.b", "zZ:Zz"):
        assert names.pname.fullmatch(pname), pname
    for wrong in ("1a:b", "-a:b", "_a:b", "ex:-a", "ex:.a", "ex:a b", "e x:a"):
        assert not names.pname.fullmatch(wrong), wrong
    assert names.pname.match("ex:a.").group(0) == "ex:a"
    for var in ("?a", "$A", "?_1", "?1a", "?Zz_9"):
        assert names.var.fullmatch(var), var
    for wrong in ("?-a", "?a-b", "?a.b", "?", "$"):
        assert not names.var.fullmatch(wrong), wrong
    for label in ("_:b", "_:B1", "_:1", "_:a.b", "_:a-b", "_:_x"):
        assert names.blank_label.fullmatch(label), label
    for wrong in ("_:-a", "_:a.", "_:.a", "_:"):
        assert not names.blank_label.fullmatch(wrong), wrong
    for c in ("a", "Z", "0", "-", "_", ":"):
        assert names.name_char.fullmatch(c), c
    for c in (".", " ", "<", "?"):
        assert not names.name_char.fullmatch(c), c
    assert names.prefix_decl.fullmatch("ex:") and names.prefix_decl.fullmatch(":") and names.prefix_decl.fullmatch("Ab.c-1:")
    assert not names.prefix_decl.fullmatch("1x:")
    beyond = ("é:ü", "?é", "?a\u00b7", "_:é", "?aé")
    for name in beyond:
        pattern = names.var if name[0] == "?" else names.blank_label if name[0] == "_" else names.pname
        assert bool(pattern.fullmatch(name)) is unicode, name
    assert bool(names.name_char.fullmatch("\u00b7")) is unicode and bool(names.name_char.fullmatch("é")) is unicode


def test_an_error_reads_as_no_update_unless_told():
    e = SparqlSyntaxError("m", 2, 3)
    assert (e.message, e.line, e.column, e.update, str(e)) == ("m", 2, 3, False, "line 2, column 3: m")
    assert SparqlSyntaxError("m", 2, 3, update=True).update


def test_unescape_iri():
    assert unescape_iri("a\\u00E5b\\U0001F600c") == "aåb\U0001f600c"
    assert unescape_iri("no escapes") == "no escapes"


@pytest.mark.parametrize(
    "text",
    [
        "PREFIX select: <http://a.example/> SELECT * { select:a select:b select:c }",
        "PREFIX graph.db: <http://a.example/> SELECT * { graph.db:a ?p ?o }",
        "PREFIX a: <http://a.example/> SELECT * { a:a a a:b }",
        "PREFIX filter: <http://a.example/> SELECT * { ?s ?p ?o . filter:a ?p ?o }",
        "PREFIX optional: <http://a.example/> SELECT * { optional: ?p ?o }",
        "SELECT * { ?s ?p ?o FILTER(?o = 1)FILTER(?o!=2) }",
        "SELECT * { ?s ?p ?o FILTER(?o<2)FILTER(?o>-1) }",
        "SELECT * { ?s ?p ( ) . ?s ?p [\n] . ?s ?p (\t) }",
        "ASK { FILTER(BNODE( ) != 1) }",
        "ASK { ?a\t?b\r\n?c#x\r}",
    ],
)
def test_keywords_are_read_in_context_as_the_engine_reads_them(text):
    assert engine_accepts(text)
    assert parse(text).kind == "query"


@pytest.mark.parametrize(
    "text",
    [
        "SELECT * { ?s ?p ?o FILTERx(true) }",
        "SELECTX * { }",
        "SELECT * { ?s A ?o }",
        "SELECT * { ?s ?p ?o . OPTIONALx { } }",
        "ASK { FILTER(!= 1) }",
        "ASK { ?s ?p ?o } LIMIT 1 OFFSET 1 LIMIT 1",
        "ASK { ?s ?p ?o } OFFSET 1 LIMIT 1 OFFSET 1",
    ],
)
def test_what_only_looks_like_a_keyword_is_refused(text):
    assert not engine_accepts(text)
    with pytest.raises(SparqlSyntaxError):
        parse(text)


# -- errors: where, and what was expected

#: each refusal of the reader, its place and message (the BAD requests above, without the prologue)
ERRORS = [
    ("INSERT DATA { <http://a.example/a> <http://a.example/b> <http://a.example/c> <http://a.example/d> }", 1, 78, True, "expected '.', '}' or GRAPH, found '<http://a.example/d>'"),
    ("CONSTRUCT { ?s ?p ?o . GRAPH ?g { } } WHERE { }", 1, 24, False, "expected a triple pattern, found 'GRAPH ?g { } } WHERE'"),
    ("CONSTRUCT { ?s 1 ?o } WHERE { }", 1, 16, False, "expected a predicate (an IRI, a variable or 'a'), found '1 ?o } WHERE { }'"),
    ("ASK { FILTER(!= 1) }", 1, 14, False, "expected an expression, found '!= 1) }'"),
    ("INSERT DATA { no:a <http://a.example/b> 1 }", 1, 15, True, "the prefix 'no:' is not declared"),
    ("\nASK", 2, 4, False, "expected '{', found the end of the request"),
    ("\n\nASK {\n ?s", 4, 4, False, "expected a property path (an IRI, 'a', '^', '!' or '('), found the end of the request"),
    ("SELECT WHERE { }", 1, 8, False, "expected '*', a variable or '(expression AS ?var)', found 'WHERE { }'"),
    ("SELECT ?s", 1, 10, False, "expected '{', found the end of the request"),
    ("SELECT * { ?s ?p ?o } LIMIT", 1, 28, False, "expected an integer after LIMIT, found the end of the request"),
    ("SELECT * { ?s ?p ?o } LIMIT x", 1, 29, False, "expected an integer after LIMIT, found 'x'"),
    ("SELECT * { ?s ?p ?o } OFFSET 1 OFFSET 2", 1, 32, False, "expected the end of the query, found 'OFFSET 2'"),
    ("SELECT * { ?s ?p ?o } LIMIT 1 LIMIT 2", 1, 31, False, "expected the end of the query, found 'LIMIT 2'"),
    ("SELECT * { ?s ?p }", 1, 18, False, "expected an object (an IRI, a literal, a variable or a blank node), found '}'"),
    ("SELECT * { ?s }", 1, 15, False, "expected a property path (an IRI, 'a', '^', '!' or '('), found '}'"),
    ("SELECT (?s) { }", 1, 11, False, "expected AS, found ') { }'"),
    ("SELECT (?s AS) { }", 1, 14, False, "expected a variable, found ') { }'"),
    ("SELECT (?s AS ?t { }", 1, 18, False, "expected ')', found '{ }'"),
    ("SELECT * { FILTER() }", 1, 18, False, "expected a function call or a bracketed expression, found '() }'"),
    ("SELECT * { FILTER }", 1, 19, False, "expected a function call or a bracketed expression, found '}'"),
    ("SELECT * { BIND(1 ?x) }", 1, 19, False, "expected AS, found '?x) }'"),
    ("SELECT * { BIND(1 AS ?x }", 1, 25, False, "expected ')', found '}'"),
    ("SELECT * { BIND(1 AS 2) }", 1, 22, False, "expected a variable, found '2) }'"),
    ("ASK { ?s ?p ?o } ASK", 1, 18, False, "expected the end of the query, found 'ASK'"),
    ("SELECT * { } GROUP ?s", 1, 20, False, "expected BY, found '?s'"),
    ("SELECT * { } GROUP BY", 1, 22, False, "expected a function call or a bracketed expression, found the end of the request"),
    ("SELECT * { } ORDER ?s", 1, 20, False, "expected BY, found '?s'"),
    ("SELECT * { } ORDER BY", 1, 22, False, "expected a function call or a bracketed expression, found the end of the request"),
    ("SELECT * { } HAVING", 1, 20, False, "expected a function call or a bracketed expression, found the end of the request"),
    ("SELECT * { } ORDER BY ASC ?s", 1, 27, False, "expected '(', found '?s'"),
    ("SELECT * { } GROUP BY (?s AS 1)", 1, 30, False, "expected a variable, found '1)'"),
    ("SELECT * { ?s ?p ?o . . }", 1, 23, False, "expected a triple pattern, found '. }'"),
    ("SELECT * { ?s ?p ?o ?a ?b ?c }", 1, 21, False, "expected '.', '}' or a graph pattern, found '?a ?b ?c }'"),
    ("SELECT * { OPTIONAL }", 1, 21, False, "expected '{', found '}'"),
    ("SELECT * { MINUS ?s }", 1, 18, False, "expected '{', found '?s }'"),
    ("SELECT * { GRAPH { } }", 1, 18, False, "expected an IRI, found '{ } }'"),
    ("SELECT * { SERVICE { } }", 1, 20, False, "expected an IRI, found '{ } }'"),
    ("SELECT * { SERVICE SILENT { } }", 1, 27, False, "expected an IRI, found '{ } }'"),
    ("SELECT * { SERVICE ?svc }", 1, 25, False, "expected '{', found '}'"),
    ("SELECT * { { } UNION }", 1, 22, False, "expected '{', found '}'"),
    ("SELECT * { ?s ?p ?o } VALUES ?s", 1, 32, False, "expected '{', found the end of the request"),
    ("SELECT * { VALUES ?s { ?x } }", 1, 24, False, "expected an IRI, a literal or UNDEF, found '?x } }'"),
    ("SELECT * { VALUES (?s) { 1 } }", 1, 26, False, "expected '(', found '1 } }'"),
    ("SELECT * { VALUES (?s { } }", 1, 23, False, "expected a variable, found '{ } }'"),
    ("SELECT * { VALUES (1) { } }", 1, 20, False, "expected a variable, found '1) { } }'"),
    ("SELECT * { VALUES ?s { ( 1 ) } }", 1, 24, False, "expected an IRI, a literal or UNDEF, found '( 1 ) } }'"),
    ("SELECT * { ?s ?p ?o FILTER(?o IN 1) }", 1, 34, False, "expected '(', found '1) }'"),
    ("SELECT * { FILTER(?o IN (1,)) }", 1, 28, False, "expected an expression, found ')) }'"),
    ("SELECT * { FILTER(?o NOT 1) }", 1, 22, False, "expected ')', found 'NOT 1) }'"),
    ("SELECT * { FILTER(STR()) }", 1, 23, False, "expected an expression, found ')) }'"),
    ("SELECT * { FILTER(STR(?a, ?b)) }", 1, 25, False, "expected ')', found ', ?b)) }'"),
    ("SELECT * { FILTER(CONTAINS(?a)) }", 1, 30, False, "expected ',', found ')) }'"),
    ("SELECT * { FILTER(CONTAINS(?a ?b)) }", 1, 31, False, "expected ',', found '?b)) }'"),
    ("SELECT * { FILTER(RAND(1)) }", 1, 23, False, "expected '()' after RAND, found '(1)) }'"),
    ("SELECT * { FILTER(RAND) }", 1, 23, False, "expected '()' after RAND, found ') }'"),
    ("SELECT * { FILTER(BOUND(1)) }", 1, 25, False, "expected a variable, found '1)) }'"),
    ("SELECT * { FILTER(BOUND(?x ?y)) }", 1, 28, False, "expected ')', found '?y)) }'"),
    ("SELECT * { FILTER(IF(?a, ?b)) }", 1, 28, False, "expected ',', found ')) }'"),
    ("SELECT * { FILTER(REGEX(?a)) }", 1, 27, False, "expected ',', found ')) }'"),
    ("SELECT * { FILTER(REPLACE(?a, ?b)) }", 1, 33, False, "expected ',', found ')) }'"),
    ("SELECT * { FILTER(SUBSTR(?a, 1, 2, 3)) }", 1, 34, False, "expected ')', found ', 3)) }'"),
    ("SELECT * { FILTER(BNODE(1, 2)) }", 1, 26, False, "expected ')', found ', 2)) }'"),
    ("SELECT * { FILTER(CONCAT(?a ?b)) }", 1, 29, False, "expected ')', found '?b)) }'"),
    ("SELECT * { FILTER(NOT ?x) }", 1, 23, False, "expected EXISTS, found '?x) }'"),
    ("SELECT * { FILTER(EXISTS ?x) }", 1, 26, False, "expected '{', found '?x) }'"),
    ("SELECT * { FILTER(?a +) }", 1, 23, False, "expected an expression, found ') }'"),
    ("SELECT * { FILTER(?a *) }", 1, 23, False, "expected an expression, found ') }'"),
    ("SELECT * { FILTER(?a < ) }", 1, 24, False, "expected an expression, found ') }'"),
    ("SELECT * { FILTER((?a) }", 1, 24, False, "expected ')', found '}'"),
    ("SELECT * { FILTER(?a ||) }", 1, 24, False, "expected an expression, found ') }'"),
    ("SELECT * { FILTER(?a &&) }", 1, 24, False, "expected an expression, found ') }'"),
    ("SELECT * { FILTER(ex:f(?a) }", 1, 19, False, "the prefix 'ex:' is not declared"),
    ("SELECT * { FILTER(ex:f(?a ?b)) }", 1, 19, False, "the prefix 'ex:' is not declared"),
    ("SELECT (GROUP_CONCAT(?o ; SEPARATOR=1) AS ?g) { }", 1, 37, False, "expected a string after SEPARATOR=, found '1) AS ?g) { }'"),
    ("SELECT (GROUP_CONCAT(?o ; ?x) AS ?g) { }", 1, 27, False, "expected SEPARATOR, found '?x) AS ?g) { }'"),
    ("SELECT (GROUP_CONCAT(?o ; SEPARATOR ',') AS ?g) { }", 1, 37, False, "expected '=', found \"',') AS ?g) { }\""),
    ("SELECT (COUNT() AS ?n) { }", 1, 15, False, "expected an expression, found ') AS ?n) { }'"),
    ("SELECT (COUNT(?a ?b) AS ?n) { }", 1, 18, False, "expected ')', found '?b) AS ?n) { }'"),
    ("SELECT (SUM(*) AS ?n) { }", 1, 13, False, "expected an expression, found '*) AS ?n) { }'"),
    ("DESCRIBE", 1, 9, False, "expected an IRI, found the end of the request"),
    ("DESCRIBE WHERE { }", 1, 10, False, "expected an IRI, found 'WHERE { }'"),
    ("DESCRIBE * WHERE", 1, 17, False, "expected '{', found the end of the request"),
    ("CONSTRUCT { ?s ?p ?o }", 1, 23, False, "expected '{', found the end of the request"),
    ("CONSTRUCT WHERE { FILTER(true) }", 1, 19, False, "expected a triple pattern, found 'FILTER(true) }'"),
    ("CONSTRUCT WHERE ?s", 1, 17, False, "expected '{', found '?s'"),
    ("CONSTRUCT { ?s ?p ?o . . } WHERE { }", 1, 24, False, "expected a triple pattern, found '. } WHERE { }'"),
    ("CONSTRUCT { ?s ?p ?o ", 1, 22, False, "expected '}', found the end of the request"),
    ("ASK", 1, 4, False, "expected '{', found the end of the request"),
    ("ASK { } garbage", 1, 9, False, "expected the end of the query, found 'garbage'"),
    ("SELECT * { } } ", 1, 14, False, "expected the end of the query, found '} '"),
    ("SELECT * { ?s ?p ?o } VALUES", 1, 29, False, "expected '(', found the end of the request"),
    ("PREFIX ex <http://a.example/> ASK { }", 1, 8, False, "expected a prefix name such as 'ex:', found 'ex <http://a.example'"),
    ("PREFIX ex: ASK { }", 1, 12, False, "expected an IRI in angle brackets, found 'ASK { }'"),
    ("PREFIX ex: http://a.example/ ASK { }", 1, 12, False, "expected an IRI in angle brackets, found 'http://a.example/ AS'"),
    ("BASE ASK { }", 1, 6, False, "expected an IRI in angle brackets, found 'ASK { }'"),
    ("ASK { no:a ?p ?o }", 1, 7, False, "the prefix 'no:' is not declared"),
    ("HELLO", 1, 1, False, "expected SELECT, CONSTRUCT, DESCRIBE, ASK or an update operation, found 'HELLO'"),
    ("SELECT * { ?s <http://a.example/p>/ ?o }", 1, 37, False, "expected a property path (an IRI, 'a', '^', '!' or '('), found '?o }'"),
    ("SELECT * { ?s ^ ?o }", 1, 17, False, "expected a property path (an IRI, 'a', '^', '!' or '('), found '?o }'"),
    ("SELECT * { ?s !1 ?o }", 1, 16, False, "expected an IRI or 'a' in a negated property set, found '1 ?o }'"),
    ("SELECT * { ?s ?p [ ?q ] }", 1, 23, False, "expected an object (an IRI, a literal, a variable or a blank node), found '] }'"),
    ("SELECT * { ?s ?p [ ?q ?r }", 1, 26, False, "expected ']', found '}'"),
    ("SELECT * { ?s ?p ( ?a }", 1, 23, False, "expected an object (an IRI, a literal, a variable or a blank node), found '}'"),
    ("SELECT * { ?s ?p ?o , }", 1, 23, False, "expected an object (an IRI, a literal, a variable or a blank node), found '}'"),
    ("SELECT * { ?s 1 ?o }", 1, 15, False, "expected a property path (an IRI, 'a', '^', '!' or '('), found '1 ?o }'"),
    ("SELECT * { ?s ?p ?o ; 1 ?o }", 1, 23, False, "expected a property path (an IRI, 'a', '^', '!' or '('), found '1 ?o }'"),
    ("SELECT * { ?s ?p ?o FILTER(true) ?s }", 1, 37, False, "expected a property path (an IRI, 'a', '^', '!' or '('), found '}'"),
    ("SELECT * { ?s ?p 'x'^^ }", 1, 24, False, "expected an IRI, found '}'"),
    ("SELECT * { ?s ?p 'x'^^1 }", 1, 23, False, "expected an IRI, found '1 }'"),
    ("SELECT * { ?s ?p ?o } LIMIT -1", 1, 29, False, "expected an integer after LIMIT, found '-1'"),
    ("CLEAR", 1, 6, True, "expected DEFAULT or NAMED or ALL, found the end of the request"),
    ("CLEAR GRAPH", 1, 12, True, "expected an IRI, found the end of the request"),
    ("DROP SILENT", 1, 12, True, "expected DEFAULT or NAMED or ALL, found the end of the request"),
    ("CREATE <http://a.example/g>", 1, 8, True, "expected GRAPH, found '<http://a.example/g>'"),
    ("CREATE SILENT", 1, 14, True, "expected GRAPH, found the end of the request"),
    ("ADD <http://a.example/g>", 1, 25, True, "expected TO, found the end of the request"),
    ("ADD <http://a.example/g> TO", 1, 28, True, "expected an IRI, found the end of the request"),
    ("MOVE DEFAULT <http://a.example/g>", 1, 14, True, "expected TO, found '<http://a.example/g>'"),
    ("COPY TO DEFAULT", 1, 6, True, "expected an IRI, found 'TO DEFAULT'"),
    ("WITH <http://a.example/g> { }", 1, 27, True, "expected INSERT or DELETE, found '{ }'"),
    ("WITH <http://a.example/g> WHERE { }", 1, 27, True, "expected INSERT or DELETE, found 'WHERE { }'"),
    ("DELETE { } INSERT { }", 1, 22, True, "expected WHERE, found the end of the request"),
    ("INSERT { } WHERE", 1, 17, True, "expected '{', found the end of the request"),
    ("INSERT { } USING WHERE { }", 1, 18, True, "expected an IRI, found 'WHERE { }'"),
    ("DELETE WHERE", 1, 13, True, "expected '{', found the end of the request"),
    ("DELETE WHERE { ?s ?p }", 1, 22, True, "expected an object (an IRI, a literal, a variable or a blank node), found '}'"),
    ("INSERT DATA", 1, 12, True, "expected '{', found the end of the request"),
    ("INSERT DATA { GRAPH { } }", 1, 21, True, "expected an IRI, found '{ } }'"),
    ("CLEAR ALL ; ;", 1, 13, True, "expected an update operation after ';', found ';'"),
    ("CLEAR ALL CLEAR ALL", 1, 11, True, "expected ';' or the end of the update, found 'CLEAR ALL'"),
    ("CLEAR ALL ; SELECT * { }", 1, 13, True, "expected an update operation after ';', found 'SELECT * { }'"),
    ("CLEAR ALL ; garbage", 1, 13, True, "expected an update operation after ';', found 'garbage'"),
    ("SELECT * { } ; CLEAR ALL", 1, 14, False, "expected the end of the query, found '; CLEAR ALL'"),
]


@pytest.mark.parametrize(("text", "line", "column", "update", "message"), ERRORS)
def test_errors_say_exactly_where_and_what(text, line, column, update, message):
    with pytest.raises(SparqlSyntaxError) as e:
        parse(text)
    assert (e.value.line, e.value.column, e.value.update, e.value.message) == (line, column, update, message)
    assert str(e.value) == f"line {line}, column {column}: {message}"


def test_the_text_shown_in_an_error_is_the_rest_of_its_line_up_to_20_characters():
    with pytest.raises(SparqlSyntaxError) as e:
        parse("SELECT * {\n  ?s ?p ?o ?a ?b ?c ?d ?e ?f ?g ?h\n}")
    assert (e.value.line, e.value.column, e.value.message) == (2, 12, "expected '.', '}' or a graph pattern, found '?a ?b ?c ?d ?e ?f ?g'")
    with pytest.raises(SparqlSyntaxError) as e:
        parse("SELECT * {\n\n?s ?p ?o ?a\n?b }")
    assert (e.value.line, e.value.column, e.value.message) == (3, 10, "expected '.', '}' or a graph pattern, found '?a'")


# -- nesting: the bound, exactly, for every production that nests


#: kind -> (head, a sibling of one level, opening, innermost, closing, tail, levels the head opens)
NESTS = {
    "groups": ("SELECT * {", "{} ", "{", "", "}", "}", 1),
    "expressions": ("SELECT * { FILTER(", "(1) && ", "(", "1", ")", ") }", 2),
    "collections": ("SELECT * { ?s ?p ", "(1) , ", "(", "1", ")", " }", 1),
    "property lists": ("SELECT * { ?s ?p ", "[ ?p 1 ] , ", "[ ?p ", "1", " ]", " }", 1),
    "paths": ("SELECT * { ?s ", "(a)/", "(", "a", ")", " ?o }", 1),
    "quads": ("INSERT DATA { <http://a.example/s> <http://a.example/p> ", "(1) , ", "(", "1", ")", " }", 1),
}


def nest(kind: str, n: int, siblings: int = 0) -> str:
    """``n`` levels of ``kind`` in all (those the head opens included), after ``siblings``
    constructs of one level each, opened and closed before."""
    head, sibling, opening, innermost, closing, tail, outer = NESTS[kind]
    inner = n - outer
    return head + sibling * siblings + opening * inner + innermost + closing * inner + tail


@pytest.fixture
def deep_stack():
    """Room on the stack for the bound itself (mutmut's trampolines add frames to every call)."""
    import sys

    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(max(limit, 6000))
    yield
    sys.setrecursionlimit(limit)


@pytest.mark.parametrize("kind", sorted(NESTS))
def test_nesting_is_refused_one_level_past_the_bound(kind, deep_stack):
    assert parse(nest(kind, MAX_DEPTH, siblings=60)).kind in ("query", "update")
    with pytest.raises(SparqlSyntaxError) as e:
        parse(nest(kind, MAX_DEPTH + 1, siblings=60))
    assert e.value.message == f"nested more than {MAX_DEPTH} levels deep"
    assert e.value.update == (kind == "quads")


def test_a_recursion_error_is_refused_as_too_deep():
    import inspect
    import sys

    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(len(inspect.stack()) + 120)
    try:
        with pytest.raises(SparqlSyntaxError) as e:
            parse("INSERT { } WHERE { FILTER(" + "(" * 40 + "1" + ")" * 40 + ") }")
        with pytest.raises(SparqlSyntaxError) as q:
            parse("ASK { FILTER(" + "(" * 40 + "1" + ")" * 40 + ") }")
    finally:
        sys.setrecursionlimit(limit)
    assert e.value.message == q.value.message == f"nested more than {MAX_DEPTH} levels deep"
    assert e.value.update and not q.value.update
    assert (e.value.line, q.value.line) == (1, 1) and e.value.column > 26 and q.value.column > 13
