"""The README tells the truth: its two commands exist, CI runs the test command, and its sample
of the flagship query is what the query prints."""

from __future__ import annotations

import re
from pathlib import Path

from fhkg.queries import run

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_two_set_up_commands_and_ci_runs_the_test_command():
    assert "python3 dev.py run" in README and "python3 dev.py test" in README
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "python3 dev.py test" in ci


def test_flagship_sample_matches_the_query(kg):
    block = re.search(r"<!-- flagship:start -->\n```text\n(.*?)```\n<!-- flagship:end -->", README, re.S)
    assert block, "README lacks the flagship sample block"
    sample = block.group(1)
    actual = run(kg, "municipalities-by-organisation").render("table")
    assert sample == actual, "regenerate the README sample: python dev.py readme"


def test_exit_codes_are_documented():
    for code in ("0", "1", "2"):
        assert re.search(rf"\|\s*{code}\s*\|", README), f"exit code {code} not in the README table"
