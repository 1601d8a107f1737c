"""What the API accepts and returns for clauses (the request and response shapes)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    HttpUrl,
    StringConstraints,
    model_validator,
)
from pydantic_core import PydanticCustomError

from app.clauses.models import ClauseKind, ClauseStatus, TranslationKind, Visibility
from app.i18n.languages import normalize_language_tag
from app.i18n.translate import _

MAX_TEXT_CHARS = 50_000
LICENCES = ("CC-BY-4.0", "CC-BY-SA-4.0", "CC0-1.0", "CC-BY-NC-4.0", "CC-BY-NC-SA-4.0")

Title = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=500)]
Body = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_TEXT_CHARS)
]
ShortText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=300)]
Language = Annotated[str, AfterValidator(normalize_language_tag)]
Code = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=20)]
Country = Annotated[
    str, StringConstraints(strip_whitespace=True, to_upper=True, pattern=r"^[A-Za-z]{2}$")
]
ExternalId = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]


def _licence(value: str) -> str:
    if value not in LICENCES:
        raise ValueError(
            _("unknown licence '%(licence)s'; one of %(licences)s")
            % {"licence": value, "licences": ", ".join(LICENCES)}
        )
    return value


Licence = Annotated[str, AfterValidator(_licence)]


def _written_date(value: object) -> object:
    # Pydantic reads a number, or a string of digits, as seconds since 1970: an agreement
    # "signed" 0 would be stored as signed on 1970-01-01. A date is written YYYY-MM-DD.
    if isinstance(value, int | float) or (isinstance(value, str) and value.strip().isdigit()):
        raise PydanticCustomError("date_parsing", "Input should be a date written YYYY-MM-DD")
    return value


WrittenDate = Annotated[date, BeforeValidator(_written_date)]


class _Input(BaseModel):
    model_config = ConfigDict(extra="forbid")


class AgreementIn(_Input):
    """The agreement a clause comes from."""

    title: ShortText | None = Field(default=None, max_length=500)
    signed_date: WrittenDate | None = None
    expiry_date: WrittenDate | None = None
    source_url: HttpUrl | None = None
    article: Annotated[str, StringConstraints(strip_whitespace=True, max_length=100)] | None = None

    @model_validator(mode="after")
    def _dates_in_order(self) -> AgreementIn:
        if self.signed_date and self.expiry_date and self.expiry_date < self.signed_date:
            raise ValueError(_("expiry_date is before signed_date"))
        return self


class TranslationIn(_Input):
    language: Language
    title: Title
    text: Body
    kind: TranslationKind = TranslationKind.community


class ClauseFields(_Input):
    """Fields shared by create and update; on update every one is optional."""

    external_id: ExternalId | None = None
    kind: ClauseKind = ClauseKind.negotiated
    visibility: Visibility = Visibility.public
    country: Country | None = None
    sector: ShortText | None = Field(default=None, max_length=100)
    unions: list[ShortText] = Field(default_factory=list, max_length=20)
    employer: ShortText | None = None
    agreement: AgreementIn = Field(default_factory=AgreementIn)
    year: int | None = Field(default=None, ge=1900, le=2100)
    themes: list[Code] = Field(default_factory=list, max_length=7)
    subthemes: list[Code] = Field(default_factory=list, max_length=31)
    lifecycle: list[Code] = Field(default_factory=list, max_length=4)
    tags: list[
        Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=50)]
    ] = Field(default_factory=list, max_length=30)
    licence: Licence = "CC-BY-4.0"
    translations: list[TranslationIn] = Field(default_factory=list, max_length=30)


class ClauseCreate(ClauseFields):
    """A new clause. Contributors' clauses start as drafts; moderators may publish at once."""

    title: Title
    text: Body
    language: Language
    status: ClauseStatus = ClauseStatus.draft

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "title": "Right to disconnect",
                    "text": "1. Workers are not required to read or answer work messages "
                    "between 19:00 and 07:00 ...",
                    "language": "en",
                    "kind": "negotiated",
                    "country": "PH",
                    "sector": "local government",
                    "unions": ["Public Services Labor Independent Confederation"],
                    "agreement": {"title": "City CBA 2024-2027", "signed_date": "2024-03-01"},
                    "themes": ["4"],
                    "subthemes": ["4.3"],
                    "tags": ["disconnection"],
                    "translations": [
                        {"language": "fr", "title": "Droit à la déconnexion", "text": "1. ..."}
                    ],
                }
            ]
        },
    )


class ClauseUpdate(_Input):
    """A partial change: only the fields sent are changed; lists are replaced whole."""

    title: Title | None = None
    text: Body | None = None
    language: Language | None = None
    external_id: ExternalId | None = None
    kind: ClauseKind | None = None
    visibility: Visibility | None = None
    country: Country | None = None
    sector: ShortText | None = Field(default=None, max_length=100)
    unions: list[ShortText] | None = Field(default=None, max_length=20)
    employer: ShortText | None = None
    agreement: AgreementIn | None = None
    year: int | None = Field(default=None, ge=1900, le=2100)
    themes: list[Code] | None = Field(default=None, max_length=7)
    subthemes: list[Code] | None = Field(default=None, max_length=31)
    lifecycle: list[Code] | None = Field(default=None, max_length=4)
    tags: (
        list[Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=50)]]
        | None
    ) = Field(default=None, max_length=30)
    licence: Licence | None = None
    translations: list[TranslationIn] | None = Field(default=None, max_length=30)


class AgreementOut(BaseModel):
    title: str | None
    signed_date: date | None
    expiry_date: date | None
    source_url: str | None
    article: str | None


class TranslationOut(BaseModel):
    language: str
    title: str
    text: str
    kind: TranslationKind


class AffiliateRef(BaseModel):
    name: str
    country: str


class ClausePublic(BaseModel):
    """A clause as the API shows it; `id` is the stable public id."""

    id: str
    external_id: str | None
    title: str
    text: str
    language: str
    kind: ClauseKind
    status: ClauseStatus
    visibility: Visibility
    country: str | None
    region: str | None
    sector: str | None
    unions: list[str]
    employer: str | None
    agreement: AgreementOut
    year: int | None
    themes: list[str]
    subthemes: list[str]
    lifecycle: list[str]
    tags: list[str]
    licence: str
    attribution: AffiliateRef | None
    translations: list[TranslationOut]
    content_hash: str
    adapted_from: str | None = Field(description="The model clause this one was adapted from")
    rejection_reason: str | None = Field(description="Why a moderator rejected it (rejected only)")
    created_at: datetime
    updated_at: datetime
    published_at: datetime | None


class ClausePage(BaseModel):
    items: list[ClausePublic]
    total: int
    page: int
    per_page: int
