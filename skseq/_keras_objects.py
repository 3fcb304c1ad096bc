"""skseq's custom Keras objects, registered whenever Keras is loaded.

A ``.keras`` file saved from a fitted estimator's ``model_`` names skseq's
layers and losses by their registered names (``"skseq>PaddingMask"``), and
Keras can rebuild them only once their classes are registered, which happens
when the modules defining them are imported. Without this module a file
loaded after ``import skseq`` alone fails with "Could not locate class
'PaddingMask'" until something imports ``skseq.estimators``.

Keras 3 offers no lazy lookup: ``keras.saving`` reads its registry, a plain
dict, directly, and it imports a class's module by name only for Keras's own
packages (never arbitrary modules named in a file, for safety). Three
designs remain, and :func:`register_when_keras_loads` takes the third:

1. Import Keras at ``import skseq``. Every import, the command line's
   ``--help`` included, would start the backend (seconds of TensorFlow).
2. Document ``import skseq.estimators`` before loading. Honest but easy to
   miss, and the failure names a class, not the remedy.
3. If Keras is already loaded, register now (it costs no Keras start-up).
   Otherwise put a one-shot finder first on ``sys.meta_path``: it finds
   nothing itself and imports nothing; when Keras is first imported it lets
   the real loader run, registers skseq's objects once Keras is complete,
   and removes itself. The trade-off: until then ``import skseq`` leaves
   that one entry on ``sys.meta_path``, and the first ``import keras`` also
   imports the few skseq modules that define the objects.

:data:`MODULES` lists those modules; a test checks that it covers every
object registered under the ``skseq`` package.
"""

from __future__ import annotations

import importlib
import sys
import warnings
from importlib.abc import MetaPathFinder

MODULES = (
    "skseq.networks._masking",
    "skseq.networks._ngrams",
    "skseq.networks._quantiles",
    "skseq.networks.transformer",
)
"""The modules whose import registers skseq's custom Keras objects."""


def register() -> None:
    """Register every skseq custom Keras object (imports Keras)."""
    for name in MODULES:
        importlib.import_module(name)


def register_when_keras_loads() -> None:
    """Register now if Keras is loaded, else when it first is."""
    if "keras" in sys.modules:
        register()
    elif not any(isinstance(f, _RegisterAfterKeras) for f in sys.meta_path):
        # First, so that the path finder does not find Keras before it.
        sys.meta_path.insert(0, _RegisterAfterKeras())


class _RegisterAfterKeras(MetaPathFinder):
    """Finds ``keras`` with the other finders and wraps its loader once."""

    def find_spec(self, fullname, path, target=None):
        if fullname != "keras":
            return None
        if self in sys.meta_path:
            sys.meta_path.remove(self)
        for finder in sys.meta_path:
            find_spec = getattr(finder, "find_spec", None)
            spec = find_spec(fullname, path, target) if find_spec else None
            if spec is not None:
                if spec.loader is not None and hasattr(spec.loader, "exec_module"):
                    spec.loader = _ThenRegister(spec.loader)
                return spec
        return None


class _ThenRegister:
    """Keras's own loader, then :func:`register` once ``keras`` is complete.

    It hands the module its real loader back before running it, so nothing
    after the import can tell this wrapper was there.
    """

    def __init__(self, loader):
        self._loader = loader

    def __getattr__(self, name):
        return getattr(self._loader, name)

    def create_module(self, spec):
        return self._loader.create_module(spec)

    def exec_module(self, module):
        module.__loader__ = module.__spec__.loader = self._loader
        self._loader.exec_module(module)
        try:
            register()
        except Exception as error:
            # A failure here must not make Keras unusable for code that
            # never saves a skseq model; say what it costs instead.
            warnings.warn(
                f"skseq could not register its Keras layers ({error!r}); "
                "a .keras file saved from a skseq model loads only after "
                "`import skseq.estimators`.",
                RuntimeWarning,
                stacklevel=2,
            )
