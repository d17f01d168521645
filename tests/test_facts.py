"""Facts only from the report: names, amounts and stated wordings in the graph appear in the
report's text (../shared/source/familjen-helsingborg-2024.txt), so nothing is invented."""

from __future__ import annotations

import re

import pytest


@pytest.fixture(scope="module")
def report(shared_vocab) -> str:
    text = (shared_vocab.parent / "source" / "familjen-helsingborg-2024.txt").read_text(encoding="utf-8")
    text = re.sub(r"(\w)-\s*\n\s*(\w)", r"\1\2", text)  # the PDF's line-end hyphens
    return re.sub(r"\s+", " ", text)


def values(kg, query: str) -> list[str]:
    return sorted({s[0].value for s in kg.query(query)})


def test_every_person_is_named_in_the_report(kg, report):
    names = values(kg, "SELECT ?n WHERE { ?p a foaf:Person ; foaf:name ?n }")
    assert len(names) == 36
    assert [n for n in names if n not in report] == []


def test_every_amount_in_the_finance_appendix_is_printed_in_the_report(kg, report):
    amounts = values(kg, "SELECT ?a WHERE { ?o a qb:Observation ; fh:amount ?a }")
    printed = [f"{abs(int(a)):,}".replace(",", " ") for a in amounts]
    assert len(printed) > 30
    assert [p for p in printed if p not in report] == []


def test_every_stated_wording_from_the_report_is_in_the_report(kg, report):
    wordings = values(
        kg,
        "SELECT ?w WHERE { ?q a ?c ; fh:statedAs ?w ; dcterms:source ?s . FILTER (?c IN (fh:StatedQuantity, fh:Budget, fh:Fee)) FILTER (STRSTARTS(STR(?s), STR(kalla:ar2024))) }",
    )
    assert len(wordings) > 15
    assert [w for w in wordings if re.sub(r"\s+", " ", w) not in report] == []


def test_projects_and_networks_carry_the_reports_names(kg, report):
    projects = values(kg, "SELECT ?n WHERE { ?p a fh:Project ; rdfs:label ?n FILTER (lang(?n) = 'sv') }")
    assert len(projects) == 11
    assert [n for n in projects if n not in report] == []
    networks = values(kg, "SELECT ?n WHERE { ?p a fh:Network ; rdfs:label ?n FILTER (lang(?n) = 'sv') }")
    assert [n for n in networks if n.casefold() not in report.casefold()] == []


def test_every_stated_number_matches_its_wording(kg):
    """A quantity's value is the number its wording gives ("drygt 30 000" -> 30000, "tio" -> 10)."""
    words = {"sex": 6, "tio": 10, "åtta": 8, "trettiotal": 30}
    rows = [(s[0].value, s[1].value) for s in kg.query("SELECT ?v ?w WHERE { ?q a fh:StatedQuantity ; schema:value ?v ; fh:statedAs ?w }")]
    for value, wording in rows:
        digits = [int(d.replace(" ", "")) for d in re.findall(r"\d[\d ]*\d|\d", wording)]
        spelled = [n for w, n in words.items() if re.search(rf"\b{w}\b", wording)]
        assert int(value) in digits + spelled, (value, wording)
