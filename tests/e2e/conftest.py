"""Browser fixtures: Playwright (sync API) driving Debian's Chromium against pytest-django's live server."""

import os
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in this thread; without this Django refuses ORM calls from the test.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
# Fail fast: a page of this app answers in well under a second.
TIMEOUT_MS = 10_000


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        message = f"Chromium is not installed at {CHROMIUM}; the browser tests need it."
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def new_page(browser, live_server):
    """Open a page in a fresh browser context (its own cookies: one signed-in person per context). A test
    fails on any Content Security Policy violation the browser reports on any of its pages."""
    contexts, violations = [], []

    def _new_page(**context_options):
        context = browser.new_context(base_url=live_server.url, **context_options)
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        page = context.new_page()
        page.on(
            "console",
            lambda message: (
                violations.append(f"{page.url}: {message.text}") if "Content Security Policy" in message.text else None
            ),
        )
        return page

    _new_page.violations = violations  # for the test that checks this check
    yield _new_page
    for context in contexts:
        context.close()
    assert not violations, "Content Security Policy violations:\n" + "\n".join(violations)


@pytest.fixture
def page(new_page):
    return new_page()


@pytest.fixture
def sign_in():
    """Sign a person in through the real allauth login page, with the code of their authenticator app when they
    have one; lands on `next` (or where home sends them)."""
    from secor.core.models import User
    from tests.factories import PASSWORD, authenticator_code

    def _sign_in(page, email: str, *, password: str = PASSWORD, next_url: str = ""):
        page.goto(f"/accounts/login/?next={next_url}" if next_url else "/accounts/login/")
        page.locator("input[name=login]").fill(email)
        page.locator("input[name=password]").fill(password)
        page.get_by_role("button", name="Sign In").click()
        page.wait_for_url(lambda url: "/accounts/login/" not in url)
        if "/accounts/2fa/authenticate/" in page.url:
            page.locator("input[name=code]").fill(authenticator_code(User.objects.get(email=email)))
            page.get_by_role("button", name="Sign In").click()
            page.wait_for_url(lambda url: "/accounts/2fa/authenticate/" not in url)
        return page

    return _sign_in


AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
# What fails the check: axe-core's two highest impacts. Moderate and minor findings are left to review.
FAILING_IMPACTS = ("serious", "critical")


@pytest.fixture(scope="session")
def axe_source() -> str:
    if not AXE.exists():
        message = f"axe-core is not installed at {AXE}; `make test` installs it with npm."
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return AXE.read_text()


@pytest.fixture
def assert_accessible(axe_source):
    """Run axe-core on the page as it is now; fail on any serious or critical violation, saying where."""

    def _assert_accessible(page) -> None:
        page.evaluate(axe_source)
        results = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
        failing = [
            f"{violation['id']} ({violation['impact']}): {violation['help']} — "
            + "; ".join(
                node["target"][0] if isinstance(node["target"][0], str) else str(node["target"])
                for node in violation["nodes"][:5]
            )
            for violation in results["violations"]
            if violation["impact"] in FAILING_IMPACTS
        ]
        assert not failing, f"{page.url}:\n" + "\n".join(failing)

    return _assert_accessible
