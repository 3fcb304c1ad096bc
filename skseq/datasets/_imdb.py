"""The IMDB Large Movie Review Dataset: download, cache, load.

Cache layout (the one of the shared data folder, so a read-only copy of it
works as ``data_home``)::

    <data_home>/imdb/train.csv.gz      columns id, rating, label, text
    <data_home>/imdb/test.csv.gz
    <data_home>/imdb/README.aclImdb.txt
    <data_home>/imdb/imdb.vocab
"""

from __future__ import annotations

import gzip
import os
import re
import tarfile
import zlib
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.utils import Bunch

from ._base import atomic_gzip, check_flags, downloaded, get_data_home, write_atomic

IMDB_URL = "https://ai.stanford.edu/~amaas/data/sentiment/aclImdb_v1.tar.gz"
# SHA-256 of the official tarball (84,125,825 bytes), as recorded by
# TensorFlow Datasets (imdb_reviews/checksums.tsv).
IMDB_SHA256 = "c40f74a18d3b61f90feba1e17730e0d38e8b97c05fde7008942e91923d1658fe"

_COLUMNS = ["id", "rating", "label", "text"]
_INT_COLUMNS = ["id", "rating", "label"]
_SUBSETS = ("train", "test")
# Only the labelled reviews: ``unsup/``, ``*.feat`` and ``urls_*.txt`` never match.
_REVIEW = re.compile(r"aclImdb/(train|test)/(pos|neg)/(\d+)_(\d+)\.txt")
_EXTRAS = {"aclImdb/README": "README.aclImdb.txt", "aclImdb/imdb.vocab": "imdb.vocab"}
_DESCR = (
    "Large Movie Review Dataset v1.0 (Maas et al., ACL 2011): 25,000 train and "
    "25,000 test IMDb movie reviews labelled 0 = negative, 1 = positive."
)
_OFFLINE = (
    "copy imdb/train.csv.gz and imdb/test.csv.gz from a machine that has them, "
    "point data_home or SKSEQ_DATA to that folder, and pass "
    "download_if_missing=False"
)


def fetch_imdb(
    subset: str = "train",
    *,
    data_home: str | os.PathLike | None = None,
    download_if_missing: bool = True,
    as_frame: bool = False,
    return_X_y: bool = False,
) -> Bunch | tuple:
    """Load the IMDB Large Movie Review Dataset (binary sentiment).

    The first call downloads the official tarball (about 84 MB) from
    ``IMDB_URL``, checks its SHA-256 against ``IMDB_SHA256``, and caches the
    labelled reviews of both subsets as ``<data_home>/imdb/{train,test}.csv.gz``;
    later calls read the cache only.

    Parameters
    ----------
    subset : {"train", "test"}, default="train"
        Which half to load; each has 12,500 negative and 12,500 positive reviews.
    data_home : str or path-like, default=None
        Cache folder; see :func:`get_data_home`.
    download_if_missing : bool, default=True
        If False, raise a ``FileNotFoundError`` instead of downloading when the
        data are not cached (offline use).
    as_frame : bool, default=False
        If True, ``data`` is a pandas DataFrame with one column, ``"text"``, and
        ``target`` a pandas Series named ``"label"``, as scikit-learn's
        ``fetch_*(as_frame=True)`` give them. If False, ``data`` is a pandas
        Series of str named ``"text"`` (the 1-D input a text pipeline takes)
        and ``target`` a NumPy array.
    return_X_y : bool, default=False
        If True, return ``(data, target)`` instead of a Bunch.

    Returns
    -------
    data : sklearn.utils.Bunch
        Dictionary-like object with attributes:

        data : pandas.Series of str, shape (n_samples,), or DataFrame
            The raw reviews (HTML ``<br />`` tags kept); a DataFrame of
            shape (n_samples, 1) if ``as_frame``.
        target : numpy.ndarray or pandas.Series of int64, shape (n_samples,)
            The labels: 0 = negative, 1 = positive; a Series if ``as_frame``.
        frame : pandas.DataFrame of shape (n_samples, 4)
            Columns ``id``, ``rating`` (1-4 negative, 7-10 positive), ``label``
            and ``text``, sorted by label then id. Present whatever
            ``as_frame`` (unlike scikit-learn's fetchers, where it is None
            without ``as_frame``), as it always was.
        target_names : list of str
            ``["neg", "pos"]``.
        DESCR : str
            The data set's README.
    (data, target) : tuple
        If ``return_X_y`` is True, with the types above.

    Raises
    ------
    ValueError
        If ``subset`` is unknown or the cached file is malformed.
    TypeError
        If ``download_if_missing``, ``as_frame`` or ``return_X_y`` is not a bool.
    OSError
        If the data are missing and cannot be downloaded (``FileNotFoundError``
        with ``download_if_missing=False``), or the download fails its checksum;
        nothing is cached then.

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
    >>> X, y = fetch_imdb("test", as_frame=True, return_X_y=True)  # doctest: +SKIP
    >>> X.columns.tolist(), y.name  # doctest: +SKIP
    (['text'], 'label')
    """
    if subset not in _SUBSETS:
        raise ValueError(f"subset must be 'train' or 'test'; got subset={subset!r}")
    check_flags(
        download_if_missing=download_if_missing,
        as_frame=as_frame,
        return_X_y=return_X_y,
    )
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
        _download(folder)

    frame = _read_csv(path)
    if as_frame:
        data, target = frame[["text"]], frame["label"]
    else:
        data, target = frame["text"], frame["label"].to_numpy(dtype=np.int64)
    if return_X_y:
        return data, target
    readme = folder / "README.aclImdb.txt"
    descr = readme.read_text(encoding="utf-8") if readme.exists() else _DESCR
    return Bunch(
        data=data, target=target, frame=frame, target_names=["neg", "pos"], DESCR=descr
    )


def _read_csv(path: Path) -> pd.DataFrame:
    # keep_default_na=False: a review reading "NA" or "null" must stay text.
    try:
        frame = pd.read_csv(path, keep_default_na=False)
    except (ValueError, EOFError, gzip.BadGzipFile, zlib.error) as exc:
        raise ValueError(
            f"cannot read the cached IMDB file {path} ({exc}); delete it to "
            "download it again"
        ) from exc
    if list(frame.columns) != _COLUMNS or not all(
        pd.api.types.is_integer_dtype(frame[c]) for c in _INT_COLUMNS
    ):
        raise ValueError(
            f"the cached IMDB file {path} is malformed: expected integer columns "
            f"{_INT_COLUMNS} and a text column, in the order {_COLUMNS}; got "
            f"{dict(frame.dtypes.astype(str))}. Delete it to download it again."
        )
    return frame.astype(dict.fromkeys(_INT_COLUMNS, np.int64))


def _download(folder: Path) -> None:
    with downloaded(
        IMDB_URL, folder, sha256=IMDB_SHA256, name="IMDB", offline=_OFFLINE
    ) as tarball:
        _convert(tarball, folder)


def _convert(tarball: Path, folder: Path) -> None:
    """Read the labelled reviews straight from the tarball; write the cache."""
    rows: dict[str, list[tuple[int, int, int, str]]] = {s: [] for s in _SUBSETS}
    with tarfile.open(tarball, "r:gz") as tar:
        for member in tar:
            if not member.isfile():
                continue
            if member.name in _EXTRAS:
                content = tar.extractfile(member).read()
                write_atomic(folder / _EXTRAS[member.name], content)
            elif match := _REVIEW.fullmatch(member.name):
                subset, polarity, id_, rating = match.groups()
                text = tar.extractfile(member).read().decode("utf-8")
                label = int(polarity == "pos")
                rows[subset].append((int(id_), int(rating), label, text))

    for subset, subset_rows in rows.items():
        frame = pd.DataFrame(subset_rows, columns=_COLUMNS)
        frame = frame.astype(dict.fromkeys(_INT_COLUMNS, np.int64))
        frame = frame.sort_values(["label", "id"], kind="stable", ignore_index=True)
        # One write call: the same bytes on every machine (see atomic_gzip).
        csv = frame.to_csv(index=False, lineterminator="\n").encode("utf-8")
        with atomic_gzip(folder / f"{subset}.csv.gz") as gz:
            gz.write(csv)
