"""Backups of SECOR: the database and every stored file together, and their restore (`make backup`,
`make restore`).

A backup is a folder named by its time, holding `database.dump` (PostgreSQL's custom format; for the
embedded demo, `database.sqlite3`), `media.tar.gz` (everything under MEDIA_ROOT) and `manifest.json` (the
rows of every table and the files it holds), against which a restore is checked: nothing lost.
"""

import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db import connections
from django.utils import timezone

MANIFEST = "manifest.json"
MEDIA_ARCHIVE = "media.tar.gz"


def _database() -> dict:
    return connections["default"].settings_dict


def _postgres() -> bool:
    return connections["default"].vendor == "postgresql"


def _pg(command: str, *args: str) -> list[str]:
    db = _database()
    return [
        command,
        "--host",
        db["HOST"] or "localhost",
        "--port",
        str(db["PORT"] or 5432),
        "--username",
        db["USER"],
        "--dbname",
        db["NAME"],
        *args,
    ]


def _pg_env() -> dict:
    password = _database()["PASSWORD"]
    return {**os.environ, **({"PGPASSWORD": password} if password else {})}


def row_counts() -> dict[str, int]:
    """The rows of every table SECOR keeps (its models' and Django's), by model label."""
    return {model._meta.label: model._base_manager.count() for model in apps.get_models()}


def media_files() -> list[str]:
    root = Path(settings.MEDIA_ROOT)
    return sorted(str(path.relative_to(root)) for path in root.rglob("*") if path.is_file()) if root.exists() else []


def backup(*, into: Path) -> Path:
    """Write a new backup folder under `into`; returns it."""
    folder = Path(into) / f"secor-{timezone.now():%Y%m%d-%H%M%S-%f}"
    folder.mkdir(parents=True)
    if _postgres():
        subprocess.run(
            _pg("pg_dump", "--format=custom", "--no-owner", "--file", str(folder / "database.dump")),
            check=True,
            env=_pg_env(),
        )
    else:
        with sqlite3.connect(_database()["NAME"]) as source, sqlite3.connect(folder / "database.sqlite3") as copy:
            source.backup(copy)
    root = Path(settings.MEDIA_ROOT)
    with tarfile.open(folder / MEDIA_ARCHIVE, "w:gz") as archive:
        if root.exists():
            archive.add(root, arcname="media")
    manifest = {
        "created_at": timezone.now().isoformat(),
        "database": connections["default"].vendor,
        "rows": row_counts(),
        "files": media_files(),
    }
    (folder / MANIFEST).write_text(json.dumps(manifest, indent=2))
    return folder


def _restore_postgres(dump: Path) -> None:
    """pg_restore into the configured database, replacing its tables. The database's extensions (pg_trgm)
    are left as they are: SECOR's own role may not drop or create them."""
    listing = subprocess.run(
        ["pg_restore", "--list", str(dump)], check=True, capture_output=True, text=True, env=_pg_env()
    ).stdout
    entries = "\n".join(line for line in listing.splitlines() if " EXTENSION " not in line)
    with tempfile.NamedTemporaryFile("w", suffix=".list") as wanted:
        wanted.write(entries)
        wanted.flush()
        subprocess.run(
            _pg(
                "pg_restore",
                "--clean",
                "--if-exists",
                "--no-owner",
                "--single-transaction",
                "--use-list",
                wanted.name,
                str(dump),
            ),
            check=True,
            env=_pg_env(),
        )


def restore(*, source: Path) -> dict:
    """Replace the database and the stored files by those of the backup folder `source` (stop the app and
    its workers first). Returns the manifest; raises if what is restored differs from it."""
    source = Path(source)
    manifest = json.loads((source / MANIFEST).read_text())
    if manifest["database"] != connections["default"].vendor:
        raise ValueError(f"This backup is of a {manifest['database']} database, not {connections['default'].vendor}.")
    connections.close_all()
    if _postgres():
        _restore_postgres(source / "database.dump")
    else:
        shutil.copyfile(source / "database.sqlite3", _database()["NAME"])
    root = Path(settings.MEDIA_ROOT)
    with tempfile.TemporaryDirectory(dir=root.parent if root.parent.exists() else None) as unpacked:
        with tarfile.open(source / MEDIA_ARCHIVE) as archive:
            archive.extractall(unpacked, filter="data")  # no path outside the folder, no links out of it
        if root.exists():
            shutil.rmtree(root)
        restored = Path(unpacked) / "media"
        if restored.exists():
            shutil.move(restored, root)
        else:
            root.mkdir(parents=True)
    now = row_counts()
    differences = {
        label: (count, now.get(label)) for label, count in manifest["rows"].items() if now.get(label) != count
    }
    if differences or media_files() != manifest["files"]:
        raise RuntimeError(f"The restore does not match the backup's manifest: {differences or 'the files differ'}")
    return manifest
