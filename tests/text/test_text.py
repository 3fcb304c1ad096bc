"""Tests for ``skseq.text``: TextVectorizer, SequencePadder, standardize, pad.

Expected matrices are written out by hand from the corpus below, never computed
with the code under test.
"""

import itertools
import pickle
import re

import numpy as np
import pandas as pd
import pytest
from _reference_text import reference_ids
from sklearn.base import clone
from sklearn.exceptions import NotFittedError

from skseq.text import SequencePadder, TextVectorizer, pad, standardize

# Tokens after standardization:
#   0: the cat sat
#   1: the dog sat on the mat
#   2: a cat and a dog
# Counts: the 3; a, cat, dog, sat 2; and, mat, on 1. Ranked by count, then
# alphabetically: the=2 a=3 cat=4 dog=5 sat=6 and=7 mat=8 on=9.
DOCS = ["The cat sat.", "The dog sat on the mat!", "A cat<br />and a dog"]
VOCABULARY = {
    "the": 2,
    "a": 3,
    "cat": 4,
    "dog": 5,
    "sat": 6,
    "and": 7,
    "mat": 8,
    "on": 9,
}
TOKENS = [
    ["the", "cat", "sat"],
    ["the", "dog", "sat", "on", "the", "mat"],
    ["a", "cat", "and", "a", "dog"],
]
# Unpadded ids: [2, 4, 6], [2, 5, 6, 9, 2, 8], [3, 4, 7, 3, 5].
FULL = np.array(
    [
        [0, 0, 0, 2, 4, 6],
        [2, 5, 6, 9, 2, 8],
        [0, 3, 4, 7, 3, 5],
    ],
    dtype=np.int32,
)


def vectorizer(**params):
    return TextVectorizer(**{"max_tokens": None, "maxlen": None, **params})


# --- TextVectorizer: output ------------------------------------------------


def test_exact_matrix_and_vocabulary():
    vec = vectorizer()
    out = vec.fit_transform(DOCS)
    assert vec.vocabulary_ == VOCABULARY
    assert vec.maxlen_ == 6  # longest document
    np.testing.assert_array_equal(out, FULL)
    assert out.dtype == np.int32
    assert out.shape == (3, 6)


def test_max_tokens_counts_padding_and_oov_ids():
    vec = TextVectorizer(max_tokens=5, maxlen=4)
    out = vec.fit_transform(DOCS)
    # 5 ids = padding, [UNK] and 3 words.
    assert vec.vocabulary_ == {"the": 2, "a": 3, "cat": 4}
    assert vec.get_vocabulary() == ["", "[UNK]", "the", "a", "cat"]
    expected = np.array(
        [
            [0, 2, 4, 1],  # the cat sat
            [1, 1, 2, 1],  # (the dog) sat on the mat
            [4, 1, 3, 1],  # (a) cat and a dog
        ],
        dtype=np.int32,
    )
    np.testing.assert_array_equal(out, expected)


def test_max_tokens_two_keeps_no_word():
    vec = TextVectorizer(max_tokens=2, maxlen=3)
    out = vec.fit_transform(DOCS)
    assert vec.vocabulary_ == {}
    np.testing.assert_array_equal(out, [[1, 1, 1]] * 3)


def test_max_tokens_none_keeps_every_word():
    vec = vectorizer().fit(DOCS)
    assert len(vec.vocabulary_) == 8
    assert vec.get_vocabulary() == ["", "[UNK]", *VOCABULARY]


def test_max_tokens_larger_than_vocabulary():
    vec = TextVectorizer(max_tokens=1000, maxlen=None).fit(DOCS)
    assert vec.vocabulary_ == VOCABULARY


def test_maxlen_none_uses_longest_fit_document():
    vec = vectorizer().fit(["a b", "a b c d e"])
    assert vec.maxlen_ == 5
    # Longer documents at transform time are truncated to the fit length.
    out = vec.transform(["a b c d e a b"])
    assert out.shape == (1, 5)
    assert vec.get_params()["maxlen"] is None  # the parameter is untouched


def test_explicit_maxlen_is_used_verbatim():
    vec = TextVectorizer(max_tokens=None, maxlen=9).fit(DOCS)
    assert vec.maxlen_ == 9
    np.testing.assert_array_equal(vec.transform(["cat"]), [[0] * 8 + [4]])


@pytest.mark.parametrize(
    ("padding", "truncating", "expected"),
    [
        ("pre", "pre", [[0, 2, 4, 6], [6, 9, 2, 8], [4, 7, 3, 5]]),
        ("post", "pre", [[2, 4, 6, 0], [6, 9, 2, 8], [4, 7, 3, 5]]),
        ("pre", "post", [[0, 2, 4, 6], [2, 5, 6, 9], [3, 4, 7, 3]]),
        ("post", "post", [[2, 4, 6, 0], [2, 5, 6, 9], [3, 4, 7, 3]]),
    ],
)
def test_padding_and_truncating(padding, truncating, expected):
    vec = vectorizer(maxlen=4, padding=padding, truncating=truncating)
    out = vec.fit_transform(DOCS)
    np.testing.assert_array_equal(out, np.array(expected, dtype=np.int32))
    assert out.dtype == np.int32


def test_unknown_words_map_to_one():
    vec = vectorizer().fit(DOCS)
    out = vec.transform(["The unicorn sat", "zebra", ""])
    np.testing.assert_array_equal(
        out,
        [[0, 0, 0, 2, 1, 6], [0, 0, 0, 0, 0, 1], [0, 0, 0, 0, 0, 0]],
    )
    assert out.dtype == np.int32
    assert out.shape == (3, 6)


def test_transform_empty_list():
    out = vectorizer().fit(DOCS).transform([])
    assert out.shape == (0, 6)
    assert out.dtype == np.int32


# --- TextVectorizer: standardization and ranking --------------------------


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        ("HeLLo World", ["hello", "world"]),
        ("one<br />two", ["one", "two"]),
        ("one<br/>two", ["one", "two"]),
        ("one<BR>two", ["one", "two"]),
        ("one<Br />two<br><br />three", ["one", "two", "three"]),
        ("don't it's", ["dont", "its"]),
        ("good.Bad", ["good", "bad"]),
        ('a,b;c:d!e?f(g)h-i/j"k', list("abcdefghijk")),
        ("  spaced\tout\nlines  ", ["spaced", "out", "lines"]),
    ],
)
def test_standardization(text, tokens):
    assert standardize(text).split() == tokens
    vec = vectorizer().fit([text])
    # Every token appears once, so the vocabulary is sorted alphabetically.
    assert list(vec.vocabulary_) == sorted(tokens)
    assert vec.inverse_transform(vec.transform([text])) == [tokens]


def test_line_break_leaves_no_br_token():
    vec = vectorizer().fit(["a<br />b<br/>c<BR>d"])
    assert "br" not in vec.vocabulary_
    assert set(vec.vocabulary_) == {"a", "b", "c", "d"}


def test_standardize_exact_string():
    # Each <br /> and each punctuation mark becomes one space; "'" vanishes.
    assert standardize("A <br /><br />GREAT film, isn't it?") == (
        "a" + " " * 3 + "great film" + " " * 2 + "isnt it "
    )


def test_ties_broken_alphabetically():
    vec = vectorizer().fit(["zeta alpha mid", "beta mid"])
    assert vec.vocabulary_ == {"mid": 2, "alpha": 3, "beta": 4, "zeta": 5}


def test_vocabulary_independent_of_document_order():
    docs = [
        "b a c",
        "c c d",
        "e f a",
        "zz yy b",
        "f e",
        "d yy",
        "xx",
    ]
    reference = vectorizer().fit(docs).vocabulary_
    rng = np.random.default_rng(0)
    for _ in range(5):
        shuffled = [docs[i] for i in rng.permutation(len(docs))]
        assert vectorizer().fit(shuffled).vocabulary_ == reference
    # c: 3; a, b, d, e, f, yy: 2; xx, zz: 1.
    assert list(reference) == ["c", "a", "b", "d", "e", "f", "yy", "xx", "zz"]


# --- TextVectorizer: input types and API ----------------------------------


@pytest.mark.parametrize(
    "make",
    [
        list,
        tuple,
        np.array,
        lambda d: np.array(d, dtype=object),
        pd.Series,
        lambda d: pd.Series(d, index=[10, 5, 7], name="text"),
        iter,
    ],
    ids=["list", "tuple", "ndarray", "object-array", "series", "series-index", "iter"],
)
def test_input_containers_give_same_result(make):
    vec = vectorizer()
    np.testing.assert_array_equal(vec.fit_transform(make(DOCS)), FULL)
    assert vec.vocabulary_ == VOCABULARY
    np.testing.assert_array_equal(vec.transform(make(DOCS)), FULL)


def test_inverse_transform_round_trip():
    vec = vectorizer(maxlen=8).fit(DOCS)
    assert vec.inverse_transform(vec.transform(DOCS)) == TOKENS
    out = vec.inverse_transform(vec.transform(["the unicorn sat", ""]))
    assert out == [["the", "[UNK]", "sat"], []]


def test_inverse_transform_with_capped_vocabulary():
    vec = TextVectorizer(max_tokens=5, maxlen=None).fit(DOCS)
    assert vec.inverse_transform(vec.transform(DOCS)) == [
        ["the", "cat", "[UNK]"],
        ["the", "[UNK]", "[UNK]", "[UNK]", "the", "[UNK]"],
        ["a", "cat", "[UNK]", "a", "[UNK]"],
    ]


def test_inverse_transform_rejects_bad_ids():
    vec = vectorizer().fit(DOCS)
    with pytest.raises(ValueError, match=r"outside 0\.\.9"):
        vec.inverse_transform([[0, 10]])
    with pytest.raises(ValueError, match="outside"):
        vec.inverse_transform([[-1, 2]])
    with pytest.raises(ValueError, match="2-D integer"):
        vec.inverse_transform([2, 3])
    with pytest.raises(ValueError, match="2-D integer"):
        vec.inverse_transform([[2.0, 3.0]])


def test_get_vocabulary_starts_with_padding_and_oov():
    vocabulary = vectorizer().fit(DOCS).get_vocabulary()
    assert vocabulary[:2] == ["", "[UNK]"]
    assert vocabulary == ["", "[UNK]", "the", "a", "cat", "dog", "sat"] + [
        "and",
        "mat",
        "on",
    ]


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"max_tokens": 5, "maxlen": 4},
        {"max_tokens": None, "maxlen": 3, "padding": "post", "truncating": "post"},
    ],
)
def test_fit_transform_equals_fit_then_transform(params):
    a = TextVectorizer(**params).fit_transform(DOCS)
    fitted = TextVectorizer(**params).fit(DOCS)
    b = fitted.transform(DOCS)
    np.testing.assert_array_equal(a, b)
    assert a.dtype == b.dtype == np.int32
    assert a.shape == b.shape


def test_not_fitted():
    vec = TextVectorizer()
    with pytest.raises(NotFittedError):
        vec.transform(DOCS)
    with pytest.raises(NotFittedError):
        vec.get_vocabulary()
    with pytest.raises(NotFittedError):
        vec.inverse_transform([[0, 1]])


def test_default_parameters():
    assert TextVectorizer().get_params() == {
        "max_tokens": 20000,
        "maxlen": "auto",
        "padding": "pre",
        "truncating": "pre",
        "ngrams": 1,
        "analyzer": "word",
        "tokenizer": None,
        "standardize": "strip_punctuation",
        "lowercase": True,
    }


def test_clone_keeps_params_and_drops_fit():
    vec = TextVectorizer(max_tokens=7, maxlen=3, padding="post", truncating="post")
    vec.fit(DOCS)
    copy = clone(vec)
    assert copy.get_params() == vec.get_params()
    assert not hasattr(copy, "vocabulary_")


def test_pickle_round_trip():
    vec = TextVectorizer(max_tokens=6, maxlen=5).fit(DOCS)
    restored = pickle.loads(pickle.dumps(vec))
    assert restored.vocabulary_ == vec.vocabulary_
    assert restored.maxlen_ == vec.maxlen_
    new = ["the cat and the unicorn", "dog dog dog dog dog dog dog"]
    np.testing.assert_array_equal(restored.transform(new), vec.transform(new))
    np.testing.assert_array_equal(
        restored.transform(new), [[2, 4, 1, 2, 1], [5, 5, 5, 5, 5]]
    )


def test_fit_does_not_mutate_params():
    vec = TextVectorizer(max_tokens=None, maxlen=None)
    vec.fit(DOCS)
    assert vec.max_tokens is None
    assert vec.maxlen is None


# --- TextVectorizer: bad input ---------------------------------------------


@pytest.mark.parametrize(
    ("bad", "shown"),
    [(None, "None"), (float("nan"), "nan"), (3, "3"), (b"bytes", "b'bytes'")],
)
@pytest.mark.parametrize("method", ["fit", "fit_transform", "transform"])
def test_non_str_document_names_position(bad, shown, method):
    docs = ["fine", "also fine", bad, "fine again"]
    vec = vectorizer().fit(["fine"])
    with pytest.raises(ValueError, match=r"position 2\b") as info:
        getattr(vec, method)(docs)
    assert shown in str(info.value)
    assert type(bad).__name__ in str(info.value)


def test_non_str_document_in_series_names_index_label():
    docs = pd.Series(["ok", "ok too", None], index=["r1", "r2", "r3"])
    with pytest.raises(ValueError, match=re.escape("position 2 (index label 'r3')")):
        vectorizer().fit(docs)
    docs = pd.Series(["ok", np.nan], index=[100, 200])
    with pytest.raises(ValueError, match=re.escape("position 1 (index label 200)")):
        vectorizer().fit(docs)


@pytest.mark.parametrize("method", ["fit", "fit_transform", "transform"])
def test_single_string_rejected(method):
    vec = vectorizer().fit(DOCS)
    with pytest.raises(ValueError, match="single string"):
        getattr(vec, method)("The cat sat.")


@pytest.mark.parametrize("bad", [42, 3.5, None])
def test_non_iterable_rejected(bad):
    with pytest.raises(ValueError, match="iterable of str"):
        vectorizer().fit(bad)


@pytest.mark.parametrize(
    "bad",
    [pd.DataFrame({"text": DOCS}), np.array([DOCS]), np.array("one document")],
    ids=["dataframe", "2d-array", "0d-array"],
)
def test_not_one_dimensional_rejected(bad):
    # A DataFrame would otherwise be read as its column names.
    with pytest.raises(ValueError, match="1-D"):
        vectorizer().fit(bad)


def invalid(param: str, value, owner: str = "TextVectorizer") -> str:
    """scikit-learn's InvalidParameterError message, as a regex: it names the
    parameter, what it must be and the value received."""
    return (
        rf"^The '{param}' parameter of {owner} must be .+\. "
        rf"Got {re.escape(repr(value))} instead\."
    )


@pytest.mark.parametrize("max_tokens", [1, 0, -5, 2.5, "100", True])
def test_bad_max_tokens(max_tokens):
    vec = TextVectorizer(max_tokens=max_tokens)
    msg = invalid("max_tokens", max_tokens)
    with pytest.raises(ValueError, match=msg):
        vec.fit(DOCS)
    with pytest.raises(ValueError, match=msg):
        vec.fit_transform(DOCS)


@pytest.mark.parametrize("maxlen", [0, -3, 2.5, "10", False])
def test_bad_maxlen(maxlen):
    vec = TextVectorizer(maxlen=maxlen)
    with pytest.raises(ValueError, match=invalid("maxlen", maxlen)):
        vec.fit(DOCS)
    with pytest.raises(ValueError, match="maxlen"):
        vec.fit_transform(DOCS)


@pytest.mark.parametrize(
    ("param", "value"),
    [
        ("padding", "middle"),
        ("padding", None),
        ("truncating", "x"),
        ("truncating", "PRE"),
    ],
)
def test_bad_side(param, value):
    vec = TextVectorizer(**{param: value})
    with pytest.raises(ValueError, match=invalid(param, value)):
        vec.fit(DOCS)
    with pytest.raises(ValueError, match=param):
        vec.fit_transform(DOCS)


def test_init_does_not_validate():
    # sklearn convention: errors come from fit, not from the constructor.
    vec = TextVectorizer(max_tokens=0, maxlen=-1, padding="?", truncating="?")
    assert vec.get_params()["max_tokens"] == 0


# --- pad ---------------------------------------------------------------------


def test_pad_exact():
    out = pad([[1, 2], [3, 4, 5, 6], []], maxlen=3, padding="post", value=9)
    np.testing.assert_array_equal(out, [[1, 2, 9], [4, 5, 6], [9, 9, 9]])
    assert out.dtype == np.int32


# --- SequencePadder ----------------------------------------------------------

RAGGED = [[1, 2, 3], [], [4, 5], [6, 7, 8, 9, 10, 11], [12], [13, 14, 15, 16]]


@pytest.fixture(scope="module")
def pad_sequences():
    keras = pytest.importorskip("keras")
    return keras.utils.pad_sequences


@pytest.mark.parametrize(
    ("maxlen", "padding", "truncating", "value"),
    list(
        itertools.product(
            [None, 1, 3, 10], ["pre", "post"], ["pre", "post"], [0, -1, 7]
        )
    ),
)
def test_sequence_padder_matches_keras(
    pad_sequences, maxlen, padding, truncating, value
):
    expected = pad_sequences(
        RAGGED, maxlen=maxlen, padding=padding, truncating=truncating, value=value
    )
    padder = SequencePadder(
        maxlen=maxlen, padding=padding, truncating=truncating, value=value
    )
    out = padder.fit_transform(RAGGED)
    assert out.dtype == np.int32
    assert out.shape == expected.shape
    np.testing.assert_array_equal(out, expected)
    assert padder.maxlen_ == (6 if maxlen is None else maxlen)


def test_sequence_padder_exact():
    out = SequencePadder(maxlen=3).fit_transform([[1, 2], [3, 4, 5, 6], []])
    np.testing.assert_array_equal(out, [[0, 1, 2], [4, 5, 6], [0, 0, 0]])
    assert out.dtype == np.int32


def test_sequence_padder_keeps_fit_maxlen():
    padder = SequencePadder().fit([[1, 2, 3], [4]])
    assert padder.maxlen_ == 3
    out = padder.transform([[1, 2, 3, 4, 5], [6]])
    np.testing.assert_array_equal(out, [[3, 4, 5], [0, 0, 6]])
    assert out.shape == (2, 3)


def test_sequence_padder_all_empty_gives_width_one():
    out = SequencePadder().fit_transform([[], []])
    np.testing.assert_array_equal(out, [[0], [0]])


def test_sequence_padder_accepts_arrays():
    X = np.array([[1, 2, 3], [4, 5, 6]], dtype=np.int64)
    out = SequencePadder(maxlen=2).fit_transform(X)
    np.testing.assert_array_equal(out, [[2, 3], [5, 6]])
    assert out.dtype == np.int32
    out = SequencePadder(maxlen=4, padding="post").fit_transform(X)
    np.testing.assert_array_equal(out, [[1, 2, 3, 0], [4, 5, 6, 0]])
    ragged = [np.array([1, 2]), np.array([3], dtype=np.uint8), (4, 5, 6)]
    out = SequencePadder().fit_transform(ragged)
    np.testing.assert_array_equal(out, [[0, 1, 2], [0, 0, 3], [4, 5, 6]])


def test_sequence_padder_not_fitted():
    with pytest.raises(NotFittedError):
        SequencePadder().transform([[1]])


def test_sequence_padder_clone_and_pickle():
    padder = SequencePadder(maxlen=4, padding="post", truncating="post", value=-1)
    padder.fit(RAGGED)
    assert clone(padder).get_params() == padder.get_params()
    restored = pickle.loads(pickle.dumps(padder))
    np.testing.assert_array_equal(restored.transform(RAGGED), padder.transform(RAGGED))


@pytest.mark.parametrize(
    ("X", "match"),
    [
        ([[1, 2], ["a", "b"]], "position 1"),
        ([[1, 2], [[1, 2], [3, 4]]], "position 1"),
        ([[1], [2], [1, [2, 3]]], "position 2"),
        ([[1.5, 2.0]], "position 0"),
        ([[1, None]], "position 0"),
        ([[1], 5], "position 1"),
        ("abc", "list of integer sequences"),
        (7, "list of integer sequences"),
    ],
)
def test_sequence_padder_bad_sequences(X, match):
    with pytest.raises(ValueError, match=match):
        SequencePadder().fit(X)
    padder = SequencePadder().fit([[1, 2]])
    with pytest.raises(ValueError, match=match):
        padder.transform(X)


@pytest.mark.parametrize(
    ("param", "value"),
    [
        ("maxlen", 0),
        ("maxlen", -2),
        ("maxlen", 2.0),
        ("padding", "middle"),
        ("truncating", "x"),
        ("value", 1.5),
        ("value", "0"),
    ],
)
def test_sequence_padder_bad_params(param, value):
    message = invalid(param, value, "SequencePadder")
    with pytest.raises(ValueError, match=message):
        SequencePadder(**{param: value}).fit(RAGGED)
    with pytest.raises(ValueError, match=message):
        SequencePadder(**{param: value}).fit_transform(RAGGED)


@pytest.mark.parametrize(
    ("param", "value"),
    [("maxlen", 0), ("padding", "left"), ("truncating", None), ("value", 0.5)],
)
def test_pad_names_a_bad_parameter(param, value):
    # Before issue 26, pad(padding="left") padded after the items, silently.
    with pytest.raises(ValueError, match=invalid(param, value, "pad")):
        pad([[1, 2]], **{"maxlen": 3, param: value})


# --- TextVectorizer: n-grams -----------------------------------------------

# Pairs of DOCS: the cat, cat sat | the dog, dog sat, sat on, on the, the mat |
# a cat, cat and, and a, a dog. Every pair occurs once, so with the words
# (counts 3, 2, 1) they rank: the=2 a=3 cat=4 dog=5 sat=6, then the count-1
# tokens alphabetically: "a cat"=7 "a dog"=8 and=9 "and a"=10 "cat and"=11
# "cat sat"=12 "dog sat"=13 mat=14 on=15 "on the"=16 "sat on"=17 "the cat"=18
# "the dog"=19 "the mat"=20.
BIGRAM_ROWS = [
    [2, 4, 6, 18, 12],
    [2, 5, 6, 15, 2, 14, 19, 13, 17, 16, 20],
    [3, 4, 9, 3, 5, 7, 11, 10, 8],
]


def test_bigrams_follow_the_words_of_each_document():
    vec = vectorizer(ngrams=2)
    X = vec.fit_transform(DOCS)
    assert vec.maxlen_ == 11
    expected = np.zeros((3, 11), dtype=np.int32)
    for row, ids in zip(expected, BIGRAM_ROWS, strict=True):
        row[11 - len(ids) :] = ids
    np.testing.assert_array_equal(X, expected)
    assert vec.get_vocabulary()[7:9] == ["a cat", "a dog"]
    assert vec.inverse_transform(X[:1]) == [["the", "cat", "sat", "the cat", "cat sat"]]


def test_ngrams_compete_with_words_for_the_vocabulary():
    vec = vectorizer(ngrams=2, max_tokens=9)
    vec.fit(DOCS)
    assert vec.get_vocabulary()[2:] == [
        "the",
        "a",
        "cat",
        "dog",
        "sat",
        "a cat",
        "a dog",
    ]
    # Unknown pairs are unknown tokens, like unknown words.
    np.testing.assert_array_equal(
        vec.transform(["a dog sat"]), [[0, 0, 0, 0, 0, 0, 3, 5, 6, 8, 1]]
    )


@pytest.mark.parametrize(("ngrams", "max_tokens"), [(2, 3000), (3, 5000), (2, 40)])
def test_ngrams_equal_the_readable_definition_on_real_reviews(
    imdb_slices, ngrams, max_tokens
):
    train_text, _, test_text, _ = imdb_slices
    docs, new = train_text.tolist()[:300], test_text.tolist()[:100]
    vec = TextVectorizer(max_tokens=max_tokens, maxlen=600, ngrams=ngrams).fit(docs)
    expected = reference_ids(
        docs, new, ngrams=ngrams, max_tokens=max_tokens, maxlen=600
    )
    np.testing.assert_array_equal(vec.transform(new), expected)


def test_documents_shorter_than_n_have_only_their_words():
    X = vectorizer(ngrams=3).fit_transform(["good", "so good", "not so good"])
    assert (X > 0).sum(axis=1).tolist() == [1, 3, 6]


# True is 1, as in scikit-learn's own parameter checks: a valid ngrams.
@pytest.mark.parametrize("ngrams", [0, -1, 1.5, "2"])
def test_bad_ngrams(ngrams):
    with pytest.raises(ValueError, match=invalid("ngrams", ngrams)):
        TextVectorizer(ngrams=ngrams).fit(DOCS)


@pytest.mark.parametrize("method", ["fit", "transform"])
def test_negative_token_ids_are_refused_with_their_place(method):
    # An embedding has no row for a negative id; nothing is padded silently.
    padder = SequencePadder(maxlen=3).fit([[1, 2]])
    X = [[1, 2], np.array([3, -4, 5])]
    with pytest.raises(
        ValueError, match=r"ids must be >= 0 .*position 1 holds -4 at index 1"
    ):
        getattr(padder, method)(X)
