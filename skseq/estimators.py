"""The public estimators: a classifier and a regressor per model family.

The classes are made here from the family registry (``skseq.networks``) and
the shared parameter tables (``skseq.models._params``), so that a family is one
module and every default is stated once. Each class is an ordinary
module-level class: it pickles, clones and shows its ``__init__`` signature
like any scikit-learn estimator.
"""

from __future__ import annotations

from dataclasses import replace

from skseq.models import (
    SHARED,
    SequenceClassifier,
    SequenceModel,
    SequenceRegressor,
    constraints,
)
from skseq.networks import Network, all_networks, readers

_CLASSIFIER_EXAMPLE = """\
    >>> import numpy as np
    >>> from skseq import {name}
    >>> rng = np.random.default_rng(0)
    >>> X = rng.integers(1, 50, size=(40, 12))   # 40 sequences of 12 token ids
    >>> y = (X[:, -1] > 25).astype(int)
    >>> clf = {name}(units=8, epochs=2, random_state=0).fit(X, y)
    >>> clf.predict_proba(X[:3]).shape
    (3, 2)
    >>> clf.predict_proba(X[:1]).shape          # one sample keeps its axis
    (1, 2)
    >>> Y = np.column_stack([y, X[:, 0] > 25])  # multilabel: one 0/1 column per label
    >>> {name}(units=8, epochs=1, random_state=0).fit(X, Y).predict(X[:2]).shape
    (2, 2)
"""

_REGRESSOR_EXAMPLE = """\
    >>> import numpy as np
    >>> from skseq import {name}
    >>> rng = np.random.default_rng(0)
    >>> X = rng.normal(size=(40, 12, 3)).astype("float32")  # 12 steps, 3 features
    >>> y = X[:, -1, 0]
    >>> reg = {name}(units=8, epochs=2, random_state=0).fit(X, y)
    >>> reg.predict(X[:3]).shape
    (3,)
"""

_ATTRIBUTES = """\
    model_ : keras.Model
        The fitted Keras model.
    classes_ : ndarray of shape (n_classes,)
        Classifiers: the class labels (sorted), or ``arange(n_labels)`` for
        multilabel y, in the column order of ``predict_proba``.
    target_type_ : str
        scikit-learn's ``type_of_target`` of the y seen in the first fit:
        "binary", "multiclass" or "multilabel-indicator" for classifiers
        (one sigmoid, a softmax, or one sigmoid per label).
    n_outputs_ : int
        Columns of y (1 for a 1-D y).
    history_ : dict of str to list of float
        Per-epoch ``loss`` and metric, with ``val_`` twins when validating.
    input_kind_ : {"tokens", "series"}
        Whether X was read as token ids (embedded) or as float values.
    vocabulary_size_ : int or None
        Embedding rows: the largest token id seen in fit plus one. Larger ids
        at predict time are read as the unknown-word id 1.
    linear_mix_ : ndarray of shape (2,)
        Classifiers with ``linear_ngrams`` and token input: the weights of
        the network's logits and of the linear model's in the output.
    linear_history_ : dict of str to list of float
        Classifiers with ``linear_ngrams`` and token input: the linear
        model's per-epoch ``loss`` and ``val_loss`` in its own training.
"""

_HEADS = {
    "Classifier": "a softmax head (a sigmoid for two\n    classes, one per label "
    "for multilabel y)",
    "Regressor": "a linear head (one output\n    per column of y)",
}


def _make_init(params):
    """An ``__init__`` with one keyword-only argument per parameter, which
    stores them verbatim (scikit-learn's rule), its defaults taken from
    ``params``; made as dataclasses make theirs, so that its signature is an
    ordinary one."""
    names = ", ".join(param.name for param in params)
    source = f"def __init__(self, *, {names}):\n" + "".join(
        f"    self.{param.name} = {param.name}\n" for param in params
    )
    namespace = {}
    exec(source, {"__name__": __name__}, namespace)
    init = namespace["__init__"]
    init.__kwdefaults__ = {param.name: param.default for param in params}
    return init


def _docstring(name: str, network: Network, base, params) -> str:
    example = _CLASSIFIER_EXAMPLE if base._task == "Classifier" else _REGRESSOR_EXAMPLE
    notes = (
        "    Notes\n    -----\n"
        + "".join(f"    {line}\n" for line in network.notes.splitlines())
        + "\n"
        if network.notes
        else ""
    )
    references = (
        "    References\n    ----------\n"
        + "".join(f"    {line}\n" for line in network.references.splitlines())
        + "\n"
        if network.references
        else ""
    )
    return (
        f"{network.summary[:-1]} {base._task.lower()}.\n\n"
        f"    The family's network, then {_HEADS[base._task]}.\n"
        "    X is either a 2-D integer matrix of token ids (e.g. from\n"
        "    ``TextVectorizer``), which gets a learned embedding, or a float\n"
        "    array of shape (n_samples, n_steps[, n_features]) fed as is.\n\n"
        "    Parameters\n    ----------\n"
        + "".join(param.numpydoc() for param in params).replace(
            "<mask_rule>", network.mask_rule
        )
        + "\n    Attributes\n    ----------\n"
        f"{_ATTRIBUTES}\n"
        f"{notes}"
        f"{references}"
        "    Examples\n    --------\n"
        f"{example.format(name=name)}"
    )


def unread_shared(network: Network) -> tuple[str, ...]:
    """The shared parameters that some family's network reads and this one's
    does not (``Network.reads``): setting one draws a warning at fit, as
    scikit-learn's ``LogisticRegression`` warns for an unused ``l1_ratio``.

    Parameters
    ----------
    network : Network
        The family's declaration.

    Returns
    -------
    tuple of str
        Sorted parameter names.

    Examples
    --------
    >>> from skseq.estimators import unread_shared
    >>> from skseq.networks import all_networks
    >>> unread_shared(all_networks()["dense"])
    ('bidirectional', 'recurrent_dropout')
    """
    read_by_some = {p.name for p in SHARED if readers(p.name)}
    return tuple(sorted(read_by_some - network.reads))


def make_estimator(family: str, network: Network, base: type[SequenceModel]):
    """The public class of ``network`` for ``base``'s task (classifier or
    regressor): the shared parameters, the family's own, then the task's.

    Parameters
    ----------
    family : str
        The family's name, its module in ``skseq.networks`` (e.g. "lstm").
    network : Network
        The family's declaration: its body, prefix and own parameters.
    base : type
        The task's base class, ``skseq.models.SequenceClassifier`` or
        ``skseq.models.SequenceRegressor``.

    Returns
    -------
    type
        A subclass of ``base`` named ``<prefix>Classifier`` or
        ``<prefix>Regressor``, with its ``__init__`` signature, parameter
        constraints and docstring made from the parameters.

    Examples
    --------
    >>> from skseq.models import SequenceRegressor
    >>> from skseq.estimators import make_estimator
    >>> from skseq.networks import all_networks
    >>> cls = make_estimator("lstm", all_networks()["lstm"], SequenceRegressor)
    >>> cls.__name__, cls().units
    ('LSTMRegressor', 32)
    """
    name = f"{network.prefix}{base._task}"
    unread = unread_shared(network)
    shared = tuple(
        replace(p, doc=f"{p.doc.rstrip()}\nNot read by this family: setting it warns.")
        if p.name in unread
        else p
        for p in SHARED
    )
    params = (*shared, *network.params, *base._task_params)
    init = _make_init(params)
    init.__qualname__ = f"{name}.__init__"
    return type(base)(
        name,
        (base,),
        {
            "__module__": __name__,
            "__qualname__": name,
            "__doc__": _docstring(name, network, base, params),
            "__init__": init,
            "_family": family,
            "_network": network,
            "_unread": unread,
            "_parameter_constraints": {
                **base._parameter_constraints,
                **constraints(network.params),
            },
        },
    )


def all_estimators(type_filter: str | None = None) -> dict[str, type]:
    """Every public network estimator class, by name, families in
    alphabetical order (as scikit-learn's ``all_estimators`` serves its tests).

    Parameters
    ----------
    type_filter : {"classifier", "regressor"} or None, default=None
        Only the classifiers or only the regressors; None gives both.

    Returns
    -------
    dict of str to type

    Raises
    ------
    ValueError
        If ``type_filter`` is something else.

    Examples
    --------
    >>> from skseq.estimators import all_estimators
    >>> list(all_estimators("regressor"))[:2]
    ['Conv1DRegressor', 'DenseRegressor']
    """
    if type_filter not in (None, "classifier", "regressor"):
        raise ValueError(
            "type_filter must be 'classifier', 'regressor' or None; "
            f"got type_filter={type_filter!r}"
        )
    suffix = type_filter.capitalize() if type_filter else ""
    return {name: cls for name, cls in _ESTIMATORS.items() if name.endswith(suffix)}


_ESTIMATORS = {
    cls.__name__: cls
    for family, network in all_networks().items()
    for cls in (
        make_estimator(family, network, SequenceClassifier),
        make_estimator(family, network, SequenceRegressor),
    )
}
globals().update(_ESTIMATORS)
__all__ = [*_ESTIMATORS, "all_estimators", "make_estimator", "unread_shared"]
