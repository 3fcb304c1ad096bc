"""The contract every skseq.datasets fetcher shares, and balanced_sample."""

import inspect

import pandas as pd
import pytest
from _downloads import (
    JENA_SMALL,
    make_zip,
    sha256,
    tree,
)

from skseq.datasets import (
    _imdb,
    _jena_climate,
    balanced_sample,
    fetch_imdb,
    fetch_jena_climate,
    get_data_home,
)

FETCHERS = [fetch_imdb, fetch_jena_climate]
SHARED = ["data_home", "download_if_missing", "as_frame", "return_X_y"]


@pytest.mark.parametrize("fetch", FETCHERS, ids=lambda f: f.__name__)
def test_one_signature_first_argument_positional_the_rest_keyword_only(fetch):
    parameters = list(inspect.signature(fetch).parameters.values())
    assert parameters[0].kind == inspect.Parameter.POSITIONAL_OR_KEYWORD
    assert all(p.kind == inspect.Parameter.KEYWORD_ONLY for p in parameters[1:])
    assert set(SHARED) <= {p.name for p in parameters}
    assert fetch.__doc__.count("download_if_missing : bool, default=True") == 1


@pytest.mark.parametrize(
    "call",
    [
        lambda home: fetch_imdb("train", home),
        lambda home: fetch_imdb("train", None, False),
        lambda home: fetch_jena_climate(home, None),
        lambda home: fetch_jena_climate(home, None, False),
    ],
)
def test_options_passed_positionally_are_a_type_error(call, tmp_path):
    with pytest.raises(TypeError, match="positional argument"):
        call(tmp_path)
    assert tree(tmp_path) == []


@pytest.mark.parametrize("fetch", FETCHERS, ids=lambda f: f.__name__)
@pytest.mark.parametrize("flag", ["download_if_missing", "as_frame", "return_X_y"])
def test_flags_must_be_bools(fetch, flag, tmp_path):
    with pytest.raises(TypeError, match=f"{flag} must be True or False; got {flag}="):
        fetch(data_home=tmp_path, **{flag: "no"})
    assert tree(tmp_path) == []


def test_get_data_home_default_is_not_created(tmp_path, monkeypatch):
    monkeypatch.delenv("SKSEQ_DATA", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))
    assert get_data_home() == tmp_path / "skseq_data"
    assert get_data_home("~/elsewhere") == tmp_path / "elsewhere"
    assert tree(tmp_path) == []


def _mismatch(name):
    """The checksum error for ``name``, with the expected and the served digest."""
    return f"SHA-256 mismatch for {name} downloaded from http://127.0.0.1:"


def test_imdb_checksum_mismatch_names_file_and_digests(
    imdb_server, tmp_path, monkeypatch
):
    served = _imdb.IMDB_SHA256
    monkeypatch.setattr(_imdb, "IMDB_SHA256", "0" * 64)
    with pytest.raises(OSError, match=_mismatch("aclImdb_v1.tar.gz")) as info:
        fetch_imdb(data_home=tmp_path)
    assert f"expected {'0' * 64}, got {served}" in str(info.value)
    assert tree(tmp_path) in ([], ["imdb"])  # no tarball, no part file


def test_jena_checksum_mismatch_names_file_and_digests(
    jena_server, tmp_path, monkeypatch
):
    served = sha256(make_zip(JENA_SMALL))
    assert served == _jena_climate.JENA_SHA256  # the fixture pins it
    monkeypatch.setattr(_jena_climate, "JENA_SHA256", "f" * 64)
    zip_name = "jena_climate_2009_2016.csv.zip"
    with pytest.raises(OSError, match=_mismatch(zip_name)) as info:
        fetch_jena_climate(tmp_path)
    assert f"expected {'f' * 64}, got {served}" in str(info.value)
    assert tree(tmp_path) in ([], ["jena"])


def test_interrupted_conversion_leaves_no_partial_file(
    imdb_server, tmp_path, monkeypatch
):
    def interrupted(tarball, folder):
        with _imdb.atomic_gzip(folder / "train.csv.gz") as gz:
            gz.write(b"id,rating")
            raise KeyboardInterrupt

    monkeypatch.setattr(_imdb, "_convert", interrupted)
    with pytest.raises(KeyboardInterrupt):
        fetch_imdb(data_home=tmp_path)
    # The downloaded tarball and the half-written cache file are both gone.
    assert tree(tmp_path) == ["imdb"]


# --- balanced_sample ---------------------------------------------------------


@pytest.fixture
def labelled():
    return pd.DataFrame({"text": [f"doc {i}" for i in range(30)], "label": [1, 0] * 15})


def test_balanced_sample_is_groupby_sample(labelled):
    sample = balanced_sample(labelled, 10, random_state=3)
    expected = labelled.groupby("label").sample(5, random_state=3)
    pd.testing.assert_frame_equal(sample, expected)
    assert sample["label"].tolist() == [0] * 5 + [1] * 5
    assert balanced_sample(labelled, None) is labelled
    # Drawing every row still shuffles within each class.
    assert len(balanced_sample(labelled, 30, random_state=0)) == 30


def test_balanced_sample_other_target_column(labelled):
    frame = labelled.rename(columns={"label": "y"})
    assert len(balanced_sample(frame, 4, target="y", random_state=0)) == 4
    with pytest.raises(ValueError, match="target='label' is not a column"):
        balanced_sample(frame, 4)


@pytest.mark.parametrize("n_samples", [0, 1, 5, -2, 2.0, True, "10"])
def test_balanced_sample_refuses_n_samples_that_cannot_balance(labelled, n_samples):
    with pytest.raises(ValueError, match="n_samples must be a positive multiple"):
        balanced_sample(labelled, n_samples)


def test_balanced_sample_names_the_short_class(labelled):
    with pytest.raises(ValueError, match="16 rows of each class, but class 1 has 14"):
        balanced_sample(labelled.iloc[1:], 32)
    strings = labelled.assign(label=labelled["label"].map({0: "neg", 1: "pos"}))
    with pytest.raises(ValueError, match="class 'pos' has 14"):
        balanced_sample(strings.iloc[1:], 32)
