"""The Content Security Policy in a real browser: the pages need no inline script or style, and the check that
fails every browser test on a violation does see one."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_inline_style_is_refused_and_the_browser_tests_see_it(new_page):
    page = new_page()
    page.goto("/accounts/login/")
    with page.expect_console_message(lambda message: "Content Security Policy" in message.text):
        page.evaluate("""document.body.insertAdjacentHTML('beforeend', '<p style="color: red">injected</p>')""")
    assert new_page.violations, "the console check saw nothing"
    new_page.violations.clear()  # seen: this test is about seeing it
    assert page.locator("p", has_text="injected").evaluate("element => getComputedStyle(element).color") != (
        "rgb(255, 0, 0)"
    )
