"""A ``.keras`` file saved from a fitted ``model_`` loads after ``import skseq``
alone (skseq/_keras_objects.py), for every family and the quantile head."""

from __future__ import annotations

import importlib.util
import json
import sys
import textwrap

import keras
import numpy as np
import pytest
from _fresh_process import FreshPython

import skseq._keras_objects as keras_objects
from skseq import DenseRegressor
from skseq.estimators import all_estimators
from skseq.networks import family_names

# Also run in CI on the JAX backend (.ci/run selects the tests by this mark).
pytestmark = pytest.mark.jax

# The reported case: skseq first, then Keras, and nothing else of skseq, so
# only the import hook can have registered the layers. The child does these
# imports while the test fits the models (FreshPython), then runs _LOAD.
_IMPORTS = "import json, sys\nimport numpy as np\nimport skseq, keras"
_LOAD = textwrap.dedent(
    """
    folder, names = {folder!r}, {names!r}
    losses = {{}}
    for name in names:
        model = keras.saving.load_model(f"{{folder}}/{{name}}.keras")
        X = np.load(f"{{folder}}/{{name}}.X.npy")
        np.save(f"{{folder}}/{{name}}.reloaded.npy", model.predict(X, verbose=0))
        losses[name] = type(model.loss).__name__
    print(json.dumps({{
        "losses": losses,
        "registered": sorted(
            k for k in keras.saving.get_custom_objects() if k.startswith("skseq>")
        ),
        "estimators_imported": "skseq.estimators" in sys.modules,
    }}))
    """
)


def _token_rows():
    rng = np.random.default_rng(0)
    return rng.integers(1, 10, (20, 6)).astype("int32"), np.arange(20) % 2


def _fitted_models():
    """``{name: (fitted estimator, its input)}``: one token classifier per
    family, and a regressor whose pinball loss and quantile head are skseq's."""
    X, y = _token_rows()
    models = {
        name: (cls(units=2, embedding_dim=4, epochs=1, random_state=0).fit(X, y), X)
        for name, cls in all_estimators("classifier").items()
    }
    windows = np.random.default_rng(1).normal(size=(20, 6)).astype("float32")
    quantile = DenseRegressor(units=2, epochs=1, loss="quantile", random_state=0)
    models["QuantileDenseRegressor"] = (quantile.fit(windows, windows[:, -1]), windows)
    return models


def _registered_here():
    """skseq's objects in this process's Keras registry, by registered name."""
    objects = keras.saving.get_custom_objects()
    return {k: v for k, v in objects.items() if k.startswith("skseq>")}


def test_saved_model_files_load_after_import_skseq_alone(tmp_path):
    child = FreshPython(_IMPORTS)
    try:
        models = _fitted_models()
        assert len(models) == len(family_names()) + 1  # every family, quantiles
        expected = {}
        for name, (estimator, X) in models.items():
            estimator.model_.save(tmp_path / f"{name}.keras")
            np.save(tmp_path / f"{name}.X.npy", X)
            expected[name] = estimator.model_.predict(X, verbose=0)
        output = child.run(_LOAD.format(folder=str(tmp_path), names=list(models)))
    finally:
        child.close()
    report = json.loads(output.splitlines()[-1])

    for name, predictions in expected.items():
        reloaded = np.load(tmp_path / f"{name}.reloaded.npy")
        np.testing.assert_allclose(reloaded, predictions, rtol=1e-5, atol=1e-6)
    assert report["losses"]["QuantileDenseRegressor"] == "PinballLoss"
    assert not report["estimators_imported"]
    assert report["registered"] == sorted(_registered_here())


def test_registration_modules_cover_every_skseq_keras_object():
    # Every family is imported here, so every skseq object is registered;
    # each must come from a module the import hook imports.
    all_estimators()
    registered = _registered_here()
    assert {"skseq>PaddingMask", "skseq>PinballLoss", "skseq>PositionEmbedding"} <= set(
        registered
    )
    for name, obj in registered.items():
        assert obj.__module__ in keras_objects.MODULES, name


def test_no_import_hook_once_keras_is_loaded():
    # Keras is loaded in this process: registering adds nothing to meta_path.
    before = list(sys.meta_path)
    keras_objects.register_when_keras_loads()
    assert sys.meta_path == before
    assert not any(
        isinstance(finder, keras_objects._RegisterAfterKeras)
        for finder in sys.meta_path
    )


def test_import_hook_wraps_only_keras_and_removes_itself(monkeypatch):
    finder = keras_objects._RegisterAfterKeras()
    monkeypatch.setattr(sys, "meta_path", [finder, *sys.meta_path])
    assert finder.find_spec("numpy", None) is None
    assert finder in sys.meta_path
    spec = finder.find_spec("keras", None)
    assert finder not in sys.meta_path
    assert isinstance(spec.loader, keras_objects._ThenRegister)
    assert spec.origin == keras.__spec__.origin


def test_failed_registration_warns_and_leaves_keras_loaded(monkeypatch):
    class Loader:
        def create_module(self, spec):
            return None

        def exec_module(self, module):
            module.loaded = True

    spec = importlib.util.spec_from_loader("fake_keras", Loader())
    module = importlib.util.module_from_spec(spec)
    monkeypatch.setattr(keras_objects, "MODULES", ("skseq._no_such_module",))
    with pytest.warns(RuntimeWarning, match="could not register its Keras layers"):
        keras_objects._ThenRegister(spec.loader).exec_module(module)
    assert module.loaded
    assert isinstance(module.__loader__, Loader)
