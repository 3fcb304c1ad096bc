"""Loaders for the benchmark data sets, in the style of ``sklearn.datasets.fetch_*``.

Data live under a *data home* folder (see :func:`get_data_home`), one sub-folder per
data set.  IMDB is cached as::

    <data_home>/imdb/train.csv.gz      columns id, rating, label, text
    <data_home>/imdb/test.csv.gz
    <data_home>/imdb/README.aclImdb.txt
    <data_home>/imdb/imdb.vocab

so an existing read-only copy of that layout can be used as ``data_home`` directly.
"""

from __future__ import annotations

import contextlib
import gzip
import hashlib
import http.client
import os
import re
import secrets
import sys
import tarfile
import tempfile
import urllib.error
import urllib.request
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO

import numpy as np
import pandas as pd
from sklearn.utils import Bunch

__all__ = ["fetch_imdb", "get_data_home"]

IMDB_URL = "https://ai.stanford.edu/~amaas/data/sentiment/aclImdb_v1.tar.gz"
IMDB_SHA1 = "01ada507287d82875905620988597833ad4e0903"

_IMDB_COLUMNS = ["id", "rating", "label", "text"]
_IMDB_SUBSETS = ("train", "test")
# Only the labelled reviews: ``unsup/``, ``*.feat`` and ``urls_*.txt`` never match.
_IMDB_REVIEW = re.compile(r"aclImdb/(train|test)/(pos|neg)/(\d+)_(\d+)\.txt")
_IMDB_EXTRAS = {
    "aclImdb/README": "README.aclImdb.txt",
    "aclImdb/imdb.vocab": "imdb.vocab",
}
_IMDB_DESCR = (
    "Large Movie Review Dataset v1.0 (Maas et al., ACL 2011): 25,000 train and "
    "25,000 test IMDb movie reviews labelled 0 = negative, 1 = positive."
)
_TIMEOUT_S = 60
_CHUNK = 1 << 20


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

    Examples
    --------
    >>> get_data_home("some/folder").name
    'folder'
    """
    if data_home is None:
        data_home = os.environ.get("SKSEQ_DATA") or "~/skseq_data"
    return Path(data_home).expanduser()


def fetch_imdb(
    subset: str = "train",
    *,
    data_home: str | os.PathLike | None = None,
    download_if_missing: bool = True,
    return_X_y: bool = False,
) -> Bunch | tuple[pd.Series, np.ndarray]:
    """Load the IMDB Large Movie Review Dataset (binary sentiment).

    The first call downloads the official tarball (about 84 MB) from
    ``IMDB_URL``, checks its SHA-1, and caches the labelled reviews of both
    subsets as ``<data_home>/imdb/{train,test}.csv.gz``; later calls read the
    cache only.

    Parameters
    ----------
    subset : {"train", "test"}, default="train"
        Which half to load; each has 12,500 negative and 12,500 positive reviews.
    data_home : str or path-like, default=None
        Cache folder; see :func:`get_data_home`.
    download_if_missing : bool, default=True
        If False, raise an ``OSError`` instead of downloading when the data are
        not cached (offline use).
    return_X_y : bool, default=False
        If True, return ``(data, target)`` instead of a Bunch.

    Returns
    -------
    data : sklearn.utils.Bunch
        Dictionary-like object with attributes:

        data : pandas.Series of str, named "text"
            The raw reviews (HTML ``<br />`` tags kept).
        target : numpy.ndarray of int64, shape (n_samples,)
            The labels: 0 = negative, 1 = positive.
        frame : pandas.DataFrame
            Columns ``id``, ``rating`` (1-4 negative, 7-10 positive), ``label``
            and ``text``, sorted by label then id.
        target_names : list of str
            ``["neg", "pos"]``.
        DESCR : str
            The data set's README.
    (data, target) : tuple
        If ``return_X_y`` is True.

    Raises
    ------
    ValueError
        If ``subset`` is unknown or the cached file is malformed.
    OSError
        If the data are missing and cannot be downloaded (or
        ``download_if_missing=False``), or the download fails its checksum.

    Notes
    -----
    Please cite Maas, A. L. et al. (2011), "Learning Word Vectors for Sentiment
    Analysis", Proceedings of ACL-HLT 2011, pp. 142-150.

    Examples
    --------
    >>> from skseq.datasets import fetch_imdb
    >>> imdb = fetch_imdb("train")  # doctest: +SKIP
    >>> imdb.frame.shape  # doctest: +SKIP
    (25000, 4)
    >>> X, y = fetch_imdb("test", return_X_y=True)  # doctest: +SKIP
    >>> X.iloc[0][:24], y[0]  # doctest: +SKIP
    ('Once again Mr. Costner h', np.int64(0))
    """
    if subset not in _IMDB_SUBSETS:
        raise ValueError(f"subset must be 'train' or 'test'; got subset={subset!r}")
    folder = get_data_home(data_home) / "imdb"
    path = folder / f"{subset}.csv.gz"
    if not path.exists():
        if not download_if_missing:
            raise FileNotFoundError(
                f"IMDB data not found at {path}. Pass download_if_missing=True to "
                f"download it from {IMDB_URL}, or point data_home (or the "
                "SKSEQ_DATA environment variable) to a folder holding "
                "imdb/train.csv.gz and imdb/test.csv.gz."
            )
        _download_imdb(folder)

    frame = _read_imdb_csv(path)
    readme = folder / "README.aclImdb.txt"
    descr = readme.read_text(encoding="utf-8") if readme.exists() else _IMDB_DESCR
    data = frame["text"]
    target = frame["label"].to_numpy(dtype=np.int64)
    if return_X_y:
        return data, target
    return Bunch(
        data=data, target=target, frame=frame, target_names=["neg", "pos"], DESCR=descr
    )


def _read_imdb_csv(path: Path) -> pd.DataFrame:
    # keep_default_na=False: a review reading "NA" or "null" must stay text.
    try:
        frame = pd.read_csv(path, keep_default_na=False)
    except (ValueError, EOFError, gzip.BadGzipFile, zlib.error) as exc:
        raise ValueError(
            f"cannot read the cached IMDB file {path} ({exc}); delete it to "
            "download it again"
        ) from exc
    int_columns = ["id", "rating", "label"]
    if list(frame.columns) != _IMDB_COLUMNS or not all(
        pd.api.types.is_integer_dtype(frame[c]) for c in int_columns
    ):
        raise ValueError(
            f"the cached IMDB file {path} is malformed: expected integer columns "
            f"{int_columns} and a text column, in the order {_IMDB_COLUMNS}; got "
            f"{dict(frame.dtypes.astype(str))}. Delete it to download it again."
        )
    return frame.astype(dict.fromkeys(int_columns, np.int64))


def _download_imdb(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(dir=folder, prefix="aclImdb_v1.", suffix=".tar.gz.part")
    tarball = Path(name)
    # The tarball is only a means to the CSVs; never keep it, even half written.
    try:
        with os.fdopen(fd, "wb") as out:
            sha1 = _stream(IMDB_URL, out)
        if sha1 != IMDB_SHA1:
            raise OSError(
                f"checksum mismatch for {IMDB_URL}: expected SHA-1 {IMDB_SHA1}, got "
                f"{sha1}. The download may be corrupt; try again."
            )
        _convert_imdb(tarball, folder)
    finally:
        tarball.unlink(missing_ok=True)


def _stream(url: str, out: IO[bytes]) -> str:
    """Copy ``url`` into ``out`` with a progress report; return the SHA-1."""
    sha1 = hashlib.sha1()
    try:
        with urllib.request.urlopen(url, timeout=_TIMEOUT_S) as response:
            total = int(response.headers.get("Content-Length") or 0) or None
            with _progress(total, f"Downloading {url}") as update:
                while chunk := response.read(_CHUNK):
                    out.write(chunk)
                    sha1.update(chunk)
                    update(len(chunk))
    except (
        urllib.error.URLError,
        http.client.HTTPException,
        ConnectionError,
        TimeoutError,
    ) as exc:
        raise OSError(
            f"download of the IMDB data failed from {url}: {exc}. If this machine "
            "is offline, copy imdb/train.csv.gz and imdb/test.csv.gz from a machine "
            "that has them, point data_home or SKSEQ_DATA to that folder, and pass "
            "download_if_missing=False."
        ) from exc
    return sha1.hexdigest()


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


def _convert_imdb(tarball: Path, folder: Path) -> None:
    """Read the labelled reviews straight from the tarball; write the cache."""
    rows: dict[str, list[tuple[int, int, int, str]]] = {s: [] for s in _IMDB_SUBSETS}
    with tarfile.open(tarball, "r:gz") as tar:
        for member in tar:
            if not member.isfile():
                continue
            if member.name in _IMDB_EXTRAS:
                _write_atomic(
                    folder / _IMDB_EXTRAS[member.name], tar.extractfile(member).read()
                )
            elif match := _IMDB_REVIEW.fullmatch(member.name):
                subset, polarity, id_, rating = match.groups()
                text = tar.extractfile(member).read().decode("utf-8")
                label = int(polarity == "pos")
                rows[subset].append((int(id_), int(rating), label, text))

    for subset, subset_rows in rows.items():
        frame = pd.DataFrame(subset_rows, columns=_IMDB_COLUMNS)
        frame = frame.astype(dict.fromkeys(["id", "rating", "label"], np.int64))
        frame = frame.sort_values(["label", "id"], kind="stable", ignore_index=True)
        # One write call with mtime=0 and no file name gives the same bytes on
        # every machine (pandas' chunked writes would add gzip flush points).
        csv = frame.to_csv(index=False, lineterminator="\n").encode("utf-8")
        with (
            _atomic(folder / f"{subset}.csv.gz") as out,
            gzip.GzipFile(filename="", mode="wb", fileobj=out, mtime=0) as gz,
        ):
            gz.write(csv)


def _write_atomic(path: Path, content: bytes) -> None:
    with _atomic(path) as out:
        out.write(content)


@contextlib.contextmanager
def _atomic(path: Path) -> Iterator[IO[bytes]]:
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
