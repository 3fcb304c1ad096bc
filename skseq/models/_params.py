"""The parameters every estimator shares, and those of each task, stated once.

Each :class:`~skseq.networks.Param` gives the default, the constraints and
the documentation; ``skseq.estimators`` makes the ``__init__`` signatures
and the docstrings from them, and ``skseq.models._base`` the constraints. A family's
own parameters live in its module of ``skseq.networks``.
"""

from __future__ import annotations

from numbers import Integral, Real

import keras
from sklearn.utils._param_validation import Interval, StrOptions

from skseq.networks import Param

_POSITIVE = [Interval(Integral, 1, None, closed="left")]
_RATE = [Interval(Real, 0, 1, closed="left")]

SHARED = (
    Param(
        "units",
        32,
        _POSITIVE,
        "int",
        "Size of each hidden layer: recurrent units, Conv1D filters or Dense\n"
        "neurons (see the Notes of a family that reads it otherwise).",
    ),
    Param("n_layers", 1, _POSITIVE, "int", "Number of stacked hidden layers."),
    Param(
        "dropout",
        0.0,
        _RATE,
        "float",
        "Dropout rate on the inputs of each hidden layer, in [0, 1).",
    ),
    Param(
        "recurrent_dropout",
        0.0,
        _RATE,
        "float",
        "Dropout rate on the recurrent state (recurrent layers only).",
    ),
    Param(
        "bidirectional",
        False,
        ["boolean"],
        "bool",
        "Read sequences in both directions (recurrent layers only).",
    ),
    Param(
        "pooling",
        None,
        [StrOptions({"max", "mean"}), None],
        '{None, "max", "mean"}',
        "How the last hidden layer's sequence becomes one vector for the head.\n"
        "None keeps each family's classic choice: the final state of a\n"
        "recurrent layer, global max-pooling after Conv1D, flattening for\n"
        'Dense (see the Notes of a family with another). "max" or "mean" pool\n'
        "over every time step instead.",
    ),
    Param(
        "masking",
        True,
        ["boolean"],
        "bool",
        "Treat token id 0 as padding, wherever it stands, rather than as a\n"
        "word: each row is read as its real tokens only (left-aligned, the\n"
        "padding after them and masked), so a prediction does not depend on\n"
        "how much padding surrounds the tokens, on which side, or on the other\n"
        "rows of its batch. Needs a network that honours the mask, which this\n"
        "one does <mask_rule>. False reads token rows exactly as given, zeros\n"
        "included. Float series have no padding and ignore it.",
    ),
    Param(
        "bucketing",
        True,
        ["boolean"],
        "bool",
        "With ``masking``, group token rows of similar length into the same\n"
        "batch and trim each batch to its longest row, so the network steps\n"
        "over tokens rather than padding (random chunks of up to 50 batches,\n"
        "at least 8 per epoch, sorted by length, the batches then shuffled, as\n"
        "``tf.data``'s ``bucket_by_sequence_length`` does), in fit and predict;\n"
        "predictions come back in the order of X. False feeds every batch at\n"
        "full width: slower, the same predictions.",
    ),
    Param(
        "embedding_dim",
        64,
        _POSITIVE,
        "int",
        "Size of the learned token embedding, used when X holds integer token\n"
        "ids; the vocabulary size is inferred from the largest id seen in fit.",
    ),
    Param(
        "epochs",
        10,
        _POSITIVE,
        "int",
        "Training epochs (an upper bound when ``early_stopping`` is on).",
    ),
    Param("batch_size", 32, _POSITIVE, "int", "Samples per gradient step."),
    Param(
        "learning_rate",
        None,
        [Interval(Real, 0, None, closed="neither"), None],
        "float or None",
        "Optimizer learning rate; None keeps the optimizer's default.",
    ),
    Param(
        "optimizer",
        "adam",
        [str, keras.optimizers.Optimizer, type],
        "str or keras.optimizers.Optimizer",
        "Keras optimizer name, class or instance (a fresh copy is used per fit).",
    ),
    Param(
        "validation_split",
        0.0,
        _RATE,
        "float",
        "Fraction of the training data held out to report ``val_*`` curves in\n"
        "``history_``. Classifiers hold out a stratified random sample (a plain\n"
        "random one when a class has a single sample);\n"
        "regressors hold out the *last* rows, as time series require.",
    ),
    Param(
        "early_stopping",
        "auto",
        [StrOptions({"auto"}), "boolean", Interval(Integral, 1, None, closed="left")],
        '"auto", bool or int',
        "Stop when the validation loss stops improving and restore the best\n"
        "weights; an int sets the patience (True means 2 epochs). Uses\n"
        '``validation_split``, or 0.1 when that is 0. "auto" turns it on\n'
        "(patience 2) when the training set has at least 10,000 rows and\n"
        "``epochs > 1``, as scikit-learn's ``HistGradientBoostingClassifier``\n"
        "does: on the full IMDB data, ten epochs without it lose several\n"
        "points of accuracy.",
    ),
    Param(
        "callbacks",
        None,
        [list, None],
        "list of keras.callbacks.Callback or None",
        "Extra Keras callbacks for training.",
    ),
    Param(
        "warm_start",
        False,
        ["boolean"],
        "bool",
        "Let the next ``fit`` train the current model on for ``epochs`` more\n"
        "epochs instead of building a fresh one (``history_`` then holds that\n"
        "fit's epochs). ``partial_fit`` always continues, for one epoch, and\n"
        "appends it to ``history_``. A fit that raises or is interrupted\n"
        "leaves the estimator as it was, weights included.",
    ),
    Param(
        "random_state",
        None,
        ["random_state"],
        "int or None",
        "Seed for weights, dropout, shuffling and the validation split; two fits\n"
        "with the same seed give identical predictions.",
    ),
    Param(
        "verbose",
        0,
        [Interval(Integral, 0, 2, closed="both")],
        "int",
        "0 silent, 1 a progress bar, 2 one line per epoch.",
    ),
)

CLASSIFIER = (
    Param(
        "class_weight",
        None,
        [dict, StrOptions({"balanced"}), None],
        'dict, "balanced" or None',
        "Weights per class, multiplied into (a copy of) ``sample_weight``. Dict\n"
        'keys are labels exactly as in y ("1" is not 1); a key that is no\n'
        'class is a ValueError. "balanced" weighs classes inversely to their\n'
        "frequency (scikit-learn's ``compute_class_weight``), each label on\n"
        "its own for multilabel y; ``partial_fit`` takes a dict only, as\n"
        "``SGDClassifier`` does.",
    ),
    Param(
        "linear_ngrams",
        2,
        [Interval(Integral, 0, 3, closed="both")],
        "int",
        "Add a linear bag-of-n-grams model beside the network, for token ids:\n"
        "one learned weight per output for each word and each hashed word\n"
        "pair (2) and triple (3) of a row, summed over the row and divided by\n"
        "the square root of their number (fastText's classifier, Joulin et\n"
        "al. 2017). A fit trains it first, alone, until its loss on held-out\n"
        "rows stops improving (at most ``epochs``; one in ``partial_fit``),\n"
        "then the network alone, then mixes the two models' logits with the\n"
        "two non-negative weights that minimize the held-out loss (stacking,\n"
        "Wolpert 1992; ``linear_mix_``, the network's weight first;\n"
        "``linear_history_``). It holds out ``validation_split`` of the rows,\n"
        "or 10 % when that is 0. Padding (id 0) is no n-gram. 0 turns it off;\n"
        "float input ignores it. The default, 2, scored above 0 on IMDB and\n"
        "SST-2, large and small (``benchmarks/text_quality.py``).",
    ),
    Param(
        "linear_scaling",
        "auto",
        [StrOptions({"auto", "naive_bayes"}), None],
        '{"auto", "naive_bayes"} or None',
        "How the linear model of ``linear_ngrams`` weighs its n-grams.\n"
        '"naive_bayes" multiplies each weight by its n-gram\'s naive Bayes\n'
        "log-count ratio in the training rows (binarized counts, smoothing 1;\n"
        "each output's class or label against the rest), as NBSVM does (Wang\n"
        '& Manning 2012, "Baselines and Bigrams"), so that the n-grams that\n'
        "tell the classes apart learn fastest; ``partial_fit`` counts its\n"
        "first call's rows. None weighs them alike, as fastText does.\n"
        '"auto" is "naive_bayes" for two classes and None otherwise: on\n'
        "held-out data the ratios lifted two-class IMDB and SST-2 by 0.5-1\n"
        "point and cost eight-class IMDB stars 1.9 points.",
    ),
)

REGRESSOR = (
    Param(
        "loss",
        "mse",
        [str, keras.losses.Loss],
        "str or keras.losses.Loss",
        'Keras loss to minimise, e.g. "mse", "mae" or "huber"; or "quantile":\n'
        "the pinball loss at each level of ``quantiles`` (quantile\n"
        "regression, Koenker & Bassett 1978), one output per level that never\n"
        "crosses the others; ``predict`` gives the median and\n"
        "``predict_quantiles`` every level.",
    ),
    Param(
        "quantiles",
        (0.1, 0.5, 0.9),
        ["array-like"],
        "tuple of float",
        'With ``loss="quantile"``: the levels ``predict_quantiles`` returns,\n'
        "each strictly between 0 and 1 (the median is always learnt too, for\n"
        "``predict``). (0.1, 0.9) bound an 80 % prediction interval.",
    ),
    Param(
        "conformalize",
        True,
        ["boolean"],
        "bool",
        'With ``loss="quantile"`` and held-out rows (``validation_split``, or\n'
        "the 10 % early stopping holds out): after training, shift each\n"
        "quantile so that exactly its level of the held-out targets fall\n"
        "below it (split conformal calibration, Romano et al., NeurIPS 2019),\n"
        "so that intervals keep their coverage on rows the network did not\n"
        "fit (``quantile_shifts_``). Regressors hold out the *last* rows, the\n"
        "most recent period for a time series.",
    ),
    Param(
        "normalize_y",
        True,
        ["boolean"],
        "bool",
        "Train on each column of y standardized (the mean and standard\n"
        "deviation of the training rows; of the first batch for\n"
        "``partial_fit``) and map predictions back to y's units, as\n"
        "``GaussianProcessRegressor(normalize_y=True)`` does: weights and\n"
        "learning rates suit targets of unit scale, whatever y's units. The\n"
        "``loss`` and metric in ``history_`` are then in standardized units.",
    ),
    Param(
        "window_normalization",
        "instance",
        [StrOptions({"instance"}), None],
        '{"instance", None}',
        "For float windows (n_samples, n_steps, n_features): how the network\n"
        'reads each window. "instance" standardizes every feature of a\n'
        "window by its own mean and standard\n"
        "deviation over the window's steps (the normalization step of\n"
        "reversible instance normalization, Kim et al., ICLR 2022), so the\n"
        "network learns from the shape of the recent history, not its level,\n"
        "and holds up on periods whose levels it never saw (another season,\n"
        "another year); the level comes back through ``persistence_column``.\n"
        "None feeds the windows as they are, as are 2-D float X (which may be\n"
        "a table) and token ids.",
    ),
    Param(
        "persistence_column",
        "auto",
        [Integral, StrOptions({"auto"}), None],
        '"auto", int or None',
        "For forecasting from windows of float series: the position of the\n"
        "forecast variable among the features. Each prediction becomes the\n"
        "last value of that feature in the window, mapped to y's units by\n"
        "matching means and standard deviations on the training rows\n"
        "(``a * last + b``, ``|a|`` = std(y) / std(last), the sign of their\n"
        "correlation; frozen), plus\n"
        "what the network outputs, so the model learns the change from the\n"
        "persistence forecast and starts out close to it: the scale of the\n"
        "window's features (a ``StandardScaler`` before ``SlidingWindow``)\n"
        'need not match y\'s. "auto" picks, for each column of y, the\n'
        "feature whose last value correlates best with it on the training\n"
        "rows, if better than 0.5 (below, the skip would do worse than the\n"
        "mean), and none otherwise; ``persistence_column_`` lists the choice\n"
        "per column of y (None: no skip). Token input has none. None\n"
        "predicts y from the network alone.",
    ),
)


def constraints(params) -> dict:
    """``_parameter_constraints`` entries for ``params``."""
    return {param.name: param.constraints for param in params}
