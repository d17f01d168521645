"""The message catalogues: every UI string of the code and templates is in them, translated."""

from __future__ import annotations

from pathlib import Path

import pytest

from fhkg.terms import messages

from . import load_tool

tool = load_tool("messages")


def test_catalogues_are_up_to_date_and_complete(capsys: pytest.CaptureFixture[str]) -> None:
    status = tool.main(["--check"])
    assert status == 0, capsys.readouterr().err


def test_the_run_time_translations_are_the_catalogues() -> None:
    # fhkg.terms.messages compiles the .po in memory: every entry of the file comes out as written
    en = messages.translations("en")
    entries = [m for m in tool.read("en") if m.id]
    assert len(entries) == len(tool.messages()) > 100
    for m in entries:
        assert (en.pgettext(m.context, m.id) if m.context else en.gettext(m.id)) == m.string
    assert messages.translations("sv").gettext("Medlemmar") == "Medlemmar"


def test_check_reports_a_string_without_translation(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    # a catalogue that lacks one string: the check names it and fails; updating adds it empty
    po = tmp_path / "en" / "LC_MESSAGES" / "fhkg.po"
    po.parent.mkdir(parents=True)
    found = tool.messages()
    (msgid, context), _ = next(iter(sorted(found.items(), key=lambda kv: kv[0][0])))
    catalog = tool.updated("en", found)
    catalog.delete(msgid, context=context)
    po.write_bytes(tool.render(catalog))
    monkeypatch.setattr(tool, "LOCALE", tmp_path)
    assert tool.main(["--check"]) == 1
    assert "out of date" in capsys.readouterr().err
    assert tool.main([]) == 1  # updated, but the new entry has no translation yet
    assert f"no translation for {msgid!r}" in capsys.readouterr().err
    assert f'msgid "{msgid}"' in po.read_text()


def test_an_unknown_language_is_refused() -> None:
    with pytest.raises(LookupError, match="no message catalogue"):
        messages.translations("de")
