"""Pydantic's validation errors, worded by us in the reader's language.

Pydantic writes its messages in English only. Each error carries a stable `type` and, for most,
a `ctx` with its limits; we word the types our API can meet with our own templates and leave
our own `value_error` messages as they were raised. A type we have not worded keeps Pydantic's
message for English readers and gets a plain "is not valid" for the others.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any, Final

from babel.lists import format_list

from app.i18n.catalogs import SOURCE_LANGUAGE
from app.i18n.translate import (
    N_,
    current_language,
    current_locale,
    format_count,
    gettext,
    ngettext,
)

_QUOTED = re.compile(r"'((?:[^'\\]|\\.)*)'")

_FIXED: Final[dict[str, str]] = {
    "missing": N_("is required"),
    "extra_forbidden": N_("is not a field of this request"),
    "string_type": N_("must be text"),
    "string_sub_type": N_("must be text"),
    "string_unicode": N_("must be text"),
    "string_pattern_mismatch": N_("is not in the expected form"),
    "int_type": N_("must be a whole number"),
    "int_parsing": N_("must be a whole number"),
    "int_parsing_size": N_("must be a whole number"),
    "int_from_float": N_("must be a whole number"),
    "float_type": N_("must be a number"),
    "float_parsing": N_("must be a number"),
    "finite_number": N_("must be a finite number"),
    "bool_type": N_("must be true or false"),
    "bool_parsing": N_("must be true or false"),
    "date_type": N_("must be a date written YYYY-MM-DD, e.g. 2024-03-01"),
    "date_parsing": N_("must be a date written YYYY-MM-DD, e.g. 2024-03-01"),
    "date_from_datetime_parsing": N_("must be a date written YYYY-MM-DD, e.g. 2024-03-01"),
    "date_from_datetime_inexact": N_("must be a date without a time of day"),
    "date_past": N_("must be a date in the past"),
    "date_future": N_("must be a date in the future"),
    "datetime_type": N_("must be a date and time, e.g. 2024-03-01T09:30:00Z"),
    "datetime_parsing": N_("must be a date and time, e.g. 2024-03-01T09:30:00Z"),
    "datetime_from_date_parsing": N_("must be a date and time, e.g. 2024-03-01T09:30:00Z"),
    "url_type": N_("must be a web address (URL)"),
    "url_parsing": N_("must be a web address (URL)"),
    "url_syntax_violation": N_("must be a web address (URL)"),
    "list_type": N_("must be a list"),
    "tuple_type": N_("must be a list"),
    "set_type": N_("must be a list"),
    "iterable_type": N_("must be a list"),
    "dict_type": N_("must be an object"),
    "model_type": N_("must be an object"),
    "model_attributes_type": N_("must be an object"),
    "json_invalid": N_("the request body is not valid JSON"),
    "json_type": N_("must be JSON text"),
    "none_required": N_("must be null"),
}


def _choices(expected: str) -> str:
    # Pydantic gives the choices already joined in English ("'a', 'b' or 'c'"): join them again.
    values = [f"'{value}'" for value in _QUOTED.findall(expected)] or [expected]
    return format_list(values, style="or", locale=current_locale())


def _too_short_text(ctx: Mapping[str, Any]) -> str:
    n = int(ctx["min_length"])
    if n == 1:
        return gettext("may not be empty")
    return ngettext(
        "must have at least %(count)s character", "must have at least %(count)s characters", n
    ) % {"count": format_count(n)}


def _too_long_text(ctx: Mapping[str, Any]) -> str:
    n = int(ctx["max_length"])
    return ngettext(
        "must have at most %(count)s character", "must have at most %(count)s characters", n
    ) % {"count": format_count(n)}


def _too_few_items(ctx: Mapping[str, Any]) -> str:
    n = int(ctx["min_length"])
    return ngettext(
        "must have at least %(count)s item", "must have at least %(count)s items", n
    ) % {"count": format_count(n)}


def _too_many_items(ctx: Mapping[str, Any]) -> str:
    n = int(ctx["max_length"])
    return ngettext("must have at most %(count)s item", "must have at most %(count)s items", n) % {
        "count": format_count(n)
    }


def _one_of(ctx: Mapping[str, Any]) -> str:
    return gettext("must be %(choices)s") % {"choices": _choices(str(ctx["expected"]))}


def _url_scheme(ctx: Mapping[str, Any]) -> str:
    schemes = [f"{s}://" for s in _QUOTED.findall(str(ctx["expected_schemes"]))]
    joined = format_list(schemes, style="or", locale=current_locale())
    return gettext("must be a web address starting with %(schemes)s") % {"schemes": joined}


def _ours(ctx: Mapping[str, Any]) -> str:
    # Raised by our validators: translated when its wording is a catalog message.
    return gettext(str(ctx["error"]))


_WORDED: Final[dict[str, Callable[[Mapping[str, Any]], str]]] = {
    "string_too_short": _too_short_text,
    "string_too_long": _too_long_text,
    "url_too_long": _too_long_text,
    "too_short": _too_few_items,
    "too_long": _too_many_items,
    "greater_than_equal": lambda ctx: gettext("must be %(limit)s or more") % {"limit": ctx["ge"]},
    "greater_than": lambda ctx: gettext("must be more than %(limit)s") % {"limit": ctx["gt"]},
    "less_than_equal": lambda ctx: gettext("must be %(limit)s or less") % {"limit": ctx["le"]},
    "less_than": lambda ctx: gettext("must be less than %(limit)s") % {"limit": ctx["lt"]},
    "enum": _one_of,
    "literal_error": _one_of,
    "url_scheme": _url_scheme,
    "value_error": _ours,
    "assertion_error": _ours,
}


def field_message(error: Mapping[str, Any]) -> str:
    """One Pydantic error (an item of `ValidationError.errors()`) in the reader's language."""
    kind = str(error.get("type", ""))
    ctx: Mapping[str, Any] = error.get("ctx") or {}
    if kind in _FIXED:
        return gettext(_FIXED[kind])
    worded = _WORDED.get(kind)
    if worded is not None:
        try:
            return worded(ctx)
        except (KeyError, ValueError, TypeError):
            pass  # a ctx not shaped as documented: fall through to the plain wording
    if current_language() == SOURCE_LANGUAGE:
        return str(error.get("msg", "")) or gettext("is not valid")
    return gettext("is not valid")
