"""How the OpenAPI schema describes the keys (drf-spectacular finds this extension once the app is ready)."""

from drf_spectacular.extensions import OpenApiAuthenticationExtension


class KeyAuthenticationScheme(OpenApiAuthenticationExtension):
    target_class = "secor.api.authentication.KeyAuthentication"
    name = "key"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "A partner's key made by SCSA staff, or a person's own token: `Authorization: Bearer "
            "secor_…`. Without one, the verification is open within a limit per address.",
        }


ERROR = {
    "type": "object",
    "properties": {"detail": {"type": "string", "description": "What went wrong, and what to do."}},
    "required": ["detail"],
}
INVALID = {
    "type": "object",
    "description": "Each field given that could not be read, with what is wrong with it.",
    "additionalProperties": True,
}
# The answers every operation may give besides its own: a key refused or missing, an object outside the key's scope
# (or for another role), the limit of an address without a key. An operation taking a body may refuse it.
ERRORS = {
    "401": "No key, or a key not valid (mistyped, revoked, or its person no longer has access).",
    "404": "Not found, or outside what this key may read.",
    "429": "Too many requests from this address without a key: wait, or ask SCSA for a key.",
}
# Subscriptions are a partner's key's alone: a person's own token is refused, saying so.
PARTNERS_ONLY_PATH = "/api/v1/subscriptions/"
PARTNERS_ONLY = "A person's own token: only a partner's key subscribes to change events."


def with_error_answers(result, generator, request, public):
    """drf-spectacular's postprocessing hook: every operation documents the errors it may answer, so that an answer
    outside the schema is one the schema does not describe (tests/security/test_api_schema.py)."""
    schemas = result.setdefault("components", {}).setdefault("schemas", {})
    schemas["Error"], schemas["Invalid"] = ERROR, INVALID
    for path, operations in result.get("paths", {}).items():
        for operation in operations.values():
            responses = operation.setdefault("responses", {})
            if path.startswith(PARTNERS_ONLY_PATH):
                responses.setdefault("403", _answer("Error", PARTNERS_ONLY))
            for status, description in ERRORS.items():
                responses.setdefault(status, _answer("Error", description))
            if "requestBody" in operation or operation.get("parameters"):
                responses.setdefault("400", _answer("Invalid", "The request could not be read."))
    return result


def _answer(schema: str, description: str) -> dict:
    return {
        "description": description,
        "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{schema}"}}},
    }
