"""The utils wing: input checks and small helpers every other wing shares.

No Keras here, and no skseq wing above it (docs/development.md, "Layout";
``tests/test_layout.py`` checks both). The other wings import these names
from ``skseq.utils``, never from its private modules. Not public API: the
names may change between releases without deprecation.
"""

from skseq.utils._doc_link import DocLinkMixin
from skseq.utils._docstrings import Substitution
from skseq.utils._output import ArrayOutput
from skseq.utils._ragged import ranges, scatter_rows
from skseq.utils._validation import (
    check_dense,
    check_quantiles,
    check_real,
    check_sample_weight,
    check_sequence_input,
    check_target_column,
)
from skseq.utils._values import (
    TOO_LARGE_FOR_FLOAT32,
    first_bad,
    first_beyond_float32,
    is_int,
    non_finite_name,
)
from skseq.utils._versioned import (
    IncompatibleVersionError,
    VersionedState,
    VersionWarning,
    versions,
    warn_if_versions_differ,
)
from skseq.utils._views import is_lazy, root_buffer
from skseq.utils._wrappers import final_estimator

__all__ = [
    "TOO_LARGE_FOR_FLOAT32",
    "ArrayOutput",
    "DocLinkMixin",
    "IncompatibleVersionError",
    "Substitution",
    "VersionWarning",
    "VersionedState",
    "check_dense",
    "check_quantiles",
    "check_real",
    "check_sample_weight",
    "check_sequence_input",
    "check_target_column",
    "final_estimator",
    "first_bad",
    "first_beyond_float32",
    "is_int",
    "non_finite_name",
    "ranges",
    "root_buffer",
    "is_lazy",
    "scatter_rows",
    "versions",
    "warn_if_versions_differ",
]
