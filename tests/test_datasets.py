import gzip
import hashlib
import io
import socket
import tarfile
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import numpy as np
import pandas as pd
import pytest

import skseq.datasets
from skseq.datasets import fetch_imdb, get_data_home

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


@pytest.fixture
def imdb_server(monkeypatch):
    """Serve a tiny fake aclImdb_v1.tar.gz on localhost; count the downloads."""
    payload = make_tarball()
    hits = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            hits.append(self.path)
            self.send_response(200)
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, args=(0.01,), daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{server.server_address[1]}/aclImdb_v1.tar.gz"
    monkeypatch.setattr(skseq.datasets, "IMDB_URL", url)
    monkeypatch.setattr(skseq.datasets, "IMDB_SHA1", hashlib.sha1(payload).hexdigest())
    yield hits
    server.shutdown()
    server.server_close()
    thread.join()


def closed_port_url():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}/aclImdb_v1.tar.gz"


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
    "content", [b"not gzip at all", gzip.compress(b"id,label,text\n1,0,x\n")]
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
