"""The shipped Turtle files: documented, canonically formatted, free of blank nodes, minting IRIs
only in the documented kinds, and the generated ones in step with their sources."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rdflib import BNode, Graph, URIRef

from fhkg import resources
from fhkg.codegen import render_all
from fhkg.io.turtle import format_file
from fhkg.terms.namespaces import DEFAULT_BASE, KINDS, SCHEMES

ROOT = Path(__file__).resolve().parents[1]
TURTLE = [*resources.files("ontology"), *resources.files("data"), *resources.files("shapes")]
DATA = resources.files("data")


@pytest.mark.parametrize("path", TURTLE, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_file_starts_with_a_comment_saying_what_it_holds(path: Path):
    head = path.read_text(encoding="utf-8").splitlines()[:2]
    assert head and head[0].startswith("# ") and len(head[0]) > 20, f"{path.name} must start with a # comment"


@pytest.mark.parametrize("path", TURTLE, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_file_is_canonically_formatted(path: Path):
    assert path.read_text(encoding="utf-8") == format_file(path), f"run: python -m fhkg.io.turtle {path.relative_to(ROOT)}"


@pytest.mark.parametrize("path", DATA, ids=lambda p: p.name)
def test_data_has_no_blank_nodes(path: Path):
    g = Graph().parse(path)
    blanks = [t for t in g if any(isinstance(x, BNode) for x in t)]
    assert not blanks, f"{path.name}: give every node an IRI ({len(blanks)} triples with blank nodes)"


@pytest.mark.parametrize("path", DATA, ids=lambda p: p.name)
def test_data_mints_iris_only_in_documented_kinds(path: Path):
    g = Graph().parse(path)
    pattern = re.compile(
        re.escape(DEFAULT_BASE)
        + r"(id/(" + "|".join(KINDS) + r")/[a-z0-9][a-z0-9.-]*"
        + r"|id/begrepp/(" + "|".join(SCHEMES.values()) + r")(/[a-z0-9][a-z0-9-]*)?"
        + r"|ontology(#[A-Za-z]+)?)$"
    )
    bad = sorted({str(t) for triple in g for t in triple if isinstance(t, URIRef) and str(t).startswith(DEFAULT_BASE) and not pattern.match(str(t))})
    assert not bad, f"{path.name}: IRIs outside the documented patterns:\n" + "\n".join(bad)


def test_generated_files_are_up_to_date():
    stale = [str(p.relative_to(ROOT)) for p, text in render_all(ROOT).items() if p.read_text(encoding="utf-8") != text]
    assert not stale, f"regenerate with: python -m fhkg.codegen ({', '.join(stale)})"


def test_every_sourced_reference_row_is_a_membership_and_nothing_else(kg):
    import csv

    from fhkg.reference import OWN_SERVICES

    rows = list(csv.DictReader((ROOT / "reference" / "joint-organisations.csv").open(encoding="utf-8")))
    sourced = [r for r in rows if r["confidence"] == "sourced" and r["organisation"] not in OWN_SERVICES]
    n = int(next(iter(kg.query("SELECT (COUNT(?m) AS ?n) WHERE { ?m a org:Membership ; org:member/a fh:Municipality }")))["n"].value)
    assert n == len(sourced)
