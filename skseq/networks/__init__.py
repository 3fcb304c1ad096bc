"""Model families, one module each: the Keras body of every estimator.

To add a family, add one module here defining ``NETWORK = Network(...)``
(see ``lstm.py`` for a small one, ``conv1d.py`` for one with parameters of
its own). ``skseq.estimators`` then makes its classifier and
regressor, ``skseq`` exports them, the command line offers it as
``--family``, and the estimator tests and scikit-learn's checks run on it.
"""

from skseq.networks._spec import Network, Param, all_networks, family_names

__all__ = ["Network", "Param", "all_networks", "family_names"]
