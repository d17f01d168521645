"""Mutation testing of the core with mutmut 3, one module at a time.

    python tools/mutation.py guard             # mutate src/fhkg/sparql/guard.py, run its tests
    python tools/mutation.py guard --fresh     # the same, from scratch (after tests changed)
    python tools/mutation.py guard results     # the surviving mutants of the last run
    python tools/mutation.py guard show NAME   # the diff of one mutant
    python tools/mutation.py --list            # the modules and the tests each is run with

The settings every module shares (what to copy next to the mutated code, the pytest options)
are ``[tool.mutmut]`` in ``pyproject.toml``; this script adds, per module, the files to mutate
(``only_mutate``) and the few test files that exercise them (``pytest_add_cli_args_test_selection``),
so a run never starts the whole suite. mutmut keeps its work in ``mutants/`` (ignored by git); the
folder of another module is moved aside to ``mutants-<module>/`` first, so ``results`` and
``show`` of an earlier module still work after running the next one.

A development tool, slow (minutes per module), not part of the test command nor of CI;
``docs/mutation.md`` has the numbers and the explanation of every surviving mutant.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

#: module key -> (files to mutate, test files, mutant name patterns: [] for every mutant of the files)
MODULES: dict[str, tuple[list[str], list[str], list[str]]] = {
    "guard": (
        ["src/fhkg/sparql/guard.py"],
        ["tests/sparql/test_guard.py", "tests/server/test_sparql.py", "tests/server/test_service_guard.py", "src/fhkg/sparql/guard.py"],
        [],
    ),
    "conneg": (
        ["src/fhkg/server/conneg.py"],
        ["tests/server/test_conneg.py", "src/fhkg/server/conneg.py"],
        [],
    ),
    # of fhkg.graph.parse the functions that read a file and place its errors; the hostile corpus
    # (tests/hostile/) runs the CLI in child processes, which see no mutant, so it is not run here
    "errors": (
        ["src/fhkg/errors.py", "src/fhkg/graph/parse.py", "src/fhkg/io/inputs.py"],
        ["tests/test_positions.py", "src/fhkg/errors.py", "src/fhkg/io/inputs.py"],
        ["fhkg.errors.*", "fhkg.io.inputs.*"]
        + [f"fhkg.graph.parse.x_{f}__mutmut_*" for f in ("_format_of", "_base_for", "load_file", "parse_file", "_refuse_relative", "_syntax_error", "_check_xml")],
    ),
    # the SHACL-SPARQL constraints and the results made of them (the core components are compared
    # with pySHACL by tests/shacl/test_differential.py, minutes a run: too slow to repeat per mutant)
    "shacl": (
        ["src/fhkg/shacl/engine.py", "src/fhkg/shacl/report.py"],
        ["tests/shacl/test_sparql_results.py", "tests/shacl/test_differential.py::test_on_shapes_that_use_every_core_component"],
        [f"fhkg.shacl.engine.{f}__mutmut_*" for f in ("xǁValidatorǁsparql_constraint", "xǁValidatorǁdeclared_prefixes", "x__fill", "x__shown")]
        + [f"fhkg.shacl.report.{f}__mutmut_*" for f in ("x_result_of", "xǁResultǁkey", "xǁResultǁpath_text", "xǁReportǁof", "xǁReportǁtriples")],
    ),
    # the SHACL Core constraint components (the rest of the engine) and the report's text and JSON
    "core": (
        ["src/fhkg/shacl/engine.py", "src/fhkg/shacl/report.py"],
        ["tests/shacl/test_core_results.py", "tests/shacl/test_counts.py", "tests/shacl/test_differential.py::test_on_shapes_that_use_every_core_component"],
        [f"fhkg.shacl.engine.{f}__mutmut_*" for f in (
            "xǁValidatorǁ__init__", "xǁValidatorǁcounts", "xǁValidatorǁquery", "xǁValidatorǁrun", "xǁValidatorǁ_one_shape", "xǁValidatorǁsubclasses",
            "xǁValidatorǁinstance_pattern", "xǁValidatorǁtarget_pattern", "xǁValidatorǁvalue_pattern", "xǁValidatorǁvalues_focus",
            "xǁValidatorǁviolations", "xǁValidatorǁfailing", "xǁValidatorǁ_found", "xǁValidatorǁ_filter", "xǁValidatorǁcheck",
            "xǁValidatorǁproperty_pair", "xǁValidatorǁ_pairs", "xǁValidatorǁlogical", "xǁValidatorǁqualified",
            "x__t", "x__int", "x__true", "x__cores", "x__violation_key",
        )]
        + [f"fhkg.shacl.report.{f}__mutmut_*" for f in (
            "x__by_lang", "x_pick", "xǁResultǁmessage", "xǁResultǁshape_name", "xǁReportǁby_focus", "xǁReportǁ_name",
            "xǁReportǁtext", "xǁReportǁto_json", "x_labels_of",
        )],
    ),
    # the shapes graph read into shapes, paths and constraints; the report as a graph and as
    # Turtle; pySHACL's report read into the engine's results (the reference of the differential
    # test), and rdflib's processor that parses each of its queries once
    "shapes": (
        ["src/fhkg/shacl/shapes.py", "src/fhkg/shacl/report.py", "src/fhkg/shacl/reference.py", "src/fhkg/shacl/prepared.py"],
        ["tests/shacl/test_shapes_graph.py", "tests/shacl/test_reference.py", "tests/shacl/test_prepared.py", "tests/shacl/test_prebinding.py", "tests/shacl/test_core_results.py", "tests/shacl/test_sparql_results.py",
         "tests/shacl/test_differential.py::test_on_shapes_that_use_every_core_component", "src/fhkg/shacl/shapes.py"],
        ["fhkg.shacl.shapes.*", "fhkg.shacl.reference.*", "fhkg.shacl.prepared.*", "fhkg.shacl.report.xǁReportǁgraph__mutmut_*", "fhkg.shacl.report.xǁReportǁto_turtle__mutmut_*"],
    ),
    # SPARQL-based constraint components: reading them, their constraints on the Oxigraph engine,
    # the gate's rules for their queries (and the prefixes a query declares), the report's
    # component IRI; what a shapes file asks for beyond Core and SPARQL
    "components": (
        ["src/fhkg/shacl/components.py", "src/fhkg/shacl/engine.py", "src/fhkg/validation.py", "src/fhkg/shacl/report.py", "src/fhkg/shacl/shapes.py"],
        ["tests/shacl/test_components.py", "tests/shacl/test_prebinding.py", "tests/shacl/test_sparql_results.py", "tests/shacl/test_advanced.py", "src/fhkg/shacl/components.py"],
        ["fhkg.shacl.components.*"]
        + [f"fhkg.shacl.shapes.{f}__mutmut_*" for f in ("xǁShapesGraphǁdeclared_prefixes", "xǁShapesGraphǁcomponents", "x_advanced_features", "x_entailments")]
        + [f"fhkg.shacl.engine.{f}__mutmut_*" for f in ("xǁValidatorǁcustom_constraint", "xǁValidatorǁ_selected", "xǁValidatorǁ_prologue", "xǁValidatorǁsparql_constraint", "x__current_shape")]
        + [f"fhkg.validation.{f}__mutmut_*" for f in ("x_check_shape_queries", "x__misplaced", "x__unbindable", "x__place", "x__declared", "x__first_place", "x__in_file")]
        + ["fhkg.shacl.report.x_component_iri__mutmut_*", "fhkg.shacl.report.xǁResultǁcomponent_iri__mutmut_*"],
    ),
    "terms": (
        ["src/fhkg/terms/labels.py", "src/fhkg/terms/formats.py"],
        ["tests/test_labels.py", "tests/test_formats.py", "src/fhkg/terms/labels.py", "src/fhkg/terms/formats.py"],
        [],
    ),
    # parameter binding only (the rendering of results is not in scope yet)
    "queries": (
        ["src/fhkg/queries/params.py"],
        ["tests/test_queries.py", "src/fhkg/queries/"],
        [f"fhkg.queries.params.x_{f}__mutmut_*" for f in ("bind", "rebase_text", "convert", "find_municipality", "insert_into_where", "_expand")],
    ),
    # the query catalogue (headers, resolve), run() and the comment stripper of params.py
    "catalogue": (
        ["src/fhkg/queries/catalogue.py", "src/fhkg/queries/__init__.py", "src/fhkg/queries/params.py"],
        ["tests/test_queries.py", "tests/test_catalogue.py", "src/fhkg/queries/catalogue.py", "src/fhkg/queries/__init__.py"],
        ["fhkg.queries.catalogue.*", "fhkg.queries.x_*", "fhkg.queries.params.x__strip_comments__mutmut_*"],
    ),
    # the SPARQL reader the guard decides on (the guard itself is "guard"); the comparison with
    # Oxigraph on generated requests (tests/sparql/test_against_engine.py) runs Oxigraph in a child
    # process, so it is not run here: tests/sparql/test_reader.py asks pyoxigraph in-process
    "reader": (
        ["src/fhkg/sparql/syntax.py", "src/fhkg/sparql/reader.py", "src/fhkg/sparql/terminals.py", "src/fhkg/sparql/expressions.py", "src/fhkg/sparql/grammar.py", "src/fhkg/sparql/parsed.py"],
        ["tests/sparql/test_reader.py", "tests/sparql/test_syntax.py", "tests/sparql/test_guard.py", "src/fhkg/sparql/syntax.py"],
        [],
    ),
    # the rendering of a query's answer (table, CSV, TSV, JSON, an ASK, a graph)
    "results": (
        ["src/fhkg/queries/results.py"],
        ["tests/test_results.py"],
        [],
    ),
    # the fast, in-process tests (the round-trip and streaming tests of tests/serialization/ run
    # hypothesis and rapper: half a minute a mutant, too slow to repeat per mutant)
    "serialization": (
        ["src/fhkg/io/bnodes.py", "src/fhkg/io/serialize.py"],
        ["tests/serialization/test_bnode_labels.py", "tests/serialization/test_exact_bytes.py", "src/fhkg/io/bnodes.py", "src/fhkg/io/serialize.py"],
        [],
    ),
}

MARK = ".fhkg-module"


LOCK = ".fhkg-running"


def _running(folder: Path) -> int | None:
    """The process id of a run that is using ``folder``, if one is."""
    try:
        pid = int((folder / LOCK).read_text())
        os.kill(pid, 0)
    except (OSError, ValueError):
        return None
    return pid


def _switch(module: str) -> None:
    """Make ``mutants/`` the folder of ``module``: park another module's, bring this one's back."""
    here = ROOT / "mutants"
    mark = here / MARK
    if here.is_dir():
        owner = mark.read_text().strip() if mark.is_file() else ""
        if owner == module:
            return
        pid = _running(here)
        if pid is not None:
            raise SystemExit(f"mutants/ is in use by the run of {owner!r} (process {pid}): wait for it to end")
        aside = ROOT / f"mutants-{owner or 'unknown'}"
        if aside.exists():
            shutil.rmtree(aside)
        here.rename(aside)
    parked = ROOT / f"mutants-{module}"
    if parked.is_dir():
        parked.rename(here)
    else:
        here.mkdir()
        (here / MARK).write_text(module + "\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("module", nargs="?", choices=sorted(MODULES))
    parser.add_argument("command", nargs="*", default=["run"], help="a mutmut command and its arguments (default: run)")
    parser.add_argument("--list", action="store_true", help="print the modules and their tests")
    parser.add_argument("--fresh", action="store_true", help="forget the module's earlier results first (mutmut keeps a verdict until told otherwise)")
    parser.add_argument("--tests", nargs="+", help="run these tests instead of the module's own (to measure what other tests kill)")
    parser.add_argument("--max-children", type=int, default=2, help="mutants tested at once (default 2: the machine is shared)")
    args, rest = parser.parse_known_args(argv)  # options after the command are mutmut's (results --all true)
    if args.list or not args.module:
        for key, (mutate, tests, names) in MODULES.items():
            print(f"{key:14} {' '.join(mutate)}\n{'':14} tests: {' '.join(tests)}")
            if names:
                print(f"{'':14} only: {' '.join(names)}")
        return 0

    os.chdir(ROOT)
    if args.fresh:
        for folder in (ROOT / f"mutants-{args.module}", ROOT / "mutants"):
            mark = folder / MARK
            if folder.is_dir() and (folder.name != "mutants" or (mark.is_file() and mark.read_text().strip() == args.module)):
                shutil.rmtree(folder)
    _switch(args.module)
    # Tests that start `python -m fhkg` in a child process (the server's) get the unmutated
    # source: mutmut's trampolines cannot run outside its own process (they read its settings
    # from the working folder), so only in-process tests can kill a mutant.
    os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT / "src"), os.environ.get("PYTHONPATH", "")]))

    from mutmut import configuration
    from mutmut.__main__ import cli

    mutate, tests, names = MODULES[args.module]
    cfg = configuration.config()
    cfg.only_mutate = mutate
    cfg.pytest_add_cli_args_test_selection = (args.tests or tests) + cfg.pytest_add_cli_args_test_selection
    command = list(args.command) + rest
    if command[0] == "run" and "--max-children" not in command:
        command[1:1] = ["--max-children", str(args.max_children)]
    if command == ["run", "--max-children", str(args.max_children)] and names:
        command += names
    sys.argv = ["mutmut", *command]
    if command[0] != "run":
        return int(cli(command, standalone_mode=False) or 0)
    lock = ROOT / "mutants" / LOCK
    lock.write_text(str(os.getpid()))
    try:
        return int(cli(command, standalone_mode=False) or 0)
    finally:
        lock.unlink(missing_ok=True)


if __name__ == "__main__":
    sys.exit(main())
