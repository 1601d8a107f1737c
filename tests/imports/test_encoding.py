"""Encodings are read from the bytes: UTF-8 first, then the legacy code pages, never guessed."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.imports.encoding import detect_encoding

FRENCH = "titre;texte\nDroit à la déconnexion;L’employeur verse une prime de 50 € par mois.\n"
PORTUGUESE = (
    "title,text\nTeletrabalho,O empregador não pode exigir respostas fora do horário; "
    "as condições e as ações de formação são negociadas com o sindicato.\n"
)
SPANISH = "title,text\nDesconexión,El año de negociación fija la señal: ¿quién responde?\n"
CZECH = (
    "title,text\nOdpojení,Zaměstnavatel nesmí vyžadovat, aby zaměstnanci odpovídali na zprávy "
    "mimo pracovní dobu. Práce na dálku je dobrovolná.\n"
)


def _write(tmp_path: Path, data: bytes) -> Path:
    path = tmp_path / "clauses.csv"
    path.write_bytes(data)
    return path


def test_valid_utf8_is_read_as_utf8(tmp_path: Path) -> None:
    assert detect_encoding(_write(tmp_path, FRENCH.encode("utf-8"))).name == "utf-8"


def test_a_utf8_byte_order_mark_is_recognised(tmp_path: Path) -> None:
    path = _write(tmp_path, FRENCH.encode("utf-8-sig"))
    assert detect_encoding(path).name == "utf-8-sig"


def test_a_utf16_byte_order_mark_is_recognised(tmp_path: Path) -> None:
    assert detect_encoding(_write(tmp_path, FRENCH.encode("utf-16"))).name == "utf-16"


@pytest.mark.parametrize("text", [FRENCH, PORTUGUESE, SPANISH], ids=["fr", "pt", "es"])
def test_western_cp1252_files_decode_exactly(tmp_path: Path, text: str) -> None:
    path = _write(tmp_path, text.encode("cp1252"))
    encoding = detect_encoding(path)
    assert path.read_bytes().decode(encoding.name) == text


def test_cp1252_curly_apostrophe_and_euro_are_kept(tmp_path: Path) -> None:
    path = _write(tmp_path, FRENCH.encode("cp1252"))
    decoded = path.read_bytes().decode(detect_encoding(path).name)
    assert "L’employeur" in decoded
    assert "50 €" in decoded


def test_portuguese_cp1252_is_not_read_as_cp1250(tmp_path: Path) -> None:
    # charset-normalizer alone answers cp1250 here, which turns "não" into "năo".
    path = _write(tmp_path, PORTUGUESE.encode("cp1252"))
    assert "não" in path.read_bytes().decode(detect_encoding(path).name)


def test_central_european_cp1250_keeps_its_code_page(tmp_path: Path) -> None:
    path = _write(tmp_path, CZECH.encode("cp1250"))
    assert path.read_bytes().decode(detect_encoding(path).name) == CZECH


def test_shift_jis_japanese_is_detected(tmp_path: Path) -> None:
    text = "title,text\n在宅勤務,在宅勤務は職員の申出に基づき実施する。市は機器を貸与する。\n"
    path = _write(tmp_path, text.encode("shift_jis"))
    assert path.read_bytes().decode(detect_encoding(path).name) == text


def test_a_legacy_byte_far_into_the_file_is_still_found(tmp_path: Path) -> None:
    ascii_rows = "".join(f"{i},plain ascii text\n" for i in range(60_000))
    path = _write(tmp_path, ("id,text\n" + ascii_rows + "60000,Café à 5 €\n").encode("cp1252"))
    encoding = detect_encoding(path)
    assert encoding.name == "cp1252"
    assert path.read_bytes().decode(encoding.name).endswith("Café à 5 €\n")
