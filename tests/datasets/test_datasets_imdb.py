"""skseq.datasets.fetch_imdb: download, cache, the return types, real data."""

import gzip

import numpy as np
import pandas as pd
import pytest
from _downloads import (
    README,
    VOCAB,
    closed_port_url,
    expected_frame,
    tree,
)

from skseq.datasets import _imdb, fetch_imdb, get_data_home


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
    assert isinstance(X, pd.Series) and X.name == "text"
    assert X.tolist() == ["Once again, no.", "Perfect.", "Pretty good."]
    assert isinstance(y, np.ndarray) and y.dtype == np.int64
    np.testing.assert_array_equal(y, [0, 1, 1])


def test_as_frame(imdb_server, tmp_path):
    bunch = fetch_imdb("test", data_home=tmp_path, as_frame=True)
    expected = expected_frame("test")
    pd.testing.assert_frame_equal(bunch.data, expected[["text"]])
    pd.testing.assert_series_equal(bunch.target, expected["label"])
    pd.testing.assert_frame_equal(bunch.frame, expected)
    X, y = fetch_imdb("test", data_home=tmp_path, as_frame=True, return_X_y=True)
    assert isinstance(X, pd.DataFrame) and X.shape == (3, 1)
    assert isinstance(y, pd.Series) and y.name == "label" and y.dtype == np.int64


def test_skseq_data_env_var(imdb_server, tmp_path, monkeypatch):
    monkeypatch.setenv("SKSEQ_DATA", str(tmp_path / "env_home"))
    assert get_data_home() == tmp_path / "env_home"
    fetch_imdb()
    assert (tmp_path / "env_home" / "imdb" / "train.csv.gz").exists()


def test_offline_without_cache_raises(tmp_path, monkeypatch):
    monkeypatch.setattr(_imdb, "IMDB_URL", closed_port_url())
    with pytest.raises(FileNotFoundError, match="download_if_missing=True") as info:
        fetch_imdb(data_home=tmp_path, download_if_missing=False)
    assert str(tmp_path / "imdb" / "train.csv.gz") in str(info.value)
    assert tree(tmp_path) == []


def test_unreachable_server(tmp_path, monkeypatch):
    url = closed_port_url()
    monkeypatch.setattr(_imdb, "IMDB_URL", url)
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
    monkeypatch.setattr(_imdb, "IMDB_URL", closed_port_url())
    before = {p: p.stat().st_mtime_ns for p in home.rglob("*")}

    bunch = fetch_imdb("train", data_home=home, download_if_missing=False)

    assert bunch.frame.shape == (25_000, 4)
    assert bunch.frame["label"].value_counts().to_dict() == {0: 12_500, 1: 12_500}
    first_pos = bunch.frame.loc[bunch.frame["label"] == 1, "text"].iloc[0]
    assert first_pos.startswith("Bromwell High is a cartoon comedy")
    assert bunch.DESCR.startswith("Large Movie Review Dataset v1.0")
    assert {p: p.stat().st_mtime_ns for p in home.rglob("*")} == before
