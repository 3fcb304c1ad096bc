"""What a model family declares, and the registry that finds the families.

A family is one public module of ``skseq.networks`` holding a ``NETWORK``
(a :class:`Network`). The registry finds the modules by name, without
importing them, so that ``python -m skseq --help`` can list the families
without starting Keras; :func:`all_networks` imports them when the estimator
classes are made (``skseq.estimators``), as scikit-learn's ``all_estimators``
walks its package.
"""

from __future__ import annotations

import ast
import inspect
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from importlib import import_module
from importlib.util import find_spec
from pathlib import Path

_PACKAGE = "skseq.networks"


@dataclass(frozen=True)
class Param:
    """One hyperparameter: its default, its constraints and its documentation.

    The default is stated here only: the estimators' ``__init__`` signatures,
    their docstrings and their ``_parameter_constraints`` are all made from it.

    Parameters
    ----------
    name : str
        The keyword argument.
    default : object
        Its default value (immutable: it is shared by every instance).
    constraints : list
        scikit-learn parameter constraints (``Interval``, ``StrOptions``,
        types, "boolean", None ...), checked on every fit path.
    type_doc : str
        The numpydoc type, e.g. ``"int"`` or ``'{"max", "mean"}'``.
    doc : str
        The description, one or more sentences.

    Examples
    --------
    >>> from numbers import Integral
    >>> from sklearn.utils._param_validation import Interval
    >>> from skseq.networks import Param
    >>> positive = [Interval(Integral, 1, None, closed="left")]
    >>> param = Param("width_factor", 2, positive, "int", "Widen the layer.")
    >>> print(param.numpydoc(), end="")
        width_factor : int, default=2
            Widen the layer.
    """

    name: str
    default: object
    constraints: list
    type_doc: str
    doc: str

    def numpydoc(self) -> str:
        """The parameter's entry for a numpydoc ``Parameters`` section.

        Returns
        -------
        str
            The ``name : type, default=...`` line and the indented
            description, each line indented for a class docstring and ending
            with a newline.
        """
        default = f'"{self.default}"' if isinstance(self.default, str) else self.default
        lines = [f"    {self.name} : {self.type_doc}, default={default}"]
        lines += [f"        {line}".rstrip() for line in self.doc.strip().splitlines()]
        return "\n".join(lines) + "\n"


@dataclass(frozen=True)
class Network:
    """A model family: its Keras body and what it adds to the shared vocabulary.

    Parameters
    ----------
    prefix : str
        Class-name prefix: ``"LSTM"`` gives ``LSTMClassifier`` and
        ``LSTMRegressor``.
    summary : str
        One line for the classes' docstrings.
    body : callable
        ``body(x, *, units, dropout, ...) -> tensor``: maps the 3-D input
        tensor ``x`` of shape (batch, n_steps, width) (embedded tokens or
        float windows) to a feature tensor for the output head. Its
        keyword-only parameters are its contract: the builder passes exactly
        those estimator parameters by name, plus ``n_steps`` (the steps per
        sample seen in fit) and ``padded`` (whether token rows are
        left-aligned with padding after them) if it names them. A shared
        parameter that none of this family's callables names draws a warning
        when set (``Network.reads``).
    keeps_mask : callable, default: always
        ``keeps_mask(*, ...) -> bool`` (keyword-only parameters, as for
        ``body``): whether the body honours the padding mask
        (the Keras mask of ``x``, or ``skseq.networks._masking.padding_mask``
        for layers that cannot read it), so that ``masking=True`` makes its
        predictions independent of padding. Every built-in family does.
    mask_rule : str, default="always"
        When it keeps the mask, in words completing "<class> keeps it ...",
        for the docstring and the error raised otherwise.
    fixed_length : callable, default: never
        ``fixed_length(*, ...) -> bool``: whether the body needs every sample to
        have the number of steps seen in fit (e.g. it flattens them), so
        that token batches cannot be trimmed to their longest row.
    step_multiple : callable, default: 1
        ``step_multiple(*, ...) -> int``: trimmed token batches get a multiple of
        this many steps, e.g. a pooling window's size, so that pooling
        windows always start at a row's first token.
    params : tuple of Param, default=()
        Hyperparameters of this family only (after the shared ones).
    notes : str, default=""
        The numpydoc ``Notes`` text: how the family reads the shared
        parameters where that is not obvious.
    references : str, default=""
        The numpydoc ``References`` text: where the architecture comes from.

    Examples
    --------
    A family is a module of ``skseq.networks`` holding a ``NETWORK``, as
    ``lstm.py`` does:

    >>> from keras import layers
    >>> from skseq.networks import Network
    >>> NETWORK = Network(
    ...     prefix="Pooled",
    ...     summary="A mean over the time steps, then a Dense layer.",
    ...     body=lambda x, *, units: layers.Dense(units)(
    ...         layers.GlobalAveragePooling1D()(x)
    ...     ),
    ... )
    >>> NETWORK.prefix, sorted(NETWORK.reads)
    ('Pooled', ['units'])
    """

    prefix: str
    summary: str
    body: Callable
    keeps_mask: Callable = field(default=lambda: True)
    mask_rule: str = "always"
    fixed_length: Callable = field(default=lambda: False)
    step_multiple: Callable = field(default=lambda: 1)
    params: tuple[Param, ...] = field(default=())
    notes: str = ""
    references: str = ""

    def __post_init__(self):
        # Each callable's keyword-only parameter names, by role, checked and
        # read once: ``reads`` is asked for every shared parameter of every
        # family when the estimator classes are made, ``apply`` at each build.
        contract = {
            role: _keyword_only(getattr(self, role), self.prefix, role)
            for role in _ROLES
        }
        object.__setattr__(self, "_contract", contract)  # frozen dataclass

    @property
    def reads(self) -> frozenset[str]:
        """The parameters the family reads: the keyword-only names of its
        body, ``keeps_mask``, ``fixed_length`` and ``step_multiple``."""
        return frozenset().union(*self._contract.values())

    def apply(self, role: str, values, *args):
        """Call one of the family's callables with exactly what it declares.

        Parameters
        ----------
        role : {"body", "keeps_mask", "fixed_length", "step_multiple"}
            Which callable.
        values : object
            Holds the estimator's parameters as attributes (plus ``n_steps``
            and ``padded``); the callable's keyword-only parameters are read
            from it by name, and nothing else is passed.
        *args
            Positional arguments: the input tensor ``x`` for the body.

        Returns
        -------
        object
            What the callable returns (a tensor, a bool or an int).
        """
        names = self._contract[role]
        return getattr(self, role)(*args, **{n: getattr(values, n) for n in names})


_ROLES = ("body", "keeps_mask", "fixed_length", "step_multiple")


def _keyword_only(function: Callable, prefix: str, role: str) -> tuple[str, ...]:
    """The keyword-only parameter names of ``function``; a TypeError naming
    the family if it takes anything else (``x`` aside, for the body)."""
    parameters = list(inspect.signature(function).parameters.values())
    positional = [p for p in parameters if p.kind is not p.KEYWORD_ONLY]
    if len(positional) != (1 if role == "body" else 0) or any(
        p.kind in (p.VAR_POSITIONAL, p.VAR_KEYWORD) for p in positional
    ):
        expected = "x, *, <parameters>" if role == "body" else "*, <parameters>"
        raise TypeError(
            f"the {prefix} family's {role} must take ({expected}): its "
            "keyword-only parameters say which estimator parameters it reads; "
            f"got {role}{inspect.signature(function)}"
        )
    return tuple(p.name for p in parameters if p.kind is p.KEYWORD_ONLY)


def family_names() -> list[str]:
    """The families' names (their module names), sorted, without importing them.

    Returns
    -------
    list of str
        The public module names of ``skseq.networks``.

    Examples
    --------
    >>> from skseq.networks import family_names
    >>> "lstm" in family_names()
    True
    """
    package = import_module(_PACKAGE)
    return sorted(
        info.name
        for info in pkgutil.iter_modules(package.__path__)
        if not info.name.startswith("_")
    )


@cache
def family_prefixes() -> dict[str, str]:
    """Each family's class-name prefix, read from its source, without Keras.

    ``NETWORK = Network(prefix="LSTM", ...)`` must state the prefix as a
    string literal: the public names (``dir(skseq)``, ``help(skseq)``) come
    from here, so that listing them never starts Keras.
    ``tests/networks/test_registry.py`` checks these against
    :func:`all_networks`.

    Returns
    -------
    dict of str to str
        By family name, in the order of :func:`family_names`.

    Raises
    ------
    TypeError
        If a family's module states no literal ``prefix=``.

    Examples
    --------
    >>> from skseq.networks import family_prefixes
    >>> family_prefixes()["simple_rnn"]
    'SimpleRNN'
    """
    package = import_module(_PACKAGE)
    prefixes = {}
    for name in family_names():
        spec = find_spec(f"{_PACKAGE}.{name}")
        source = Path(spec.origin).read_text(encoding="utf-8")
        prefixes[name] = _literal_prefix(
            ast.parse(source), f"{package.__name__}.{name}"
        )
    return prefixes


def _literal_prefix(tree: ast.Module, module: str) -> str:
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "Network":
            for keyword in node.keywords:
                if keyword.arg == "prefix" and isinstance(keyword.value, ast.Constant):
                    return keyword.value.value
    raise TypeError(
        f'{module} must define NETWORK = Network(prefix="...", ...) with the '
        "prefix as a string literal: skseq lists its public names without Keras"
    )


@cache
def all_networks() -> dict[str, Network]:
    """Every family's :class:`Network`, by name (imports Keras).

    Returns
    -------
    dict of str to Network
        By family name, in the order of :func:`family_names`.

    Raises
    ------
    TypeError
        If a public module of ``skseq.networks`` has no ``NETWORK``.

    Examples
    --------
    >>> from skseq.networks import all_networks
    >>> all_networks()["lstm"].prefix
    'LSTM'
    """
    networks = {}
    for name in family_names():
        module = import_module(f"{_PACKAGE}.{name}")
        network = getattr(module, "NETWORK", None)
        if not isinstance(network, Network):
            raise TypeError(
                f"{module.__name__} must define NETWORK = Network(...): every "
                "public module of skseq.networks is a model family"
            )
        networks[name] = network
    return networks


def readers(param: str) -> tuple[str, ...]:
    """The families whose network body reads the estimator parameter
    ``param`` (``Network.reads``; imports Keras).

    The one answer behind the "not read by this family" warning
    (``skseq.estimators.unread_shared``) and the "read by" column of the
    docs' defaults table. An empty tuple means no body reads it: the stem,
    the head or training does, for every family.

    Parameters
    ----------
    param : str
        An estimator parameter name.

    Returns
    -------
    tuple of str
        Family names, in the order of :func:`family_names`.

    Examples
    --------
    >>> from skseq.networks import readers
    >>> readers("bidirectional")
    ('conv1d', 'gru', 'lstm', 'simple_rnn')
    >>> readers("learning_rate")
    ()
    """
    return tuple(name for name, net in all_networks().items() if param in net.reads)
