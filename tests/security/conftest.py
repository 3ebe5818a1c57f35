"""Fixtures for the tenant-isolation tests: the world of tests/security/world, built once per module.

A case that changes the world on purpose (a post that is let through, a row deleted first) is marked
`@pytest.mark.writes` and gets fresh copies of the world's objects and files; every other case shares them,
and is checked, as it ends, to have left them as it found them.
"""

import copy
import shutil

import pytest
from django.db import models, transaction
from django.test import override_settings

from tests.security.world import ANONYMOUS, World, build


@pytest.fixture(scope="module")
def _world_once(django_db_setup, django_db_blocker, tmp_path_factory):
    """The world, built once for a module inside a transaction rolled back when the module ends: each test
    runs in a savepoint within it (pytest-django's `db`), so what one test writes is undone before the next,
    and ~330 queries of building are paid per module instead of per test. Its uploads have a folder of their
    own, which every case of the module reads (see `world`)."""
    media = tmp_path_factory.mktemp("world-media")
    with (
        django_db_blocker.unblock(),
        override_settings(MEDIA_ROOT=media, PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]),
        transaction.atomic(),
    ):
        yield build(), media
        transaction.set_rollback(True)


@pytest.fixture
def world(request, db, _world_once, settings, tmp_path) -> World:
    built, media = _world_once
    if request.node.get_closest_marker("writes"):
        # Its rows are undone with its savepoint; its objects and files are copies, so that what it changes
        # in them does not reach the module's next cases.
        settings.MEDIA_ROOT = shutil.copytree(media, tmp_path / "world-media")
        yield copy.deepcopy(built)
        return
    # Nothing lands in var/, and `snapshot` lists what a request stored next to the world's own files.
    settings.MEDIA_ROOT = media
    before = _state(built, media)
    yield built
    assert _state(built, media) == before, "this case changed the shared world: mark it @pytest.mark.writes"


def _state(world: World, media) -> tuple:
    """The world's objects' fields and its files, as a case that only reads leaves them."""

    def fields(value):
        if isinstance(value, models.Model):
            return tuple(getattr(value, field.attname) for field in value._meta.concrete_fields)
        if isinstance(value, dict):
            return {key: fields(item) for key, item in value.items()}
        return value

    return {name: fields(value) for name, value in vars(world).items()}, sorted(media.rglob("*"))


@pytest.fixture
def client_as(world, client, login):
    """A test client signed in as the named role (force_login), or anonymous."""

    def _client_as(role: str):
        # A copy signs in: signing in stamps the person's last login on the instance, which the module shares.
        return client if role == ANONYMOUS else login(copy.deepcopy(world.users[role]))

    return _client_as
