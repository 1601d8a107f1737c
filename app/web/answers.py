"""The pages' answers when something stops a request: sign in first, a refusal, a problem."""

from __future__ import annotations

from urllib.parse import urlencode

from fastapi import Request
from fastapi.responses import HTMLResponse, RedirectResponse
from sqlmodel import Session

from app.affiliates.keys import Caller
from app.errors import ProblemError
from app.i18n.translate import N_, _
from app.web.session import web_caller
from app.web.templating import render

# Outcomes a page may announce after a redirect (`?done=…`): the parameter picks one of these
# fixed sentences and is never shown itself.
DONE: dict[str, str] = {
    "saved": N_("Your changes are saved."),
    "submitted": N_("Submitted for moderation: a moderator will publish it or say what to change."),
    "withdrawn": N_("Withdrawn: the clause is a draft again."),
    "published": N_("The clause is published."),
    "rejected": N_("The clause is rejected; its union sees your reason."),
}
HEADINGS: dict[int, str] = {
    403: N_("Not allowed"),
    409: N_("Not possible now"),
    422: N_("Invalid input"),
}


def done_message(request: Request) -> str | None:
    """The sentence for this page's `?done=` outcome, in the reader's language, if any."""
    message = DONE.get(request.query_params.get("done", ""))
    return _(message) if message else None


def sign_in_first(path: str) -> RedirectResponse:
    """Send an anonymous reader to the sign-in form, and back to `path` afterwards."""
    return RedirectResponse("/sign-in?" + urlencode({"next": path}), status_code=303)


class SignInFirst(Exception):
    """A page for signed-in users was asked for anonymously: answered by `sign_in_first`."""

    def __init__(self, path: str) -> None:
        super().__init__(path)
        self.path = path


def signed_in(request: Request, session: Session, back: str) -> Caller:
    """The signed-in user's caller; an anonymous reader is sent to sign in, then to `back`."""
    user, caller = web_caller(request, session)
    if user is None:
        raise SignInFirst(back)
    return caller


async def answer_sign_in_first(_request: Request, exc: Exception) -> RedirectResponse:
    assert isinstance(exc, SignInFirst)
    return sign_in_first(exc.path)


def refused(request: Request) -> HTMLResponse:
    """The answer to a POST whose CSRF token is missing or wrong."""
    message = _("This form has expired. Go back, reload the page and try again.")
    heading = _("Not allowed")
    return render(request, "refused.html", status_code=403, heading=heading, message=message)


def problem_page(request: Request, exc: ProblemError) -> HTMLResponse:
    """A service's refusal (403, 404, 409, 422) as a page, with its message in the reader's
    language (the services word their problems already)."""
    if exc.status == 404:
        return render(request, "not_found.html", status_code=404)
    heading = _(HEADINGS.get(exc.status, HEADINGS[403]))
    message = exc.detail
    return render(request, "refused.html", exc.status, heading=heading, message=message)
