"""Loaders for the benchmark data sets, in the style of ``sklearn.datasets.fetch_*``.

Data live under a *data home* folder (see :func:`get_data_home`), one sub-folder per
data set.  IMDB is cached as::

    <data_home>/imdb/train.csv.gz      columns id, rating, label, text
    <data_home>/imdb/test.csv.gz
    <data_home>/imdb/README.aclImdb.txt
    <data_home>/imdb/imdb.vocab

and the Jena climate record as the CSV of the official zip, unchanged but gzipped::

    <data_home>/jena/jena_climate_2009_2016.csv.gz

so an existing read-only copy of that layout can be used as ``data_home`` directly.
"""

from __future__ import annotations

import contextlib
import csv
import gzip
import hashlib
import http.client
import os
import re
import secrets
import shutil
import sys
import tarfile
import tempfile
import urllib.error
import urllib.request
import warnings
import zipfile
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO

import numpy as np
import pandas as pd
from sklearn.utils import Bunch

__all__ = ["fetch_imdb", "fetch_jena_climate", "get_data_home"]

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
JENA_URL = (
    "https://storage.googleapis.com/tensorflow/tf-keras-datasets/"
    "jena_climate_2009_2016.csv.zip"
)
_JENA_CSV = "jena_climate_2009_2016.csv"
_JENA_CACHE = f"{_JENA_CSV}.gz"
_JENA_TIME = "Date Time"
_JENA_COLUMNS = [
    "p (mbar)",
    "T (degC)",
    "Tpot (K)",
    "Tdew (degC)",
    "rh (%)",
    "VPmax (mbar)",
    "VPact (mbar)",
    "VPdef (mbar)",
    "sh (g/kg)",
    "H2OC (mmol/mol)",
    "rho (g/m**3)",
    "wv (m/s)",
    "max. wv (m/s)",
    "wd (deg)",
]
_JENA_HEADER = [_JENA_TIME, *_JENA_COLUMNS]
_JENA_TIME_FORMAT = "%d.%m.%Y %H:%M:%S"
_JENA_STEP = pd.Timedelta("10min")
_JENA_SENTINEL = -9999.0
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


def _stream(
    url: str,
    out: IO[bytes],
    *,
    name: str = "IMDB",
    offline: str = (
        "copy imdb/train.csv.gz and imdb/test.csv.gz from a machine that has them, "
        "point data_home or SKSEQ_DATA to that folder, and pass "
        "download_if_missing=False"
    ),
) -> str:
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
            f"download of the {name} data failed from {url}: {exc}. If this "
            f"machine is offline, {offline}."
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


def local_jena_climate_file(data_home: str | os.PathLike | None = None) -> Path | None:
    """The Jena climate file to read from ``data_home`` without downloading.

    The cached full record if there is one, else the first prefix copy
    (``jena/jena_climate_2009_2016_PREFIX*.csv.gz``, such as the 2009-2010
    extract in the shared data folder), else None.

    Parameters
    ----------
    data_home : str or path-like, default=None
        See :func:`get_data_home`.

    Returns
    -------
    pathlib.Path or None
        Pass it as ``fetch_jena_climate(path=...)``; None lets
        ``fetch_jena_climate`` download the full record.

    Examples
    --------
    >>> local_jena_climate_file("/nonexistent") is None
    True
    """
    folder = get_data_home(data_home) / "jena"
    if (folder / _JENA_CACHE).is_file():
        return folder / _JENA_CACHE
    prefixes = sorted(folder.glob(f"{_JENA_CSV.removesuffix('.csv')}_PREFIX*.csv.gz"))
    return prefixes[0] if prefixes else None


def fetch_jena_climate(
    data_home: str | os.PathLike | None = None,
    *,
    path: str | os.PathLike | None = None,
    download_if_missing: bool = True,
    raw: bool = False,
) -> pd.DataFrame:
    """Load the Jena climate record 2009-2016 (weather every 10 minutes).

    14 quantities (pressure, temperatures, humidity, wind, ...) measured at the
    weather station of the Max Planck Institute for Biogeochemistry in Jena,
    Germany, every 10 minutes from 2009-01-01 00:10 to 2017-01-01 00:00 (about
    420,000 rows). The first call downloads the official zip (about 13 MB) from
    ``JENA_URL``, checks that it holds ``jena_climate_2009_2016.csv`` with the
    expected header, and caches that CSV, byte for byte, as
    ``<data_home>/jena/jena_climate_2009_2016.csv.gz``; later calls read the
    cache only.

    Parameters
    ----------
    data_home : str or path-like, default=None
        Cache folder; see :func:`get_data_home`. Ignored when ``path`` is given.
    path : str or path-like, default=None
        A local copy to read instead of the cache: the plain CSV (``.csv``), a
        gzipped one (``.csv.gz``), or the official zip (``.zip``). It is read in
        place: nothing is cached or downloaded.
    download_if_missing : bool, default=True
        If False, raise a ``FileNotFoundError`` instead of downloading when the
        data are not cached (offline use). Ignored when ``path`` is given.
    raw : bool, default=False
        If True, return the rows as they are in the file (only the time stamps
        parsed into the index): repeated and missing time stamps and the
        ``-9999.0`` sentinel are kept, and ``attrs`` holds no ``"cleaning"``.

    Returns
    -------
    frame : pandas.DataFrame
        The 14 measured columns, float64, with their original names and order
        (``"p (mbar)"``, ``"T (degC)"``, ..., ``"wd (deg)"``), indexed by a
        ``DatetimeIndex`` named ``"Date Time"`` (the station's local winter time,
        no time zone). Unless ``raw``, the index is the regular 10-minute grid
        from the first to the last time stamp (``freq="10min"``), there are no
        missing values, and ``frame.attrs["cleaning"]`` counts what the cleaning
        did: ``{"duplicates_dropped": int, "rows_inserted": int,
        "sentinels_replaced": int}``.

    Raises
    ------
    FileNotFoundError
        If ``path`` does not exist, or the data are not cached and
        ``download_if_missing=False``.
    OSError
        If the download fails or is not the expected zip; nothing is cached then.
    ValueError
        If a file does not have the expected header or cannot be parsed.

    Warns
    -----
    UserWarning
        If a repeated time stamp carries values different from its first
        occurrence, or (not in the official file) time stamps lie off the
        10-minute grid.

    Notes
    -----
    Unless ``raw``, the rows are cleaned as follows, in this order:

    1. **Order and repeated time stamps.** The rows are sorted by time (stable
       sort), then only the first occurrence of each time stamp is kept. The
       official file holds the day 2010-07-01 00:10 to 2010-07-02 00:00 twice
       (144 rows, identical values). A warning gives the number of dropped
       rows whose values differ from the kept ones.
    2. **Sentinels.** Every value exactly equal to ``-9999.0`` (found in
       ``"wv (m/s)"`` and ``"max. wv (m/s)"`` from 2016) is a missing value;
       so is an empty field.
    3. **Gaps.** The frame is reindexed to the regular 10-minute grid from the
       first to the last time stamp; the inserted rows are missing values (the
       official file skips 2009-10-08 09:50 and 10:00, so 2 rows). Rows off
       that grid are used for the interpolation below, then dropped, with a
       warning.
    4. **Filling.** Missing values are interpolated linearly in time between
       their nearest valid neighbours in the same column; values still
       missing at either end of a column are copied from the nearest valid
       row.

    The data are recorded by the Max Planck Institute for Biogeochemistry,
    https://www.bgc-jena.mpg.de/wetter/; this is the 2009-2016 extract prepared
    by F. Chollet for "Deep Learning with Python" and used by the Keras and
    TensorFlow tutorials.

    Examples
    --------
    >>> from skseq.datasets import fetch_jena_climate
    >>> jena = fetch_jena_climate()  # doctest: +SKIP
    >>> jena.shape[1], jena.index.freqstr  # doctest: +SKIP
    (14, '10min')
    >>> jena.index[0]  # doctest: +SKIP
    Timestamp('2009-01-01 00:10:00')
    >>> jena["T (degC)"].iloc[:3].tolist()  # doctest: +SKIP
    [-8.02, -8.41, -8.51]
    >>> hourly = jena.iloc[5::6]  # doctest: +SKIP
    >>> local = fetch_jena_climate(path="jena.csv.zip", raw=True)  # doctest: +SKIP
    """
    if path is not None:
        path = Path(path).expanduser()
        if not path.is_file():
            raise FileNotFoundError(f"Jena climate file not found: {path}")
        frame = _read_jena(path)
    else:
        folder = get_data_home(data_home) / "jena"
        cache = folder / _JENA_CACHE
        if not cache.exists():
            if not download_if_missing:
                raise FileNotFoundError(
                    f"Jena climate data not found at {cache}. Pass "
                    f"download_if_missing=True to download it from {JENA_URL}, "
                    f"pass path= a local copy of {_JENA_CSV} (.csv, .csv.gz or "
                    "the official .zip), or point data_home (or the SKSEQ_DATA "
                    f"environment variable) to a folder holding jena/{_JENA_CACHE}."
                )
            _download_jena(folder)
        frame = _read_jena(cache, hint="; delete it to download it again")
    if raw:
        return frame
    return _clean_jena(frame)


def _read_jena(path: Path, hint: str = "") -> pd.DataFrame:
    """Parse a Jena CSV (plain, gzipped or the official zip) into a frame."""
    dtype = dict.fromkeys(_JENA_COLUMNS, np.float64) | {_JENA_TIME: str}
    try:
        if path.suffix.lower() == ".zip":
            with zipfile.ZipFile(path) as archive:
                member = _jena_member(archive)
                if member is None:
                    raise ValueError(
                        f"no {_JENA_CSV} in it; it holds {archive.namelist()}"
                    )
                with archive.open(member) as file:
                    frame = pd.read_csv(file, dtype=dtype)
        else:
            frame = pd.read_csv(path, dtype=dtype)
        if list(frame.columns) != _JENA_HEADER:
            raise ValueError(
                f"expected the columns {_JENA_HEADER}, got {list(frame.columns)}"
            )
        index = pd.DatetimeIndex(
            pd.to_datetime(frame.pop(_JENA_TIME), format=_JENA_TIME_FORMAT),
            name=_JENA_TIME,
        )
    except (
        ValueError,
        EOFError,
        gzip.BadGzipFile,
        zipfile.BadZipFile,
        zlib.error,
    ) as exc:
        raise ValueError(
            f"cannot read the Jena climate file {path}: {exc}{hint}"
        ) from exc
    frame.index = index
    frame.columns.name = None
    return frame


def _jena_member(archive: zipfile.ZipFile) -> str | None:
    """The name of the CSV in the official zip (possibly under one folder)."""
    for name in archive.namelist():
        if name.rsplit("/", 1)[-1] == _JENA_CSV and not name.startswith("__MACOSX/"):
            return name
    return None


def _download_jena(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(dir=folder, prefix=f"{_JENA_CSV}.", suffix=".zip.part")
    archive_path = Path(name)
    url = JENA_URL
    # The zip is only a means to the CSV; never keep it, even half written.
    try:
        with os.fdopen(fd, "wb") as out:
            _stream(
                url,
                out,
                name="Jena climate",
                offline=(
                    f"copy jena/{_JENA_CACHE} (or the zip) from a machine that has "
                    "it and pass its path as path=, or point data_home or "
                    "SKSEQ_DATA to the folder holding jena/ and pass "
                    "download_if_missing=False"
                ),
            )
        _convert_jena(archive_path, folder / _JENA_CACHE, url)
    finally:
        archive_path.unlink(missing_ok=True)


def _convert_jena(archive_path: Path, cache: Path, url: str) -> None:
    """Check the downloaded zip; gzip its CSV, unchanged, into the cache."""
    problem = f"the file downloaded from {url} is not the Jena climate zip"
    try:
        with zipfile.ZipFile(archive_path) as archive:
            member = _jena_member(archive)
            if member is None:
                raise OSError(
                    f"{problem}: it holds no {_JENA_CSV} but {archive.namelist()}. "
                    "Check JENA_URL."
                )
            with archive.open(member) as file:
                first = file.readline().decode("utf-8-sig")
            header = next(csv.reader([first]), [])
            if header != _JENA_HEADER:
                raise OSError(
                    f"{problem}: {member} has the header {header}, expected "
                    f"{_JENA_HEADER}."
                )
            # The same bytes on every machine: mtime=0 and no file name; zlib's
            # output does not depend on how its input is chunked.
            with (
                archive.open(member) as file,
                _atomic(cache) as out,
                gzip.GzipFile(filename="", mode="wb", fileobj=out, mtime=0) as gz,
            ):
                shutil.copyfileobj(file, gz, _CHUNK)
    except (zipfile.BadZipFile, zlib.error, EOFError, UnicodeDecodeError) as exc:
        raise OSError(
            f"{problem} ({exc}). The download may be corrupt; try again."
        ) from exc


def _clean_jena(frame: pd.DataFrame) -> pd.DataFrame:
    """Apply the cleaning policy of :func:`fetch_jena_climate` (see its Notes)."""
    frame = frame.sort_index(kind="stable")
    repeated = frame.index.duplicated(keep="first")
    duplicates = int(repeated.sum())
    if duplicates:
        dropped = frame[repeated]
        kept = frame[~repeated]
        a = dropped.to_numpy()
        b = kept.reindex(dropped.index).to_numpy()
        differ = int((~((a == b) | (np.isnan(a) & np.isnan(b)))).any(axis=1).sum())
        if differ:
            warnings.warn(
                f"{differ} of the {duplicates} rows with a repeated time stamp "
                "have values different from the first row with that time stamp; "
                "kept the first.",
                UserWarning,
                stacklevel=3,
            )
        frame = kept

    sentinel = frame.to_numpy() == _JENA_SENTINEL
    sentinels = int(sentinel.sum())
    if sentinels:
        frame = frame.mask(sentinel)

    inserted = 0
    if len(frame):
        start = frame.index[0]
        grid = pd.date_range(
            start, frame.index[-1], freq=_JENA_STEP, unit=frame.index.unit
        )
        grid.name = _JENA_TIME
        off_grid = int(((frame.index - start) % _JENA_STEP != pd.Timedelta(0)).sum())
        inserted = len(grid) - (len(frame) - off_grid)
        if off_grid:
            warnings.warn(
                f"{off_grid} rows have time stamps off the 10-minute grid starting "
                f"at {start}; they were used to interpolate, then dropped.",
                UserWarning,
                stacklevel=3,
            )
            frame = frame.reindex(frame.index.union(grid))
        else:
            frame = frame.reindex(grid)
        if frame.isna().to_numpy().any():
            frame = frame.interpolate(method="time").ffill().bfill()
        if off_grid:
            frame = frame.reindex(grid)

    frame.attrs["cleaning"] = {
        "duplicates_dropped": duplicates,
        "rows_inserted": inserted,
        "sentinels_replaced": sentinels,
    }
    return frame
