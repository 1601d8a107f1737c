"""The filter query parameters shared by the clause list, search and export."""

from __future__ import annotations

import inspect
from typing import Annotated, Any

from fastapi import Depends, Query

from app.clauses.models import ClauseKind
from app.clauses.repository import ClauseFilter
from app.clauses.validation import check_codes, raise_if, unknown_country
from app.errors import FieldError
from app.i18n.languages import normalize_language_tag
from app.i18n.translate import _
from app.taxonomy.deps import TaxonomyDep

Many = Annotated[list[str] | None, Query(max_length=50)]
Year = Annotated[int | None, Query(ge=1900, le=2100)]


def clause_filter(
    taxonomy: TaxonomyDep,
    theme: Annotated[list[str] | None, Query(description="Theme code, e.g. 5; repeatable")] = None,
    subtheme: Annotated[list[str] | None, Query(description="Sub-theme code, e.g. 5.3")] = None,
    lifecycle: Annotated[list[str] | None, Query(description="Data lifecycle phase")] = None,
    country: Annotated[list[str] | None, Query(description="ISO 3166-1 alpha-2, e.g. PH")] = None,
    region: Annotated[list[str] | None, Query(description="PSI region code")] = None,
    sector: Many = None,
    language: Annotated[list[str] | None, Query(description="BCP 47 tag of the original")] = None,
    kind: Annotated[list[ClauseKind] | None, Query()] = None,
    year_from: Year = None,
    year_to: Year = None,
) -> ClauseFilter:
    """Filters checked against the taxonomy: an unknown code is a 422 naming the parameter."""
    countries = [c.strip().upper() for c in country or []]
    errors = check_codes(taxonomy, themes=theme, subthemes=subtheme, lifecycle=lifecycle)
    errors += [
        FieldError(f"country[{i}]", unknown_country(c))
        for i, c in enumerate(countries)
        if not taxonomy.is_country(c)
    ]
    regions = ", ".join(taxonomy.region_codes)
    errors += [
        FieldError(
            f"region[{i}]",
            _("unknown region '%(code)s'; one of %(regions)s") % {"code": r, "regions": regions},
        )
        for i, r in enumerate(region or [])
        if not taxonomy.is_region(r)
    ]
    languages: list[str] = []
    for i, tag in enumerate(language or []):
        try:
            languages.append(normalize_language_tag(tag))
        except ValueError:
            message = _("'%(tag)s' is not a language tag we know (e.g. en, pt-BR, zh-Hans)")
            errors.append(FieldError(f"language[{i}]", message % {"tag": tag}))
    if year_from is not None and year_to is not None and year_from > year_to:
        errors.append(FieldError("year_to", _("is before year_from")))
    # Reported with the names the caller used, not the internal field names.
    for error in errors:
        for internal, public in (("themes", "theme"), ("subthemes", "subtheme")):
            if error["field"].startswith(internal + "["):
                error["field"] = public + error["field"][len(internal) :]
    raise_if(errors)
    return ClauseFilter(
        themes=theme or [],
        subthemes=subtheme or [],
        lifecycle=lifecycle or [],
        country=countries,
        region=region or [],
        sector=sector or [],
        language=languages,
        kind=[k.value for k in kind or []],
        year_from=year_from,
        year_to=year_to,
    )


async def _clause_filter_on_loop(**params: Any) -> ClauseFilter:
    return clause_filter(**params)


# The same parameters, checked on the event loop: pure validation needs no worker thread (a
# plain `def` dependency costs every search a hop to the thread pool and back).
_clause_filter_on_loop.__signature__ = inspect.signature(clause_filter)  # type: ignore[attr-defined]

FilterDep = Annotated[ClauseFilter, Depends(_clause_filter_on_loop)]
