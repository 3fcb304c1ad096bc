"""Issue 13's scenarios from public bug reports, one named test each.

Each case is how a new user met a Keras model inside scikit-learn
(SciKeras's ``KerasClassifier``, ``pad_sequences``, pipelines, ensembles);
the contract they test is docs/user_guide/reliability.md.
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest
import sklearn
from scipy import sparse
from sklearn.ensemble import StackingClassifier, VotingClassifier
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

from skseq import (
    CalendarFeatures,
    DenseClassifier,
    GRURegressor,
    LSTMClassifier,
    SlidingWindow,
    TextVectorizer,
)

SMALL = dict(units=4, embedding_dim=4, epochs=2, batch_size=8, random_state=0)
rng = np.random.default_rng(0)
TOKENS = rng.integers(1, 30, size=(40, 8)).astype(np.int32)
BINARY = (TOKENS[:, -1] > 15).astype(int)
DOCS = [
    "a great film, great acting",
    "a dull film with a weak plot",
    "great fun and a great cast",
    "weak, dull and far too long",
] * 6
DOC_LABELS = np.array([1, 0, 1, 0] * 6)


@pytest.fixture(scope="module")
def binary_model():
    """``DenseClassifier(**SMALL)`` fitted on the binary labels, shared by the
    tests that only read it."""
    return DenseClassifier(**SMALL).fit(TOKENS, BINARY)


# --- 1. every target type ------------------------------------------------
def test_multilabel_indicator_y_gives_a_01_matrix_and_label_probabilities():
    y = np.column_stack([BINARY, 1 - BINARY, TOKENS[:, 0] > 10]).astype(int)
    clf = DenseClassifier(**SMALL).fit(TOKENS, y)
    assert clf.predict(TOKENS).shape == (40, 3)
    assert set(np.unique(clf.predict(TOKENS))) <= {0, 1}
    proba = clf.predict_proba(TOKENS)
    assert proba.shape == (40, 3)
    # Independent sigmoids: the rows need not sum to 1.
    assert ((proba >= 0) & (proba <= 1)).all()
    np.testing.assert_array_equal(clf.classes_, [0, 1, 2])


def test_one_hot_y_is_multilabel_as_for_scikit_learn():
    y = np.eye(3, dtype=int)[TOKENS[:, -1] % 3]
    clf = LSTMClassifier(**SMALL).fit(TOKENS, y)
    assert clf.predict(TOKENS[:5]).shape == (5, 3)
    assert clf.predict_proba(TOKENS[:5]).shape == (5, 3)


@pytest.mark.parametrize(
    "y",
    [
        sparse.csr_matrix(np.eye(2, dtype=int)[BINARY]),
        [[0, 1], [1, 0]] * 20,
        pd.DataFrame({"spam": BINARY, "ham": 1 - BINARY}),
    ],
    ids=["sparse", "list-of-lists", "data-frame"],
)
def test_multilabel_y_in_other_containers(y):
    clf = DenseClassifier(**SMALL).fit(TOKENS, y)
    assert clf.predict_proba(TOKENS[:1]).shape == (1, 2)
    assert clf.predict(TOKENS[:3]).shape == (3, 2)


@pytest.mark.parametrize(
    "y",
    [
        pd.Series(np.where(BINARY == 1, "a", "b"), dtype="string"),
        pd.Series(pd.Categorical(np.where(BINARY == 1, "x", "y"))),
        BINARY.astype(bool),
        BINARY.astype(float),
    ],
    ids=["string-dtype", "categorical", "bool", "float"],
)
def test_labels_in_other_containers_come_back_as_given(y):
    clf = DenseClassifier(**SMALL).fit(TOKENS, y)
    assert set(clf.predict(TOKENS)) <= set(np.asarray(y).tolist())


def test_a_class_with_one_sample_still_gets_a_validation_split():
    y = np.where(BINARY == 1, "a", "b").astype(object)
    y[0] = "rare"
    clf = DenseClassifier(**SMALL, validation_split=0.2).fit(TOKENS, y)
    assert len(clf.history_["val_loss"]) == 2
    assert list(clf.classes_) == ["a", "b", "rare"]


def test_numeric_looking_string_labels_with_a_class_weight_dict():
    y = np.where(BINARY == 1, "1", "2")
    clf = DenseClassifier(**SMALL, class_weight={"1": 3.0, "2": 1.0})
    clf.fit(TOKENS, y)
    assert set(clf.predict(TOKENS)) <= {"1", "2"}
    np.testing.assert_array_equal(clf.classes_, ["1", "2"])


def test_class_weight_reaches_the_right_class():
    """A huge weight on one class makes the model predict it (almost) everywhere."""
    y = np.where(BINARY == 1, "yes", "no")
    clf = DenseClassifier(**{**SMALL, "epochs": 5}, learning_rate=0.05)
    clf.set_params(class_weight={"yes": 1000.0, "no": 0.001})
    assert (clf.fit(TOKENS, y).predict(TOKENS) == "yes").mean() >= 0.9
    clf.set_params(class_weight={"yes": 0.001, "no": 1000.0})
    assert (clf.fit(TOKENS, y).predict(TOKENS) == "no").mean() >= 0.9


def test_class_weight_naming_an_unknown_class_is_refused():
    with pytest.raises(ValueError, match="class_weight.*'maybe'.*classes"):
        DenseClassifier(**SMALL, class_weight={"maybe": 2.0}).fit(
            TOKENS, np.where(BINARY == 1, "yes", "no")
        )


@pytest.mark.parametrize(
    "y",
    [
        np.where(BINARY == 1, "a", None),
        np.where(BINARY == 1, 1.0, np.nan),
        pd.Series(np.where(BINARY == 1, "a", "b")).where(BINARY == 0),
    ],
    ids=["None", "NaN", "pandas-NA"],
)
def test_missing_values_in_y_are_a_clear_error(y):
    with pytest.raises(ValueError, match=r"y has missing values.*sample \d+"):
        DenseClassifier(**SMALL).fit(TOKENS, y)


@pytest.mark.parametrize(
    ("y", "match"),
    [
        (np.array([1, "a"] * 20, dtype=object), "mixes label types"),
        (
            np.array(["a", 1] * 20, dtype=object),
            r"mixes label types: strings and ints \(e.g. 'a' and 1\)",
        ),
        (np.linspace(0, 1, 40), "continuous targets need a regressor"),
        (np.column_stack([BINARY * 3, BINARY + 5]), "MultiOutputClassifier"),
    ],
    ids=["mixed", "mixed, string first", "continuous", "multiclass-multioutput"],
)
def test_targets_a_classifier_cannot_learn_are_named(y, match):
    with pytest.raises(ValueError, match=match):
        DenseClassifier(**SMALL).fit(TOKENS, y)


@pytest.mark.parametrize(
    ("y", "match"),
    [
        (np.array(["a", 1] * 20, dtype=object), "mixes label types: strings and ints"),
        (np.array(["a", "b"] * 20), r"y holds strings \(\['a', 'b'\]\), but "),
        (np.linspace(0, 1, 40), "continuous targets need a regressor"),
    ],
    ids=["mixed", "strings for numbers", "continuous"],
)
def test_score_names_labels_it_cannot_compare(y, match, binary_model):
    # NumPy cannot sort mixed labels, nor scikit-learn's metrics compare them:
    # score answers as fit does, never with a TypeError from inside.
    model = binary_model
    with pytest.raises(ValueError, match=match):
        model.score(TOKENS, y)
    with pytest.warns(UserWarning, match=r"labels \[2\] that DenseClassifier never"):
        model.score(TOKENS, np.where(BINARY == 1, 2, 0))


def test_labels_given_to_a_regressor_are_named():
    with pytest.raises(ValueError, match="needs numeric y; got dtype <U"):
        GRURegressor(**SMALL).fit(TOKENS, np.array(["a", "b"] * 20))


# --- 2. any number of samples --------------------------------------------
def test_predict_proba_of_one_sample_keeps_the_sample_axis(binary_model):
    clf = binary_model
    assert clf.predict_proba(TOKENS[:1]).shape == (1, 2)
    assert clf.predict(TOKENS[:1]).shape == (1,)


def _text_model():
    return make_pipeline(
        TextVectorizer(max_tokens=30, maxlen=8), DenseClassifier(**SMALL)
    )


def test_soft_voting_with_tfidf_on_a_single_document():
    vote = VotingClassifier(
        [
            ("tfidf", make_pipeline(TfidfVectorizer(), LogisticRegression())),
            ("skseq", _text_model()),
        ],
        voting="soft",
    ).fit(DOCS, DOC_LABELS)
    assert vote.predict_proba(["a great film"]).shape == (1, 2)
    assert vote.predict(["a great film"]).shape == (1,)


def test_stacking_with_tfidf_on_a_single_document():
    stack = StackingClassifier(
        [
            ("tfidf", make_pipeline(TfidfVectorizer(), LogisticRegression())),
            ("skseq", _text_model()),
        ],
        cv=2,
    ).fit(DOCS, DOC_LABELS)
    assert stack.predict_proba(["dull"]).shape == (1, 2)


# --- 3. partial_fit validates like fit; caller data is never modified ----
@pytest.mark.parametrize(
    ("param", "value"), [("dropout", 1.5), ("units", -3), ("epochs", 0)]
)
def test_partial_fit_refuses_what_fit_refuses(param, value):
    clf = DenseClassifier(**{**SMALL, param: value})
    with pytest.raises(ValueError, match=f"'{param}' parameter") as from_fit:
        clf.fit(TOKENS, BINARY)
    with pytest.raises(ValueError, match=f"'{param}' parameter") as from_partial:
        clf.partial_fit(TOKENS, BINARY, classes=[0, 1])
    assert str(from_fit.value) == str(from_partial.value)


# Each method with one weight dtype: float weights could be scaled in place,
# integer ones cast in place.
@pytest.mark.parametrize(
    ("method", "dtype"), [("fit", np.float64), ("partial_fit", np.int64)]
)
def test_class_weight_leaves_the_callers_sample_weight_alone(method, dtype):
    weights = np.arange(1, 41).astype(dtype)
    before = weights.copy()
    clf = DenseClassifier(**SMALL, class_weight={0: 2.0, 1: 1.0})
    kwargs = {"classes": [0, 1]} if method == "partial_fit" else {}
    getattr(clf, method)(TOKENS, BINARY, sample_weight=weights, **kwargs)
    np.testing.assert_array_equal(weights, before)
    assert weights.dtype == dtype


def test_first_partial_fit_with_one_class_needs_classes():
    clf = DenseClassifier(**SMALL)
    with pytest.raises(ValueError, match="classes="):
        clf.partial_fit(TOKENS[BINARY == 1], BINARY[BINARY == 1])
    clf.partial_fit(TOKENS[BINARY == 1], BINARY[BINARY == 1], classes=[0, 1])
    assert clf.predict_proba(TOKENS[:3]).shape == (3, 2)
    clf.partial_fit(TOKENS[BINARY == 0], BINARY[BINARY == 0])
    assert clf.predict_proba(TOKENS[:3]).shape == (3, 2)


# --- 4. scikit-learn's output API -----------------------------------------
def _frame(n=400):
    index = pd.date_range("2009-01-01", periods=n, freq="10min")
    t = np.arange(n, dtype=float)
    return pd.DataFrame({"T": np.sin(t / 20), "p": np.cos(t / 50)}, index=index)


def test_pipeline_set_output_pandas_with_skseq_steps():
    X = _frame()
    y = X["T"].shift(-6).ffill().to_numpy()
    pipe = make_pipeline(
        CalendarFeatures(),
        StandardScaler(),
        SlidingWindow(lookback=12, step=2, delay=0),
        GRURegressor(**{**SMALL, "epochs": 1}),
    ).set_output(transform="pandas")
    pipe.fit(X, y)
    assert pipe.predict(X).shape == (400,)
    scaled = pipe[:2].transform(X)
    assert isinstance(scaled, pd.DataFrame)
    assert isinstance(pipe[:3].transform(X), np.ndarray)  # 3-D windows
    text = make_pipeline(TextVectorizer(maxlen=5)).set_output(transform="pandas")
    assert isinstance(text.fit_transform(DOCS), np.ndarray)  # token matrix


def test_no_spurious_warnings_under_pandas_output():
    with sklearn.config_context(transform_output="pandas"), warnings.catch_warnings():
        warnings.simplefilter("error")
        clf = DenseClassifier(**SMALL).fit(TOKENS, BINARY)
        clf.predict_proba(TOKENS)
        clf.score(TOKENS, BINARY)


# --- 5. text that is not like IMDB ---------------------------------------
def test_documents_without_words_are_an_empty_vocabulary_error_at_fit():
    with pytest.raises(ValueError, match="empty vocabulary"):
        _text_model().fit(["!!!", "...", "«—»", "\u3000", "。、"] * 2, [0, 1] * 5)


def test_unicode_punctuation_and_spaces_split_words():
    vec = TextVectorizer(maxlen=None).fit(["«Génial» film！\u3000Très… bien, n’est-ce"])
    assert set(vec.get_vocabulary()[2:]) == {
        "génial", "film", "très", "bien", "nest", "ce"
    }  # fmt: skip


def test_other_scripts_predict_without_error():
    docs = ["это очень хороший фильм", "плохой фильм", "映画 は 良い", "悪い 映画"]
    model = _text_model().fit(docs * 3, [1, 0, 1, 0] * 3)
    assert model.predict_proba(["хороший", "", "😀"]).shape == (3, 2)


def test_fast_tokens_equal_the_readable_rule_in_every_script():
    from skseq.text import standardize

    docs = [
        "«Génial» film！\u3000Très… bien, n’est-ce pas?",
        "Это ОЧЕНЬ хороший фильм — правда.",
        "这部电影非常好看。我很喜欢！",
        "Ｆｕｌｌ－ｗｉｄｔｈ ｔｅｘｔ、日本語の文。",
        "emoji 😀👍 stay; tabs\tand\u00a0nbsp split",
        "¿Qué tal? ¡Muy bien! l'été",
        "a\x00b c",  # NUL is a space
        "see‹b’r>this and <br’/>that",  # ’ goes before line breaks are read
    ]
    vec = TextVectorizer(max_tokens=None, maxlen=None).fit(docs)
    got = vec.inverse_transform(vec.transform(docs))
    assert got == [standardize(doc).split() for doc in docs]
    assert got[1] == ["это", "очень", "хороший", "фильм", "правда"]
    assert got[2] == ["这部电影非常好看", "我很喜欢"]


# --- found by trying to break the contract (second round) -----------------
@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"class_weight": {0: 1.0}}, "use the class_weight parameter"),
        ({"validation_data": (TOKENS, BINARY)}, "use the validation_split parameter"),
        ({"validation_split": 2.0}, "use the validation_split parameter"),
        ({"batch_size": 0}, "use the batch_size parameter"),
    ],
    ids=["class_weight", "validation_data", "validation_split", "batch_size"],
)
def test_keras_fit_keywords_that_skip_the_checks_are_refused(kwargs, match):
    """Keras would read class_weight keys as encoded indices (swapping the
    classes) and validation labels unencoded."""
    with pytest.raises(TypeError, match=match):
        DenseClassifier(**SMALL).fit(TOKENS, BINARY, **kwargs)
    with pytest.raises(TypeError, match=match):
        DenseClassifier(**SMALL).partial_fit(TOKENS, BINARY, classes=[0, 1], **kwargs)


@pytest.mark.parametrize(
    ("class_weight", "sample_weight", "match"),
    [
        ({0: 0.0, 1: 0.0}, None, "is 0 for every sample"),
        ({0: 0.0, 1: 1.0}, (BINARY == 0).astype(float), "is 0 for every sample"),
        ({0: "2", 1: 1.0}, None, r"class_weight\[0\] must be a finite number"),
        ({0: np.nan, 1: 1.0}, None, r"class_weight\[0\] must be a finite number"),
        ({0: -1.0, 1: 1.0}, None, r"class_weight\[0\] must be a finite number"),
        ({0: None, 1: 1.0}, None, r"class_weight\[0\] must be a finite number"),
    ],
    ids=["all-zero", "zero-times-weights", "str", "nan", "negative", "None"],
)
def test_class_weights_that_train_nothing_or_nonsense_are_refused(
    class_weight, sample_weight, match
):
    with pytest.raises(ValueError, match=match):
        DenseClassifier(**SMALL, class_weight=class_weight).fit(
            TOKENS, BINARY, sample_weight=sample_weight
        )


def test_complex_y_is_refused_by_regressors_as_by_classifiers():
    with pytest.raises(ValueError, match="Complex data not supported"):
        GRURegressor(**SMALL).fit(TOKENS, BINARY + 1j)


def test_nullable_integer_multilabel_frame():
    y = pd.DataFrame({"a": BINARY, "b": 1 - BINARY}, dtype="Int64")
    clf = DenseClassifier(**SMALL).fit(TOKENS, y)
    assert clf.predict(TOKENS[:2]).shape == (2, 2)


def test_a_lone_surrogate_names_its_document():
    with pytest.raises(ValueError, match="document at position 2 holds '\\\\ud83d'"):
        TextVectorizer(maxlen=4).fit(["good film", "bad film", "so happy \ud83d"])


@pytest.mark.parametrize(
    ("param", "value", "match"),
    [
        ("loss", "nonsense", "loss must be 'quantile', a Keras loss name"),
        ("callbacks", [1], "callbacks must be"),
    ],
)
def test_parameters_keras_would_reject_are_named_first(param, value, match):
    with pytest.raises(ValueError, match=match):
        GRURegressor(**SMALL, **{param: value}).fit(TOKENS, BINARY * 1.0)


def test_documents_of_punctuation_only_give_the_error_without_a_warning():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(ValueError, match="empty vocabulary"):
            TextVectorizer().fit(["", "...", "¡!"])


def test_initialize_builds_without_training_through_the_same_checks():
    clf = DenseClassifier(**SMALL).initialize(TOKENS, np.where(BINARY, "b", "a"))
    assert not hasattr(clf, "history_")
    assert clf.predict_proba(TOKENS[:1]).shape == (1, 2)
    with pytest.raises(ValueError, match="'dropout' parameter"):
        DenseClassifier(**SMALL, dropout=1.5).initialize(TOKENS, BINARY)
