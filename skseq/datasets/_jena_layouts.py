"""The CSV layouts ``fetch_jena_climate`` reads, and how it reads them.

* the Keras extract (``jena_climate_2009_2016.csv``): UTF-8, a ``Date Time``
  column like ``01.01.2009 00:10:00``, then the 14 variables of ``VARIABLES``;
* the station's own files (https://www.bgc-jena.mpg.de/wetter/): a ``Date
  Time``, ``date`` or ``datetime`` column, ``dd.mm.yyyy HH:MM:SS`` or ISO
  (``2020-01-01 00:10:00``, ``2020-01-01T00:10:00``) time stamps, more
  variables (``rain (mm)``, ``SWDR (W/m²)``, ``CO2 (ppm)``, ...), UTF-8 or
  Latin-1, and unit symbols often garbled by an encoding mix-up.

The header decides everything: its encoding (UTF-8, else cp1252/Latin-1),
the column names (mojibake repaired), the time column and, from its first
value, the one time format every row must follow.
"""

from __future__ import annotations

import contextlib
import csv
import gzip
import re
import zipfile
import zlib
from collections.abc import Iterable
from pathlib import Path

import numpy as np
import pandas as pd

CSV_NAME = "jena_climate_2009_2016.csv"
INDEX_NAME = "Date Time"
TARGET = "T (degC)"  # what fetch_jena_climate returns as y
VARIABLES = [
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
# Extra variables of the station's files, by their proper names: a garbled
# name whose unknown characters were replaced by U+FFFD is mapped back to one.
EXTRAS = [
    "rain (mm)",
    "raining (s)",
    "SWDR (W/m²)",
    "PAR (µmol/m²/s)",
    "max. PAR (µmol/m²/s)",
    "Tlog (degC)",
    "CO2 (ppm)",
]
TIME_NAMES = ("Date Time", "date", "Date", "datetime")
_DELIMITERS = (",", ";", "\t")
# What pandas reads as missing, besides an empty cell.
_MISSING = {"", "NA", "N/A", "NaN", "nan", "NULL", "null", "-nan", "#N/A"}
_TIME_KEYS = {name.casefold() for name in TIME_NAMES}
_FORMATS = [
    (r"\d\d\.\d\d\.\d{4} \d\d:\d\d:\d\d", "%d.%m.%Y %H:%M:%S"),
    (r"\d\d\.\d\d\.\d{4} \d\d:\d\d", "%d.%m.%Y %H:%M"),
    (r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d", "%Y-%m-%d %H:%M:%S"),
    (r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d", "%Y-%m-%dT%H:%M:%S"),
    (r"\d{4}-\d\d-\d\d \d\d:\d\d", "%Y-%m-%d %H:%M"),
    (r"\d{4}-\d\d-\d\dT\d\d:\d\d", "%Y-%m-%dT%H:%M"),
]


def read(path: Path, hint: str = "", columns: list[str] | None = None) -> pd.DataFrame:
    """Parse a Jena CSV (plain, gzipped or zipped) into a frame indexed by
    time: the ``VARIABLES`` in their order, then the file's other columns.

    Every one of the 14 ``VARIABLES`` is required unless ``columns`` is
    given; then only those and the target ``"T (degC)"`` are."""
    try:
        with _open(path) as file:
            header, encoding, sep = decode_header(file.readline())
            time, names = _layout(header, columns)
            dtype = dict.fromkeys(names, np.float64) | {time: str}
            try:
                frame = pd.read_csv(
                    file, header=None, names=header, dtype=dtype, sep=sep,
                    encoding=encoding,
                )  # fmt: skip
            except pd.errors.EmptyDataError:
                frame = pd.DataFrame()
            except ValueError:  # a cell that is not a number: say which
                frame = None
        if frame is not None and frame.empty:
            raise ValueError("it has a header but no rows")
        if frame is None:
            with _open(path) as file:
                file.readline()
                _raise_first_non_number(file, header, names, sep, encoding)
        index = pd.DatetimeIndex(_parse_times(frame[time], time), name=INDEX_NAME)
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
    frame = frame[names]
    frame.index = index
    frame.columns.name = None
    return frame


def _raise_first_non_number(file, header, names, sep, encoding) -> None:
    """Name the first cell of a variable column that is not a number."""
    text = pd.read_csv(
        file, header=None, names=header, dtype=str, sep=sep, encoding=encoding,
        keep_default_na=False,
    )  # fmt: skip
    for row, values in enumerate(text[names].itertuples(index=False), start=2):
        for name, value in zip(names, values, strict=True):
            if value.strip() in _MISSING:
                continue
            try:
                float(value)
            except ValueError:
                raise ValueError(
                    f"line {row}, column {name!r}: {value!r} is not a number"
                ) from None
    raise ValueError("a variable column holds something that is not a number")


def _parse_times(stamps: pd.Series, column: str) -> pd.Series:
    """Every time stamp parsed in the first one's format; a ValueError names
    the file line of the first that is missing or in another format."""
    fmt = time_format(stamps, column)
    times = pd.to_datetime(stamps, format=fmt, errors="coerce")
    bad = np.flatnonzero(times.isna().to_numpy())
    if len(bad):
        value = stamps.iloc[bad[0]]
        problem = (
            "has no time stamp"
            if pd.isna(value)
            else f"has the time stamp {value!r}, not in the first row's format {fmt!r}"
        )
        raise ValueError(f"line {bad[0] + 2}, column {column!r} {problem}")
    return times


@contextlib.contextmanager
def _open(path: Path):
    """The file's bytes: the CSV itself, gunzipped, or the zip's CSV."""
    if path.suffix.lower() == ".zip":
        with zipfile.ZipFile(path) as archive:
            name = member(archive) or _only_csv(archive)
            if name is None:
                raise ValueError(
                    f"no {CSV_NAME} in it, nor a single other CSV; it holds "
                    f"{archive.namelist()}"
                )
            with archive.open(name) as file:
                yield file
    elif path.suffix.lower() == ".gz":
        with gzip.open(path) as file:
            yield file
    else:
        with open(path, "rb") as file:
            yield file


def member(archive: zipfile.ZipFile) -> str | None:
    """The name of the CSV in the official zip (possibly under one folder)."""
    for name in archive.namelist():
        if name.rsplit("/", 1)[-1] == CSV_NAME and not name.startswith("__MACOSX/"):
            return name
    return None


def _only_csv(archive: zipfile.ZipFile) -> str | None:
    """The zip's one CSV (a station file zipped), or None if not just one."""
    names = [
        name
        for name in archive.namelist()
        if name.lower().endswith(".csv") and not name.startswith("__MACOSX/")
    ]
    return names[0] if len(names) == 1 else None


def decode_header(line: bytes) -> tuple[list[str], str, str]:
    """The column names (mojibake repaired), the file's encoding and its
    delimiter: whichever of comma, semicolon and tab the header holds most
    of (spreadsheet exports in German locales use semicolons)."""
    try:
        text, encoding = line.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        try:
            text = line.decode("cp1252")
        except UnicodeDecodeError:  # bytes cp1252 leaves undefined
            text = line.decode("latin-1")
        encoding = "latin-1"  # the rows are numbers: any 8-bit decoding reads them
    text = text.rstrip("\r\n")
    sep = max(_DELIMITERS, key=text.count)
    names = next(csv.reader([text], delimiter=sep), [])
    return [repair(name) for name in names], encoding, sep


def repair(name: str) -> str:
    """Undo UTF-8 bytes read as cp1252/Latin-1 (``"W/mÂ²"`` -> ``"W/m²"``),
    however many times it happened; map a name with U+FFFD to a known one."""
    while True:
        for codec in ("cp1252", "latin-1"):
            try:
                fixed = name.encode(codec).decode("utf-8")
                break
            except UnicodeError:
                fixed = name
        if fixed == name:
            break
        name = fixed
    if "\ufffd" in name:
        for known in EXTRAS:
            if len(known) == len(name) and all(
                a == b or (a == "\ufffd" and not b.isascii())
                for a, b in zip(name, known, strict=True)
            ):
                return known
    return name


def _layout(header: list[str], columns: list[str] | None) -> tuple[str, list[str]]:
    """The time column and the variables to return, in order; a ValueError
    names what is missing from a file that is not a Jena weather record."""
    times = [name for name in header if name.casefold() in _TIME_KEYS]
    expected = ", ".join(map(repr, TIME_NAMES))
    if not times:
        raise ValueError(
            f"it has no time column (expected one of {expected}, in any case); "
            f"its columns are {header}"
        )
    if len(times) > 1:
        raise ValueError(f"it has several time columns {times}; expected one")
    repeated = sorted({name for name in header if header.count(name) > 1})
    if repeated:
        raise ValueError(f"it repeats the columns {repeated}; its columns are {header}")
    missing = [name for name in VARIABLES if name not in header]
    if len(missing) == len(VARIABLES):
        raise ValueError(
            f"it holds none of the Jena weather variables {VARIABLES}; "
            f"its columns are {header}"
        )
    if columns is not None:  # only what was asked for, and the target
        if TARGET not in header:
            raise ValueError(
                f"it lacks the target {TARGET!r}; its columns are {header}"
            )
        unknown = [name for name in columns if name not in header]
        if unknown:
            variables = [name for name in header if name != times[0]]
            raise ValueError(f"unknown columns {unknown}: the file has {variables}")
        missing = []
    if missing:
        raise ValueError(
            f"it lacks the Jena weather variables {missing}; its columns are {header}"
        )
    present = [name for name in VARIABLES if name in header]
    extras = [name for name in header if name not in VARIABLES and name != times[0]]
    return times[0], present + extras


def time_format(stamps: pd.Series, column: str) -> str:
    """The format of the first time stamp, which every other must follow."""
    first = stamps.dropna()
    if first.empty:
        return _FORMATS[0][1]
    value = first.iloc[0]
    for pattern, fmt in _FORMATS:
        if re.fullmatch(pattern, value):
            return fmt
    raise ValueError(
        f"the time stamp {value!r} in column {column!r} is in no known format "
        "(dd.mm.yyyy HH:MM[:SS] or yyyy-mm-dd[ T]HH:MM[:SS])"
    )


def select(frame: pd.DataFrame, columns: list[str] | None) -> pd.DataFrame:
    """The ``columns`` of ``frame``, in that order (all if None)."""
    if columns is None:
        return frame
    unknown = [name for name in columns if name not in frame.columns]
    if unknown:
        raise ValueError(
            f"unknown columns {unknown}: the file has {list(frame.columns)}"
        )
    return frame[columns]


def check_columns(columns) -> list[str] | None:
    """``columns`` as a list of distinct names, or None."""
    if columns is None:
        return None
    if isinstance(columns, (str, bytes)) or not isinstance(columns, Iterable):
        raise TypeError(f"columns must be a list of column names, got {columns!r}")
    names = list(columns)
    if not all(isinstance(name, str) for name in names):
        raise TypeError(f"columns must be a list of column names, got {columns!r}")
    columns = names
    if not columns:
        raise ValueError("columns must name at least one column")
    repeated = sorted({name for name in columns if columns.count(name) > 1})
    if repeated:
        raise ValueError(f"columns repeats the names {repeated}")
    return columns
