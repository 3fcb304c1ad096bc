"""Saved models: versions in every pickle, checked files, fresh processes."""

from __future__ import annotations

import pickle
import textwrap
import warnings
from pathlib import Path

import joblib
import keras
import numpy as np
import pytest
from _fresh_process import FreshPython
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

import skseq
from skseq import GRURegressor, LSTMClassifier, SlidingWindow, TextVectorizer
from skseq.saving import VersionWarning, load, save, saved_versions, versions

# Also run in CI on the JAX backend (.ci/run selects the tests by this mark).
pytestmark = pytest.mark.jax

TEXTS = np.array(
    ["a good film", "a bad film", "good acting, bad plot", "bad bad", "so good"] * 8
)

LABELS = np.array([1, 0, 1, 0, 1] * 8)


def _text_pipeline():
    return make_pipeline(
        TextVectorizer(max_tokens=50, maxlen=6),
        LSTMClassifier(units=4, embedding_dim=4, epochs=2, random_state=0),
    ).fit(TEXTS, LABELS)


def _series(n_rows=300):
    t = np.arange(n_rows, dtype=float)
    return np.column_stack([np.sin(t / 10), np.cos(t / 7)]), np.sin((t + 5) / 10)


def _window_pipeline():
    X, y = _series()
    return make_pipeline(
        StandardScaler(),
        SlidingWindow(lookback=12, step=2, delay=5),
        GRURegressor(units=4, epochs=2, random_state=0),
    ).fit(X, y)


@pytest.fixture(scope="module")
def text_pipeline():
    return _text_pipeline()


def test_every_skseq_step_pickles_its_versions(text_pipeline, tmp_path):
    joblib.dump(text_pipeline, tmp_path / "pipe.joblib")
    loaded = joblib.load(tmp_path / "pipe.joblib")
    for _, step in loaded.steps:
        assert step._skseq_versions == versions()
    assert versions()["keras"] == keras.__version__


@pytest.mark.parametrize("package", ["skseq", "keras"])
def test_loading_under_another_version_warns(text_pipeline, monkeypatch, package):
    data = pickle.dumps(text_pipeline)
    module = skseq._version if package == "skseq" else keras
    monkeypatch.setattr(module, "__version__", "0.0.1")
    with pytest.warns(
        VersionWarning, match=f"saved with {package} .* loaded with {package} 0.0.1"
    ):
        pickle.loads(data)


def test_same_versions_load_silently(text_pipeline):
    data = pickle.dumps(text_pipeline)
    with warnings.catch_warnings():
        warnings.simplefilter("error", VersionWarning)
        pickle.loads(data)


def test_save_load_round_trip(text_pipeline, tmp_path):
    path = save(text_pipeline, tmp_path / "model.skseq")
    assert saved_versions(path) == versions()
    np.testing.assert_array_equal(
        load(path).predict_proba(TEXTS), text_pipeline.predict_proba(TEXTS)
    )


def test_saved_file_has_the_permissions_of_any_new_file(text_pipeline, tmp_path):
    # Like joblib.dump (open() honours the umask), not mkstemp's owner-only 0600.
    path = save(text_pipeline, tmp_path / "model.skseq")
    plain = tmp_path / "plain"
    plain.write_bytes(b"")
    assert path.stat().st_mode & 0o777 == plain.stat().st_mode & 0o777


def test_load_warns_once_for_another_version(text_pipeline, tmp_path, monkeypatch):
    path = save(text_pipeline, tmp_path / "model.skseq")
    monkeypatch.setattr(skseq._version, "__version__", "0.0.1")
    with pytest.warns(VersionWarning) as record:
        load(path)
    assert len(record) == 1


def test_truncated_file_is_refused(text_pipeline, tmp_path):
    path = save(text_pipeline, tmp_path / "model.skseq")
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(ValueError, match="model.skseq is truncated: it holds"):
        load(path)


def test_truncated_header_is_refused(text_pipeline, tmp_path):
    path = save(text_pipeline, tmp_path / "model.skseq")
    path.write_bytes(path.read_bytes()[:30])
    with pytest.raises(ValueError, match="truncated or corrupted: its header"):
        load(path)


def test_corrupted_byte_is_refused(text_pipeline, tmp_path):
    path = save(text_pipeline, tmp_path / "model.skseq")
    data = bytearray(path.read_bytes())
    data[-100] ^= 0xFF
    path.write_bytes(bytes(data))
    with pytest.raises(ValueError, match="model.skseq is corrupted: its model data"):
        load(path)


def test_other_file_is_refused(tmp_path):
    path = tmp_path / "plain.joblib"
    joblib.dump({"a": 1}, path)
    with pytest.raises(ValueError, match="not a skseq model file .* joblib.load"):
        load(path)


def test_failed_save_keeps_the_previous_file(text_pipeline, tmp_path):
    path = save(text_pipeline, tmp_path / "model.skseq")
    before = path.read_bytes()
    with pytest.raises(Exception, match="lambda"):
        save(lambda x: x, path)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["model.skseq"]


# Fresh processes: what is saved in one predicts identically in another, and
# the same random_state trains to identical predictions in two of them. Two
# children for both pipelines: each fits and saves both; the second also loads
# what the first saved, once the first is done.
_PROCESS = textwrap.dedent(
    """
    import os, sys, time, numpy as np
    sys.path.insert(0, {tests!r})
    import test_saving as t
    from skseq.saving import load, save
    folder, name, other = {folder!r}, {name!r}, {other!r}

    def predict(kind, model):
        if kind == "text":
            return model.predict_proba(t.TEXTS)
        return model.predict(t._series()[0])

    for kind, make in [("text", t._text_pipeline), ("window", t._window_pipeline)]:
        model = make()
        save(model, f"{{folder}}/{{name}}-{{kind}}.skseq")
        np.save(f"{{folder}}/{{name}}-{{kind}}.npy", predict(kind, model))
    open(f"{{folder}}/{{name}}.done", "w").close()
    if other:
        while not os.path.exists(f"{{folder}}/{{other}}.done"):
            time.sleep(0.1)
        for kind in ["text", "window"]:
            model = load(f"{{folder}}/{{other}}-{{kind}}.skseq")
            np.save(f"{{folder}}/{{other}}-{{kind}}.reloaded.npy", predict(kind, model))
    """
)


def test_fresh_processes_reproduce_and_reload(tmp_path):
    tests = str(Path(__file__).parent)
    first, second = (
        FreshPython("import numpy, keras"),
        FreshPython("import numpy, keras"),
    )
    try:
        first.send(
            _PROCESS.format(tests=tests, folder=str(tmp_path), name="a", other="")
        )
        second.send(
            _PROCESS.format(tests=tests, folder=str(tmp_path), name="b", other="a")
        )
        first.wait()
        second.wait()
    finally:
        first.close()
        second.close()
    for kind in ["text", "window"]:
        fitted = np.load(tmp_path / f"a-{kind}.npy")
        np.testing.assert_array_equal(fitted, np.load(tmp_path / f"b-{kind}.npy"))
        reloaded = np.load(tmp_path / f"a-{kind}.reloaded.npy")
        np.testing.assert_array_equal(fitted, reloaded)
        assert np.ptp(fitted) > 0  # a trained model, not a constant


def test_the_old_module_name_is_a_deprecated_alias(monkeypatch):
    import importlib
    import sys

    import skseq.saving

    monkeypatch.delitem(sys.modules, "skseq.persistence", raising=False)
    with pytest.warns(FutureWarning, match="renamed skseq.saving"):
        old = importlib.import_module("skseq.persistence")
    assert old.save is skseq.saving.save
    assert old.load is skseq.saving.load
    assert old.VersionWarning is skseq.saving.VersionWarning
