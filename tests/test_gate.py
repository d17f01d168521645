"""The gate: a verdict is reused for the same files and only for them; a graph that does not
conform is refused with the report; the cache keeps a bounded number of verdicts."""

from __future__ import annotations

import pytest

from fhkg import gate
from fhkg.gate import NotConforming, prepare

BAD = (
    "@prefix fh: <https://w3id.org/familjen-helsingborg/ontology#> .\n"
    "<https://w3id.org/familjen-helsingborg/id/kommun/9999> a fh:Municipality .\n"
)


@pytest.fixture
def cache(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("FHKG_CACHE", str(folder))
    return folder / "validation"


def test_a_verdict_is_reused_for_the_same_bytes_and_not_after_a_change(tmp_path, cache, monkeypatch):
    data = tmp_path / "mine.ttl"
    data.write_text(BAD, encoding="utf-8")
    with pytest.raises(NotConforming) as first:
        prepare([data])
    assert "kommun:9999" in first.value.report("en") and len(list(cache.glob("*.json"))) == 1

    calls = []
    monkeypatch.setattr("fhkg.validation.validate", lambda *a, **k: calls.append(1))  # must not run again
    with pytest.raises(NotConforming) as again:
        prepare([data])
    assert again.value.report("sv") == first.value.report("sv") and calls == []

    monkeypatch.undo()
    monkeypatch.setenv("FHKG_CACHE", str(cache.parent))
    data.write_text(BAD.replace("a fh:Municipality", "a <https://example.org/Thing>"), encoding="utf-8")
    assert len(prepare([data])) > 0  # new bytes, new verdict: conforms now
    assert len(list(cache.glob("*.json"))) == 2


def test_the_cache_keeps_a_bounded_number_of_verdicts(tmp_path, cache, monkeypatch):
    monkeypatch.setattr(gate, "KEEP", 3)
    for i in range(5):
        data = tmp_path / f"d{i}.ttl"
        data.write_text(f"<https://example.org/s{i}> <https://example.org/p> {i} .\n", encoding="utf-8")
        prepare([data])
    assert len(list(cache.glob("*.json"))) == 3
