import contextlib
import gzip
import hashlib
import io
import os
import socket
import tarfile
import threading
import warnings
import zipfile
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import numpy as np
import pandas as pd
import pytest

import skseq.datasets
from skseq.datasets import fetch_imdb, fetch_jena_climate, get_data_home

# (subset, polarity, id, rating, text). Ids 2 and 10 catch a lexicographic sort.
REVIEWS = [
    ("train", "pos", 10, 8, "Ten out of ten.<br /><br />Loved it."),
    ("train", "neg", 10, 1, 'Dull, "quoted", and, commas.'),
    ("train", "pos", 2, 9, "Amélie meets naïve — 東京 ✓"),
    ("train", "neg", 0, 4, "NA"),
    ("train", "neg", 2, 3, "Meh.\nSecond line."),
    ("test", "neg", 0, 2, "Once again, no."),
    ("test", "pos", 1, 7, "Pretty good."),
    ("test", "pos", 0, 10, "Perfect."),
]
IGNORED = {
    "aclImdb/train/unsup/0_0.txt": "unlabelled review",
    "aclImdb/train/labeledBow.feat": "0 0:1 1:2",
    "aclImdb/train/urls_pos.txt": "http://www.imdb.com/title/tt0000000/",
    "aclImdb/imdbEr.txt": "0.1",
}
README = "Large Movie Review Dataset v1.0 (fake)\n"
VOCAB = "the\nand\nfilm\n"


def expected_frame(subset):
    rows = [(i, r, int(p == "pos"), t) for s, p, i, r, t in REVIEWS if s == subset]
    frame = pd.DataFrame(rows, columns=["id", "rating", "label", "text"])
    return frame.sort_values(["label", "id"], ignore_index=True)


def make_tarball():
    files = {f"aclImdb/{s}/{p}/{i}_{r}.txt": t for s, p, i, r, t in REVIEWS}
    files |= IGNORED | {"aclImdb/README": README, "aclImdb/imdb.vocab": VOCAB}
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w:gz") as tar:
        for name, text in files.items():
            data = text.encode("utf-8")
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return buf.getvalue()


@contextlib.contextmanager
def serve(payload, name):
    """Serve ``payload`` (bytes, or a function returning them) on localhost.

    Yield the URL and the list of requested paths.
    """
    hits = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            hits.append(self.path)
            body = payload() if callable(payload) else payload
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, args=(0.01,), daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/{name}", hits
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@pytest.fixture
def imdb_server(monkeypatch):
    """Serve a tiny fake aclImdb_v1.tar.gz on localhost; count the downloads."""
    payload = make_tarball()
    with serve(payload, "aclImdb_v1.tar.gz") as (url, hits):
        monkeypatch.setattr(skseq.datasets, "IMDB_URL", url)
        sha1 = hashlib.sha1(payload).hexdigest()
        monkeypatch.setattr(skseq.datasets, "IMDB_SHA1", sha1)
        yield hits


def closed_port_url(name="aclImdb_v1.tar.gz"):
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}/{name}"


def tree(folder):
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*"))


@pytest.mark.parametrize("subset", ["train", "test"])
def test_download_and_convert(imdb_server, tmp_path, subset):
    bunch = fetch_imdb(subset, data_home=tmp_path)

    pd.testing.assert_frame_equal(bunch.frame, expected_frame(subset))
    assert bunch.frame["id"].dtype == np.int64
    assert bunch.data.name == "text"
    assert bunch.data.tolist() == expected_frame(subset)["text"].tolist()
    assert bunch.target.dtype == np.int64
    np.testing.assert_array_equal(bunch.target, expected_frame(subset)["label"])
    assert bunch.target_names == ["neg", "pos"]
    assert bunch.DESCR == README
    # Both subsets are cached from one download; the tarball is gone.
    assert tree(tmp_path) == [
        "imdb",
        "imdb/README.aclImdb.txt",
        "imdb/imdb.vocab",
        "imdb/test.csv.gz",
        "imdb/train.csv.gz",
    ]
    assert (tmp_path / "imdb" / "imdb.vocab").read_text(encoding="utf-8") == VOCAB
    assert len(imdb_server) == 1


def test_cache_is_byte_deterministic(imdb_server, tmp_path):
    blobs = []
    for home in (tmp_path / "a", tmp_path / "b"):
        fetch_imdb(data_home=home)
        blobs.append((home / "imdb" / "train.csv.gz").read_bytes())
    assert blobs[0] == blobs[1]
    assert blobs[0][4:8] == b"\0\0\0\0"  # gzip MTIME
    assert blobs[0][3] & 0x08 == 0  # no FNAME field
    assert gzip.decompress(blobs[0]).startswith(b"id,rating,label,text\n")


def test_second_call_reads_the_cache(imdb_server, tmp_path):
    first = fetch_imdb("train", data_home=tmp_path)
    second = fetch_imdb("test", data_home=tmp_path)
    third = fetch_imdb("train", data_home=tmp_path, download_if_missing=False)
    assert len(imdb_server) == 1
    pd.testing.assert_frame_equal(first.frame, third.frame)
    pd.testing.assert_frame_equal(second.frame, expected_frame("test"))


def test_return_X_y(imdb_server, tmp_path):
    X, y = fetch_imdb("test", data_home=tmp_path, return_X_y=True)
    assert isinstance(X, pd.Series)
    assert X.tolist() == ["Once again, no.", "Perfect.", "Pretty good."]
    np.testing.assert_array_equal(y, [0, 1, 1])


def test_skseq_data_env_var(imdb_server, tmp_path, monkeypatch):
    monkeypatch.setenv("SKSEQ_DATA", str(tmp_path / "env_home"))
    assert get_data_home() == tmp_path / "env_home"
    fetch_imdb()
    assert (tmp_path / "env_home" / "imdb" / "train.csv.gz").exists()


def test_get_data_home_default_is_not_created(tmp_path, monkeypatch):
    monkeypatch.delenv("SKSEQ_DATA", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))
    assert get_data_home() == tmp_path / "skseq_data"
    assert get_data_home("~/elsewhere") == tmp_path / "elsewhere"
    assert tree(tmp_path) == []


def test_offline_without_cache_raises(tmp_path, monkeypatch):
    monkeypatch.setattr(skseq.datasets, "IMDB_URL", closed_port_url())
    with pytest.raises(OSError, match="download_if_missing=True") as info:
        fetch_imdb(data_home=tmp_path, download_if_missing=False)
    assert str(tmp_path / "imdb" / "train.csv.gz") in str(info.value)
    assert tree(tmp_path) == []


def test_checksum_mismatch_leaves_nothing(imdb_server, tmp_path, monkeypatch):
    monkeypatch.setattr(skseq.datasets, "IMDB_SHA1", "0" * 40)
    with pytest.raises(OSError, match="expected SHA-1 0{40}, got [0-9a-f]{40}"):
        fetch_imdb(data_home=tmp_path)
    assert tree(tmp_path) in ([], ["imdb"])


def test_unreachable_server(tmp_path, monkeypatch):
    url = closed_port_url()
    monkeypatch.setattr(skseq.datasets, "IMDB_URL", url)
    with pytest.raises(OSError, match="download of the IMDB data failed") as info:
        fetch_imdb(data_home=tmp_path)
    assert url in str(info.value)
    assert "download_if_missing=False" in str(info.value)
    assert tree(tmp_path) in ([], ["imdb"])


@pytest.mark.parametrize("subset", ["all", "Train", "unsup", None])
def test_bad_subset(subset):
    with pytest.raises(ValueError, match=f"subset={subset!r}"):
        fetch_imdb(subset)


@pytest.mark.parametrize(
    "content",
    [b"not gzip at all", gzip.compress(b"id,label,text\n1,0,x\n", mtime=0)],
    ids=["not gzip", "no rating column"],
)
def test_malformed_cache(tmp_path, content):
    (tmp_path / "imdb").mkdir()
    (tmp_path / "imdb" / "train.csv.gz").write_bytes(content)
    with pytest.raises(ValueError, match="train.csv.gz"):
        fetch_imdb(data_home=tmp_path, download_if_missing=False)


def test_real_data_is_read_in_place(monkeypatch, data_home):
    home = data_home
    # Nothing may be downloaded or written there, even when running as root.
    monkeypatch.setattr(skseq.datasets, "IMDB_URL", closed_port_url())
    before = {p: p.stat().st_mtime_ns for p in home.rglob("*")}

    bunch = fetch_imdb("train", data_home=home, download_if_missing=False)

    assert bunch.frame.shape == (25_000, 4)
    assert bunch.frame["label"].value_counts().to_dict() == {0: 12_500, 1: 12_500}
    first_pos = bunch.frame.loc[bunch.frame["label"] == 1, "text"].iloc[0]
    assert first_pos.startswith("Bromwell High is a cartoon comedy")
    assert bunch.DESCR.startswith("Large Movie Review Dataset v1.0")
    assert {p: p.stat().st_mtime_ns for p in home.rglob("*")} == before


# --- Jena climate ------------------------------------------------------------

JENA_HEADER = (
    '"Date Time","p (mbar)","T (degC)","Tpot (K)","Tdew (degC)","rh (%)",'
    '"VPmax (mbar)","VPact (mbar)","VPdef (mbar)","sh (g/kg)","H2OC (mmol/mol)",'
    '"rho (g/m**3)","wv (m/s)","max. wv (m/s)","wd (deg)"'
)
JENA_COLUMNS = [c.strip('"') for c in JENA_HEADER.split(",")[1:]]
JENA_PREFIX = "jena_climate_2009_2016_PREFIX_2009-01-01_to_2011-01-11.csv.gz"
JENA_ZIP = "jena_climate_2009_2016.csv.zip"
T0 = pd.Timestamp("2009-01-01 00:10")


def jena_row(minutes, values=None):
    """A classic-format CSV line ``minutes`` after T0; values default to a ramp."""
    if values is None:
        values = [round(minutes / 10 + j + 0.25, 2) for j in range(14)]
    stamp = (T0 + pd.Timedelta(minutes=minutes)).strftime("%d.%m.%Y %H:%M:%S")
    return ",".join([stamp, *(f"{v:.2f}" for v in values)])


def jena_csv(lines):
    return "\n".join([JENA_HEADER, *lines]) + "\n"


# Six regular rows; the ramp makes linear interpolation exact.
JENA_SMALL = jena_csv(jena_row(10 * i) for i in range(6))


def jena_expected(n=6):
    index = pd.date_range(T0, periods=n, freq="10min", unit="us", name="Date Time")
    ramp = np.arange(n)[:, None] + np.arange(14)[None, :] + 0.25
    return pd.DataFrame(ramp, index=index, columns=JENA_COLUMNS)


def make_zip(text, member="jena_climate_2009_2016.csv"):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(member, text)
    return buf.getvalue()


def write(path, text):
    """Write ``text`` as a plain, gzipped or zipped CSV, according to the suffix."""
    data = text.encode("utf-8")
    if path.name.endswith(".gz"):
        data = gzip.compress(data)
    elif path.suffix == ".zip":
        data = make_zip(text)
    path.write_bytes(data)
    return path


@pytest.fixture
def jena_server(monkeypatch):
    """Serve a zip of JENA_SMALL as JENA_URL; the payload can be swapped."""
    payload = {"data": make_zip(JENA_SMALL)}
    with serve(lambda: payload["data"], JENA_ZIP) as (url, hits):
        monkeypatch.setattr(skseq.datasets, "JENA_URL", url)
        yield payload, hits


def test_jena_real_prefix(data_home):
    path = data_home / "jena" / JENA_PREFIX
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

    monkeypatch.setattr(skseq.datasets, "JENA_URL", closed_port_url(JENA_ZIP))
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
def test_jena_bad_download_leaves_nothing(jena_server, tmp_path, payload, match):
    jena_server[0]["data"] = payload
    with pytest.raises(OSError, match=match) as info:
        fetch_jena_climate(tmp_path)
    assert skseq.datasets.JENA_URL in str(info.value)
    assert tree(tmp_path) in ([], ["jena"])


def test_jena_offline_without_cache(tmp_path, monkeypatch):
    monkeypatch.setattr(skseq.datasets, "JENA_URL", closed_port_url(JENA_ZIP))
    with pytest.raises(FileNotFoundError, match="download_if_missing=True") as info:
        fetch_jena_climate(tmp_path, download_if_missing=False)
    assert str(tmp_path / "jena" / "jena_climate_2009_2016.csv.gz") in str(info.value)
    assert "path=" in str(info.value)
    assert tree(tmp_path) == []


def test_jena_unreachable_server(tmp_path, monkeypatch):
    url = closed_port_url(JENA_ZIP)
    monkeypatch.setattr(skseq.datasets, "JENA_URL", url)
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


def test_local_jena_file_prefers_the_full_cache_to_a_prefix(tmp_path):
    from skseq.datasets import local_jena_climate_file

    assert local_jena_climate_file(tmp_path) is None
    (tmp_path / "jena").mkdir()
    prefix = tmp_path / "jena" / "jena_climate_2009_2016_PREFIX_2009_to_2010.csv.gz"
    prefix.write_bytes(b"")
    assert local_jena_climate_file(tmp_path) == prefix
    full = tmp_path / "jena" / "jena_climate_2009_2016.csv.gz"
    full.write_bytes(b"")
    assert local_jena_climate_file(tmp_path) == full
