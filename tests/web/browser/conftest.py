"""A real Chromium against the app served by uvicorn on 127.0.0.1, seeded with a few clauses.

The tests skip only when Debian's Chromium is absent and COMMONS_BROWSER_TESTS is not
`required` (CI sets it, so that a missing browser fails there instead of passing silently).
"""

from __future__ import annotations

import json
import os
import socket
import threading
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
import uvicorn
from sqlmodel import Session

from app import migrate
from app.affiliates.keys import create_key
from app.affiliates.models import Affiliate, Role
from app.affiliates.users import create_user
from app.main import create_app
from app.settings import PROJECT_ROOT, Settings
from tests.builders.clauses import clause_payload

if TYPE_CHECKING:
    from playwright.sync_api import Browser, BrowserContext, Page

CHROMIUM = Path("/usr/bin/chromium")
AXE = PROJECT_ROOT / ".cache" / "npm" / "node_modules" / "axe-core" / "axe.min.js"
ARTEFACTS = PROJECT_ROOT / "test-artefacts"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
MEMBER_LOGIN = "ana"
MEMBER_PASSWORD = "correct horse battery staple"
MODERATOR_LOGIN = "mo"
# A stored clause that would set this flag if its text were ever run as markup.
STORED_SCRIPT = '<script>window.__xss = 1</script><img src=x onerror="window.__xss = 2">'


def _browser_or_skip() -> None:
    required = os.environ.get("COMMONS_BROWSER_TESTS") == "required"
    if not CHROMIUM.exists() and not required:
        pytest.skip(
            "browser tests need Debian's Chromium at /usr/bin/chromium "
            "(apt-get install chromium); set COMMONS_BROWSER_TESTS=required to make this fail"
        )


@dataclass
class Site:
    """The running app: its address, the ids of the seeded clauses, and the app itself (its
    search outbox and import jobs run only when a test asks: workers are off)."""

    url: str
    clauses: dict[str, str] = field(default_factory=dict)
    app: Any = None

    def index_now(self) -> None:
        self.app.state.indexer.drain()

    def run_imports(self) -> None:
        while self.app.state.import_worker.run_next():
            pass


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def call_api(url: str, key: str, method: str, path: str, payload: Any = None) -> dict[str, Any]:
    """One call to the running API with a key, answered 200 or 201."""
    request = urllib.request.Request(
        f"{url}/api/v1{path}",
        data=json.dumps(payload).encode() if payload is not None else None,
        headers={"Authorization": f"Bearer {key}", "Content-Type": "application/json"},
        method=method,
    )
    with urllib.request.urlopen(request, timeout=30) as answer:
        assert answer.status in (200, 201)
        result: dict[str, Any] = json.loads(answer.read())
        return result


PUBLISHED = {
    "notice": clause_payload(
        status="published",
        country="PH",
        translations=[
            {
                "language": "fr",
                "title": "Préavis avant tout logiciel de surveillance",
                "text": "L'employeur prévient le syndicat soixante jours à l'avance.",
                "kind": "community",
            }
        ],
    ),
    "telework": clause_payload(
        status="published",
        title="Telework allowance",
        text="Staff who work from home receive a monthly allowance for equipment.",
        country="BR",
        subthemes=["6.1", "4.1"],
    ),
    "stored_script": clause_payload(
        status="published",
        title=f"Monitoring rules {STORED_SCRIPT}",
        text=f"Monitoring is announced in advance. {STORED_SCRIPT}",
        country="FR",
    ),
    "model": clause_payload(
        status="published", kind="model", title="Model notice clause", country=None
    ),
}


def _seed(url: str, settings: Settings, app: Any) -> dict[str, str]:
    """Published clauses, and the union's own: a draft, and a clause edited then submitted."""
    with Session(app.state.engine) as session:
        _, key = create_key(session, Role.moderator, None)
        union = Affiliate(name="Example Health Workers Union", country="PH")
        session.add(union)
        session.flush()
        _, union_key = create_key(session, Role.contributor, union)
        create_user(session, MEMBER_LOGIN, "Ana Reyes", MEMBER_PASSWORD, Role.contributor, union)
        create_user(session, MODERATOR_LOGIN, "Mo Santos", MEMBER_PASSWORD, Role.moderator, None)
        session.commit()
    ids = {name: call_api(url, key, "POST", "/clauses", c)["id"] for name, c in PUBLISHED.items()}
    draft = clause_payload(title="Seeded draft on telework", text="Telework is voluntary.")
    ids["draft"] = call_api(url, union_key, "POST", "/clauses", draft)["id"]
    waiting = call_api(url, union_key, "POST", "/clauses", clause_payload(title="Seeded waiting"))
    ids["submitted"] = waiting["id"]
    change = {"text": str(waiting["text"]).replace("sixty", "ninety")}
    call_api(url, union_key, "PATCH", f"/clauses/{ids['submitted']}", change)
    call_api(url, union_key, "POST", f"/clauses/{ids['submitted']}/submit")
    app.state.indexer.drain()
    return ids


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """The app on a fresh SQLite database, served by uvicorn in a thread."""
    _browser_or_skip()
    settings = Settings(env="test", data_dir=tmp_path_factory.mktemp("browser"))
    migrate.upgrade(settings)
    app = create_app(settings, run_workers=False)
    port = _free_port()
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", access_log=False)
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline:
            raise RuntimeError("uvicorn did not start within 20 s")
        time.sleep(0.05)
    url = f"http://127.0.0.1:{port}"
    try:
        yield Site(url=url, clauses=_seed(url, settings, app), app=app)
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@pytest.fixture(scope="session")
def browser(site: Site) -> Iterator[Browser]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()


@dataclass
class Watched:
    """A page, with every request URL, dialog and CSP complaint it produced."""

    page: Page
    requests: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    csp_errors: list[str] = field(default_factory=list)


def watch(context: BrowserContext) -> Watched:
    page = context.new_page()
    watched = Watched(page)
    page.on("request", lambda request: watched.requests.append(request.url))

    def on_dialog(dialog: Any) -> None:
        watched.dialogs.append(dialog.message)
        dialog.dismiss()

    def on_console(message: Any) -> None:
        if "Content Security Policy" in message.text:
            watched.csp_errors.append(message.text)

    page.on("dialog", on_dialog)
    page.on("console", on_console)
    return watched


@pytest.fixture
def watched(browser: Browser) -> Iterator[Watched]:
    """A fresh page in a context that enforces the CSP, as a reader's browser does."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    yield watch(context)
    context.close()


@pytest.fixture
def phone(browser: Browser) -> Iterator[Watched]:
    """A page 360 px wide, as on a small phone."""
    context = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True)
    yield watch(context)
    context.close()


@pytest.fixture
def audited(browser: Browser) -> Iterator[Page]:
    """A page where axe-core can be injected: the CSP is bypassed in this context only."""
    if not AXE.is_file():
        pytest.fail(
            f"axe-core is missing at {AXE}: run `npm install --prefix .cache/npm axe-core@4`"
        )
    context = browser.new_context(bypass_csp=True)
    yield context.new_page()
    context.close()


@pytest.fixture
def second(browser: Browser) -> Iterator[Watched]:
    """Another person's browser (its own cookies), e.g. the moderator's beside a contributor's."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    yield watch(context)
    context.close()


def sign_in(site: Site, page: Page, login: str = MEMBER_LOGIN) -> None:
    """Sign the page's browser in (as the seeded contributor unless told), through the form."""
    page.goto(f"{site.url}/sign-in")
    page.get_by_label("Login").fill(login)
    page.get_by_label("Password").fill(MEMBER_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/contribute**")


def screenshot(page: Page, name: str) -> None:
    ARTEFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTEFACTS / f"{name}.png"), full_page=True)
