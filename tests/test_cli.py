"""The command line as a user meets it: exit codes, messages, determinism, help."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from fhkg.cli import main

ROOT = Path(__file__).resolve().parents[1]
VERBS = ["validate", "serialize", "query", "queries", "stats", "reason"]


def fhkg(*args: str, env: dict | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "fhkg", *args],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        cwd=cwd,
        timeout=600,
    )


def test_validate_exits_0_on_the_shipped_graph():
    r = fhkg("validate")
    assert r.returncode == 0, r.stdout + r.stderr
    assert "inga fel" in r.stdout


def test_broken_turtle_exits_2_with_file_line_and_column(tmp_path):
    bad = tmp_path / "broken.ttl"
    bad.write_text('@prefix ex: <http://example.org/> .\nex:a ex:b "c" ;\n    ex:d ex:e ex:f .\n', encoding="utf-8")
    for verb in (["validate"], ["query", "presidium"], ["serialize"], ["stats"]):
        r = fhkg(*verb, "--data", str(bad))
        assert r.returncode == 2, (verb, r.stderr)
        assert f"{bad}:3:" in r.stderr and "Traceback" not in r.stderr, r.stderr


def test_missing_file_and_unknown_type_exit_2(tmp_path):
    r = fhkg("validate", "--data", str(tmp_path / "nope.ttl"))
    assert r.returncode == 2 and "no such file" in r.stderr
    odd = tmp_path / "data.csv"
    odd.write_text("a,b\n", encoding="utf-8")
    r = fhkg("validate", "--data", str(odd))
    assert r.returncode == 2 and "unknown RDF file type" in r.stderr


def test_data_that_breaks_a_shape_exits_1_with_the_shapes_message(tmp_path):
    bad = tmp_path / "kommun.ttl"
    bad.write_text(
        "@prefix fh: <https://w3id.org/familjen-helsingborg/ontology#> .\n"
        "@prefix kommun: <https://w3id.org/familjen-helsingborg/id/kommun/> .\n"
        'kommun:1276 fh:kommunkod "127" .\n',
        encoding="utf-8",
    )
    r = fhkg("validate", "--data", str(bad), "--lang", "en")
    assert r.returncode == 1, r.stdout + r.stderr
    assert "kommun:1276" in r.stdout
    assert "The municipality code must occur exactly once and be four digits" in r.stdout
    r = fhkg("query", "presidium", "--data", str(bad))
    assert r.returncode == 1 and "four digits" in r.stderr


def test_users_own_valid_data_is_added_and_queryable(tmp_path):
    mine = tmp_path / "mine.ttl"
    mine.write_text(
        "@prefix org: <http://www.w3.org/ns/org#> .\n"
        "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
        "<https://example.org/dataset/1> rdfs:seeAlso <https://w3id.org/familjen-helsingborg/id/kommun/1276> .\n",
        encoding="utf-8",
    )
    r = fhkg("query", "SELECT ?s WHERE { ?s rdfs:seeAlso kommun:1276 }", "--data", str(mine), "--format", "csv")
    assert r.returncode == 0, r.stderr
    assert "https://example.org/dataset/1" in r.stdout


@pytest.mark.parametrize("fmt", ["turtle", "nt", "nq", "trig", "jsonld", "xml"])
def test_serialize_gives_the_same_bytes_on_every_run(fmt, tmp_path):
    outs = []
    for seed in ("1", "2"):
        out = tmp_path / f"{seed}.{fmt}"
        r = fhkg("serialize", "--format", fmt, "-o", str(out), env={"PYTHONHASHSEED": seed})
        assert r.returncode == 0, r.stderr
        outs.append(out.read_bytes())
    assert outs[0] == outs[1]
    assert len(outs[0]) > 100_000


def test_serialize_guesses_the_format_from_the_file_name(tmp_path):
    out = tmp_path / "graph.nt"
    assert fhkg("serialize", "-o", str(out)).returncode == 0
    assert out.read_text(encoding="utf-8").startswith("<")


def test_serialize_unknown_format_exits_2():
    r = fhkg("serialize", "--format", "yaml")
    assert r.returncode == 2 and "unknown format" in r.stderr


def test_query_flagship_prints_the_table():
    r = fhkg("query", "municipalities-by-organisation")
    assert r.returncode == 0, r.stderr
    assert r.stdout.splitlines()[0].split() == ["organisation", "namn", "form", "antal", "kommuner"]
    assert "NSVA" in r.stdout and "Hjälpmedel Medelpunkten" in r.stdout


def test_unknown_query_and_bad_sparql_exit_2(tmp_path):
    r = fhkg("query", "no-such-query")
    assert r.returncode == 2 and "unknown query" in r.stderr
    r = fhkg("query", "SELECT ?x WHERE { ?x ")
    assert r.returncode == 2 and "invalid SPARQL" in r.stderr and "Traceback" not in r.stderr


def test_queries_lists_every_named_query():
    r = fhkg("queries", "--lang", "en")
    assert r.returncode == 0
    assert "municipalities-by-organisation" in r.stdout and "--param kommun" in r.stdout


def test_stats():
    r = fhkg("stats", "--format", "json")
    assert r.returncode == 0
    assert '"fh:Municipality"' in r.stdout or "ontology#Municipality" in r.stdout


@pytest.mark.parametrize("verb", VERBS)
def test_every_verb_has_help_with_an_example(verb, capsys):
    with pytest.raises(SystemExit) as e:
        from fhkg.cli import cli

        cli.main(args=[verb, "--help"], prog_name="fhkg")
    assert e.value.code == 0
    out = capsys.readouterr().out
    assert "Example" in out and f"fhkg {verb}" in out


def test_main_returns_exit_codes_in_process(capsys):
    assert main(["validate", "--format", "json"]) == 0
    assert '"conforms": true' in capsys.readouterr().out
    assert main(["query", "no-such-query"]) == 2


def test_reason_exits_0():
    r = fhkg("reason")
    assert r.returncode == 0, r.stdout + r.stderr
    assert "consistent" in r.stdout
