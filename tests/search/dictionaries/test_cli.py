"""`commons lexicon build` and `commons lexicon status`."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from app.search.dictionaries import cli
from app.settings import Settings

from .fixtures import union_dictionaries


def _run(monkeypatch: pytest.MonkeyPatch, data_dir: Path, *args: str) -> tuple[int, str]:
    monkeypatch.setattr(cli, "get_settings", lambda: Settings(env="test", data_dir=data_dir))
    result = CliRunner().invoke(cli.lexicon_app, list(args))
    return result.exit_code, " ".join(result.output.split())


def test_build_then_status_names_the_dictionaries_and_licences(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    dictd = union_dictionaries(tmp_path / "dictd")
    code, said = _run(
        monkeypatch, tmp_path, "build", "--dictionaries", str(dictd), "--apertium", str(tmp_path)
    )
    assert code == 0, said
    assert "from 4 dictionaries" in said
    code, said = _run(
        monkeypatch, tmp_path, "build", "--dictionaries", str(dictd), "--apertium", str(tmp_path)
    )
    assert "is up to date" in said
    code, said = _run(monkeypatch, tmp_path, "status")
    assert code == 0, said
    assert "eng-fra" in said
    assert "CC-BY-SA-3.0" in said


def test_without_dictionaries_nothing_is_built_and_nothing_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    code, said = _run(monkeypatch, tmp_path, "build", "--dictionaries", str(tmp_path))
    assert code == 0
    assert "without translation" in said
    assert not (tmp_path / "lexicon.sqlite3").exists()
    code, said = _run(monkeypatch, tmp_path, "status")
    assert code == 1
    assert "no lexicon" in said
