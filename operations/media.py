"""Copy a media directory into a storage (a directory or the site's default storage).

Files already there with the same size are kept, so a copy can be run again after
an interruption; `verify_media` then compares every file's SHA-256.
"""

import hashlib
from collections.abc import Iterator
from pathlib import Path

from django.core.files import File
from django.core.files.storage import FileSystemStorage, Storage, default_storage


def storage_for(destination: str | None) -> Storage:
    """`storage` (or None): the site's default storage (S3 when configured)."""
    if destination in (None, "", "storage"):
        return default_storage
    return FileSystemStorage(location=destination)


def media_files(root: Path) -> Iterator[tuple[str, Path]]:
    for path in sorted(root.rglob("*")):
        if path.is_file():
            yield path.relative_to(root).as_posix(), path


def _sha256(handle) -> str:
    digest = hashlib.sha256()
    for chunk in iter(lambda: handle.read(1 << 20), b""):
        digest.update(chunk)
    return digest.hexdigest()


def copy_media(root: Path, storage: Storage) -> tuple[int, int]:
    """Copy every file under `root`; return (copied, already there)."""
    copied = kept = 0
    for name, path in media_files(root):
        if storage.exists(name) and storage.size(name) == path.stat().st_size:
            kept += 1
            continue
        if storage.exists(name):
            storage.delete(name)
        with path.open("rb") as handle:
            saved = storage.save(name, File(handle, name=name))
        if saved != name:
            raise RuntimeError(f"The storage saved {name} as {saved}")
        copied += 1
    return copied, kept


def verify_media(root: Path, storage: Storage) -> list[str]:
    problems = []
    for name, path in media_files(root):
        if not storage.exists(name):
            problems.append(f"{name}: missing")
            continue
        with path.open("rb") as left, storage.open(name, "rb") as right:
            if _sha256(left) != _sha256(right):
                problems.append(f"{name}: content differs")
    return problems
