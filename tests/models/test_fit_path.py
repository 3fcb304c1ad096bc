"""The path of ``X`` through ``fit`` (issue 26): at most 5 skseq modules, each
entered from one module only, and every step in the direction of the imports
(the adapter's template calls down into the task; the task never calls
back). Traced with ``sys.setprofile``: every skseq function called with a
parameter named ``X``."""

from __future__ import annotations

import sys

import _import_graph as graphs
import numpy as np
import pytest

import skseq

pytestmark = pytest.mark.jax


def _reachable(edges: dict[str, set[str]], start: str) -> set[str]:
    seen, todo = set(), [start]
    while todo:
        for target in edges.get(todo.pop(), ()):
            if target not in seen:
                seen.add(target)
                todo.append(target)
    return seen


def _unprofiled(method):
    """``method`` with the profiler off: Keras's own tracing is not skseq's
    path, and profiled it takes seconds."""

    def call(*args, **kwargs):
        profiler = sys.getprofile()
        sys.setprofile(None)
        try:
            return method(*args, **kwargs)
        finally:
            sys.setprofile(profiler)

    return call


def _arrows_of_X(estimator, X, y, monkeypatch) -> dict[tuple[str, str], set[str]]:
    import keras

    for name in ("fit", "_symbolic_build"):
        if hasattr(keras.Model, name):
            monkeypatch.setattr(
                keras.Model, name, _unprofiled(getattr(keras.Model, name))
            )
    arrows = {}

    def caller_module(frame):
        while frame is not None:
            name = frame.f_globals.get("__name__", "")
            if name.startswith("skseq"):
                return name
            frame = frame.f_back
        return "user"

    def profile(frame, event, arg):
        module = frame.f_globals.get("__name__", "")
        if event != "call" or not module.startswith("skseq"):
            return
        code = frame.f_code
        if "X" in code.co_varnames[: code.co_argcount + code.co_kwonlyargcount]:
            caller = caller_module(frame.f_back)
            if caller != module:
                arrows.setdefault((caller, module), set()).add(code.co_name)

    sys.setprofile(profile)
    try:
        estimator.fit(X, y)
    finally:
        sys.setprofile(None)
    return arrows


@pytest.mark.parametrize(
    ("name", "X"),
    [
        ("LSTMClassifier", np.random.default_rng(0).integers(1, 50, size=(64, 12))),
        ("GRURegressor", np.random.default_rng(0).normal(size=(64, 12, 2))),
    ],
)
def test_X_in_fit_crosses_at_most_5_modules_each_once_downward(name, X, monkeypatch):
    y = (X[:, -1].reshape(len(X), -1)[:, 0] > X.mean()).astype(int)
    estimator = getattr(skseq, name)(units=4, epochs=1, random_state=0)
    arrows = _arrows_of_X(estimator, X, y, monkeypatch)
    modules = {callee for _, callee in arrows}
    assert len(modules) <= 5, sorted(modules)
    callers = {}
    for caller, callee in arrows:
        callers.setdefault(callee, set()).add(caller)
    assert {m: c for m, c in callers.items() if len(c) > 1} == {}
    edges = graphs.edges(graphs.read_graph())
    upward = [
        (caller, callee)
        for caller, callee in arrows
        if caller != "user" and callee not in _reachable(edges, caller)
    ]
    assert upward == [], f"calls against the imports: {upward}"
