"""A page's <title> is words only (what a browser tab and a screen reader announce first)."""

import re
from pathlib import Path

TEMPLATES = Path(__file__).resolve().parents[1] / "templates"
TITLE_BLOCK = re.compile(r"{% block title %}(.*?){% endblock %}", re.S)


def test_every_title_block_holds_words_not_markup():
    """A title block once ran on to the next {% endblock %}, and put a table of letters in the tab's title."""
    titles = {
        path.relative_to(TEMPLATES): match.group(1)
        for path in TEMPLATES.rglob("*.html")
        for match in TITLE_BLOCK.finditer(path.read_text())
    }
    assert len(titles) > 50
    assert {path: title for path, title in titles.items() if "<" in title} == {}
