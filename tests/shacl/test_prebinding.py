"""SHACL-SPARQL's restrictions on a constraint's query, whose ``$this`` (and ``$shapesGraph``,
``$currentShape``) are pre-bound (SHACL 1.0, section 5.3.1): no ``MINUS``, no ``VALUES``, no
``AS`` of a pre-bound variable, and a subquery returns ``$this``. Such shapes are refused before
either engine runs (exit 2, naming the shape, the clause and where it is); before, the Oxigraph
engine answered and pySHACL stopped with a traceback. Queries within the rules are accepted, and
both engines report the same for them.
"""

from __future__ import annotations

import subprocess
import sys
from collections import Counter

import pyoxigraph as ox
import pytest

import fhkg
from fhkg.errors import UsageError
from fhkg.graph import GRAPHS, parse_file
from fhkg.shacl.shapes import ShapesGraph
from fhkg.validation import validate

SHAPES = """@prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <http://example.org/> .
ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:sparql [ sh:select \"\"\"{select}\"\"\" ] .
"""
DATA = """@prefix ex: <http://example.org/> .
ex:a a ex:C . ex:b a ex:C ; ex:p 1 . ex:c a ex:C ; ex:p 2 .
"""
P = "<http://example.org/p>"

#: (query, the word the refusal points at, the refusal's words, or None where the query keeps to the rules)
CASES = [
    (f"SELECT $this WHERE {{ $this a ?t MINUS {{ $this {P} ?x }} }}", "MINUS", "MINUS (line 1, column {column}) cannot be used where $this is pre-bound (SHACL 1.0, section 5.3.1); write FILTER NOT EXISTS { … } instead"),
    (f"SELECT $this WHERE {{ $this {P} ?x VALUES ?x {{ 1 }} }}", "VALUES", "VALUES (line 1, column {column}) cannot be used where $this is pre-bound (SHACL 1.0, section 5.3.1); write FILTER (?x IN (…)) instead"),
    (f"SELECT $this WHERE {{ $this {P} ?x }} values ?x {{ 1 }}", "values", "VALUES (line 1, column {column}) cannot be used"),
    (f"SELECT $this ?value WHERE {{ ?s {P} ?value BIND (?s AS ?this) }}", "?this)", "AS ?this (line 1, column {column}) assigns a variable that is pre-bound (SHACL 1.0, section 5.3.1); name it differently"),
    (f"SELECT $this (?x AS $currentShape) WHERE {{ $this {P} ?x }}", "$currentShape", "AS ?currentShape (line 1, column {column}) assigns a variable that is pre-bound"),
    (f"SELECT $this WHERE {{ {{ SELECT ?x WHERE {{ ?x {P} 1 }} }} FILTER (?x = $this) }}", "SELECT ?x", "the subquery's SELECT (line 1, column {column}) does not project $this: a subquery must return every pre-bound variable (SHACL 1.0, section 5.3.1); name $this in its SELECT"),
    (f"SELECT $this WHERE {{ {{ SELECT * WHERE {{ $this {P} 1 }} }} }}", "SELECT *", "SELECT * (line 1, column {column}) does not project $this"),
    # within the rules
    (f"SELECT $this WHERE {{ $this a ?t FILTER NOT EXISTS {{ $this {P} ?x }} }}", None, None),
    (f"SELECT $this ?value WHERE {{ $this {P} ?value FILTER (?value IN (1)) }}", None, None),
    (f"SELECT $this ?value WHERE {{ $this {P} ?x BIND (?x + 1 AS ?value) }}", None, None),
    (f"SELECT $this WHERE {{ {{ SELECT $this (COUNT(?x) AS ?n) WHERE {{ $this {P} ?x }} GROUP BY $this }} FILTER (?n > 0) }}", None, None),
    # $currentShape is the shape (it was unbound on the Oxigraph engine: no results)
    (f'SELECT $this WHERE {{ $this {P} ?x FILTER (STRENDS(STR($currentShape), "/S")) }}', None, None),
]
#: the words in a string: no clause (pySHACL, which searches the text, refuses it)
IN_A_STRING = f"SELECT $this WHERE {{ $this {P} ?x FILTER (STR(?x) != \"MINUS VALUES\") }}"


@pytest.fixture(scope="module")
def data(tmp_path_factory):
    path = tmp_path_factory.mktemp("prebinding") / "data.ttl"
    path.write_text(DATA, encoding="utf-8")
    return path


def shapes_file(tmp_path, select: str):
    path = tmp_path / "shapes.ttl"
    path.write_text(SHAPES.replace("{select}", select), encoding="utf-8")
    return path


def shapes_of(path) -> ShapesGraph:
    return ShapesGraph(ox.Triple(q.subject, q.predicate, q.object) for q in parse_file(path, GRAPHS["shapes"]))


@pytest.mark.parametrize(("select", "at", "refusal"), CASES, ids=range(len(CASES)))
def test_both_engines_refuse_what_shacl_sparql_forbids_and_agree_on_the_rest(select, at, refusal, data, tmp_path):
    kg = fhkg.load([data], shipped=False)
    shapes = shapes_of(shapes_file(tmp_path, select))
    if refusal is not None:
        for engine in ("fast", "pyshacl"):
            with pytest.raises(UsageError) as e:
                validate(kg, shapes=shapes, engine=engine)
            assert str(e.value).startswith("the SPARQL of shape <http://example.org/S> (sh:select) is refused: ")
            assert refusal.replace("{column}", str(select.index(at) + 1)) in str(e.value)  # the column of the clause in the query
    else:
        fast = validate(kg, shapes=shapes)
        reference = validate(kg, shapes=shapes, engine="pyshacl")
        assert Counter(r.key() for r in fast.results) == Counter(r.key() for r in reference.results)
        assert fast.results, "the case should report something"


def test_the_command_says_what_is_refused_and_exits_2(data, tmp_path):
    shapes = shapes_file(tmp_path, CASES[0][0])
    for engine in ("fast", "pyshacl"):
        done = subprocess.run([sys.executable, "-m", "fhkg", "validate", "--data", str(data), "--shapes", str(shapes), "--engine", engine], capture_output=True, text=True)
        assert done.returncode == 2, done.stderr
        line = SHAPES.split("\n")[1]  # the place in the file: the query's line, its column there
        column = line.index("{select}") + CASES[0][0].index("MINUS") + 1
        assert done.stderr.startswith(f"fhkg: error: {shapes}:2:{column}: the SPARQL of shape")
        assert f"MINUS (line 2, column {column}) cannot be used where $this is pre-bound" in done.stderr
        assert "Traceback" not in done.stderr and done.stdout == ""


def test_the_words_in_a_string_are_no_clause_and_pyshacl_s_own_refusal_is_an_error_not_a_traceback(data, tmp_path):
    kg = fhkg.load([data], shipped=False)
    shapes = shapes_of(shapes_file(tmp_path, IN_A_STRING))
    assert sorted(str(r.focus) for r in validate(kg, shapes=shapes).results) == ["<http://example.org/b>", "<http://example.org/c>"]
    with pytest.raises(UsageError, match=r"^pySHACL cannot validate with these shapes: A SPARQL Constraint must not contain a MINUS clause\.$"):
        validate(kg, shapes=shapes, engine="pyshacl")


def test_the_select_of_a_shacl_af_target_binds_nothing_and_is_not_held_to_the_rules(data, tmp_path):
    """A SPARQL-based target (SHACL-AF) selects ``?this``; nothing is pre-bound there, so its
    MINUS is no fault (neither engine runs such a target)."""
    path = tmp_path / "af.ttl"
    path.write_text(
        "@prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <http://example.org/> .\n"
        f'ex:S a sh:NodeShape ; sh:target [ a sh:SPARQLTarget ; sh:select "SELECT ?this WHERE {{ ?this a ?t MINUS {{ ?this {P} ?x }} }}" ] .\n',
        encoding="utf-8",
    )
    kg = fhkg.load([data], shipped=False)
    assert validate(kg, shapes=shapes_of(path)).results == []


def test_a_refusal_says_where_in_the_shapes_file(tmp_path):
    """The place of the refused clause in the file (``file:line:column``, and in the message),
    where the query's text is in the file as written; a query with escapes keeps its own place."""
    many = 'SELECT $this WHERE {\n  $this a ?t MINUS { $this <http://example.org/p> ?x }\n}'
    one = f'SELECT $this WHERE {{ $this {P} ?x VALUES ?x {{ 1 }} }}'
    undeclared = "SELECT $this WHERE { $this ex:p ?x }"
    path = tmp_path / "shapes.ttl"
    head = "@prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <http://example.org/> .\n\nex:S a sh:NodeShape ; sh:targetClass ex:C ;\n"
    cases = [
        (f'  sh:sparql [ sh:select """{many}""" ] .\n', 5, many.split("\n")[1].index("MINUS") + 1, "MINUS"),
        (f'  sh:sparql [ sh:select "{one}" ] .\n', 4, len('  sh:sparql [ sh:select "') + one.index("VALUES") + 1, "VALUES"),
        (f'  sh:sparql [ sh:select "{undeclared}" ] .\n', 4, len('  sh:sparql [ sh:select "') + undeclared.index("ex:p") + 1, "invalid SPARQL"),
    ]
    for body, line, column, what in cases:
        path.write_text(head + body, encoding="utf-8")
        done = subprocess.run([sys.executable, "-m", "fhkg", "validate", "--shapes", str(path)], capture_output=True, text=True)
        assert done.returncode == 2, done.stderr
        assert done.stderr.startswith(f"fhkg: error: {path}:{line}:{column}: the SPARQL of shape <http://example.org/S> (sh:select) is refused: "), done.stderr
        assert f"line {line}, column {column}" in done.stderr and what in done.stderr
    escaped = f'SELECT $this WHERE {{ $this {P} ?x MINUS {{ $this {P} \\"a\\" }} }}'
    path.write_text(head + f'  sh:sparql [ sh:select "{escaped}" ] .\n', encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "fhkg", "validate", "--shapes", str(path)], capture_output=True, text=True)
    assert done.returncode == 2
    assert done.stderr.startswith("fhkg: error: the SPARQL of shape <http://example.org/S> (sh:select) is refused: MINUS (line 1, column "), done.stderr


def test_the_place_of_a_query_is_where_it_is_first_quoted(tmp_path):
    from fhkg.validation import _in_file, _place

    q = "ASK { ?s ?p ?o }"
    files = {name: tmp_path / f"{name}.ttl" for name in ("a", "b", "c", "e", "bare")}
    files["a"].write_text(f'\nx\n  """{q}"""\ny\n', encoding="utf-8")  # line 3, after two line breaks, in a long literal
    files["b"].write_text(f'"{q}" "{q}"', encoding="utf-8")
    files["c"].write_text(f'é "{q}"\n', encoding="utf-8")  # the column in characters
    files["e"].write_text(f'\n"{q}"', encoding="utf-8")  # after a line break at the very start
    files["bare"].write_text(q, encoding="utf-8")  # not a literal
    assert _place([files["a"]], q) == (str(files["a"]), 3, 6)
    assert _place([files["b"]], q) == (str(files["b"]), 1, 2)  # the first of two
    assert _place([files["c"]], q) == (str(files["c"]), 1, 4)
    assert _place([files["e"]], q) == (str(files["e"]), 2, 2)
    assert _place([tmp_path / "missing.ttl", files["bare"], files["e"]], q) == (str(files["e"]), 2, 2)  # a missing file is passed over
    assert _place([files["a"]], "SELECT") is None and _place([files["a"]], " \n") is None
    assert _in_file("no place here", 7, 3) == ("no place here", (7, 3))
    assert _in_file("A (line 1, column 5) and B (line 3, column 2)", 7, 3) == ("A (line 7, column 7) and B (line 9, column 2)", (7, 7))


def test_validate_with_extra_shapes_places_the_refusal_in_the_file(data, tmp_path):
    path = tmp_path / "shapes.ttl"
    query = "SELECT $this WHERE {\n  $this a ?t MINUS { $this <http://example.org/p> ?x }\n}"
    path.write_text(f'@prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <http://example.org/> .\nex:S a sh:NodeShape ; sh:targetClass ex:C ;\n  sh:sparql [ sh:select """{query}""" ] .\n', encoding="utf-8")
    kg = fhkg.load([data], shipped=False)
    with pytest.raises(UsageError) as e:
        validate(kg, extra_shapes=[path])
    column = query.split("\n")[1].index("MINUS") + 1
    assert str(e.value) == (
        f"{path}:4:{column}: the SPARQL of shape <http://example.org/S> (sh:select) is refused: MINUS (line 4, column {column}) cannot be used where "
        "$this is pre-bound (SHACL 1.0, section 5.3.1); write FILTER NOT EXISTS { … } instead"
    )
    one = f"SELECT $this WHERE {{ $this {P} ?x VALUES ?x {{ 1 }} }}"
    path.write_text(f'@prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <http://example.org/> .\nex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:sparql [ sh:select "{one}" ] .\n', encoding="utf-8")
    with pytest.raises(UsageError) as e:
        validate(kg, extra_shapes=[path])
    column = len('ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:sparql [ sh:select "') + one.index("VALUES") + 1
    assert str(e.value).startswith(f"{path}:2:{column}: the SPARQL of shape <http://example.org/S> (sh:select) is refused: VALUES (line 2, column {column}) cannot")
