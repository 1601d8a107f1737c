"""The reader's language from a request: `lang`, then the cookie, then Accept-Language."""

from __future__ import annotations

from starlette.requests import HTTPConnection

from app.i18n.negotiate import LANGUAGE_COOKIE, choose_language, reader_language

AVAILABLE = ["en", "es", "fr", "pt"]


def _connection(query: str = "", **headers: str) -> HTTPConnection:
    raw = [(name.replace("_", "-").encode(), value.encode()) for name, value in headers.items()]
    return HTTPConnection({"type": "http", "query_string": query.encode(), "headers": raw})


def test_cookie_is_used_when_no_lang_is_given() -> None:
    assert choose_language(None, "es", AVAILABLE, cookie="pt") == "pt"


def test_explicit_lang_beats_the_cookie() -> None:
    assert choose_language("fr", "es", AVAILABLE, cookie="pt") == "fr"


def test_unavailable_choices_fall_through_to_the_next() -> None:
    assert choose_language("ja", "es-419", AVAILABLE, cookie="ko") == "es"


def test_filipino_readers_get_the_tagalog_catalog_cldr_aliases() -> None:
    assert choose_language(None, "fil-PH", ["en", "tl"]) == "tl"


def test_another_script_is_not_taken_for_the_same_language() -> None:
    assert choose_language(None, "zh-TW", ["en", "zh-Hans"]) == "en"


def test_request_language_reads_query_cookie_and_header() -> None:
    cookie = f"{LANGUAGE_COOKIE}=pt-BR"
    assert reader_language(_connection(accept_language="fr"), AVAILABLE) == "fr"
    assert reader_language(_connection(cookie=cookie, accept_language="fr"), AVAILABLE) == "pt"
    assert reader_language(_connection("lang=es", cookie=cookie), AVAILABLE) == "es"
    assert reader_language(_connection("lang=%%%"), AVAILABLE) == "en"
