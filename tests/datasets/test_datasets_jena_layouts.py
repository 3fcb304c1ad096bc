"""fetch_jena_climate(path=...) on the weather station's own layouts: a
``date`` column, ISO time stamps, extra variables with garbled unit symbols,
Latin-1 files, column selection, and files that are no weather record."""

import gzip
import re
import warnings
import zipfile

import numpy as np
import pandas as pd
import pytest
from _downloads import JENA_COLUMNS

from skseq.datasets import fetch_jena_climate, find_jena_file

EXTRAS = [
    "rain (mm)",
    "raining (s)",
    "SWDR (W/m²)",
    "PAR (µmol/m²/s)",
    "max. PAR (µmol/m²/s)",
    "Tlog (degC)",
    "CO2 (ppm)",
]
# UTF-8 bytes of the unit symbols read as Latin-1, as the station's files
# often reach users.
GARBLED = [name.encode("utf-8").decode("latin-1") for name in EXTRAS]
ALL = JENA_COLUMNS + EXTRAS
N = 30
T0 = pd.Timestamp("2020-01-01 00:10")
CO2 = ALL.index("CO2 (ppm)")


def ramp(row):
    """Row ``row``'s 21 values: linear in time, so interpolation is exact."""
    return [round(row + j + 0.25, 2) for j in range(len(ALL))]


def station_csv(names, rows=None, fmt="%Y-%m-%d %H:%M:%S", time="date"):
    """The station layout: ``rows`` are (row number, values) pairs."""
    if rows is None:
        rows = [(i, ramp(i)) for i in range(N)]
        rows[5] = (5, ramp(5)[:CO2] + [-9999])  # a sentinel in an extra column
        rows.insert(8, (7, ramp(7)))  # row 7 twice, identical
    lines = [",".join([time, *(f'"{n}"' for n in names)])]
    for i, values in rows:
        stamp = (T0 + pd.Timedelta(minutes=10 * i)).strftime(fmt)
        lines.append(",".join([stamp, *map(str, values)]))
    return "\r\n".join(lines) + "\r\n"


def expected(columns=ALL, n=N):
    index = pd.date_range(T0, periods=n, freq="10min", unit="us", name="Date Time")
    values = np.arange(n)[:, None] + np.arange(len(ALL))[None, :] + 0.25
    return pd.DataFrame(values, index=index, columns=ALL)[columns]


def test_station_file_with_garbled_units(tmp_path):
    path = tmp_path / "mpi_roof_2020a.csv"
    path.write_text(station_csv(JENA_COLUMNS + GARBLED), "utf-8", newline="")
    assert "SWDR (W/mÂ²)" in path.read_text("utf-8")

    jena = fetch_jena_climate(path=path)

    assert jena.shape == (30, 21)
    assert list(jena.columns) == ALL
    assert jena.columns[-5:-2].tolist() == [
        "SWDR (W/m²)",
        "PAR (µmol/m²/s)",
        "max. PAR (µmol/m²/s)",
    ]
    pd.testing.assert_frame_equal(jena, expected())
    assert jena.index.freqstr == "10min"
    assert jena.attrs["cleaning"] == {
        "duplicates_dropped": 1,
        "rows_inserted": 0,
        "sentinels_replaced": 1,
    }

    raw = fetch_jena_climate(path=path, raw=True)
    assert raw.shape == (31, 21)
    assert list(raw.columns) == ALL
    assert raw.iloc[5, CO2] == -9999.0
    assert (raw.index[7] == raw.index[8]) and raw.index.name == "Date Time"


@pytest.mark.parametrize(
    ("names", "encoding", "name"),
    [
        (ALL, "latin-1", "station.csv"),
        (ALL, "cp1252", "station.csv.gz"),
        (ALL, "utf-8", "station.csv"),
        (JENA_COLUMNS + GARBLED, "utf-8", "station.csv.gz"),
        ([re.sub(r"[^\x00-\x7f]", "\ufffd", n) for n in ALL], "utf-8", "station.csv"),
    ],
    ids=["latin-1", "cp1252 gz", "utf-8", "garbled gz", "replacement chars"],
)
def test_station_file_encodings(tmp_path, names, encoding, name):
    data = station_csv(names).encode(encoding)
    if encoding == "latin-1":
        assert b"SWDR (W/m\xb2)" in data  # not UTF-8
    path = tmp_path / name
    path.write_bytes(gzip.compress(data) if name.endswith(".gz") else data)

    jena = fetch_jena_climate(path=path)

    assert list(jena.columns) == ALL
    pd.testing.assert_frame_equal(jena, expected())


def test_latin1_names_the_station_does_not_document(tmp_path):
    # Unknown non-ASCII names are decoded as they are, not replaced.
    names = [*ALL, "Tdach (°C)", "Größe (µm)"]
    rows = [(i, [*ramp(i), 1, 2]) for i in range(3)]
    path = tmp_path / "station.csv"
    path.write_bytes(station_csv(names, rows).encode("latin-1"))
    jena = fetch_jena_climate(path=path, columns=["Tdach (°C)", "Größe (µm)"])
    assert jena.shape == (3, 2)
    assert jena.columns.tolist() == ["Tdach (°C)", "Größe (µm)"]
    np.testing.assert_array_equal(jena.to_numpy(), [[1.0, 2.0]] * 3)


@pytest.mark.parametrize(
    ("time", "fmt"),
    [
        ("date", "%Y-%m-%dT%H:%M:%S"),
        ("Date", "%Y-%m-%d %H:%M"),
        ("Date Time", "%d.%m.%Y %H:%M:%S"),
        ("DATETIME", "%d.%m.%Y %H:%M"),
    ],
)
def test_station_time_columns_and_formats(tmp_path, time, fmt):
    path = tmp_path / "station.csv"
    path.write_text(station_csv(ALL, fmt=fmt, time=time), "latin-1")
    pd.testing.assert_frame_equal(fetch_jena_climate(path=path), expected())


def test_day_and_month_are_never_guessed(tmp_path):
    # 02.01 is the 2nd of January (dd.mm), never February 1st.
    path = tmp_path / "station.csv"
    path.write_text(
        station_csv(ALL, fmt="%d.%m.%Y %H:%M:%S").replace("01.01.2020", "02.01.2020")
    )
    assert fetch_jena_climate(path=path, raw=True).index[0] == pd.Timestamp(
        "2020-01-02 00:10"
    )

    mixed = station_csv(ALL).replace("2020-01-01 00:30:00", "01.01.2020 00:30:00")
    path.write_text(mixed)
    with pytest.raises(
        ValueError,
        match=re.escape(
            "line 4, column 'date' has the time stamp '01.01.2020 00:30:00', not "
            "in the first row's format '%Y-%m-%d %H:%M:%S'"
        ),
    ):
        fetch_jena_climate(path=path)

    path.write_text(station_csv(ALL, fmt="%Y/%m/%d %H:%M"))
    with pytest.raises(
        ValueError,
        match=re.escape(
            "the time stamp '2020/01/01 00:10' in column 'date' is in no known "
            "format (dd.mm.yyyy HH:MM[:SS] or yyyy-mm-dd[ T]HH:MM[:SS])"
        ),
    ):
        fetch_jena_climate(path=path)


def test_repeated_time_stamps_keep_the_first(tmp_path):
    rows = [(i, ramp(i)) for i in range(N)]
    rows.insert(4, (3, [99.0] * len(ALL)))  # same time as row 3, other values
    rows.insert(0, (10, ramp(10)[:CO2] + [-9999]))  # first copy holds a sentinel
    path = tmp_path / "station.csv"
    path.write_text(station_csv(ALL, rows))

    with pytest.warns(UserWarning, match="^2 of the 2 rows with a repeated time"):
        jena = fetch_jena_climate(path=path)

    # 99.0 dropped; row 10's CO2 interpolated from rows 9 and 11, not copied.
    pd.testing.assert_frame_equal(jena, expected())
    assert jena.attrs["cleaning"] == {
        "duplicates_dropped": 2,
        "rows_inserted": 0,
        "sentinels_replaced": 1,
    }
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # an exact repeat does not warn
        path.write_text(station_csv(ALL, [(i, ramp(i)) for i in [0, 1, 1, 2]]))
        assert fetch_jena_climate(path=path).shape == (3, 21)


def test_columns_selects_and_orders(tmp_path):
    path = tmp_path / "station.csv"
    path.write_text(station_csv(JENA_COLUMNS + GARBLED), "utf-8")
    chosen = ["CO2 (ppm)", "SWDR (W/m²)", "p (mbar)"]

    jena = fetch_jena_climate(path=path, columns=chosen)
    pd.testing.assert_frame_equal(jena, expected(chosen))
    assert jena.attrs["cleaning"]["sentinels_replaced"] == 1

    X, y = fetch_jena_climate(path=path, columns=("SWDR (W/m²)",), return_X_y=True)
    pd.testing.assert_frame_equal(X, expected(["SWDR (W/m²)"]))
    pd.testing.assert_series_equal(y, expected()["T (degC)"])

    bunch = fetch_jena_climate(path=path, columns=chosen, as_frame=False)
    assert bunch.data.shape == (30, 3) and bunch.feature_names == chosen
    np.testing.assert_array_equal(bunch.target, np.arange(30) + 1.25)

    keras = fetch_jena_climate(path=path, columns=JENA_COLUMNS, raw=True)
    assert keras.shape == (31, 14)


def test_columns_errors(tmp_path):
    path = tmp_path / "station.csv"
    path.write_text(station_csv(ALL))
    with pytest.raises(
        ValueError,
        match=re.escape(
            "unknown columns ['CO2', 'SWDR (W/m2)']: the file has ['p (mbar)', "
            "'T (degC)', "
        )
        + r".*'Tlog \(degC\)', 'CO2 \(ppm\)'\]$",
    ):
        fetch_jena_climate(path=path, columns=["T (degC)", "CO2", "SWDR (W/m2)"])
    with pytest.raises(TypeError, match=r"list of column names, got 'T \(degC\)'"):
        fetch_jena_climate(path=path, columns="T (degC)")
    with pytest.raises(ValueError, match="at least one column"):
        fetch_jena_climate(path=path, columns=[])
    with pytest.raises(ValueError, match=re.escape("repeats the names ['rain (mm)']")):
        fetch_jena_climate(path=path, columns=["rain (mm)", "rain (mm)"])


def test_real_imdb_file_is_no_weather_record(data_home):
    path = data_home / "imdb" / "train.csv.gz"
    message = (
        f"cannot read the Jena climate file {path}: it has no time column "
        "(expected one of 'Date Time', 'date', 'Date', 'datetime', in any case); "
        "its columns are ['id', 'rating', 'label', 'text']"
    )
    with pytest.raises(ValueError, match=f"^{re.escape(message)}$"):
        fetch_jena_climate(path=path)


@pytest.mark.parametrize(
    ("header", "match"),
    [
        ("date,x,y", "it holds none of the Jena weather variables ['p (mbar)', "),
        (
            f"date,{','.join(JENA_COLUMNS[:12])},CO2 (ppm)",
            "it lacks the Jena weather variables ['max. wv (m/s)', 'wd (deg)']; "
            "its columns are ['date', 'p (mbar)', ",
        ),
        (
            "date,Date Time,p (mbar)",
            "it has several time columns ['date', 'Date Time']",
        ),
        ("date,x,x", "it repeats the columns ['x']"),
    ],
)
def test_not_a_weather_record(tmp_path, header, match):
    path = tmp_path / "other.csv"
    path.write_text(header + "\n2020-01-01 00:10:00,1,2\n")
    with pytest.raises(ValueError, match=re.escape(match)):
        fetch_jena_climate(path=path)


def test_real_rows_rewritten_in_the_station_layout(data_home, tmp_path):
    """2,000 real rows of the Keras file, rewritten as a station file (a
    ``date`` column, ISO time stamps, ``T`` moved last, an extra column in
    the middle, Latin-1), read to exactly the same frame."""
    with gzip.open(find_jena_file(data_home), "rt", newline="") as file:
        lines = [next(file).rstrip("\n") for _ in range(2001)]
    keras = tmp_path / "keras.csv"
    keras.write_text("\n".join(lines) + "\n")

    station = [
        'date,"p (mbar)",' + lines[0].split(",", 3)[3] + ',"SWDR (W/m²)","T (degC)"'
    ]
    for k, line in enumerate(lines[1:]):
        stamp, p, t, rest = line.split(",", 3)
        iso = pd.Timestamp(pd.to_datetime(stamp, format="%d.%m.%Y %H:%M:%S"))
        station.append(f"{iso:%Y-%m-%d %H:%M:%S},{p},{rest},{k % 7 * 1.5},{t}")
    path = tmp_path / "mpi_roof.csv"
    path.write_bytes(("\n".join(station) + "\n").encode("latin-1"))

    for raw in (False, True):
        expected_frame = fetch_jena_climate(path=keras, raw=raw)
        jena = fetch_jena_climate(path=path, raw=raw)
        assert expected_frame.shape == (2000, 14)
        assert jena.shape == (2000, 15)
        assert list(jena.columns) == [*JENA_COLUMNS, "SWDR (W/m²)"]
        pd.testing.assert_frame_equal(
            jena[JENA_COLUMNS], expected_frame, check_exact=True
        )
        assert jena.attrs.get("cleaning") == expected_frame.attrs.get("cleaning")
        np.testing.assert_array_equal(jena["SWDR (W/m²)"], np.arange(2000) % 7 * 1.5)
    assert jena.index[0] == pd.Timestamp("2009-01-01 00:10")
    assert jena["T (degC)"].iloc[:3].tolist() == [-8.02, -8.41, -8.51]


@pytest.mark.parametrize("sep", [";", "\t"], ids=["semicolon", "tab"])
def test_semicolon_and_tab_delimited_files(tmp_path, sep):
    # Spreadsheets in German locales export with semicolons.
    path = tmp_path / "station.csv"
    path.write_text(station_csv(ALL).replace(",", sep), "latin-1")
    pd.testing.assert_frame_equal(fetch_jena_climate(path=path), expected())


def test_zipped_station_file(tmp_path):
    path = tmp_path / "mpi_roof_2020a.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mpi_roof_2020a.csv", station_csv(ALL))
        archive.writestr("__MACOSX/._mpi_roof_2020a.csv", "resource fork")
    pd.testing.assert_frame_equal(fetch_jena_climate(path=path), expected())

    with zipfile.ZipFile(path, "a") as archive:
        archive.writestr("mpi_roof_2020b.csv", station_csv(ALL))
    with pytest.raises(ValueError, match=r"nor a single other CSV; it holds \["):
        fetch_jena_climate(path=path)


def test_columns_asks_only_for_what_it_names(tmp_path):
    # A file without wind direction still gives the columns that it has.
    names = [name for name in ALL if name != "wd (deg)"]
    keep = [ALL.index(name) for name in names]
    rows = [(i, [ramp(i)[j] for j in keep]) for i in range(N)]
    path = tmp_path / "station.csv"
    path.write_text(station_csv(names, rows))
    with pytest.raises(
        ValueError, match=re.escape("lacks the Jena weather variables ['wd (deg)']")
    ):
        fetch_jena_climate(path=path)

    jena = fetch_jena_climate(path=path, columns=["CO2 (ppm)", "p (mbar)"])

    pd.testing.assert_frame_equal(jena, expected(["CO2 (ppm)", "p (mbar)"]))

    names = [name for name in ALL if name != "T (degC)"]
    path.write_text(station_csv(names, [(i, ramp(i)[: len(names)]) for i in range(3)]))
    with pytest.raises(ValueError, match=re.escape("it lacks the target 'T (degC)'; ")):
        fetch_jena_climate(path=path, columns=["CO2 (ppm)"])


@pytest.mark.parametrize(
    ("line", "replace", "match"),
    [
        (5, (",3.25,", ",abc,"), "line 5, column 'p (mbar)': 'abc' is not a number"),
        (3, ("2020-01-01 00:20:00", ""), "line 3, column 'date' has no time stamp"),
        (
            7,
            ("2020-01-01 01:00:00", "2020-01-01T01:00:00"),
            "line 7, column 'date' has the time stamp '2020-01-01T01:00:00', "
            "not in the first row's format '%Y-%m-%d %H:%M:%S'",
        ),
    ],
    ids=["text in a variable", "no time stamp", "another format"],
)
def test_bad_cells_are_named_by_line_and_column(tmp_path, line, replace, match):
    lines = station_csv(ALL).split("\r\n")
    assert lines[line - 1].count(replace[0]) == 1
    lines[line - 1] = lines[line - 1].replace(*replace)
    path = tmp_path / "station.csv"
    path.write_text("\r\n".join(lines))
    with pytest.raises(ValueError, match=re.escape(match)):
        fetch_jena_climate(path=path)


def test_header_without_rows(tmp_path):
    path = tmp_path / "station.csv"
    path.write_text(station_csv(ALL).split("\r\n")[0] + "\r\n")
    with pytest.raises(ValueError, match="station.csv: it has a header but no rows"):
        fetch_jena_climate(path=path)
