"""The one seam between skseq and SciKeras (DESIGN §3).

SciKeras 0.13 stays the wrapper: parameter routing (``fit__``, ``predict__``),
``history_``, ``current_epoch`` and the pickling of Keras models. It is
unmaintained, though, and its public methods squeeze one-sample outputs,
cannot train on a 2-D ``y``, skip a subclass's checks in ``partial_fit`` and
scale the caller's ``sample_weight`` in place. So every public entry point
is defined here and every override of a SciKeras internal lives in this
package and nowhere else; ``skseq._base`` holds what skseq itself does
(parameters, input checks, Keras building, training data) behind the hooks
named in ``SciKerasAdapter``.

Every entry point (``fit``, warm fits, ``partial_fit``, ``predict``,
``predict_proba``, ``score``) checks the parameters and the input the same
way before Keras sees anything, never modifies what the caller passed, and
keeps the sample axis for every number of samples.
"""

from skseq._adapter._tasks import ClassifierAdapter, RegressorAdapter

__all__ = ["ClassifierAdapter", "RegressorAdapter"]
