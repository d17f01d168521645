"""Every named query explains itself and gives its expected result (golden CSV files in
tests/queries/, regenerated with ``pytest --regenerate`` and then read by a person)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import fhkg
from fhkg import resources
from fhkg.errors import UsageError
from fhkg.queries import NamedQuery, Parameter, bind, catalogue, convert, insert_into_where, run

GOLDEN = Path(__file__).parent / "queries"
QUERIES = resources.files("queries")


@pytest.mark.parametrize("path", QUERIES, ids=lambda p: p.stem)
def test_query_has_a_header(path: Path):
    q = catalogue()[path.stem]
    assert path.read_text(encoding="utf-8").startswith("# title: ")
    for lang in ("sv", "en"):
        assert lang in q.titles and lang in q.questions, f"{path.name} needs title and question in {lang}"
    assert q.question("sv").endswith("?") and q.question("en").endswith("?")


@pytest.mark.parametrize("path", QUERIES, ids=lambda p: p.stem)
def test_query_gives_its_expected_result(path: Path, kg, regenerate):
    result = run(kg, path.stem).render("csv")
    golden = GOLDEN / f"{path.stem}.csv"
    if regenerate:
        golden.write_text(result, encoding="utf-8", newline="")
    assert golden.exists(), f"no expected result for {path.stem}: run pytest --regenerate and check the file"
    with golden.open(encoding="utf-8", newline="") as fh:
        assert result == fh.read(), f"{path.stem}: result differs from {golden.name} (check, then: pytest --regenerate)"


def test_at_least_fifteen_named_queries():
    assert len(catalogue()) >= 15


def test_flagship_counts_match_the_memberships(kg):
    rows = {r[0].value: int(r[3].value) for r in run(kg, "municipalities-by-organisation").rows}
    assert rows["https://w3id.org/familjen-helsingborg/id/organisation/familjen-helsingborg"] == 11
    assert rows["https://w3id.org/familjen-helsingborg/id/organisation/nsva"] == 8
    assert "https://w3id.org/familjen-helsingborg/id/organisation/lsr" not in rows  # only uncertain rows


def test_plain_org_query_uses_only_w3c_org_and_rdfs():
    text = (QUERIES[0].parent / "memberships-plain-org.rq").read_text(encoding="utf-8")
    namespaces = set(re.findall(r"PREFIX \w+: <([^>]+)>", text))
    assert namespaces == {"http://www.w3.org/ns/org#", "http://www.w3.org/2000/01/rdf-schema#"}


def test_plain_org_query_returns_the_memberships(kg):
    result = run(kg, "memberships-plain-org")
    members = {(r[0].value, r[1].value) for r in result.rows}
    assert ("NSVA", "Örkelljunga Municipality") in members
    assert len(result.rows) >= 80


@pytest.mark.parametrize(
    "value, expected",
    [("Klippan", "1276"), ("klippans kommun", "1276"), ("1276", "1276"), ("kommun:1257", "1257"), ("Helsingborgs stad", "1283")],
)
def test_municipality_parameter_accepts_names_codes_and_iris(kg, value, expected):
    rows = run(kg, "organisations-of-municipality", {"kommun": value}).rows
    assert rows
    assert all(row for row in rows)
    ref = run(kg, "organisations-of-municipality", {"kommun": expected}).rows
    assert rows == ref


def test_memberships_in_force_respects_known_dates(kg):
    def orgs(date):
        return {(r[0].value, r[1].value) for r in run(kg, "memberships-in-force", {"datum": date}).rows}

    assert ("NSVA", "Örkelljunga kommun") in orgs("2021-01-01")
    assert ("NSVA", "Örkelljunga kommun") not in orgs("2020-12-31")
    assert ("Maria Nordväst missbruk", "Höganäs kommun") in orgs("2024-12-31")
    assert ("Maria Nordväst missbruk", "Höganäs kommun") not in orgs("2025-01-01")


def test_projects_of_one_area(kg):
    rows = run(kg, "projects-by-development-area", {"omrade": "Inre effektivitet"}).rows
    names = sorted(r[2].value for r in rows)
    assert names == ["Gemensam kapacitet inom kulturmiljöarbetet", "Kommunalt acceleratorsprogram", "Smarta lekplatser", "Smarta lokaler"]


@pytest.mark.parametrize("params, message", [({"nope": "1"}, "has no parameter"), ({"kommun": "Lund"}, "no municipality called")])
def test_bad_parameters_are_usage_errors(kg, params, message):
    with pytest.raises(UsageError, match=message):
        run(kg, "organisations-of-municipality", params)


@pytest.mark.parametrize("fmt", ["table", "csv", "tsv", "json"])
def test_formats(kg, fmt):
    out = run(kg, "presidium").render(fmt)
    assert "Christian Orsing" in out and "Lars Nyander" in out


def test_ask_and_construct(kg):
    assert run(kg, "ASK { kommun:1276 org:memberOf organisation:nsr }").render() == "false\n"
    out = run(kg, "CONSTRUCT { ?o org:hasMember kommun:1276 } WHERE { ?o org:hasMember kommun:1276 }").render()
    assert "organisation:medelpunkten" in out


def test_query_on_another_base():
    kg = fhkg.load(base="http://localhost:8080/")
    rows = run(kg, "presidium").rows
    assert rows[0][1].value == "http://localhost:8080/id/person/christian-orsing"


# Parameter binding: each value becomes a SPARQL term built by pyoxigraph, in a VALUES block put
# right after the opening brace of the WHERE clause (docs/mutation.md).

XSD = "http://www.w3.org/2001/XMLSchema#"


@pytest.fixture(scope="module")
def empty_kg():
    return fhkg.load([], shipped=False)


def _p(name: str, type_: str, default: str | None = None, description: str = "what it is") -> Parameter:
    return Parameter(name, type_, default, description)


@pytest.mark.parametrize(
    ("type_", "raw", "term"),
    [
        ("date", " 2024-05-01 ", f'"2024-05-01"^^<{XSD}date>'),
        ("integer", "+12", f'"+12"^^<{XSD}integer>'),
        ("integer", "-3", f'"-3"^^<{XSD}integer>'),
        ("string", 'a "quoted" text', '"a \\"quoted\\" text"'),
        ("string", "12", '"12"'),
        ("iri", "http://example.org/x", "<http://example.org/x>"),
        ("iri", "kommun:1276", "<https://w3id.org/familjen-helsingborg/id/kommun/1276>"),
    ],
)
def test_convert_builds_the_term_of_the_parameter_type(empty_kg, type_, raw, term):
    assert convert(empty_kg, _p("x", type_), raw) == term


@pytest.mark.parametrize(
    ("type_", "raw", "message"),
    [
        ("date", "2024-13-01", "parameter x: '2024-13-01' is not a date; write it as YYYY-MM-DD"),
        ("integer", "1.5", "parameter x: '1.5' is not an integer"),
        ("integer", "12 } ?s ?p ?o {", "parameter x: '12 } ?s ?p ?o {' is not an integer"),
        ("iri", "http://example.org/a b", "parameter x: 'http://example.org/a b' is not an IRI"),
    ],
)
def test_convert_refuses_a_value_that_is_not_of_its_type(empty_kg, type_, raw, message):
    with pytest.raises(UsageError) as e:
        convert(empty_kg, _p("x", type_), raw)
    assert str(e.value) == message


@pytest.mark.parametrize(
    ("query", "bound"),
    [
        ("SELECT * WHERE { ?s ?p ?o }", "SELECT * WHERE { B  ?s ?p ?o }"),
        ("SELECT * where{?s ?p ?o}", "SELECT * where{ B ?s ?p ?o}"),
        ("SELECT * { { ?s ?p ?o } }", "SELECT * { B  { ?s ?p ?o } }"),  # no WHERE keyword: the first brace
        ("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", "CONSTRUCT { ?s ?p ?o } WHERE { B  ?s ?p ?o }"),  # the WHERE brace, not the first
        ("# { not here }\nSELECT * { ?s ?p ?o }", "# { not here }\nSELECT * { B  ?s ?p ?o }"),
        ("SELECT * WHERE { ?s ?p ?o { SELECT * WHERE { ?a ?b ?c } } }", "SELECT * WHERE { B  ?s ?p ?o { SELECT * WHERE { ?a ?b ?c } } }"),
    ],
)
def test_insert_into_where(query, bound):
    assert insert_into_where(query, "B") == bound


def test_insert_into_where_needs_a_group():
    with pytest.raises(UsageError) as e:
        insert_into_where("DESCRIBE <http://example.org/x>", "B")
    assert str(e.value) == "cannot bind parameters: the query has no WHERE clause"


def test_bind_puts_every_parameter_in_a_values_block_and_names_what_is_wrong(empty_kg):
    q = NamedQuery("q", "SELECT * WHERE { ?s ?p ?o }", parameters=[_p("n", "integer"), _p("d", "date", default="2024-01-01")])
    assert bind(empty_kg, q, {"n": "3"}) == f'SELECT * WHERE {{ VALUES ?n {{ "3"^^<{XSD}integer> }} VALUES ?d {{ "2024-01-01"^^<{XSD}date> }}  ?s ?p ?o }}'
    with pytest.raises(UsageError) as e:
        bind(empty_kg, q, {"n": "3", "b": "1", "a": "2"})
    assert str(e.value) == "query 'q' has no parameter a, b (its parameters: n, d)"
    with pytest.raises(UsageError) as e:
        bind(empty_kg, q, {})
    assert str(e.value) == "query 'q' needs --param n=…: what it is"
    bare = NamedQuery("bare", "SELECT * WHERE { ?s ?p ?o }")
    assert bind(empty_kg, bare, {}) == bare.text
    with pytest.raises(UsageError) as e:
        bind(empty_kg, bare, {"x": "1"})
    assert str(e.value) == "query 'bare' has no parameter x (its parameters: none)"


def test_an_unknown_municipality_lists_the_short_names_in_swedish_order(kg):
    from fhkg.queries import find_municipality

    with pytest.raises(UsageError) as e:
        find_municipality(kg, "Lund")
    assert str(e.value) == (
        "no municipality called 'Lund'; use a name (Bjuv, Båstad, Helsingborg, Höganäs, Klippan, Landskrona, Perstorp, Svalöv, Åstorp, Ängelholm, Örkelljunga), a kommunkod or an IRI"
    )
    assert find_municipality(kg, " klippans KOMMUN ".strip()) == find_municipality(kg, "1276") == find_municipality(kg, "kommun:1276")
