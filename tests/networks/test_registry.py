"""The model-family registry (skseq/networks/_spec.py) and the classes made
from it (skseq/estimators.py): a family is one module, defaults stated once."""

from __future__ import annotations

import inspect
import pkgutil
import re
import textwrap

import numpy as np
import pytest
from sklearn.base import clone

import skseq
import skseq.networks
from skseq.estimators import all_estimators, make_estimator
from skseq.models import SequenceClassifier, SequenceRegressor
from skseq.models._params import CLASSIFIER, REGRESSOR, SHARED
from skseq.networks import (
    Network,
    Param,
    _spec,
    all_networks,
    family_names,
    family_prefixes,
)

pytestmark = pytest.mark.jax


def test_every_public_module_is_a_family_with_two_estimators():
    modules = sorted(
        info.name
        for info in pkgutil.iter_modules(skseq.networks.__path__)
        if not info.name.startswith("_")
    )
    assert family_names() == modules
    assert {"lstm", "gru", "simple_rnn", "conv1d", "dense"} <= set(modules)
    assert list(all_networks()) == modules
    names = [
        f"{network.prefix}{task}"
        for network in all_networks().values()
        for task in ("Classifier", "Regressor")
    ]
    assert list(all_estimators()) == names
    assert set(names) <= set(skseq.__all__)
    assert all(getattr(skseq, name) is all_estimators()[name] for name in names)


def test_the_prefixes_read_without_keras_are_the_families_own():
    # skseq.__all__ and dir(skseq) come from family_prefixes (issue 26).
    networks = all_networks()
    assert family_prefixes() == {name: net.prefix for name, net in networks.items()}


def test_a_family_without_a_literal_prefix_is_named():
    tree = _spec.ast.parse("NETWORK = Network(prefix=PREFIX, body=body)")
    with pytest.raises(TypeError, match=r"skseq.networks.odd must define .*literal"):
        _spec._literal_prefix(tree, "skseq.networks.odd")


def test_type_filter():
    assert all(name.endswith("Classifier") for name in all_estimators("classifier"))
    assert len(all_estimators("regressor")) == len(family_names())
    with pytest.raises(ValueError, match="type_filter must be"):
        all_estimators("transformer")


@pytest.mark.parametrize("name", list(all_estimators()))
def test_defaults_constraints_and_docs_come_from_one_table(name):
    cls = all_estimators()[name]
    network = cls._network
    task = CLASSIFIER if issubclass(cls, SequenceClassifier) else REGRESSOR
    params = [*SHARED, *network.params, *task]
    signature = inspect.signature(cls)
    assert [p.name for p in params] == list(signature.parameters)
    for param in params:
        assert signature.parameters[param.name].default is param.default
        assert signature.parameters[param.name].kind is inspect.Parameter.KEYWORD_ONLY
        assert cls._parameter_constraints[param.name] is param.constraints
        assert f"    {param.name} : {param.type_doc}, default=" in cls.__doc__
    assert set(cls._parameter_constraints) == {p.name for p in params}
    # The parent's constraints are extended, not restated.
    base = SequenceClassifier if task is CLASSIFIER else SequenceRegressor
    assert base._parameter_constraints.items() <= cls._parameter_constraints.items()
    assert cls.__module__ == "skseq.estimators"
    assert cls.__init__.__qualname__ == f"{name}.__init__"


def test_positional_and_unknown_arguments_are_refused():
    with pytest.raises(TypeError):
        skseq.LSTMClassifier(32)
    with pytest.raises(TypeError, match="unexpected keyword argument 'kernel_size'"):
        skseq.LSTMClassifier(kernel_size=3)


def test_a_module_without_network_is_named(monkeypatch):
    monkeypatch.setattr(_spec, "family_names", lambda: ["_recurrent"])
    with pytest.raises(
        TypeError, match="skseq.networks._recurrent must define NETWORK"
    ):
        _spec.all_networks.__wrapped__()


def test_a_new_family_is_one_module(tmp_path, monkeypatch):
    """What a contributor writes: one module, and the rest follows."""
    (tmp_path / "toy.py").write_text(
        textwrap.dedent(
            """
            from numbers import Integral
            from keras import layers
            from sklearn.utils._param_validation import Interval
            from skseq.networks import Network, Param

            def body(x, *, units, width_factor):
                x = layers.GlobalAveragePooling1D()(x)
                return layers.Dense(units * width_factor)(x)

            NETWORK = Network(
                prefix="Toy",
                summary="A toy family.",
                body=body,
                keeps_mask=lambda: True,
                mask_rule="always",
                params=(
                    Param("width_factor", 2, [Interval(Integral, 1, None,
                          closed="left")], "int", "Widen the layer."),
                ),
            )
            """
        )
    )
    monkeypatch.setattr(
        skseq.networks, "__path__", [*skseq.networks.__path__, str(tmp_path)]
    )
    networks = _spec.all_networks.__wrapped__()
    assert "toy" in networks
    toy = make_estimator("toy", networks["toy"], SequenceClassifier)
    assert toy.__name__ == "ToyClassifier"
    X = np.random.default_rng(0).integers(1, 20, size=(30, 6))
    y = X[:, 0] > 10
    est = toy(units=3, epochs=1, random_state=0, linear_ngrams=0).fit(X, y)
    assert est.model_.layers[-2].units == 6
    assert clone(est).get_params()["width_factor"] == 2
    assert "width_factor : int, default=2" in toy.__doc__
    with pytest.raises(ValueError, match="'width_factor' parameter of ToyClassifier"):
        toy(width_factor=0).fit(X, y)


def test_a_body_without_a_keyword_only_signature_is_refused():
    with pytest.raises(TypeError, match=r"the Bad family's body must take \(x, \*, "):
        Network(prefix="Bad", summary="s.", body=lambda x, hp: x)
    with pytest.raises(TypeError, match=r"the Bad family's fixed_length must take"):
        Network(prefix="Bad", summary="s.", body=lambda x: x, fixed_length=lambda hp: 1)


def test_a_shared_parameter_the_family_ignores_warns_and_is_marked():
    X = np.random.default_rng(0).integers(1, 20, size=(30, 6))
    y = X[:, 0] > 10
    dense = skseq.DenseClassifier(units=3, epochs=1, bidirectional=True)
    with pytest.warns(UserWarning, match=r"^bidirectional=True is not read by Dense"):
        dense.fit(X, y)
    assert "Not read by this family" in _entry(skseq.DenseClassifier, "bidirectional")
    assert "Not read by this family" not in _entry(
        skseq.LSTMClassifier, "bidirectional"
    )


def _entry(cls, name: str) -> str:
    """``name``'s numpydoc entry: its line and the deeper-indented ones."""
    match = re.search(rf"^    {name} : .*\n(?:        .*\n)*", cls.__doc__, re.M)
    return match.group(0)


def test_param_numpydoc():
    param = Param("pooling", "max", [], "str", "One line.\nTwo lines.")
    assert param.numpydoc() == (
        '    pooling : str, default="max"\n        One line.\n        Two lines.\n'
    )
    assert isinstance(all_networks()["lstm"], Network)
