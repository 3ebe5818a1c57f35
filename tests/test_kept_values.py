"""Kept values, one seam (docs/kept-values.md): a write says what it changed through secor.hooks, and only
secor.hooks makes a kept value stale. Read from the source, so a new service or a new call is checked too."""

import ast
import functools
from pathlib import Path

import pytest
from django.core.cache import cache
from django.db import transaction

from secor import hooks
from secor.core.models import ProgramSettings

ROOT = Path(__file__).resolve().parent.parent
APPS = ("secor", "companies", "training", "audits", "milestones", "golive")
# A command runs in a process of its own: the demo's loader fills an empty database before any page is kept.
NOT_WRITERS_OF_A_PAGE = ("migrations", "commands")


def _modules() -> dict[str, ast.Module]:
    files = (path for app in APPS for path in (ROOT / app).rglob("*.py"))
    return {
        str(path.relative_to(ROOT)): ast.parse(path.read_text())
        for path in files
        if not set(NOT_WRITERS_OF_A_PAGE) & set(path.parts)
    }


def _called(node: ast.AST) -> str | None:
    """The name a call calls: `f(…)` and `x.f(…)` both call `f`."""
    if isinstance(node, ast.Call):
        return node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", None)
    return None


def test_every_service_says_what_it_changed():
    """A function that writes in a transaction of its own calls `hooks.changed` (itself: another function it
    calls may not, on some path), so every kept value derived from what it wrote is stale at once, not when it
    expires."""
    silent = [
        f"{path}:{node.lineno} {node.name}"
        for path, tree in _modules().items()
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef)
        and any(ast.unparse(decorator) == "transaction.atomic" for decorator in node.decorator_list)
        and not any(isinstance(call, ast.Call) and ast.unparse(call.func) == "hooks.changed" for call in ast.walk(node))
    ]
    assert silent == []


def _name(listener) -> str:
    return (listener.func if isinstance(listener, functools.partial) else listener).__name__


def test_kept_values_are_made_stale_only_through_secor_hooks():
    """No service, view or task calls what makes a kept value stale (forgetting summaries, recounting headcounts,
    deleting from the cache): it says what it changed, and the kept values registered with secor.hooks follow."""
    invalidations = {_name(listener): listener.__module__ for listener in hooks.invalidations()}
    assert {"summaries_invalidate", "headcounts_refresh_for", "topic_changed", "forget_shared"} <= set(invalidations)
    direct = []
    for path, tree in _modules().items():
        module = path.removesuffix(".py").replace("/", ".").removesuffix(".__init__")
        for call in ast.walk(tree):
            name = _called(call)
            deletes = name in ("delete", "delete_many", "clear") and ast.unparse(call.func).startswith("cache.")
            if (name in invalidations and invalidations[name] != module) or (
                deletes and module != "secor.request_memo"
            ):
                direct.append(f"{path}:{call.lineno} {ast.unparse(call)}")
    assert direct == []


@pytest.mark.django_db
def test_settings_another_request_kept_while_they_changed_are_forgotten_when_the_change_commits(
    django_capture_on_commit_callbacks,
):
    """A kept copy is forgotten at once and again at the commit: a request that read the settings before the
    change committed, and kept them in the shared cache, is not believed after it."""
    settings = ProgramSettings.current()
    as_read_elsewhere = ProgramSettings.objects.get(pk=settings.pk)
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        settings.registration_fee_member = 123
        settings.save()
        assert ProgramSettings.current().registration_fee_member == 123  # the writer reads its change
        cache.set(ProgramSettings.SHARED_KEY, as_read_elsewhere)  # another request, not seeing it yet
    assert ProgramSettings.current().registration_fee_member == 123
