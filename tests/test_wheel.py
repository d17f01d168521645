"""fhkg works from a wheel, not only from a checkout: the graph ships inside the package."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_wheel_carries_the_graph_and_runs(tmp_path):
    dist = tmp_path / "dist"
    build = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-w", str(dist), str(ROOT)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert build.returncode == 0, build.stdout + build.stderr
    wheel = next(dist.glob("fhkg-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    for folder in ("ontology", "data", "shapes", "queries"):
        shipped = {Path(n).name for n in names if n.startswith(f"fhkg/shipped/{folder}/")}
        local = {p.name for p in (ROOT / folder).iterdir() if p.suffix in (".ttl", ".rq")}
        assert shipped == local, folder
    unpacked = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(unpacked)
    env = {k: v for k, v in os.environ.items() if k != "FHKG_HOME"}
    env["PYTHONPATH"] = str(unpacked)
    run = subprocess.run(
        [sys.executable, "-c", "import fhkg, fhkg.resources as r, sys; print(r.home()); sys.exit(__import__('fhkg.cli', fromlist=['main']).main(['validate']))"],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=600,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert run.stdout.splitlines()[0] == str(unpacked / "fhkg" / "shipped")
