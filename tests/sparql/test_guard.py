"""The gate: every update form is refused as read-only, every SERVICE variant with 400, unless
its exact IRI is on the allow-list; the verdict is the same from the cache."""

from __future__ import annotations

import pytest

from fhkg.errors import UsageError
from fhkg.queries import bind, catalogue
from fhkg.sparql.guard import READ_ONLY, Guard, Refused, allow_list
from fhkg.terms.namespaces import prefixes

from .cases import SERVICE_VARIANTS, UPDATES, service_text

URL = "http://127.0.0.1:9/sparql"


@pytest.fixture(scope="module")
def guard():
    return Guard(prefixes())


@pytest.mark.parametrize("name", sorted(UPDATES))
def test_every_update_form_is_refused_as_read_only(guard, name):
    with pytest.raises(Refused) as e:
        guard.check(UPDATES[name])
    assert e.value.status == 403 and str(e.value) == READ_ONLY


def test_an_invalid_update_is_still_refused_as_read_only(guard):
    with pytest.raises(Refused) as e:
        guard.check("DELETE { ?s ?p ?o }")
    assert e.value.status == 403 and str(e.value) == READ_ONLY


@pytest.mark.parametrize("name", sorted(SERVICE_VARIANTS))
def test_every_service_variant_is_refused(guard, name):
    with pytest.raises(Refused) as e:
        guard.check(service_text(name, URL))
    assert e.value.status == 400
    assert "SERVICE" in str(e.value) or "expected" in str(e.value) or "SILENT" in str(e.value)


def test_the_refusal_says_which_service_and_where(guard):
    with pytest.raises(Refused, match=r"SERVICE <http://127\.0\.0\.1:9/sparql> \(line 1, column 18\) is refused: fhkg makes no requests"):
        guard.check(service_text("plain", URL))
    with pytest.raises(Refused, match=r"SERVICE \?svc .* not a variable"):
        guard.check(service_text("variable", URL))


def test_an_allowed_service_passes_and_only_that_one():
    g = Guard(prefixes(), allow_service=[URL])
    for name in ("plain", "lower-case", "comment-after-keyword", "prefixed", "silent", "escaped-iri", "in-exists", "construct"):
        assert g.check(service_text(name, URL)).services[0].iri == URL
    for name in ("prefixed-local", "variable", "relative", "self", "silent-glued", "codepoint-escape"):
        with pytest.raises(Refused):
            g.check(service_text(name, URL))
    with pytest.raises(Refused) as e:
        g.check(service_text("plain", URL + "/"))
    assert str(e.value) == f"SERVICE <{URL}/> (line 1, column 18) is refused: it is not on the allow-list (--allow-service)"


def test_the_predeclared_prefixes_are_known_to_a_new_guard():
    assert Guard(prefixes()).check("SELECT ?s { ?s a fh:Municipality }").form == "SELECT"
    with pytest.raises(Refused, match="the prefix 'fh:' is not declared"):
        Guard({}).check("SELECT ?s { ?s a fh:Municipality }")


def test_the_cache_keeps_the_512_latest_requests_of_up_to_16_kib():
    g = Guard({})
    first = g.check("ASK {}")
    texts = [f"SELECT * WHERE {{ ?s ?p {i} }}" for i in range(511)]
    kept = [g.check(t) for t in texts]
    assert g.check("ASK {}") is first  # 512 remembered: the first is still there (and now the latest)
    g.check("SELECT * WHERE { ?s ?p 'one more' }")  # the 513th pushes out the least recently used
    assert g.check(texts[0]) is not kept[0]
    assert g.check("ASK {}") is first and g.check(texts[-1]) is kept[-1]
    assert g.check("SELECT * WHERE { ?s ?p 'one more' }") is g.check("SELECT * WHERE { ?s ?p 'one more' }")
    # a request of exactly 16 KiB is remembered, a longer one is read again each time
    exact = "ASK {}" + " " * (16 * 1024 - len("ASK {}"))
    assert len(exact) == 16 * 1024 and g.check(exact) is g.check(exact)
    assert g.check(exact + " ") is not g.check(exact + " ")


def test_queries_pass_and_the_verdict_is_remembered(guard):
    text = "SELECT ?s { ?s a fh:Municipality }"
    assert guard.check(text) is guard.check(text)
    with pytest.raises(Refused):
        guard.check(UPDATES["CLEAR"])
    with pytest.raises(Refused):  # from the cache: the same refusal again
        guard.check(UPDATES["CLEAR"])


@pytest.mark.parametrize(
    "url", ["ftp://example.org/sparql", "example.org/sparql", "http://example.org/a/../sparql", "http://example.org/./sparql", "http://example.org/ sparql", "http://example.org/<sparql>", "http:///sparql"]
)
def test_the_allow_list_takes_full_http_urls_only(url):
    with pytest.raises(UsageError, match="--allow-service"):
        allow_list([url])


def test_the_allow_list_keeps_http_and_https_urls_as_given():
    urls = ["http://127.0.0.1:9/sparql", "https://example.org/SPARQL/X.rq", "https://example.org/a.b/sparql"]
    assert allow_list(urls) == frozenset(urls)


UNKNOWN_CALLS = {
    "in a BIND": "SELECT ?x WHERE { BIND(<http://example.org/f>(1) AS ?x) }",
    "in a FILTER": "SELECT * WHERE { ?s ?p ?o FILTER(<http://example.org/f>(?o)) }",
    "as a bare constraint": "SELECT * WHERE { ?s ?p ?o FILTER <http://example.org/f>(?o) }",
    "prefixed, in ORDER BY": "PREFIX ex: <http://example.org/> SELECT * WHERE { ?s ?p ?o } ORDER BY ex:f(?o)",
    "in a projection": "SELECT (<http://example.org/f>(1) AS ?x) WHERE {}",
    "a DISTINCT aggregate": "PREFIX ex: <http://example.org/> SELECT (ex:f(DISTINCT ?o) AS ?x) WHERE { ?s ?p ?o }",
    "nested around another unknown call": "SELECT (<http://example.org/f>(xsd:int('1')) AS ?x) WHERE {}",
}


@pytest.mark.parametrize("name", sorted(UNKNOWN_CALLS))
def test_a_function_the_engine_does_not_know_is_refused_with_its_place(guard, name):
    with pytest.raises(Refused) as e:
        guard.check(UNKNOWN_CALLS[name])
    assert e.value.status == 400 and "not known here" in str(e.value) and "line 1, column" in str(e.value)


def test_the_refusal_of_an_unknown_function_names_it_its_place_and_the_way_out():
    with pytest.raises(Refused) as e:
        Guard(prefixes()).check(UNKNOWN_CALLS["in a BIND"])  # a guard of its own: not the verdict remembered by another test
    assert str(e.value) == (
        "the function <http://example.org/f> (line 1, column 24) is not known here: use SPARQL 1.1's built-in functions"
        " or an XSD cast (xsd:integer, xsd:decimal, xsd:double, xsd:float, xsd:boolean, xsd:string, xsd:date, xsd:dateTime, …)"
    )


def test_xsd_casts_and_builtins_pass(guard):
    guard.check("SELECT (xsd:integer('4') + xsd:decimal('1.5') AS ?n) (STRLEN('a') AS ?l) WHERE { FILTER(xsd:date('2024-01-01') < NOW()) }")


def test_every_cast_the_gate_lets_through_is_one_oxigraph_evaluates():
    import pyoxigraph as ox

    from fhkg.sparql.guard import FUNCTIONS

    store = ox.Store()
    for iri in sorted(FUNCTIONS):
        list(store.query(f"SELECT (<{iri}>('1') AS ?x) WHERE {{}}"))  # raises if the engine lacks it
    with pytest.raises(RuntimeError, match="not supported"):
        list(store.query("SELECT (<http://www.w3.org/2001/XMLSchema#int>('1') AS ?x) WHERE {}"))


@pytest.fixture(scope="module")
def shipped_graphs():
    from fhkg.graph import load

    return {base: load(base=base) for base in (None, "https://example.org/elsewhere/", "https://example.org/a'b(c)*;d/")}


@pytest.mark.parametrize("name", sorted(catalogue()))
def test_every_shipped_query_as_run_passes_the_guard(shipped_graphs, name):
    """`fhkg query NAME` does not parse a catalogue query again (queries.run): this is why it may
    not. The text as run, its parameters bound and under another base too, passes the guard."""
    q = catalogue()[name]
    assert q.shipped
    for kg in shipped_graphs.values():
        text = bind(kg, q, {})
        Guard(prefixes(kg.base)).check(text)
        assert "SERVICE" not in text.upper()


def test_a_base_that_is_not_an_iri_is_refused():
    from fhkg.graph import load

    with pytest.raises(UsageError, match="not an absolute IRI"):
        load(base="https://example.org/> } SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o")


def test_query_text_and_rq_files_are_still_guarded(tmp_path):
    from fhkg.errors import InputError
    from fhkg.graph import load
    from fhkg.queries import run

    kg = load()
    with pytest.raises(UsageError, match="read-only"):
        run(kg, UPDATES["CLEAR"])
    rq = tmp_path / "s.rq"
    rq.write_text(service_text("plain", URL), encoding="utf-8")
    with pytest.raises(InputError, match="SERVICE"):
        run(kg, str(rq))
