#!/usr/bin/env python3
"""fhkg against its engine: whole processes, side by side with bare pyoxigraph, as ratios.

    .venv/bin/python benchmarks/bench.py                    # 10k, 100k and 1M triples
    .venv/bin/python benchmarks/bench.py --sizes 10k,100k,1M,5M --repeat 3

Generates graphs in the project's own model (benchmarks/generate.py) and times, per size, each
operation as a whole process (start-up included, as a user meets it), fhkg and its raw floor
(benchmarks/raw.py: bare pyoxigraph doing the same job) interleaved, medians of ``--repeat``
runs, with each process's peak memory. It prints a table and writes benchmarks/RESULTS.md with
the machine and the exact commands. Nothing is asserted: these are targets to read, not tests.

The validation floor is the same SPARQL queries fhkg's engine runs, run by bare pyoxigraph (what
"SHACL compiled to SPARQL" costs on the engine, with nothing around it), one after another;
fhkg's engine runs them on one thread per core (Oxigraph answers without the GIL), so on two
cores it can be faster than its floor. pySHACL runs once per size while it finishes within
``--pyshacl-limit`` seconds, twice: as it comes (benchmarks/raw.py pyshacl, rdflib and pySHACL
with nothing of fhkg: the peer the target names) and as ``fhkg validate --engine pyshacl`` runs
it (rdflib parsing each SPARQL constraint once); beyond the limit its time is extrapolated
linearly from the largest size it finished (its cost grows at least linearly), and says so.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
PY = sys.executable
#: the fhkg command a user types: the console script installed beside this Python, else ``-m``
FHKG = [str(Path(PY).parent / "fhkg")] if (Path(PY).parent / "fhkg").is_file() else [PY, "-m", "fhkg"]
RAW = [PY, str(HERE / "raw.py")]
FLAGSHIP = ROOT / "queries" / "municipalities-by-organisation.rq"
PRESIDIUM = ROOT / "queries" / "presidium.rq"


def size_of(text: str) -> int:
    text = text.strip().lower()
    factor = {"k": 1_000, "m": 1_000_000}.get(text[-1], 1)
    return int(float(text.rstrip("km")) * factor)


def shown(n: int) -> str:
    return f"{n // 1_000_000}M" if n % 1_000_000 == 0 else f"{n // 1000}k" if n % 1000 == 0 else str(n)


def run(cmd: list[str], env: dict | None = None, timeout: float | None = None) -> tuple[float, float]:
    """(seconds, peak resident MiB) of one process; inf seconds when it fails or times out.

    The disk's dirty pages are written out first (``sync``, not timed): what an earlier run wrote
    (a site is a gigabyte at 100k triples) would otherwise slow the writes of the next."""
    os.sync()
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env={**os.environ, **(env or {})}, cwd=ROOT)
    try:
        _, status, usage = _wait(proc, timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
        return float("inf"), 0.0
    elapsed = time.perf_counter() - start
    if status != 0:
        err = proc.stderr.read().decode("utf-8", "replace")[-400:] if proc.stderr else ""
        print(f"  ! {' '.join(cmd[2:6])}… exited {status}: {err}", file=sys.stderr)
        return float("inf"), 0.0
    return elapsed, usage.ru_maxrss / 1024


def _wait(proc: subprocess.Popen, timeout: float | None):
    deadline = None if timeout is None else time.monotonic() + timeout
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            proc.returncode = os.waitstatus_to_exitcode(status)
            return pid, proc.returncode, usage
        if deadline is not None and time.monotonic() > deadline:
            raise subprocess.TimeoutExpired(proc.args, timeout)
        time.sleep(0.01)


@dataclass
class Row:
    size: str
    what: str
    fhkg: list[float] = field(default_factory=list)
    floor: list[float] = field(default_factory=list)
    memory: list[float] = field(default_factory=list)
    floor_name: str = "raw pyoxigraph"
    target: float | None = None  # the ratio fhkg/floor it should not exceed
    note: str = ""
    lower_bound: bool = False  # the time is at least this (a run that did not finish)

    @property
    def t(self) -> float:
        return statistics.median(self.fhkg) if self.fhkg else float("nan")

    @property
    def f(self) -> float:
        return statistics.median(self.floor) if self.floor else float("nan")

    @property
    def ratio(self) -> float:
        return self.t / self.f if self.floor else float("nan")


@dataclass
class Case:
    row: Row
    cmd: list[str]
    floor: list[str] | None
    fresh_cache: bool = False


def compile_package() -> None:
    """Write the bytecode of the fhkg the runs import, as an installed package has it: with
    PYTHONDONTWRITEBYTECODE set (or a read-only tree) every run would compile fhkg's changed
    modules again, a cost no installed fhkg pays."""
    where = subprocess.run([PY, "-c", "import fhkg, os; print(os.path.dirname(fhkg.__file__))"], capture_output=True, text=True, check=True).stdout.strip()
    subprocess.run([PY, "-m", "compileall", "-q", where], check=True, stdout=subprocess.DEVNULL)


def default_work() -> Path:
    """Where graphs and outputs go: in memory (tmpfs) where the machine has one. A disk's write
    throttling is no part of fhkg's speed, and on the machine of RESULTS.md it is large: the same
    17k small files took 0.4 s to write once and 5-10 s on each repeat on ext4, 0.3 s every
    time on tmpfs."""
    shm = Path("/dev/shm")
    base = shm if shm.is_dir() and os.access(shm, os.W_OK) else Path(tempfile.gettempdir())
    return base / "fhkg-bench"


def fresh_env(tmp: Path) -> dict:
    return {"FHKG_CACHE": tempfile.mkdtemp(dir=tmp)}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="10k,100k,1M", help="graph sizes in triples (k, M suffixes)")
    ap.add_argument("--repeat", type=int, default=3, help="runs per operation (the median is shown)")
    ap.add_argument("--pyshacl-limit", type=float, default=600.0, help="seconds before pySHACL is given up")
    ap.add_argument("--build-max", default="100k", help="largest size at which fhkg build is timed")
    ap.add_argument("--work", type=Path, default=default_work(), help="folder for generated graphs and outputs (default: under /dev/shm where there is one)")
    ap.add_argument("--results", type=Path, default=HERE / "RESULTS.md")
    args = ap.parse_args()
    sizes = [size_of(s) for s in args.sizes.split(",") if s]
    args.work.mkdir(parents=True, exist_ok=True)
    compile_package()
    tmp = Path(tempfile.mkdtemp(dir=args.work))
    rows: list[Row] = []
    cases: list[Case] = []
    warm = fresh_env(tmp)

    # ---------------------------------------------------------------- the shipped graph
    floor_shipped = tmp / "floor-shipped.json"
    record_floor(None, floor_shipped)
    cases += [
        Case(Row("shipped", "fhkg --help", target=1.5, floor_name="python -c 'import click'"), [*FHKG, "--help"], [PY, "-c", "import click"]),
        Case(Row("shipped", "fhkg query presidium", target=2.0), [*FHKG, "query", "presidium", "--format", "csv"], [*RAW, "query", "-", str(PRESIDIUM)]),
        Case(Row("shipped", "fhkg validate", target=3.0, floor_name="the same SPARQL, bare, in sequence"), [*FHKG, "validate"], [*RAW, "queries", "-", str(floor_shipped)], fresh_cache=True),
    ]
    # ---------------------------------------------------------------- generated graphs
    done: dict[str, tuple[int, float, bool]] = {}  # pySHACL's largest size tried, its time and whether it was measured, per kind of run
    for n in sizes:
        data = args.work / f"generated-{shown(n)}.nt"
        if not data.exists():
            print(f"generating {shown(n)} triples …", file=sys.stderr)
            subprocess.run([PY, str(HERE / "generate.py"), str(n), str(data)], check=True)
        s = shown(n)
        floor_file = tmp / f"floor-{s}.json"
        record_floor(data, floor_file)
        cases += [
            Case(Row(s, "load", target=1.3, floor_name="bulk_load"), [PY, "-c", f"import fhkg; fhkg.load([{str(data)!r}])"], [*RAW, "load", str(data)]),
            Case(Row(s, "validate (Oxigraph engine)", target=1.5, floor_name="the same SPARQL, bare, in sequence"), [*FHKG, "validate", "--data", str(data)], [*RAW, "queries", str(data), str(floor_file)], fresh_cache=True),
            Case(Row(s, "flagship query, gate included (first run)", target=1.5), [*FHKG, "query", "--data", str(data), "municipalities-by-organisation", "--format", "csv"], [*RAW, "query", str(data), str(FLAGSHIP)], fresh_cache=True),
            Case(Row(s, "flagship query, gate's verdict cached", target=1.5), [*FHKG, "query", "--data", str(data), "municipalities-by-organisation", "--format", "csv"], [*RAW, "query", str(data), str(FLAGSHIP)]),
            Case(Row(s, "N-Triples dump", target=1.5), [*FHKG, "serialize", "--no-validate", "--data", str(data), "--format", "nt", "-o", str(tmp / "out.nt")], [*RAW, "nt", str(data), str(tmp / "raw.nt")]),
            Case(Row(s, "JSON-LD dump", target=1.5), [*FHKG, "serialize", "--no-validate", "--data", str(data), "--format", "jsonld", "-o", str(tmp / "out.jsonld")], [*RAW, "jsonld", str(data), str(tmp / "raw.jsonld")]),
        ]
        if n <= size_of(args.build_max):
            cases.append(Case(Row(s, "fhkg build", target=10.0, floor_name="fhkg's N-Triples dump"), [*FHKG, "build", "--data", str(data), "-o", str(tmp / f"site-{s}")], [*FHKG, "serialize", "--no-validate", "--data", str(data), "--format", "nt", "-o", str(tmp / "out2.nt")], fresh_cache=True))
        # pySHACL once per size, while it finishes in time: as it comes (the peer of the
        # target), and as fhkg's reference engine runs it (each SPARQL constraint parsed once)
        for key, what, cmd in (
            ("peer", PEER, [*RAW, "pyshacl", str(data)]),
            ("reference", REFERENCE, [*FHKG, "validate", "--data", str(data), "--engine", "pyshacl"]),
        ):
            rows.append(slow_row(s, n, what, cmd, done, key, args.pyshacl_limit, tmp))
    # blank nodes against named nodes, same shape and size
    bn, named = tmp / "ring-blank.nt", tmp / "ring-named.nt"
    bn.write_text("".join(f"_:b{i} <https://example.org/next> _:b{(i + 1) % 2000} .\n" for i in range(2000)), encoding="utf-8")
    named.write_text("".join(f"<https://example.org/n{i}> <https://example.org/next> <https://example.org/n{(i + 1) % 2000}> .\n" for i in range(2000)), encoding="utf-8")
    cases.append(Case(Row("2k ring", "Turtle, 2,000 blank nodes", target=1.5, floor_name="same, 2,000 named nodes"), [*FHKG, "serialize", "--no-validate", "--data", str(bn), "--format", "turtle", "-o", str(tmp / "bn.ttl")], [*FHKG, "serialize", "--no-validate", "--data", str(named), "--format", "turtle", "-o", str(tmp / "nn.ttl")]))
    # a blank hub with 2,000 alike blank leaves (refinement cannot tell them apart: each is set apart in turn)
    hub, hub_named = tmp / "hub-blank.nt", tmp / "hub-named.nt"
    hub.write_text("".join(f'_:hub <https://example.org/part> _:p{i} .\n_:p{i} <https://example.org/name> "part" .\n' for i in range(2000)), encoding="utf-8")
    hub_named.write_text("".join(f'<https://example.org/hub> <https://example.org/part> <https://example.org/p{i}> .\n<https://example.org/p{i}> <https://example.org/name> "part" .\n' for i in range(2000)), encoding="utf-8")
    cases.append(Case(Row("2k hub", "Turtle, a blank hub of 2,000 alike blank nodes", target=1.5, floor_name="same, named nodes"), [*FHKG, "serialize", "--no-validate", "--data", str(hub), "--format", "turtle", "-o", str(tmp / "hb.ttl")], [*FHKG, "serialize", "--no-validate", "--data", str(hub_named), "--format", "turtle", "-o", str(tmp / "hn.ttl")]))

    # ---------------------------------------------------------------- interleaved runs
    for c in cases:  # warm the cached-verdict case (and the OS's file cache) once
        if not c.fresh_cache:
            run(c.cmd, warm)
    for rep in range(args.repeat):
        print(f"round {rep + 1} of {args.repeat} …", file=sys.stderr)
        for c in cases:
            env = fresh_env(tmp) if c.fresh_cache else warm
            pair = [("fhkg", c.cmd), ("floor", c.floor)] if rep % 2 == 0 else [("floor", c.floor), ("fhkg", c.cmd)]
            for who, cmd in pair:
                if cmd is None:
                    continue
                t, mem = run(cmd, env if who == "fhkg" else (fresh_env(tmp) if c.fresh_cache else warm))
                if who == "fhkg":
                    c.row.fhkg.append(t)
                    c.row.memory.append(mem)
                else:
                    c.row.floor.append(t)
    for c in cases:  # what writing a built site's files alone costs, beside its build
        if c.row.what == "fhkg build" and c.row.fhkg and c.row.fhkg[-1] != float("inf"):
            rows.append(files_floor(c, tmp, args.repeat))
    rows = [c.row for c in cases] + rows
    order = {name: i for i, name in enumerate(["shipped", *(shown(n) for n in sizes), "2k ring", "2k hub"])}
    rows.sort(key=lambda r: order.get(r.size, 99))
    table = render(rows)
    print(table)
    args.results.write_text(results_page(table, args, sizes), encoding="utf-8")
    print(f"\nwrote {args.results}", file=sys.stderr)
    return 0


PEER = "validate, pySHACL as it comes (the peer)"
REFERENCE = "validate, fhkg --engine pyshacl (the reference, each SPARQL constraint parsed once)"


def slow_row(size: str, n: int, what: str, cmd: list[str], done: dict[str, tuple[int, float, bool]], key: str, limit: float, tmp: Path) -> Row:
    """One run of a pySHACL validation at ``n`` triples if it can finish within ``limit``
    seconds (judged from the largest size tried, ``done[key]``: its size, its seconds and
    whether they were measured or only a lower bound), else its time extrapolated linearly from
    that size. A run that does not finish took at least ``limit`` seconds (or what the line from
    the size before says, if more): the row says "at least", and the sizes after it start from
    there."""
    row = Row(size, what, floor_name="fhkg's engine")
    last = done.get(key)
    line = last[1] * n / last[0] if last else None
    if line is None or line < limit:
        t, mem = run(cmd, fresh_env(tmp), timeout=limit)
        if t != float("inf"):
            row.fhkg, row.memory = [t], [mem]
            done[key] = (n, t, True)
            return row
        row.fhkg, row.lower_bound = [max(limit, line or 0.0)], True
        row.note = f"at least: it did not finish in {limit:.0f} s" + (f" (linear from {shown(last[0])}: {line:.0f} s)" if last and line is not None else "")
        done[key] = (n, row.fhkg[0], False)
        return row
    assert last is not None
    row.fhkg, row.lower_bound = [line], not last[2]
    row.note = f"extrapolated from {shown(last[0])} (linear{'' if last[2] else ', from at least ' + format(last[1], '.0f') + ' s there'}); not run: it would take over {limit:.0f} s"
    return row


def files_floor(build: Case, tmp: Path, repeat: int) -> Row:
    """A row for writing the files of the site ``build`` made (raw.py files: bare ``os.open`` and
    ``os.write``, timed inside the process, reading them excluded), beside the same floor as the
    build (the N-Triples dump): no build that writes these files can be faster than this."""
    site = Path(build.cmd[build.cmd.index("-o") + 1])
    times, count, size = [], 0, 0
    for _ in range(repeat):
        out = Path(tempfile.mkdtemp(dir=tmp)) / "site"
        os.sync()  # as run() does
        done = subprocess.run([*RAW, "files", str(site), str(out)], capture_output=True, text=True, check=True, cwd=ROOT)
        seconds, count, size = (float(x) for x in done.stdout.split())
        times.append(seconds)
        shutil.rmtree(out.parent)
    what = f"writing the built site's {int(count):,} files ({size / 1e6:,.0f} MB) again, bare os.write"
    return Row(build.row.size, what, fhkg=times, floor=build.row.floor, floor_name=build.row.floor_name, note="the floor of a build that writes these files")


def record_floor(data: Path | None, out: Path) -> None:
    """The SPARQL queries fhkg's engine runs for ``data`` (written to ``out`` as JSON)."""
    code = (
        "import json, sys, fhkg\n"
        "from fhkg.validation import shapes_graph, DATA_KINDS\n"
        "from fhkg.shacl.engine import Validator\n"
        "kg = fhkg.load(sys.argv[2:])\n"
        "seen = []\n"
        "Validator(kg.store, shapes_graph(base=kg.base), kg.graphs_of(*DATA_KINDS), record=seen).run()\n"
        "json.dump(seen, open(sys.argv[1], 'w'))\n"
    )
    subprocess.run([PY, "-c", code, str(out), *([str(data)] if data else [])], check=True, cwd=ROOT)


def render(rows: list[Row]) -> str:
    head = "| graph | operation | fhkg (s) | floor | floor (s) | ratio | target | peak MiB | |\n|---|---|--:|---|--:|--:|--:|--:|---|\n"
    lines = []
    for r in rows:
        ratio = f"{r.ratio:.2f}×" if r.floor else ""
        if r.target is None or not r.floor:
            verdict = ""
        else:
            verdict = "met" if r.ratio <= r.target else "missed"
        if r.what in (PEER, REFERENCE):
            engine = next((x for x in rows if x.size == r.size and x.what.startswith("validate (Oxigraph")), None)
            if not r.fhkg:
                ratio, verdict = "", f"not run: it did not finish within --pyshacl-limit, and no smaller size finished to extrapolate from{' — ' + r.note if r.note else ''}"
            elif engine and engine.fhkg:
                ratio = f"{'≥ ' if r.lower_bound else ''}{r.t / engine.t:.0f}× slower"
                if r.what == PEER:  # the target: fhkg's engine at least 20× faster than pySHACL
                    verdict = "met (≥ 20×)" if r.t / engine.t >= 20 else "not known (a lower bound under 20×)" if r.lower_bound else "missed (< 20×)"
        floor_s = f"{r.f:.2f}" if r.floor else ""
        mem = f"{max(r.memory):.0f}" if r.memory else ""
        t = "" if not r.fhkg else f"{'≥ ' if r.lower_bound else ''}{r.t:.2f}" if r.t != float("inf") else "failed"
        lines.append(f"| {r.size} | {r.what} | {t} | {r.floor_name if r.floor or r.what in (PEER, REFERENCE) else ''} | {floor_s} | {ratio} | {f'≤ {r.target:g}×' if r.target else ''} | {mem} | {' — '.join(filter(None, [verdict, r.note]))} |")
    return head + "\n".join(lines)


def filesystem(folder: Path) -> str:
    """The type of the file system that holds ``folder`` (from /proc/mounts), e.g. ``tmpfs``."""
    mounts = Path("/proc/mounts")
    if not mounts.exists():
        return "file system unknown"
    where = folder.resolve()
    best, kind = "", "file system unknown"
    for line in mounts.read_text().splitlines():
        fields = line.split()
        if len(fields) > 2 and (where == Path(fields[1]) or Path(fields[1]) in where.parents) and len(fields[1]) > len(best):
            best, kind = fields[1], fields[2]
    return kind


def results_page(table: str, args, sizes: list[int]) -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines() if line.startswith("model name")), platform.processor()) if Path("/proc/cpuinfo").exists() else platform.processor()
    mem = next((line.split(":", 1)[1].strip() for line in Path("/proc/meminfo").read_text().splitlines() if line.startswith("MemTotal")), "?") if Path("/proc/meminfo").exists() else "?"
    versions = subprocess.run([PY, "-c", "import fhkg, pyoxigraph, pyshacl, rdflib; print(fhkg.__version__, pyoxigraph.__version__, pyshacl.__version__, rdflib.__version__)"], capture_output=True, text=True, check=False).stdout.split()
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=ROOT, check=False).stdout.strip()
    command = "python benchmarks/bench.py " + " ".join(sys.argv[1:])
    return f"""# Benchmark results

Written by `{command.strip()}` on {time.strftime('%Y-%m-%d')} (fhkg {versions[0] if versions else '?'}, commit {commit or '?'}).

- Machine: {cpu}, {os.cpu_count()} cores, {mem} memory; {platform.platform()}; Python {platform.python_version()}
- pyoxigraph {versions[1] if len(versions) > 1 else '?'}, pySHACL {versions[2] if len(versions) > 2 else '?'}, rdflib {versions[3] if len(versions) > 3 else '?'}
- Graphs: the shipped graph plus `benchmarks/generate.py N` (municipalities, joint organisations,
  memberships with periods, in fhkg's model) at {', '.join(shown(n) for n in sizes)} triples.
- Every time is a whole process (start-up included), the median of {args.repeat} runs, fhkg and its
  floor interleaved; the floor of each row is named beside it (`raw pyoxigraph`: benchmarks/raw.py,
  bare pyoxigraph doing the same job; `bulk_load`: raw.py loading only; for validation, the same
  SPARQL queries fhkg's engine runs, run bare one after another, where fhkg runs them on one
  thread per core). Peak MiB is fhkg's peak resident memory.
- fhkg runs as the `fhkg` command a user types (the console script), its bytecode compiled
  first, as an installed package has it.
- "first run" validates (fresh cache folder); "verdict cached" reuses the gate's verdict for the
  same files, as a repeated command does.
- Graphs, outputs and caches are in `{args.work}` ({filesystem(args.work)}; the default is under
  /dev/shm, in memory, where there is one): the ext4 disk of the machine these benchmarks were
  first run on throttles writes after a burst (17k small files: 0.4 s once, 5-10 s on each
  repeat), which would time the disk's state rather than fhkg.

{table}
"""


if __name__ == "__main__":
    sys.exit(main())
