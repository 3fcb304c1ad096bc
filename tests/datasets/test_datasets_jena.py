"""skseq.datasets.fetch_jena_climate: reading, cleaning, download, return types."""

import gzip
import hashlib
import os
import re
import warnings

import numpy as np
import pandas as pd
import pytest
from _downloads import (
    JENA_COLUMNS,
    JENA_SMALL,
    JENA_ZIP,
    T0,
    closed_port_url,
    jena_csv,
    jena_expected,
    jena_row,
    make_zip,
    tree,
    write,
)

from skseq.datasets import _jena_climate, fetch_jena_climate, find_jena_file


def test_jena_real_prefix(data_home):
    path = find_jena_file(data_home)
    assert path.name.startswith("jena_climate_2009_2016_PREFIX")
    raw = fetch_jena_climate(path=path, raw=True)
    assert raw.shape == (106_727, 14)
    assert "cleaning" not in raw.attrs

    jena = fetch_jena_climate(path=path)

    assert jena.shape == (106_727 - 144 + 2, 14)
    assert list(jena.columns) == JENA_COLUMNS
    assert (jena.dtypes == np.float64).all()
    assert isinstance(jena.index, pd.DatetimeIndex)
    assert jena.index.name == "Date Time"
    assert (np.diff(jena.index.to_numpy()) == np.timedelta64(10, "m")).all()
    assert not jena.isna().to_numpy().any()
    assert jena.attrs["cleaning"] == {
        "duplicates_dropped": 144,
        "rows_inserted": 2,
        "sentinels_replaced": 0,
    }
    # 01.01.2009 00:10:00,996.52,-8.02,265.40,-8.90,93.30,3.33,3.11,0.22,1.94,...
    first = [996.52, -8.02, 265.40, -8.90, 93.30, 3.33, 3.11, 0.22, 1.94, 3.12]
    first += [1307.75, 1.03, 1.75, 152.30]
    assert jena.index[0] == T0
    assert jena.iloc[0].tolist() == first
    # The repeated day is kept once, with its first values.
    start, end = pd.Timestamp("2010-07-01 00:10"), pd.Timestamp("2010-07-02 00:00")
    twice = raw[(raw.index >= start) & (raw.index <= end)]
    assert len(twice) == 288
    pd.testing.assert_frame_equal(twice.iloc[:144], twice.iloc[144:])
    pd.testing.assert_frame_equal(
        jena.loc[start:end], twice.iloc[:144], check_freq=False
    )
    # 09:50 and 10:00 are missing: a third and two thirds of the way.
    before = raw.loc[pd.Timestamp("2009-10-08 09:40")]
    after = raw.loc[pd.Timestamp("2009-10-08 10:10")]
    gap = jena.loc["2009-10-08 09:40":"2009-10-08 10:10"]
    assert len(gap) == 4
    for k in (1, 2):
        np.testing.assert_allclose(
            gap.iloc[k].to_numpy(),
            (before + (after - before) * k / 3).to_numpy(),
            rtol=1e-12,
        )


@pytest.mark.parametrize("name", ["jena.csv", "jena.csv.gz", "jena.zip"])
def test_jena_local_formats(tmp_path, name):
    path = write(tmp_path / name, JENA_SMALL)
    jena = fetch_jena_climate(path=path)
    pd.testing.assert_frame_equal(jena, jena_expected())
    assert jena.attrs["cleaning"] == dict.fromkeys(
        ["duplicates_dropped", "rows_inserted", "sentinels_replaced"], 0
    )
    pd.testing.assert_frame_equal(
        fetch_jena_climate(path=str(path), raw=True), jena_expected(), check_freq=False
    )
    assert tree(tmp_path) == [name]  # nothing cached next to it


def test_jena_return_X_y_and_as_frame(tmp_path):
    path = write(tmp_path / "jena.csv", JENA_SMALL)
    expected = jena_expected()

    X, y = fetch_jena_climate(path=path, return_X_y=True)
    pd.testing.assert_frame_equal(X, expected)
    pd.testing.assert_series_equal(y, expected["T (degC)"])

    bunch = fetch_jena_climate(path=path, as_frame=False)
    assert bunch.data.shape == (6, 14) and bunch.data.dtype == np.float64
    np.testing.assert_array_equal(bunch.data, expected.to_numpy())
    np.testing.assert_array_equal(bunch.target, expected["T (degC)"].to_numpy())
    np.testing.assert_array_equal(bunch.time, expected.index.to_numpy())
    assert bunch.feature_names == JENA_COLUMNS
    assert bunch.target_names == ["T (degC)"]
    assert bunch.cleaning["duplicates_dropped"] == 0
    assert bunch.frame is None and "Jena" in bunch.DESCR

    X, y = fetch_jena_climate(path=path, as_frame=False, return_X_y=True)
    assert isinstance(X, np.ndarray) and X.shape == (6, 14)
    assert isinstance(y, np.ndarray) and y.shape == (6,)
    np.testing.assert_array_equal(y, X[:, 1])
    assert fetch_jena_climate(path=path, as_frame=False, raw=True).cleaning is None


@pytest.mark.parametrize("row", [0, 2, 5])
def test_jena_sentinel_is_interpolated(tmp_path, row):
    lines = [jena_row(10 * i) for i in range(6)]
    values = [round(row + j + 0.25, 2) for j in range(14)]
    values[11] = values[12] = -9999.0  # wv and max. wv
    lines[row] = jena_row(10 * row, values)
    path = write(tmp_path / "jena.csv", jena_csv(lines))

    jena = fetch_jena_climate(path=path)

    expected = jena_expected()
    if row in (0, 5):  # at an edge: copied from the nearest row
        neighbour = 1 if row == 0 else 4
        expected.iloc[row, 11:13] = expected.iloc[neighbour, 11:13]
    pd.testing.assert_frame_equal(jena, expected)
    assert jena.attrs["cleaning"]["sentinels_replaced"] == 2
    raw = fetch_jena_climate(path=path, raw=True)
    assert (raw.iloc[row, 11:13] == -9999.0).all()


def test_jena_duplicates_order_and_gaps(tmp_path):
    # Out of order, two repeated (identical) rows, and 00:40 (minute 30) missing.
    minutes = [0, 10, 40, 50, 10, 20, 50]
    path = write(tmp_path / "jena.csv", jena_csv(jena_row(m) for m in minutes))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        jena = fetch_jena_climate(path=path)
    pd.testing.assert_frame_equal(jena, jena_expected())
    assert jena.attrs["cleaning"] == {
        "duplicates_dropped": 2,
        "rows_inserted": 1,
        "sentinels_replaced": 0,
    }


def test_jena_conflicting_duplicates_keep_the_first(tmp_path):
    lines = [jena_row(10 * i) for i in range(6)]
    lines += [jena_row(20, [99.0] * 14), jena_row(30)]
    path = write(tmp_path / "jena.csv", jena_csv(lines))
    with pytest.warns(UserWarning, match="1 of the 2 rows with a repeated time"):
        jena = fetch_jena_climate(path=path)
    pd.testing.assert_frame_equal(jena, jena_expected())
    assert jena.attrs["cleaning"]["duplicates_dropped"] == 2


def test_jena_off_grid_rows_warn(tmp_path):
    lines = [jena_row(m) for m in (0, 10, 25, 40, 50)]
    path = write(tmp_path / "jena.csv", jena_csv(lines))
    with pytest.warns(UserWarning, match="1 rows have time stamps off"):
        jena = fetch_jena_climate(path=path)
    pd.testing.assert_frame_equal(jena, jena_expected())
    assert jena.attrs["cleaning"]["rows_inserted"] == 2


def test_jena_download_and_cache(jena_server, tmp_path, monkeypatch):
    _, hits = jena_server
    jena = fetch_jena_climate(data_home=tmp_path)

    pd.testing.assert_frame_equal(jena, jena_expected())
    assert tree(tmp_path) == ["jena", "jena/jena_climate_2009_2016.csv.gz"]
    blob = (tmp_path / "jena" / "jena_climate_2009_2016.csv.gz").read_bytes()
    assert gzip.decompress(blob) == JENA_SMALL.encode()  # the CSV, unchanged
    assert blob[4:8] == b"\0\0\0\0"  # gzip MTIME
    assert blob[3] & 0x08 == 0  # no FNAME field
    assert len(hits) == 1

    monkeypatch.setattr(_jena_climate, "JENA_URL", closed_port_url(JENA_ZIP))
    again = fetch_jena_climate(tmp_path, download_if_missing=False, raw=True)
    pd.testing.assert_frame_equal(again, jena_expected(), check_freq=False)
    assert len(hits) == 1


def test_jena_cache_is_byte_deterministic(jena_server, tmp_path):
    blobs = []
    for home in (tmp_path / "a", tmp_path / "b"):
        fetch_jena_climate(home)
        blobs.append((home / "jena" / "jena_climate_2009_2016.csv.gz").read_bytes())
    assert blobs[0] == blobs[1]


@pytest.mark.parametrize(
    ("payload", "match"),
    [
        (os.urandom(2048), "not the Jena climate zip .*zip file"),
        (make_zip(JENA_SMALL, "other.csv"), "holds no jena_climate_2009_2016.csv"),
        (make_zip(JENA_SMALL.replace("T (degC)", "T")), "has the header"),
    ],
)
def test_jena_bad_download_leaves_nothing(
    jena_server, tmp_path, monkeypatch, payload, match
):
    # No digest to compare, as in the library: the content checks catch these.
    monkeypatch.setattr(_jena_climate, "JENA_SHA256", None)
    jena_server[0]["data"] = payload
    with pytest.raises(OSError, match=match) as info:
        fetch_jena_climate(tmp_path)
    assert _jena_climate.JENA_URL in str(info.value)
    assert tree(tmp_path) in ([], ["jena"])


def test_jena_offline_without_cache(tmp_path, monkeypatch):
    monkeypatch.setattr(_jena_climate, "JENA_URL", closed_port_url(JENA_ZIP))
    with pytest.raises(FileNotFoundError, match="download_if_missing=True") as info:
        fetch_jena_climate(tmp_path, download_if_missing=False)
    assert str(tmp_path / "jena" / "jena_climate_2009_2016.csv.gz") in str(info.value)
    assert "path=" in str(info.value)
    assert tree(tmp_path) == []


def test_jena_unreachable_server(tmp_path, monkeypatch):
    url = closed_port_url(JENA_ZIP)
    monkeypatch.setattr(_jena_climate, "JENA_URL", url)
    with pytest.raises(OSError, match="download of the Jena climate data failed"):
        fetch_jena_climate(tmp_path)
    assert tree(tmp_path) in ([], ["jena"])


def test_jena_missing_path(tmp_path):
    with pytest.raises(FileNotFoundError, match="nowhere.csv"):
        fetch_jena_climate(path=tmp_path / "nowhere.csv")


@pytest.mark.parametrize(
    "text",
    [
        JENA_SMALL.replace('"wd (deg)"', '"wd"'),
        JENA_SMALL.replace("01.01.2009 00:30:00", "2009-01-01 00:30:00"),
        JENA_SMALL.replace("2.25,", "x2.25,", 1),
    ],
)
def test_jena_malformed_file(tmp_path, text):
    path = write(tmp_path / "jena.csv", text)
    with pytest.raises(ValueError, match="cannot read the Jena climate file"):
        fetch_jena_climate(path=path)


@pytest.mark.parametrize(
    "content",
    [
        b"not gzip at all",
        gzip.compress(b"a,b\n1,2\n", mtime=0),
        gzip.compress(b"", mtime=0),
    ],
    ids=["not gzip", "other columns", "empty"],
)
def test_jena_malformed_cache(tmp_path, content):
    (tmp_path / "jena").mkdir()
    (tmp_path / "jena" / "jena_climate_2009_2016.csv.gz").write_bytes(content)
    with pytest.raises(ValueError, match="delete it to download it again"):
        fetch_jena_climate(tmp_path, download_if_missing=False)


def test_find_jena_file_prefers_the_full_cache_to_a_prefix(tmp_path):
    assert find_jena_file(tmp_path) is None
    (tmp_path / "jena").mkdir()
    prefix = tmp_path / "jena" / "jena_climate_2009_2016_PREFIX_2009_to_2010.csv.gz"
    prefix.write_bytes(b"")
    assert find_jena_file(tmp_path) == prefix
    full = tmp_path / "jena" / "jena_climate_2009_2016.csv.gz"
    full.write_bytes(b"")
    assert find_jena_file(tmp_path) == full


def test_jena_csv_prefix_digest_is_the_real_files(data_home):
    """The library's known digest matches the byte-exact copy of the official
    CSV's first rows in the shared data folder."""
    n_bytes, digest = _jena_climate.JENA_CSV_PREFIX
    prefix = next((data_home / "jena").glob("*_PREFIX_*.csv.gz"))
    raw = gzip.decompress(prefix.read_bytes())
    assert len(raw) == n_bytes
    assert hashlib.sha256(raw).hexdigest() == digest


@pytest.mark.parametrize(
    "text",
    [
        JENA_SMALL.replace(",0.25,", ",0.26,", 1),  # one changed value
        JENA_SMALL[:250],  # shorter than the known prefix
    ],
)
def test_jena_csv_with_other_first_bytes_leaves_nothing(
    jena_server, tmp_path, monkeypatch, text
):
    monkeypatch.setattr(_jena_climate, "JENA_SHA256", None)  # as in the library
    jena_server[0]["data"] = make_zip(text)
    with pytest.raises(OSError, match="SHA-256 mismatch for the first 300 bytes"):
        fetch_jena_climate(tmp_path)
    assert tree(tmp_path) in ([], ["jena"])


def test_a_copy_under_another_name_is_named_in_the_error(tmp_path, monkeypatch):
    # The shared data folder keeps the record as jena/<...>_PREFIX_<...>.csv.gz:
    # the errors name that file and how to read it, offline or not.
    folder = tmp_path / "jena"
    folder.mkdir()
    (folder / "jena_climate_2009_2016_PREFIX.csv.gz").write_bytes(b"")
    (folder / "notes.txt").write_text("not data")
    hint = (
        f"{folder} holds ['jena_climate_2009_2016_PREFIX.csv.gz'], not under the "
        "cache's name: pass one as path=, e.g. path="
    )
    with pytest.raises(FileNotFoundError, match=re.escape(hint)):
        fetch_jena_climate(tmp_path, download_if_missing=False)

    def offline(_folder):
        raise OSError("download of the Jena climate data failed")

    monkeypatch.setattr(_jena_climate, "_download", offline)
    with pytest.raises(OSError, match="failed " + re.escape(hint)):
        fetch_jena_climate(tmp_path)
    (folder / "jena_climate_2009_2016_PREFIX.csv.gz").unlink()
    with pytest.raises(OSError, match=r"failed$"):
        fetch_jena_climate(tmp_path)
