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
    assert "kommun:1276 — Klippan Municipality" in r.stdout  # the focus node's label in the language asked for
    assert "The municipality code must occur exactly once and be four digits" in r.stdout
    r = fhkg("query", "presidium", "--data", str(bad))
    assert r.returncode == 1 and "fyra siffror" in r.stderr  # the report on stderr is in Swedish
    assert "kommun:1276 — Klippans kommun" in r.stderr


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
    import json

    import fhkg as lib
    from fhkg.links import link_triples

    r = fhkg("stats", "--format", "json")
    assert r.returncode == 0
    s = json.loads(r.stdout)
    kg = lib.load()
    assert s["triples"] == len(kg) == sum(s["graphs"].values())
    assert s["classes"]["https://w3id.org/familjen-helsingborg/ontology#Municipality"] == 11
    assert s["classes"]["http://www.w3.org/ns/org#Membership"] == 83
    assert sum(s["outgoing"].values()) == len(link_triples(kg))


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


def test_query_refuses_updates_and_rdf_results_in_tabular_formats():
    r = fhkg("query", "INSERT DATA { <http://example.org/a> <http://example.org/b> <http://example.org/c> }")
    assert r.returncode == 2 and "read-only" in r.stderr
    r = fhkg("query", "CONSTRUCT { ?s a fh:Municipality } WHERE { ?s a fh:Municipality }", "--format", "csv")
    assert r.returncode == 2 and "written as Turtle" in r.stderr


def test_query_help_examples_run():
    """The examples in `fhkg query --help` work as written."""
    import re
    import shlex

    from click.testing import CliRunner

    from fhkg.cli import cli

    help_text = CliRunner().invoke(cli, ["query", "--help"]).output
    examples = [line.strip() for line in help_text.splitlines() if line.strip().startswith("fhkg query ")]
    assert len(examples) >= 3
    for example in examples:
        args = shlex.split(example)[1:]
        r = fhkg(*args)
        assert r.returncode == 0, (example, r.stderr)
        assert re.search(r"\S", r.stdout), example


def test_write_errors_exit_2_without_a_traceback(tmp_path):
    r = fhkg("serialize", "-o", str(tmp_path / "missing" / "x.ttl"))
    assert r.returncode == 2 and "does not exist" in r.stderr and "Traceback" not in r.stderr
    assert not (tmp_path / "missing").exists()


def test_files_written_with_o_get_the_usual_permissions(tmp_path):
    out = tmp_path / "g.nt"
    assert fhkg("serialize", "-o", str(out)).returncode == 0
    mask = os.umask(0)
    os.umask(mask)
    assert out.stat().st_mode & 0o777 == 0o666 & ~mask


def test_cut_off_rdf_xml_is_an_input_error(tmp_path):
    cut = tmp_path / "cut.rdf"
    cut.write_text('<?xml version="1.0"?>\n<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">\n<rdf:Description rdf:about="http://example.org/a">\n', encoding="utf-8")
    r = fhkg("validate", "--data", str(cut))
    assert r.returncode == 2 and f"{cut}:4:" in r.stderr and "not well-formed" in r.stderr


def test_build_refuses_to_replace_a_folder_it_did_not_make(tmp_path):
    precious = tmp_path / "precious"
    precious.mkdir()
    (precious / "thesis.txt").write_text("x", encoding="utf-8")
    r = fhkg("build", "-o", str(precious))
    assert r.returncode == 2 and "not a site fhkg built" in r.stderr
    assert [p.name for p in precious.iterdir()] == ["thesis.txt"]


def test_every_command_module_is_reached_by_its_verbs():
    """fhkg.cli imports a verb's module on first use (fhkg.cli.VERBS): every command that a
    module of fhkg.cli defines is listed there, under its own name and module."""
    import importlib
    import pkgutil

    import fhkg.cli as package

    defined = {}
    for info in pkgutil.iter_modules(package.__path__):
        module = importlib.import_module(f"fhkg.cli.{info.name}")
        for command in getattr(module, "COMMANDS", []):
            defined[command.name] = info.name
    assert defined == package.VERBS
    assert package.cli.list_commands(None) == sorted(defined)  # type: ignore[arg-type]


def test_a_named_query_imports_only_what_it_needs():
    """`fhkg query NAME` on the shipped graph: no other verb's module, no SPARQL guard (a
    catalogue query is not parsed again), no rdflib."""
    code = "import sys\nfrom fhkg.cli import main\nmain(['query', 'presidium', '--format', 'csv'])\nprint('\\n'.join(sorted(sys.modules)), file=sys.stderr)"
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    loaded = set(r.stderr.split())
    assert "fhkg.cli.query" in loaded and "fhkg.queries" in loaded
    assert not loaded & {f"fhkg.cli.{verb}" for verb in ("build", "serve", "validate", "reason", "stats", "serialize")}
    assert not {m for m in loaded if m.startswith(("fhkg.sparql", "rdflib", "fhkg.publish", "fhkg.server", "jinja2"))}
