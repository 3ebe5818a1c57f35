"""Every URL of the project is classified: the classification table `URLS` (tests/security/urls_table.py) is the
single list of the project's URLs, so a URL added without being classified there fails
`test_every_url_pattern_is_classified`, and the isolation tests try each as every role."""

from collections import Counter

from tests.security.urls_table import AUDITOR, COMPANY, HEADINGS, PUBLIC, ROUTES, STAFF, THIRD_PARTY, URLS

# --- the classification itself -------------------------------------------------------------------------------


def test_every_url_pattern_is_classified():
    project_routes = [route for route in ROUTES if not route.is_third_party]
    unclassified = [
        f"{route.name or '(unnamed)'}  /{route.route}" for route in project_routes if route.name not in URLS
    ]
    assert not unclassified, "URL patterns missing from the classification table URLS:\n" + "\n".join(unclassified)
    duplicated = [name for name, count in Counter(route.name for route in project_routes).items() if count > 1]
    assert not duplicated, f"several patterns share a name, so the table cannot tell them apart: {duplicated}"


def test_classification_table_names_only_existing_urls():
    names = {route.name for route in ROUTES if not route.is_third_party}
    assert not set(URLS) - names, f"classified but no longer a URL: {sorted(set(URLS) - names)}"
    includes = {route.include for route in ROUTES}
    assert not set(THIRD_PARTY) - includes, f"third-party include gone: {sorted(set(THIRD_PARTY) - includes)}"


def test_every_page_that_opens_says_what_it_is():
    """The pages the tests below open (those that are not files nor actions) each have their heading."""
    opened = {
        name
        for name, rule in URLS.items()
        if rule.kind in (PUBLIC, STAFF, AUDITOR, COMPANY) and not rule.post_only and rule.serves is None
    } | {"companies:register"}
    assert not opened - set(HEADINGS), f"pages without their heading in HEADINGS: {sorted(opened - set(HEADINGS))}"
    assert not set(HEADINGS) - opened, f"headings of no page opened: {sorted(set(HEADINGS) - opened)}"


def test_classification_table_arguments_match_the_patterns():
    mismatched = [
        f"{route.name}: pattern takes {sorted(route.params)}, table builds {sorted(URLS[route.name].args)}"
        for route in ROUTES
        if route.name in URLS and set(URLS[route.name].args) != route.params
    ]
    assert not mismatched, "\n".join(mismatched)
