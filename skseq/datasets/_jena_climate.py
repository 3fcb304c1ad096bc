"""The Jena climate record 2009-2016: download, cache, read, clean.

The cache is the CSV of the official zip, unchanged but gzipped::

    <data_home>/jena/jena_climate_2009_2016.csv.gz
"""

from __future__ import annotations

import csv
import hashlib
import os
import zipfile
import zlib
from pathlib import Path

import pandas as pd
from sklearn.utils import Bunch

from ._base import CHUNK, atomic_gzip, check_flags, downloaded, get_data_home
from ._jena_cleaning import clean
from ._jena_layouts import TARGET, VARIABLES, check_columns, read, select
from ._jena_layouts import member as _member

JENA_URL = (
    "https://storage.googleapis.com/tensorflow/tf-keras-datasets/"
    "jena_climate_2009_2016.csv.zip"
)
# The official zip's SHA-256 is not recorded anywhere this project could check
# it (it was written offline), so the download is verified by its content only:
# the zip must open and hold the CSV with the expected header. Fill in the
# digest (64 hex digits) here to make every download verify it too; the tests
# set it on this module (skseq.datasets re-exports a copy, which the download
# does not read).
JENA_SHA256: str | None = None
# What is known of the official CSV inside the zip: its first 10,941,471
# bytes (the header and every row from 2009-01-01 00:10 to 2011-01-11) have
# this SHA-256, measured on the byte-exact copy the project's real-data tests
# read. Every download checks it; the zip's CRC-32 covers the rest.
JENA_CSV_PREFIX: tuple[int, str] = (
    10_941_471,
    "634d1e92c37a0ceb9f85810fd3984343c502c4804bba779092eaaadbb3ebc023",
)
JENA_TARGET = TARGET
# The target's position among the 14 columns of the default frame.
JENA_TARGET_COLUMN = VARIABLES.index(TARGET)

_CSV = "jena_climate_2009_2016.csv"
_CACHE = f"{_CSV}.gz"
_HEADER = ["Date Time", *VARIABLES]
_DESCR = (
    "Jena climate 2009-2016: 14 quantities measured every 10 minutes at the "
    "weather station of the Max Planck Institute for Biogeochemistry, Jena "
    "(https://www.bgc-jena.mpg.de/wetter/), as extracted by F. Chollet for "
    '"Deep Learning with Python" and the Keras tutorials.'
)
_OFFLINE = (
    f"copy jena/{_CACHE} (or the zip) from a machine that has it and pass its "
    "path as path=, or point data_home or SKSEQ_DATA to the folder holding "
    "jena/ and pass download_if_missing=False"
)


def fetch_jena_climate(
    data_home: str | os.PathLike | None = None,
    *,
    path: str | os.PathLike | None = None,
    download_if_missing: bool = True,
    as_frame: bool = True,
    return_X_y: bool = False,
    raw: bool = False,
    columns: list[str] | None = None,
) -> pd.DataFrame | Bunch | tuple:
    """Load the Jena climate record 2009-2016 (weather every 10 minutes).

    14 quantities (pressure, temperatures, humidity, wind, ...) measured at the
    weather station of the Max Planck Institute for Biogeochemistry in Jena,
    Germany, every 10 minutes from 2009-01-01 00:10 to 2017-01-01 00:00 (about
    420,000 rows). The first call downloads the official zip (about 13 MB) from
    ``JENA_URL``, checks that it holds ``jena_climate_2009_2016.csv`` with the
    expected header, that the CSV's first 10,941,471 bytes (2009-01-01 to
    2011-01-11) have the official SHA-256 (``JENA_CSV_PREFIX``) and the whole
    CSV its zip CRC-32 (and the zip's SHA-256, if ``JENA_SHA256`` is set), and caches
    that CSV, byte for byte, as ``<data_home>/jena/jena_climate_2009_2016.csv.gz``;
    later calls read the cache only.

    ``path=`` also reads the station's own files
    (https://www.bgc-jena.mpg.de/wetter/), whatever their year: a time column
    named ``Date Time``, ``date`` or ``datetime`` (any case), time stamps
    ``dd.mm.yyyy HH:MM:SS`` or ISO ``yyyy-mm-dd HH:MM:SS`` (or with ``T``;
    seconds optional), the format taken from the first row and required of
    every row (day and month are never guessed), the 14 variables in any
    order plus others (``rain (mm)``, ``SWDR (W/m²)``, ``CO2 (ppm)``, ...),
    UTF-8 or Latin-1/cp1252, separated by commas, semicolons or tabs
    (whichever the header holds most of), plain, gzipped or alone in a zip.
    Unit symbols garbled by an encoding mix-up (``"SWDR (W/mÂ²)"``, or
    ``"�"`` for a known name) are repaired. With ``columns``, only those
    and ``"T (degC)"`` need to be in the file.

    Parameters
    ----------
    data_home : str or path-like, default=None
        Cache folder; see :func:`get_data_home`. Ignored when ``path`` is given.
    path : str or path-like, default=None
        A local copy to read instead of the cache: the plain CSV (``.csv``), a
        gzipped one (``.csv.gz``), or a zip (``.zip``: the official one, or
        one holding a single CSV), in the
        Keras layout or a station layout (see above). It is read in place:
        nothing is cached or downloaded.
    download_if_missing : bool, default=True
        If False, raise a ``FileNotFoundError`` instead of downloading when the
        data are not cached (offline use). Ignored when ``path`` is given.
    as_frame : bool, default=True
        If True, pandas objects indexed by time: the DataFrame itself (see
        Returns), or ``(X, y)`` as a DataFrame and a Series with
        ``return_X_y``. If False, NumPy arrays in a Bunch, or ``(X, y)`` as
        two arrays with ``return_X_y``.
    return_X_y : bool, default=False
        If True, return ``(X, y)``: ``X`` holds all the columns (or
        ``columns``), the target ``"T (degC)"`` included unless ``columns``
        leaves it out (a forecaster reads the past temperatures),
        and ``y[i]`` is the temperature at row ``i``, to be predicted from
        windows of earlier rows (see :class:`~skseq.SlidingWindow`).
    raw : bool, default=False
        If True, return the rows as they are in the file (only the time stamps
        parsed into the index): repeated and missing time stamps and the
        ``-9999.0`` sentinel are kept, and ``attrs`` holds no ``"cleaning"``.
    columns : list of str, default=None
        The variables to return, in this order, by their proper names (e.g.
        ``["T (degC)", "SWDR (W/m²)"]``); None returns the 14 variables, then
        the file's other ones in its order. The whole file is cleaned first.

    Returns
    -------
    frame : pandas.DataFrame of shape (n_rows, n_columns)
        If ``as_frame`` and not ``return_X_y`` (the default): the measured
        columns, float64: the 14 of the Keras file with their original names
        and order (``"p (mbar)"``, ``"T (degC)"``, ..., ``"wd (deg)"``), then a
        station file's others (or ``columns``), indexed by a ``DatetimeIndex``
        named ``"Date Time"`` whatever the file's time column is called (the
        station's local winter time, no time zone).
        Unlike scikit-learn's fetchers, ``as_frame=True`` returns the frame
        itself, not a Bunch holding it: the data set is one table, and it is
        what this function always returned. Unless ``raw``, the index is the
        regular 10-minute grid from the first to the last time stamp
        (``freq="10min"``), there are no missing values, and
        ``frame.attrs["cleaning"]`` counts what the cleaning did:
        ``{"duplicates_dropped": int, "rows_inserted": int,
        "sentinels_replaced": int}``.
    data : sklearn.utils.Bunch
        If not ``as_frame`` and not ``return_X_y``, with attributes ``data``
        (float64 array of shape (n_rows, n_columns)), ``target`` (float64 array of
        shape (n_rows,), the temperature in °C), ``time`` (datetime64 array of
        shape (n_rows,)), ``feature_names`` (the column names),
        ``target_names`` (``["T (degC)"]``), ``cleaning`` (the dict above, or
        None if ``raw``), ``frame`` (None) and ``DESCR``.
    (X, y) : tuple
        If ``return_X_y``: a DataFrame of shape (n_rows, n_columns) and a Series of
        shape (n_rows,) named ``"T (degC)"``, or the two arrays if not
        ``as_frame``.

    Raises
    ------
    FileNotFoundError
        If ``path`` does not exist, or the data are not cached and
        ``download_if_missing=False``.
    OSError
        If the download fails, is not the expected zip, or fails its checksum;
        nothing is cached then.
    ValueError
        If a file cannot be parsed or is no Jena weather record: the message
        names what is missing (no time column, none or only some of the 14
        variables, time stamps in no known format) and lists the file's
        columns, or names the line and column of the first cell that is
        not a number, has no time stamp or one in another format than the
        first row's; also for a header without rows. If ``columns`` is
        empty, repeats a name or names a column the file does not have (the
        message lists those it has).
    TypeError
        If ``download_if_missing``, ``as_frame``, ``return_X_y`` or ``raw`` is
        not a bool, or ``columns`` not a list of strings.

    Warns
    -----
    UserWarning
        If a repeated time stamp carries values different from its first
        occurrence, or (not in the official file) time stamps lie off the
        10-minute grid.

    Notes
    -----
    Unless ``raw``, the rows are cleaned as follows, in this order, every
    variable of the file alike (a station file's extra ones included):

    1. **Order and repeated time stamps.** The rows are sorted by time (stable
       sort), then only the first occurrence of each time stamp is kept, in
       file order: a row repeated exactly, or another row with the same time,
       is dropped, even where the kept row holds a ``-9999`` or an empty field
       (filled as below). The official file holds the day 2010-07-01 00:10 to
       2010-07-02 00:00 twice (144 rows, identical values). A warning gives
       the number of dropped rows whose values differ from the kept ones.
    2. **Sentinels.** Every value exactly equal to ``-9999.0`` (written
       ``-9999``, ``-9999.0``, ``-9999.00``; found in ``"wv (m/s)"`` and
       ``"max. wv (m/s)"`` from 2016) is a missing value; so is an empty
       field.
    3. **Gaps.** The frame is reindexed to the regular 10-minute grid from the
       first to the last time stamp; the inserted rows are missing values (the
       official file skips 2009-10-08 09:50 and 10:00, so 2 rows). Rows off
       that grid are used for the interpolation below, then dropped, with a
       warning.
    4. **Filling.** Missing values are interpolated linearly in time between
       their nearest valid neighbours in the same column; values still
       missing at either end of a column are copied from the nearest valid
       row (a column with no valid value at all stays missing).

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
    >>> X, y = fetch_jena_climate(return_X_y=True)  # doctest: +SKIP
    >>> X.shape[1], y.name  # doctest: +SKIP
    (14, 'T (degC)')
    >>> local = fetch_jena_climate(path="jena.csv.zip", raw=True)  # doctest: +SKIP

    A station file, here a tiny one in Latin-1 with a ``-9999`` and ISO time
    stamps:

    >>> import tempfile
    >>> from pathlib import Path
    >>> names = ["date", "p (mbar)", "T (degC)", "Tpot (K)", "Tdew (degC)",
    ...          "rh (%)", "VPmax (mbar)", "VPact (mbar)", "VPdef (mbar)",
    ...          "sh (g/kg)", "H2OC (mmol/mol)", "rho (g/m**3)", "wv (m/s)",
    ...          "max. wv (m/s)", "wd (deg)", "SWDR (W/m²)"]
    >>> rows = [f"2020-01-01 00:{m}0:00," + ",".join([f"{m}.5"] * 14) + f",{w}"
    ...         for m, w in [(1, 0), (2, -9999), (3, 10)]]
    >>> folder = tempfile.TemporaryDirectory()
    >>> file = Path(folder.name) / "mpi_roof_2020a.csv"
    >>> _ = file.write_text("\\n".join([",".join(names), *rows]), "latin-1")
    >>> station = fetch_jena_climate(path=file, columns=["T (degC)", "SWDR (W/m²)"])
    >>> station
                         T (degC)  SWDR (W/m²)
    Date Time
    2020-01-01 00:10:00       1.5          0.0
    2020-01-01 00:20:00       2.5          5.0
    2020-01-01 00:30:00       3.5         10.0
    >>> station.attrs["cleaning"]
    {'duplicates_dropped': 0, 'rows_inserted': 0, 'sentinels_replaced': 1}
    >>> folder.cleanup()
    """
    check_flags(
        download_if_missing=download_if_missing,
        as_frame=as_frame,
        return_X_y=return_X_y,
        raw=raw,
    )
    columns = check_columns(columns)
    if path is not None:
        path = Path(path).expanduser()
        if not path.is_file():
            raise FileNotFoundError(f"Jena climate file not found: {path}")
        frame = read(path, columns=columns)
    else:
        folder = get_data_home(data_home) / "jena"
        cache = folder / _CACHE
        if not cache.exists():
            others = _other_copies(folder)
            if not download_if_missing:
                raise FileNotFoundError(
                    f"Jena climate data not found at {cache}. Pass "
                    f"download_if_missing=True to download it from {JENA_URL}, "
                    f"pass path= a local copy of {_CSV} (.csv, .csv.gz or "
                    "the official .zip), or point data_home (or the SKSEQ_DATA "
                    f"environment variable) to a folder holding jena/{_CACHE}." + others
                )
            try:
                _download(folder)
            except OSError as exc:
                if not others:
                    raise
                raise OSError(f"{exc}{others}") from exc
        frame = read(cache, hint="; delete it to download it again")
    if not raw:
        frame = clean(frame)
    target, frame = frame[JENA_TARGET], select(frame, columns)
    if as_frame:
        return (frame, target) if return_X_y else frame
    data, target = frame.to_numpy(), target.to_numpy()
    if return_X_y:
        return data, target
    return Bunch(
        data=data,
        target=target,
        time=frame.index.to_numpy(),
        feature_names=list(frame.columns),
        target_names=[JENA_TARGET],
        cleaning=frame.attrs.get("cleaning"),
        frame=None,
        DESCR=_DESCR,
    )


def _other_copies(folder: Path) -> str:
    """A hint naming the CSV or zip files under ``folder`` (e.g. a copy saved
    under another name), to pass as ``path=``; "" if there are none."""
    found = (
        sorted(
            p.name
            for p in folder.glob("*")
            if p.name != _CACHE and p.name.lower().endswith((".csv", ".csv.gz", ".zip"))
        )
        if folder.is_dir()
        else []
    )
    if not found:
        return ""
    return (
        f" {folder} holds {found}, not under the cache's name: pass one as "
        f"path=, e.g. path={str(folder / found[0])!r}."
    )


def _download(folder: Path) -> None:
    url = JENA_URL
    with downloaded(
        url, folder, sha256=JENA_SHA256, name="Jena climate", offline=_OFFLINE
    ) as archive:
        _convert(archive, folder / _CACHE, url)


def _copy_checking_prefix(source, target, name: str) -> None:
    """Copy ``source`` to ``target``; refuse it (OSError) unless its first
    bytes are the official CSV's (``JENA_CSV_PREFIX``)."""
    n_bytes, expected = JENA_CSV_PREFIX
    digest, seen = hashlib.sha256(), 0
    while chunk := source.read(CHUNK):
        if seen < n_bytes:
            digest.update(chunk[: n_bytes - seen])
        seen += len(chunk)
        target.write(chunk)
    got = digest.hexdigest()
    if seen < n_bytes or got != expected:
        raise OSError(
            f"SHA-256 mismatch for the first {n_bytes:,} bytes of {name}: expected "
            f"{expected}, got {got} (of {min(seen, n_bytes):,} bytes). The "
            "download is corrupt or the file changed upstream."
        )


def _convert(archive_path: Path, cache: Path, url: str) -> None:
    """Check the downloaded zip; gzip its CSV, unchanged, into the cache."""
    problem = f"the file downloaded from {url} is not the Jena climate zip"
    try:
        with zipfile.ZipFile(archive_path) as archive:
            member = _member(archive)
            if member is None:
                raise OSError(
                    f"{problem}: it holds no {_CSV} but {archive.namelist()}. "
                    "Check JENA_URL."
                )
            with archive.open(member) as file:
                first = file.readline().decode("utf-8-sig")
            header = next(csv.reader([first]), [])
            if header != _HEADER:
                raise OSError(
                    f"{problem}: {member} has the header {header}, expected {_HEADER}."
                )
            with archive.open(member) as file, atomic_gzip(cache) as gz:
                _copy_checking_prefix(file, gz, f"{member} from {url}")
    except (zipfile.BadZipFile, zlib.error, EOFError, UnicodeDecodeError) as exc:
        raise OSError(
            f"{problem} ({exc}). The download may be corrupt; try again."
        ) from exc


def find_jena_file(data_home: str | os.PathLike | None = None) -> Path | None:
    """The Jena climate file to read from ``data_home`` without downloading.

    The cached full record if there is one, else the first prefix copy
    (``jena/jena_climate_2009_2016_PREFIX*.csv.gz``, such as the 2009-2010
    extract in skseq's shared real-data folder), else None. The command line,
    the examples, the benchmarks and the tests find their data here.

    Parameters
    ----------
    data_home : str or path-like, default=None
        See :func:`skseq.datasets.get_data_home`.

    Returns
    -------
    pathlib.Path or None
        Pass it as ``fetch_jena_climate(path=...)``; None lets
        ``fetch_jena_climate`` download the full record.

    Examples
    --------
    >>> from skseq.datasets import fetch_jena_climate, find_jena_file
    >>> find_jena_file("/nonexistent") is None
    True
    >>> data = fetch_jena_climate(path=find_jena_file())  # doctest: +SKIP
    """
    folder = get_data_home(data_home) / "jena"
    full = folder / _CACHE
    if full.is_file():
        return full
    prefixes = sorted(folder.glob("jena_climate_2009_2016_PREFIX*.csv.gz"))
    return prefixes[0] if prefixes else None
