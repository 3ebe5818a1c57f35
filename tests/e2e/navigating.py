"""Following the navigation bar as a person does: staff's pages sit in grouped menus that open first."""

from playwright.sync_api import Page


def follow_menu(page: Page, name) -> None:
    """Follow the navigation's link `name` (a string or a pattern), opening the menu that holds it, if any."""
    link = page.locator("nav").get_by_role("link", name=name)
    # A link in a closed menu is hidden, which a search by role skips: the menu is found by the link's text.
    menu = page.locator("nav details").filter(has=page.locator("a", has_text=name))
    if menu.count() and menu.first.get_attribute("open") is None:
        menu.first.locator("summary").click()
    link.click()
