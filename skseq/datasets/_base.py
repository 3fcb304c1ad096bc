"""What every fetcher shares: the data home, verified downloads, atomic writes.

A download goes to a temporary file next to its cache, is checked against its
SHA-256 digest, is converted by the data set's module into cache files that are
each written atomically, and is deleted in every case: a reader never sees half
a file, and a failed or interrupted fetch leaves nothing behind.
"""

from __future__ import annotations

import contextlib
import gzip
import hashlib
import http.client
import os
import secrets
import sys
import tempfile
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO

TIMEOUT_S = 60
CHUNK = 1 << 20


def get_data_home(data_home: str | os.PathLike | None = None) -> Path:
    """Return the folder where skseq caches its data sets.

    Parameters
    ----------
    data_home : str or path-like, default=None
        The folder to use. None falls back to the ``SKSEQ_DATA`` environment
        variable, then to ``~/skseq_data``. ``~`` is expanded. The folder is not
        created here; the fetchers create it only when they have to write.

    Returns
    -------
    pathlib.Path
        The data home.

    Raises
    ------
    TypeError
        If ``data_home`` is neither None, a str nor path-like (pathlib's
        error).

    Examples
    --------
    >>> from skseq.datasets import get_data_home
    >>> get_data_home("some/folder").name
    'folder'
    """
    if data_home is None:
        data_home = os.environ.get("SKSEQ_DATA") or "~/skseq_data"
    return Path(data_home).expanduser()


def check_flags(**flags: object) -> None:
    """Refuse a non-bool flag, naming it: ``as_frame="no"`` would read as True."""
    for name, value in flags.items():
        if not isinstance(value, bool):
            raise TypeError(f"{name} must be True or False; got {name}={value!r}")


@contextlib.contextmanager
def downloaded(
    url: str, folder: Path, *, sha256: str | None, name: str, offline: str
) -> Iterator[Path]:
    """Download ``url`` into ``folder``, check its SHA-256, yield its path.

    The file is a temporary one and is deleted when the block ends, whatever
    happens: it is only a means to the cache files written inside the block.
    ``sha256=None`` skips the digest check (a data set whose official digest is
    not recorded yet); ``name`` and ``offline`` go into the error messages.
    """
    folder.mkdir(parents=True, exist_ok=True)
    filename = url.rsplit("/", 1)[-1] or "download"
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{filename}.", suffix=".part")
    path = Path(tmp)
    try:
        with os.fdopen(fd, "wb") as out:
            digest = _stream(url, out, name=name, offline=offline)
        if sha256 is not None and digest != sha256.lower():
            raise OSError(
                f"SHA-256 mismatch for {filename} downloaded from {url}: expected "
                f"{sha256}, got {digest}. The download is corrupt or the file "
                "changed upstream; it was deleted and nothing was cached. Try again."
            )
        yield path
    finally:
        path.unlink(missing_ok=True)


def _stream(url: str, out: IO[bytes], *, name: str, offline: str) -> str:
    """Copy ``url`` into ``out`` with a progress report; return the SHA-256."""
    sha256 = hashlib.sha256()
    try:
        with urllib.request.urlopen(url, timeout=TIMEOUT_S) as response:
            total = int(response.headers.get("Content-Length") or 0) or None
            with _progress(total, f"Downloading {url}") as update:
                while chunk := response.read(CHUNK):
                    out.write(chunk)
                    sha256.update(chunk)
                    update(len(chunk))
    except (
        urllib.error.URLError,
        http.client.HTTPException,
        ConnectionError,
        TimeoutError,
    ) as exc:
        raise OSError(
            f"download of the {name} data failed from {url}: {exc}. If this "
            f"machine is offline, {offline}."
        ) from exc
    return sha256.hexdigest()


@contextlib.contextmanager
def _progress(total: int | None, desc: str) -> Iterator[Callable[[int], object]]:
    try:
        from tqdm.auto import tqdm
    except ImportError:
        tqdm = None
    if tqdm is not None:
        # disable=None: tqdm stays silent when stderr is not a terminal.
        bar = tqdm(total=total, desc=desc, unit="B", unit_scale=True, disable=None)
        with bar:
            yield bar.update
        return

    done = 0
    tty = sys.stderr.isatty()

    def update(n: int) -> None:
        nonlocal done
        done += n
        if tty and total:
            print(f"\r{desc}: {100 * done // total:3d}%", end="", file=sys.stderr)

    yield update
    if tty and total:
        print(file=sys.stderr)


@contextlib.contextmanager
def atomic(path: Path) -> Iterator[IO[bytes]]:
    """Write to a temporary sibling, then rename: readers never see half a file."""
    # Not mkstemp: its 0600 mode would make a shared cache unreadable to others.
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}.part")
    try:
        with open(tmp, "xb") as out:
            yield out
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


@contextlib.contextmanager
def atomic_gzip(path: Path) -> Iterator[IO[bytes]]:
    """Write ``path`` as gzip, atomically, with the same bytes on every machine.

    mtime=0 and no file name in the header. Write in one call or in chunks
    (zlib's output does not depend on the chunking), but never ``flush()``:
    a flush point changes the bytes (as pandas' own gzip writer does).
    """
    with (
        atomic(path) as out,
        gzip.GzipFile(filename="", mode="wb", fileobj=out, mtime=0) as gz,
    ):
        yield gz


def write_atomic(path: Path, content: bytes) -> None:
    """Write ``content`` to ``path`` atomically (see :func:`atomic`)."""
    with atomic(path) as out:
        out.write(content)
