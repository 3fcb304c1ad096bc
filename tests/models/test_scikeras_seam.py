"""SciKeras behind one adapter (DESIGN §3; docs/development.md, "SciKeras"):
the installed version is the pinned one, every SciKeras internal the adapter
relies on is still there with the signature it calls, and the process-wide
patch SciKeras makes at import is the one the docs describe."""

from __future__ import annotations

import inspect
import re
from importlib import metadata
from pathlib import Path

import pytest
from packaging.specifiers import SpecifierSet

import skseq.estimators  # noqa: F401 (imports SciKeras, as any estimator does)

pytestmark = pytest.mark.jax

PYPROJECT = Path(__file__).resolve().parents[2] / "pyproject.toml"


def test_the_installed_scikeras_is_the_pinned_one():
    # The dependency line of pyproject.toml (read as text: tomllib needs
    # Python 3.11, and skseq supports 3.10).
    (pin,) = re.findall(r'"(scikeras[^"]*)"', PYPROJECT.read_text(encoding="utf-8"))
    specifier = SpecifierSet(pin.removeprefix("scikeras"))
    assert specifier == SpecifierSet(">=0.13,<0.14")
    assert metadata.version("scikeras") in specifier


def test_the_internals_the_adapter_calls_are_there():
    from scikeras.wrappers import BaseWrapper, KerasClassifier, KerasRegressor

    fit = inspect.signature(BaseWrapper._fit_keras_model)
    assert list(fit.parameters) == [
        "self",
        "X",
        "y",
        "sample_weight",
        "warm_start",
        "epochs",
        "initial_epoch",
        "kwargs",
    ]
    assert list(inspect.signature(BaseWrapper._initialize_callbacks).parameters) == [
        "self"
    ]
    assert isinstance(BaseWrapper.initialized_, property)
    assert issubclass(KerasClassifier, BaseWrapper)
    assert issubclass(KerasRegressor, BaseWrapper)


def test_scikeras_patches_keras_pickling_for_the_whole_process():
    # The cost the development docs state: importing SciKeras (any skseq
    # estimator does) replaces these methods on Keras's own classes.
    import keras
    from scikeras import _saving_utils

    assert keras.Model.__reduce__ is _saving_utils.pack_keras_model
    assert keras.Model.__deepcopy__ is _saving_utils.deepcopy_model
    assert keras.losses.Loss.__reduce__ is _saving_utils.pack_keras_loss
    assert keras.optimizers.Optimizer.__reduce__ is _saving_utils.pack_keras_optimizer


def test_only_the_adapter_reaches_scikeras_internals():
    # The task reads two attributes SciKeras's _initialize_callbacks sets;
    # everything else SciKeras-specific is in skseq/models/_adapter.py.
    base = (PYPROJECT.parent / "skseq" / "models" / "_base.py").read_text("utf-8")
    assert "scikeras" not in base.lower()
    assert set(re.findall(r"self\.(_(?:fit|predict)_callbacks)", base)) == {
        "_fit_callbacks",
        "_predict_callbacks",
    }
