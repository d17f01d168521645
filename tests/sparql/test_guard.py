"""The gate: every update form is refused as read-only, every SERVICE variant with 400, unless
its exact IRI is on the allow-list; the verdict is the same from the cache."""

from __future__ import annotations

import pytest

from fhkg.errors import UsageError
from fhkg.namespaces import prefixes
from fhkg.sparql.guard import READ_ONLY, Guard, Refused, allow_list

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
    assert e.value.status == 403


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
    with pytest.raises(Refused, match="not on the allow-list"):
        g.check(service_text("plain", URL + "/"))


def test_queries_pass_and_the_verdict_is_remembered(guard):
    text = "SELECT ?s { ?s a fh:Municipality }"
    assert guard.check(text) is guard.check(text)
    with pytest.raises(Refused):
        guard.check(UPDATES["CLEAR"])
    with pytest.raises(Refused):  # from the cache: the same refusal again
        guard.check(UPDATES["CLEAR"])


@pytest.mark.parametrize("url", ["ftp://example.org/sparql", "example.org/sparql", "http://example.org/a/../sparql", "http://example.org/ sparql", "http:///sparql"])
def test_the_allow_list_takes_full_http_urls_only(url):
    with pytest.raises(UsageError, match="--allow-service"):
        allow_list([url])


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
