"""Pages as a reader sees them before opening a date: each explained date (the rule_ids `explained` tag) read as the
date alone, its arithmetic left folded, so tests can assert on the words around it."""

import re

_EXPLAINED = re.compile(
    r'<details class="reckoning"><summary>(?P<label>.*?)</summary><span class="reckoning-words small">.*?</span>'
    r"</details>",
    re.DOTALL,
)


def folded(html: str) -> str:
    return _EXPLAINED.sub(lambda match: match["label"], html)
