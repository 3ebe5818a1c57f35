"""Rule ids (ELIG-1, TRN-5 …) are for SCSA's people and the tests: an employer reads the plain words.

The rules' messages carry their ids, which staff and auditors find useful; this middleware takes the
parenthesised ids out of the pages an employer sees, wherever the message came from (a form error, a
chart note, a timeline line).
"""

import re

RULE_IDS = re.compile(r"\s?\((?:[A-Z]{2,4}-\d+)(?:,\s*[A-Z]{2,4}-\d+)*\)")


def without_rule_ids(text: str) -> str:
    return RULE_IDS.sub("", text)


class PlainWordsForEmployersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and user.is_employer
            and response.get("Content-Type", "").startswith("text/html")
            and not response.streaming
        ):
            response.content = without_rule_ids(response.content.decode(response.charset)).encode(response.charset)
            if response.has_header("Content-Length"):
                response["Content-Length"] = str(len(response.content))
        return response
