"""fhkg.terms.labels: the one fallback order, the property preference, and determinism."""

from __future__ import annotations

import itertools

import pyoxigraph as ox
import pytest

from fhkg.terms.labels import LABEL_PROPERTIES, Labels, choose, order, pick, text

S = ox.NamedNode("https://w3id.org/familjen-helsingborg/id/kommun/1276")
LABEL, PREF = (ox.NamedNode(p) for p in LABEL_PROPERTIES)


def lit(value: str, lang: str | None = None) -> ox.Literal:
    return ox.Literal(value, language=lang) if lang else ox.Literal(value)


@pytest.mark.parametrize(
    ("available", "lang", "expected"),
    [
        ({"sv": "a", "en": "b"}, "en", "b"),  # the language asked for
        ({"sv": "a", "en": "b"}, "de", "a"),  # then Swedish
        ({"en": "b", "": "c"}, "sv", "b"),  # then English
        ({"": "c", "fr": "d"}, "sv", "c"),  # then untagged
        ({"fr": "d", "de": "e"}, "sv", "e"),  # then the first other tag
        ({}, "sv", None),
    ],
)
def test_the_fallback_order(available: dict[str, str], lang: str, expected: str | None) -> None:
    assert pick(available, lang) == expected
    literals = [lit(v, tag or None) for tag, v in available.items()]
    assert text(literals, lang) == expected
    names = Labels([ox.Quad(S, LABEL, x) for x in literals])
    found = names.label(S.value, lang)
    assert (found[0] if found else None) == expected


def test_order_has_no_repeats() -> None:
    assert order("sv") == ("sv", "en", "")
    assert order("fi") == ("fi", "sv", "en", "")


def test_rdfs_label_before_pref_label_and_code_point_order_whatever_the_input_order() -> None:
    quads = [ox.Quad(S, PREF, lit("Aaa", "sv")), ox.Quad(S, LABEL, lit("Klippans kommun", "sv")), ox.Quad(S, LABEL, lit("Klippan", "sv"))]
    results = {Labels(p).label(S.value, "sv") for p in itertools.permutations(quads)}
    assert results == {("Klippan", "sv")}
    assert Labels(quads).all(S.value) == {"sv": ["Klippan", "Klippans kommun", "Aaa"]}


def test_a_label_in_another_language_says_so() -> None:
    names = Labels([ox.Quad(S, LABEL, lit("Klippans kommun", "sv"))])
    assert names.label(S.value, "en") == ("Klippans kommun", "sv")
    assert Labels([ox.Quad(S, LABEL, lit("Klippan"))]).label(S.value, "en") == ("Klippan", None)


def test_without_a_label_reserved_terms_then_curie_then_iri() -> None:
    names = Labels([])
    assert names.label("http://www.w3.org/1999/02/22-rdf-syntax-ns#type", "sv") == ("typ", "sv")
    assert names.label("http://www.w3.org/1999/02/22-rdf-syntax-ns#type", "en") == ("type", "en")
    assert names.label("http://www.w3.org/ns/org#Membership", "sv") is None
    assert names.name("http://www.w3.org/ns/org#Membership", "sv") == "org:Membership"
    assert names.name("http://example.org/x y", "sv") == "http://example.org/x y"


def test_choose_keeps_every_literal_of_the_chosen_language_and_ignores_iris() -> None:
    values = [lit("b", "en"), lit("a", "en"), lit("c", "sv"), ox.NamedNode("http://ex/x")]
    assert [x.value for x in choose(values, "en")] == ["a", "b"]
    assert [x.value for x in choose(values, "fi")] == ["c"]


def test_of_store_reads_only_the_named_graphs_asked_for() -> None:
    store = ox.Store()
    g1, g2 = ox.NamedNode("http://ex/g1"), ox.NamedNode("http://ex/g2")
    store.add(ox.Quad(S, LABEL, lit("i g1", "sv"), g1))
    store.add(ox.Quad(S, LABEL, lit("a i g2", "sv"), g2))
    assert Labels.of_store(store, [g1.value]).label(S.value, "sv") == ("i g1", "sv")
    assert Labels.of_store(store).label(S.value, "sv") == ("a i g2", "sv")


def test_only_label_properties_of_iris_count() -> None:
    comment = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#comment")
    quads = [ox.Quad(S, comment, lit("en kommun", "sv")), ox.Quad(ox.BlankNode("b"), LABEL, lit("blank")), ox.Quad(S, LABEL, ox.NamedNode("http://ex/not-a-text")), ox.Quad(S, LABEL, lit("Klippan", "sv"))]
    names = Labels(quads)
    assert names.texts == {S.value: {"sv": ["Klippan"]}}
    assert names.has(S.value) and not names.has("http://ex/other")
    assert names.all("http://ex/other") == {}


def test_name_is_the_label_in_the_readers_language_else_the_curie_under_the_base() -> None:
    names = Labels([ox.Quad(S, LABEL, lit("Klippans kommun", "sv")), ox.Quad(S, LABEL, lit("Klippan Municipality", "en"))])
    assert names.name(S.value, "en") == "Klippan Municipality" and names.name(S.value, "sv") == "Klippans kommun"
    other = "https://w3id.org/familjen-helsingborg/id/kommun/1277"
    assert names.name(other, "sv") == "kommun:1277"  # a CURIE under the default base
    moved = Labels([], base="https://data.example.org/fh/")
    assert moved.name("https://data.example.org/fh/id/kommun/1277", "sv") == "kommun:1277"
    assert moved.name(other, "sv") == other  # no CURIE fits: the IRI itself
    assert moved.label("http://www.w3.org/2000/01/rdf-schema#label", "en") == ("label", "en")


def test_of_store_reads_each_label_once_from_the_graphs_asked_for() -> None:
    store = ox.Store()
    g1, g2 = ox.NamedNode("http://ex/g1"), ox.NamedNode("http://ex/g2")
    store.add(ox.Quad(S, LABEL, lit("Klippan", "sv"), g1))
    store.add(ox.Quad(S, PREF, lit("Klippans kommun", "sv"), g1))
    store.add(ox.Quad(S, LABEL, lit("Klippan Municipality", "en"), g2))
    assert Labels.of_store(store).all(S.value) == {"en": ["Klippan Municipality"], "sv": ["Klippan", "Klippans kommun"]}
    assert Labels.of_store(store, ["http://ex/g1"]).all(S.value) == {"sv": ["Klippan", "Klippans kommun"]}
    moved = Labels.of_store(store, base="https://data.example.org/fh/")
    assert moved.name("https://data.example.org/fh/id/kommun/1277", "sv") == "kommun:1277"
    assert Labels.of_store(store).name("https://w3id.org/familjen-helsingborg/id/kommun/1277", "sv") == "kommun:1277"


def test_by_language_groups_texts_by_tag_in_code_point_order() -> None:
    from fhkg.terms.labels import by_language

    literals = [lit("b", "sv"), lit("a", "sv"), lit("x"), ox.NamedNode("http://ex/not-a-text"), lit("e", "en")]
    assert by_language(literals) == {"": ["x"], "en": ["e"], "sv": ["a", "b"]}
    assert list(by_language(literals)) == ["", "en", "sv"]
