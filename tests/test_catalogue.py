"""The query catalogue (headers read into a NamedQuery, ``resolve``), ``run`` and the comment
stripper that ``insert_into_where`` reads through: exact values, worked out by hand."""

from __future__ import annotations

from pathlib import Path

import pytest

import fhkg
from fhkg import resources
from fhkg.errors import InputError, UsageError
from fhkg.queries import NamedQuery, Parameter, catalogue, resolve, run
from fhkg.queries.params import _strip_comments
from fhkg.sparql import guard as guard_module

SERVICE = "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }"
SERVICE_REFUSED = "SERVICE <http://127.0.0.1:9/sparql> (line 1, column 18) is refused: fhkg makes no requests to other servers unless started with --allow-service URL"


@pytest.fixture(scope="module")
def empty_kg():
    return fhkg.load([], shipped=False)


@pytest.fixture(scope="module")
def other_kg():
    return fhkg.load([], shipped=False, base="http://localhost:8080/")


# -- Parameter


def test_a_parameter_describes_itself():
    assert Parameter("kommun", "municipality", "Klippan", "the place").describe() == "kommun (municipality, default Klippan): the place"
    assert Parameter("datum", "date", None, "the day").describe() == "datum (date, required): the day"
    assert Parameter("datum", "date", "", "the day").describe() == "datum (date, required): the day"


def test_a_parameter_description_in_each_language():
    p = Parameter("x", "string", None, "Kommunen: namn  /  The municipality: name ")
    assert p.description_in("sv") == "Kommunen: namn"
    assert p.description_in("en") == "The municipality: name"
    assert p.description_in("de") == "The municipality: name"
    one = Parameter("x", "string", None, "only one text/no spaces")
    assert one.description_in("sv") == one.description_in("en") == "only one text/no spaces"
    three = Parameter("x", "string", None, "a / b / c")
    assert three.description_in("sv") == three.description_in("en") == "a / b / c"


# -- the header


HEADER = """# title: Svensk titel
# title@en: English title
# a note the header does not know
# question: Svensk fråga?
# question@en: English question?
# param: kommun | municipality | Klippan | Kommunen / The municipality
#param:datum|date||Dagen / The day
# param: Big_2 | integer | 3 | Antal
SELECT * WHERE { ?s ?p ?o }
# title: not a header any more
"""


def test_the_header_is_read_until_the_first_line_that_is_not_a_comment():
    q = NamedQuery.parse(HEADER, "mine", Path("mine.rq"))
    assert (q.name, q.text, q.path, q.shipped) == ("mine", HEADER, Path("mine.rq"), False)
    assert q.titles == {"sv": "Svensk titel", "en": "English title"}
    assert q.questions == {"sv": "Svensk fråga?", "en": "English question?"}
    assert q.parameters == [
        Parameter("kommun", "municipality", "Klippan", "Kommunen / The municipality"),
        Parameter("datum", "date", None, "Dagen / The day"),
        Parameter("Big_2", "integer", "3", "Antal"),
    ]


def test_titles_and_questions_fall_back_to_swedish_then_to_the_name():
    q = NamedQuery.parse(HEADER, "mine")
    assert (q.title(), q.title("sv"), q.title("en"), q.title("de")) == ("Svensk titel", "Svensk titel", "English title", "Svensk titel")
    assert (q.question(), q.question("en"), q.question("de")) == ("Svensk fråga?", "English question?", "Svensk fråga?")
    bare = NamedQuery.parse("# title@en: Only English\nASK {}", "bare")
    assert (bare.title(), bare.title("en"), bare.question(), bare.question("en")) == ("bare", "Only English", "", "")


@pytest.mark.parametrize(
    "line",
    [
        "# param: a | string | x",
        "# param: a | string | x | d | e",
        "# param: a | text | x | d",
        "# param: 2a | string | x | d",
        "# param: a-b | string | x | d",
        "# param: | string | x | d",
    ],
)
def test_a_malformed_parameter_line_is_refused_with_its_line(line):
    text = f"# title: T\n{line}\nASK {{}}"
    message = "a parameter line must read '# param: name | type | default | description' with type one of municipality, iri, date, integer, string"
    with pytest.raises(InputError) as e:
        NamedQuery.parse(text, "mine", Path("q/mine.rq"))
    assert str(e.value) == f"q/mine.rq:2: {message} (fix the file and run the command again)"
    with pytest.raises(InputError) as e:
        NamedQuery.parse(text, "mine")
    assert str(e.value) == f"mine:2: {message} (fix the file and run the command again)"


def test_the_command_that_runs_a_query():
    q = NamedQuery.parse(HEADER, "mine")
    assert q.command() == "fhkg query mine --param kommun=Klippan --param Big_2=3"
    assert q.command({"datum": "2024-01-01", "kommun": "Höganäs kommun"}) == "fhkg query mine --param kommun='Höganäs kommun' --param datum=2024-01-01 --param Big_2=3"
    assert q.command({"kommun": ""}) == "fhkg query mine --param kommun=Klippan --param Big_2=3"
    assert NamedQuery.parse("ASK {}", "plain").command() == "fhkg query plain"


# -- the catalogue and resolve


def test_the_catalogue_is_every_shipped_file_by_name():
    queries = catalogue()
    paths = resources.files("queries")
    assert sorted(queries) == sorted(p.stem for p in paths)
    for path in paths:
        q = queries[path.stem]
        assert (q.name, q.path, q.shipped) == (path.stem, path, True)
        assert q.text == path.read_text(encoding="utf-8")


def test_resolve_a_shipped_name():
    q = resolve("presidium")
    path = resources.shipped_file("queries", "presidium")
    assert (q.name, q.path, q.shipped, q.text) == ("presidium", path, True, path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("suffix", [".rq", ".sparql"])
def test_resolve_a_query_file(tmp_path, suffix):
    path = tmp_path / f"mitt{suffix}"
    path.write_text("# title: Åäö\nASK {}", encoding="utf-8")
    q = resolve(str(path))
    assert (q.name, q.path, q.shipped, q.title()) == ("mitt", path, False, "Åäö")


def test_resolve_refuses_a_missing_file_and_one_that_is_not_utf8(tmp_path):
    missing = tmp_path / "none.rq"
    with pytest.raises(InputError) as e:
        resolve(str(missing))
    assert str(e.value) == f"{missing}: no such query file (check the path)"
    latin = tmp_path / "latin.rq"
    latin.write_bytes("# title: Åäö\nASK {}".encode("latin-1"))
    with pytest.raises(InputError) as e:
        resolve(str(latin))
    assert str(e.value) == f"{latin}: not UTF-8 text (save the file as UTF-8)"


def test_resolve_text_and_unknown_names():
    q = resolve("ASK {}")
    assert (q.name, q.path, q.shipped, q.text) == ("query", None, False, "ASK {}")
    for text in ("ASK{}", "SELECT\t*", "?x", "$x"):
        assert resolve(text).name == "query"
    with pytest.raises(UsageError) as e:
        resolve("no-such-query")
    assert str(e.value) == "unknown query 'no-such-query': not a named query, a .rq file or SPARQL text (see 'fhkg queries')"


# -- run


def test_run_takes_a_named_query_object(empty_kg):
    q = NamedQuery.parse("ASK { FILTER(1 < 2) }", "mine")
    result = run(empty_kg, q)
    assert (result.kind, result.boolean, result.base) == ("ask", True, empty_kg.base)
    assert run(empty_kg, "ASK { FILTER(1 > 2) }").boolean is False


def test_run_gives_the_base_with_every_kind_of_answer(other_kg):
    ask = run(other_kg, "ASK {}")
    assert (ask.kind, ask.boolean, ask.base) == ("ask", True, "http://localhost:8080/")
    select = run(other_kg, "SELECT ?x WHERE { BIND(1 AS ?x) }")
    assert (select.kind, select.variables, [[t.value for t in r] for r in select.rows], select.base) == ("select", ["x"], [["1"]], "http://localhost:8080/")
    graph = run(other_kg, "CONSTRUCT { kommun:1 a kommun:2 } WHERE {}")
    assert (graph.kind, graph.base, len(graph.graph)) == ("graph", "http://localhost:8080/", 1)
    assert dict(graph.graph.namespaces())["kommun"].toPython() == "http://localhost:8080/id/kommun/"


def test_text_is_guarded_and_refusals_say_where(empty_kg, tmp_path):
    with pytest.raises(InputError) as e:
        run(empty_kg, SERVICE)
    assert str(e.value) == f"query: {SERVICE_REFUSED} (fix the query)"
    rq = tmp_path / "s.rq"
    rq.write_text(SERVICE, encoding="utf-8")
    with pytest.raises(InputError) as e:
        run(empty_kg, str(rq))
    assert str(e.value) == f"{rq}: {SERVICE_REFUSED} (fix the query)"
    with pytest.raises(UsageError) as e:
        run(empty_kg, "CLEAR ALL")
    assert not isinstance(e.value, InputError)
    assert str(e.value) == f"fhkg query is {guard_module.READ_ONLY}; change the data files instead"


def test_an_allowed_service_is_passed_to_the_guard(empty_kg, monkeypatch):
    seen = []
    monkeypatch.setattr(guard_module.Guard, "_judge", lambda self, text: seen.append(self.allowed) or guard_module.Parsed("query", "ASK"))
    monkeypatch.setattr(empty_kg, "query", lambda text: fhkg_ask_true())
    run(empty_kg, "ASK {}", allow_service=["http://example.org/sparql"])
    assert seen == [frozenset({"http://example.org/sparql"})]


def fhkg_ask_true():
    import pyoxigraph as ox

    return ox.Store().query("ASK {}")


def test_only_a_shipped_query_under_the_default_base_skips_the_guard(empty_kg, other_kg, monkeypatch):
    checked = []
    check = guard_module.Guard.check
    monkeypatch.setattr(guard_module.Guard, "check", lambda self, text: checked.append(dict(self.prefixes)) or check(self, text))
    shipped = NamedQuery("events", "ASK {}", shipped=True)
    run(empty_kg, shipped)
    assert checked == []
    run(other_kg, shipped)
    assert len(checked) == 1 and checked[0]["kommun"] == "http://localhost:8080/id/kommun/"
    run(empty_kg, NamedQuery("mine", "ASK {}"))
    assert len(checked) == 2 and checked[1]["kommun"] == "https://w3id.org/familjen-helsingborg/id/kommun/"
    # unguarded, its syntax error comes from the engine
    broken = NamedQuery("broken", "SELECT * WHERE { ?s ?p }", shipped=True)
    with pytest.raises(InputError) as e:
        run(empty_kg, broken)
    assert str(e.value).startswith("broken: invalid SPARQL: ") and str(e.value).endswith(" (fix the query)")
    assert len(str(e.value)) > len("broken: invalid SPARQL:  (fix the query)")
    broken.path = Path("q/broken.rq")
    with pytest.raises(InputError) as e:
        run(empty_kg, broken)
    assert str(e.value).startswith("q/broken.rq: invalid SPARQL: ")


@pytest.mark.parametrize("error", [OSError("no network"), RuntimeError("no network"), ValueError("no network")])
def test_an_engine_failure_is_a_usage_error(empty_kg, monkeypatch, error):
    def fail(text):
        raise error

    monkeypatch.setattr(empty_kg, "query", fail)
    with pytest.raises(UsageError) as e:
        run(empty_kg, "ASK {}")
    assert str(e.value) == "the query 'query' failed: no network"


# -- the comment stripper (same length, comments blanked, strings and IRIs kept)


@pytest.mark.parametrize(
    ("query", "stripped"),
    [
        ("a # b\nc", "a    \nc"),
        ("a #b", "a   "),
        ("#a\n#b\nc", "  \n  \nc"),
        ("<http://x/#a> # c\n{", "<http://x/#a>    \n{"),
        ("<a>#b", "<a>  "),
        ("<a#b> #>", "<a#b>   "),
        ("FILTER(?a < 2) # x>\n", "FILTER(?a < 2)     \n"),
        ("?a<2 #>\n{", "?a<2   \n{"),
        ("?a <b c> #x", "?a <b c>   "),
        ("\"#a\" '#b' \"\"\"#c\"\"\" '''#d''' #e", "\"#a\" '#b' \"\"\"#c\"\"\" '''#d'''   "),
        ('"a\\"#" #x', '"a\\"#"   '),
        ("'a\\'#' #x", "'a\\'#'   "),
        ('"a\\\\" #x', '"a\\\\"   '),
        ('"""a"b""#"""#x', '"""a"b""#"""  '),
        ('"""a#"b"""#x', '"""a#"b"""  '),
        ("'''a'b''#'''#x", "'''a'b''#'''  "),
        ('"""a\n#b""" #c', '"""a\n#b"""   '),
        ("'' #x", "''   "),
        ('""#x', '""  '),
        ('"a\n#b', '"a\n#b'),
        ('"ab\\', '"ab\\'),
        ('"a"b#c', '"a"b  '),
        ('"""a""" "#b" #c', '"""a""" "#b"   '),
        ("X #c", "X   "),
        ("x", "x"),
        ("", ""),
    ],
)
def test_strip_comments(query, stripped):
    assert _strip_comments(query) == stripped
    assert len(stripped) == len(query)
