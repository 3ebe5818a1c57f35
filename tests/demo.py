"""`make run`'s demo data, as the tests load it (the fixtures that load it once for a module: tests/conftest.py)."""

from io import StringIO

from django.core.management import call_command


def load_demo() -> str:
    """Loads the demo; what it prints (the logins)."""
    out = StringIO()
    call_command("load_demo", "--force", stdout=out)  # the suite runs with DEBUG off
    return out.getvalue()
