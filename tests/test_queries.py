"""Every named query explains itself and gives its expected result (golden CSV files in
tests/queries/, regenerated with ``pytest --regenerate`` and then read by a person)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import fhkg
from fhkg import resources
from fhkg.errors import UsageError
from fhkg.queries import catalogue, run

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
