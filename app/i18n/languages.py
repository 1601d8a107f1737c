"""BCP 47 language tags, checked against CLDR through Babel."""

from __future__ import annotations

import re
from functools import lru_cache

from babel import Locale, UnknownLocaleError

from app.i18n.translate import _

_TAG = re.compile(r"^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*$")


@lru_cache(maxsize=4096)  # CLDR look-ups stat files; an import checks the same few tags per row
def normalize_language_tag(tag: str) -> str:
    """`ZH_hans` -> `zh-Hans`; raises ValueError for a tag CLDR does not know.

    The tag keeps its own subtags (`tl` stays `tl`, though CLDR aliases it to `fil`), in the
    conventional case: language lower, script title, region upper.
    """
    cleaned = tag.strip()
    if not _TAG.match(cleaned):
        raise ValueError(
            _("'%(tag)s' is not a BCP 47 language tag (e.g. en, pt-BR, zh-Hans)") % {"tag": tag}
        )
    parts = re.split(r"[-_]", cleaned)
    try:
        Locale.parse("_".join(parts))
    except (UnknownLocaleError, ValueError) as exc:
        raise ValueError(_("unknown language '%(tag)s'") % {"tag": tag}) from exc
    out = [parts[0].lower()]
    for part in parts[1:]:
        if len(part) == 4 and part.isalpha():
            out.append(part.title())
        elif len(part) in (2, 3):
            out.append(part.upper())
        else:
            out.append(part.lower())
    return "-".join(out)


def same_language(tag: str, language: str) -> bool:
    """True when two tags name the same language, whatever their script or region."""
    return tag.split("-")[0].lower() == language.split("-")[0].lower()
