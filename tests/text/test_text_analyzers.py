"""TextVectorizer's analyzers (skseq/text/_analyzers.py): words, characters and
characters within word boundaries, tokenizer, standardize, lowercase, and
maxlen="auto"; then two models that only characters make possible.

Expected tokens and ids are written out by hand, never computed with the code
under test; char_wb and char are also checked against scikit-learn's
``CountVectorizer`` where the two definitions coincide.
"""

from __future__ import annotations

import pickle
import re
import warnings

import numpy as np
import pandas as pd
import pytest
from _corpora import chinese_sentiment
from _reference_text import reference_ids
from sklearn.base import clone
from sklearn.feature_extraction.text import CountVectorizer
from sklearn.pipeline import Pipeline

from skseq import Conv1DClassifier, LSTMClassifier, TextVectorizer
from skseq.datasets import balanced_sample, fetch_imdb
from skseq.text import standardize

ZH = "这部电影非常好看！"  # "！" is punctuation: a space, stripped at the end
JA = "映画は、とても面白い。"
DE = "Schöne Grüße, ÜBER München!"
EMOJI = "Great 🎬 film👍"
MULTILINGUAL = [ZH, JA, DE, EMOJI]


def tokens(docs, **params):
    """Every token of ``docs``, in order, through the fitted vocabulary."""
    vec = TextVectorizer(max_tokens=None, maxlen=None, **params)
    return vec.inverse_transform(vec.fit_transform(docs))


# --- each analyzer, exactly ------------------------------------------------


def test_words_of_every_script():
    assert tokens(MULTILINGUAL) == [
        ["这部电影非常好看"],  # no spaces: one word
        ["映画は", "とても面白い"],
        ["schöne", "grüße", "über", "münchen"],
        ["great", "🎬", "film👍"],
    ]


def test_characters_of_every_script():
    assert tokens(MULTILINGUAL, analyzer="char") == [
        list("这部电影非常好看"),
        list("映画は") + [" "] + list("とても面白い"),
        list("schöne grüße über münchen"),
        ["g", "r", "e", "a", "t", " ", "🎬", " ", "f", "i", "l", "m", "👍"],
    ]


def test_char_collapses_whitespace_and_strips_the_ends():
    out = tokens(["  a \t\n b\u3000 c  "], analyzer="char", standardize=None)
    assert out == [["a", " ", "b", " ", "c"]]


def test_char_wb_pads_each_word():
    assert tokens(["Über 🎬"], analyzer="char_wb") == [
        [" ", "ü", "b", "e", "r", " ", " ", "🎬", " "]
    ]


def test_exact_ids_of_characters():
    # 好 and 看 twice, 不 once; ties alphabetical: 好 (U+597D) < 看 (U+770B).
    vec = TextVectorizer(analyzer="char", max_tokens=None, maxlen=None)
    np.testing.assert_array_equal(
        vec.fit_transform(["好看", "不好看"]), [[0, 2, 3], [4, 2, 3]]
    )
    assert vec.vocabulary_ == {"好": 2, "看": 3, "不": 4}
    np.testing.assert_array_equal(vec.transform(["看好吗"]), [[3, 2, 1]])


def test_exact_ids_of_character_pairs():
    # Units a b ␣ a, then pairs "ab" "b " " a". Counts: a 2, the rest 1,
    # ranked alphabetically (space first): " " " a" "ab" "b" "b ".
    vec = TextVectorizer(analyzer="char", ngrams=2, max_tokens=None, maxlen=None)
    np.testing.assert_array_equal(vec.fit_transform(["ab a"]), [[2, 6, 3, 2, 5, 7, 4]])
    assert vec.get_vocabulary() == ["", "[UNK]", "a", " ", " a", "ab", "b", "b "]


def test_exact_ids_of_char_wb_pairs():
    # " ab " and " a ": units ␣ a b ␣ ␣ a ␣, pairs " a" "ab" "b " " a" "a ".
    # Counts: " " 4; " a", "a" 2; "a ", "ab", "b", "b " 1.
    vec = TextVectorizer(analyzer="char_wb", ngrams=2, max_tokens=None, maxlen=None)
    X = vec.fit_transform(["ab a"])
    assert vec.get_vocabulary()[2:] == [" ", " a", "a", "a ", "ab", "b", "b "]
    np.testing.assert_array_equal(X, [[2, 4, 7, 2, 2, 4, 2, 3, 6, 8, 3, 5]])
    assert vec.maxlen_ == 12
    # Pairs never cross words: no "b a", "  " or "ba".
    assert not {"  ", "ba", "b a"} & set(vec.vocabulary_)


@pytest.mark.parametrize("analyzer", ["word", "char", "char_wb"])
def test_max_tokens_and_unknown_units(analyzer):
    vec = TextVectorizer(analyzer=analyzer, max_tokens=4, maxlen=3).fit(["aab b c"])
    # 2 ids for padding and unknown, 2 for the most frequent units.
    assert len(vec.get_vocabulary()) == 4
    # Unknown units are id 1; char_wb's padding spaces are known.
    (back,) = vec.inverse_transform(vec.transform(["zzz"]))
    assert "[UNK]" in back and set(back) <= {"[UNK]", " "}


@pytest.fixture(scope="module")
def reviews(data_home):
    texts = fetch_imdb("test", data_home=data_home).data.tolist()[::250]
    return texts + MULTILINGUAL


@pytest.mark.parametrize("analyzer", ["word", "char", "char_wb"])
@pytest.mark.parametrize("ngrams", [1, 2, 3])
@pytest.mark.parametrize("side", ["pre", "post"])
def test_equals_the_readable_definition_on_real_reviews(
    reviews, analyzer, ngrams, side
):
    train, test = reviews[::2], reviews[1::2]
    vec = TextVectorizer(
        analyzer=analyzer,
        ngrams=ngrams,
        max_tokens=300,
        maxlen=150,  # cuts most reviews: truncation across n-gram sizes
        padding=side,
        truncating=side,
    )
    expected = reference_ids(
        train, test, analyzer=analyzer, ngrams=ngrams, max_tokens=300,
        maxlen=150, side=side,
    )  # fmt: skip
    np.testing.assert_array_equal(vec.fit(train).transform(test), expected)


# --- char and char_wb equal scikit-learn's where the definitions coincide --


def _counts(vec, X, n):
    """Token -> count, for the tokens of n characters (n-grams of size n)."""
    counts = np.bincount(X.ravel(), minlength=len(vec.get_vocabulary()))
    return {
        token: int(counts[i])
        for i, token in enumerate(vec.get_vocabulary()[2:], start=2)
        if len(token) == n
    }


def _sklearn_counts(analyzer, docs, n, lowercase):
    cv = CountVectorizer(analyzer=analyzer, ngram_range=(n, n), lowercase=lowercase)
    X = cv.fit_transform(docs)
    total = np.asarray(X.sum(axis=0)).ravel()
    # For words shorter than n - 2, sklearn's char_wb also emits the whole
    # padded word (shorter than n); skseq does not: compare n-grams of n.
    return {t: int(total[i]) for t, i in cv.vocabulary_.items() if len(t) == n}


@pytest.mark.parametrize("n", [1, 2, 3, 5])
@pytest.mark.parametrize("lowercase", [True, False])
def test_char_wb_equals_sklearn(reviews, n, lowercase):
    vec = TextVectorizer(
        analyzer="char_wb",
        ngrams=n,
        standardize=None,
        lowercase=lowercase,
        max_tokens=None,
        maxlen=None,
    )
    X = vec.fit_transform(reviews)
    expected = _sklearn_counts("char_wb", reviews, n, lowercase)
    assert _counts(vec, X, n) == expected


@pytest.mark.parametrize("n", [1, 3])
def test_char_wb_after_standardization_equals_sklearn(reviews, n):
    vec = TextVectorizer(analyzer="char_wb", ngrams=n, max_tokens=None, maxlen=None)
    X = vec.fit_transform(reviews)
    standardized = [standardize(doc) for doc in reviews]
    assert _counts(vec, X, n) == _sklearn_counts("char_wb", standardized, n, False)


@pytest.mark.parametrize("n", [1, 2, 4])
def test_char_equals_sklearn_on_single_spaced_text(reviews, n):
    # sklearn keeps the ends and a lone tab or newline: give it neither.
    docs = [" ".join(doc.split()) for doc in reviews]
    vec = TextVectorizer(
        analyzer="char", ngrams=n, standardize=None, max_tokens=None, maxlen=None
    )
    X = vec.fit_transform(docs)
    assert _counts(vec, X, n) == _sklearn_counts("char", docs, n, True)


# --- tokenizer, standardize, lowercase --------------------------------------

_DICTIONARY = ("电影", "非常", "好看", "这部")


def segment(text):
    """A greedy two-character dictionary segmenter, as a stand-in for jieba."""
    out, i = [], 0
    while i < len(text):
        step = 2 if text[i : i + 2] in _DICTIONARY else 1
        out.append(text[i : i + step])
        i += step
    return [token for token in out if not token.isspace()]


def test_tokenizer_segments_chinese():
    assert tokens([ZH, "电影好看"], tokenizer=segment) == [
        ["这部", "电影", "非常", "好看"],
        ["电影", "好看"],
    ]


def test_tokenizer_gets_the_lowercased_standardized_text():
    seen = []

    def spy(text):
        seen.append(text)
        return text.split()

    TextVectorizer(tokenizer=spy, maxlen=None).fit(["Don't STOP<br />me."])
    assert seen == ["dont stop me "]
    seen.clear()
    TextVectorizer(tokenizer=spy, standardize=None, lowercase=False).fit(["A-b C"])
    assert seen == ["A-b C"]


def test_tokenizer_empty_tokens_are_dropped():
    out = tokens(["a  b"], tokenizer=lambda s: s.split(" "), standardize=None)
    assert out == [["a", "b"]]


@pytest.mark.parametrize(
    "returned",
    ["a string", None, [1, 2], ["ok", None], (t for t in "ab"), {"a"}],
    ids=["str", "None", "ints", "None-token", "generator", "set"],
)
def test_tokenizer_bad_return_names_the_position(returned):
    def tokenizer(text):
        return returned if text == "bad" else text.split()

    vec = TextVectorizer(tokenizer=tokenizer)
    with pytest.raises(
        ValueError, match=r"tokenizer must return a list of str.*position 2"
    ):
        vec.fit(["fine", "also fine", "bad"])


def test_standardize_none_keeps_punctuation():
    assert tokens(["Don't STOP<br />me."], standardize=None) == [
        ["don't", "stop<br", "/>me."]
    ]
    assert tokens(["Don't STOP"], standardize=None, lowercase=False) == [
        ["Don't", "STOP"]
    ]


def test_split_punctuation_makes_marks_tokens():
    assert tokens(
        ["Wow!! Great<br />film... ok?"], standardize="split_punctuation"
    ) == [["wow", "!", "!", "great", "film", ".", ".", ".", "ok", "?"]]
    vec = TextVectorizer(standardize="split_punctuation", maxlen=None).fit(["a!", "b!"])
    assert vec.vocabulary_ == {"!": 2, "a": 3, "b": 4}
    # Other analyzers read the same standardized text: "!" is a word of char_wb.
    wb = TextVectorizer(
        analyzer="char_wb", standardize="split_punctuation", maxlen=None
    ).fit(["a!"])
    assert set(wb.vocabulary_) == {" ", "a", "!"}


def test_standardize_callable_sees_lowercased_text():
    def split_bangs(text):
        assert text == text.lower()
        return text.replace("!", " ! ")

    assert tokens(["Wow!Great"], standardize=split_bangs) == [["wow", "!", "great"]]


def test_standardize_callable_must_return_str():
    vec = TextVectorizer(standardize=lambda s: None if s == "b" else s)
    with pytest.raises(ValueError, match=r"standardize must return a str.*position 1"):
        vec.fit(["a", "b"])


def test_lowercase_false_keeps_case():
    assert tokens(["The THE the<BR />End, ÜBER"], lowercase=False) == [
        ["The", "THE", "the", "End", "ÜBER"]
    ]
    assert tokens(["ÄÖ ä"], analyzer="char", lowercase=False) == [["Ä", "Ö", " ", "ä"]]
    assert standardize("A<BR>B, C", lowercase=False) == "A B  C"


@pytest.mark.parametrize("analyzer", ["word", "char", "char_wb"])
@pytest.mark.parametrize("ngrams", [1, 2])
def test_vocabulary_and_inverse_transform_for_every_analyzer(analyzer, ngrams):
    vec = TextVectorizer(analyzer=analyzer, ngrams=ngrams, max_tokens=None, maxlen=None)
    X = vec.fit_transform(MULTILINGUAL)
    vocabulary = vec.get_vocabulary()
    assert vocabulary[:2] == ["", "[UNK]"]
    assert len(set(vocabulary)) == len(vocabulary) == X.max() + 1
    back = vec.inverse_transform(X)
    assert [len(row) for row in back] == (X != 0).sum(axis=1).tolist()
    np.testing.assert_array_equal(vec.transform(MULTILINGUAL), X)


@pytest.mark.parametrize(
    "params",
    [
        {"analyzer": "char", "ngrams": 2},
        {"analyzer": "char_wb", "ngrams": 3, "truncating": "post"},
        {"tokenizer": segment, "lowercase": False},
        {"standardize": None, "padding": "post"},
    ],
)
def test_fit_transform_equals_fit_then_transform(params):
    docs = MULTILINGUAL * 2 + ["这部电影太无聊了", "Ganz schön langweilig"]
    vec = TextVectorizer(max_tokens=30, maxlen=12, **params)
    np.testing.assert_array_equal(
        vec.fit_transform(docs), clone(vec).fit(docs).transform(docs)
    )


# --- parameters -------------------------------------------------------------


@pytest.mark.parametrize(
    ("params", "shown"),
    [
        ({"analyzer": "chars"}, "Got 'chars' instead"),
        ({"analyzer": "WORD"}, "Got 'WORD' instead"),
        ({"analyzer": None}, "Got None instead"),
        ({"analyzer": str.split}, "Got <method 'split'"),
        ({"tokenizer": "jieba"}, "Got 'jieba' instead"),
        ({"tokenizer": 3}, "Got 3 instead"),
        ({"tokenizer": str.split, "analyzer": "char"}, "analyzer='char'"),
        ({"tokenizer": str.split, "analyzer": "char_wb"}, "tokenizer=<method"),
        ({"standardize": "lower_and_strip_punctuation"}, "lowercase=True"),
        ({"standardize": "lower"}, "Got 'lower' instead"),
        ({"standardize": "STRIP_PUNCTUATION"}, "Got 'STRIP_PUNCTUATION' instead"),
        ({"standardize": "split"}, "split_punctuation"),
        ({"standardize": 1}, "Got 1 instead"),
        ({"lowercase": 1}, "Got 1 instead"),
        ({"lowercase": "yes"}, "Got 'yes' instead"),
        ({"lowercase": None}, "Got None instead"),
        ({"maxlen": "AUTO"}, "Got 'AUTO' instead"),
        ({"maxlen": "auto "}, "Got 'auto ' instead"),
        ({"maxlen": 0}, "Got 0 instead"),
        ({"maxlen": 2.5}, "Got 2.5 instead"),
    ],
)
def test_bad_parameter_is_named(params, shown):
    name = next(iter(params))
    with pytest.raises(ValueError, match=re.escape(name)) as info:
        TextVectorizer(**params).fit(["a b"])
    assert shown in str(info.value)
    with pytest.raises(ValueError, match=re.escape(shown)):
        TextVectorizer(**params).fit_transform(["a b"])


def test_init_only_stores():
    vec = TextVectorizer(analyzer="?", tokenizer=5, standardize=2, lowercase="x")
    assert vec.get_params()["analyzer"] == "?"
    assert vec.get_params()["lowercase"] == "x"


def test_clone_and_get_params_round_trip():
    params = {
        "max_tokens": 50,
        "maxlen": "auto",
        "padding": "post",
        "truncating": "post",
        "ngrams": 3,
        "analyzer": "char_wb",
        "tokenizer": None,
        "standardize": None,
        "lowercase": False,
    }
    vec = TextVectorizer(**params)
    assert vec.get_params() == params
    copy = clone(vec.fit(MULTILINGUAL))
    assert copy.get_params() == params and not hasattr(copy, "vocabulary_")
    np.testing.assert_array_equal(
        copy.fit_transform(MULTILINGUAL), vec.transform(MULTILINGUAL)
    )
    other = clone(TextVectorizer(tokenizer=segment)).set_params(lowercase=False)
    assert other.get_params()["tokenizer"] is segment
    assert other.get_params()["lowercase"] is False


@pytest.mark.parametrize(
    "params", [{"analyzer": "char_wb", "ngrams": 2}, {"tokenizer": segment}]
)
def test_pickle_round_trip(params):
    vec = TextVectorizer(**params).fit(MULTILINGUAL)
    restored = pickle.loads(pickle.dumps(vec))
    assert restored.get_params() == vec.get_params()
    np.testing.assert_array_equal(
        restored.transform(MULTILINGUAL), vec.transform(MULTILINGUAL)
    )


def test_pickle_from_before_the_analyzers_transforms_identically():
    docs = ["The cat sat.", "The dog sat on the mat!", "A cat<br />and a DOG"]
    vec = TextVectorizer(max_tokens=8, maxlen=5, ngrams=2).fit(docs)
    expected = vec.transform(docs + ["a cat sat on a dog"])
    # A TextVectorizer pickled by skseq 0.1 has no analysis parameters.
    for name in ("analyzer", "tokenizer", "standardize", "lowercase"):
        del vec.__dict__[name]
    restored = pickle.loads(pickle.dumps(vec))
    np.testing.assert_array_equal(
        restored.transform(docs + ["a cat sat on a dog"]), expected
    )
    assert restored.get_params()["analyzer"] == "word"
    assert restored.get_params()["standardize"] == "strip_punctuation"
    assert restored.lowercase is True and restored.tokenizer is None


# --- maxlen="auto" ------------------------------------------------------------


def test_auto_maxlen_is_the_95th_percentile_of_token_counts():
    docs = [" ".join(["w"] * n) for n in range(1, 21)]  # 1 .. 20 words
    vec = TextVectorizer().fit(docs)
    # 19 of the 20 documents (95 %) have at most 19 words.
    assert vec.maxlen == "auto" and vec.maxlen_ == 19
    assert vec.transform(docs).shape == (20, 19)
    # n-grams count: a document of n words has 2n - 1 tokens; 37 for n=19.
    assert TextVectorizer(ngrams=2).fit(docs).maxlen_ == 37
    # 21 documents (1 .. 21 words): 95 % of them is 19.95, so 20 must fit.
    assert TextVectorizer().fit(docs + [" ".join(["w"] * 21)]).maxlen_ == 20


def test_auto_maxlen_counts_the_analyzer_units():
    docs = ["ab", "abc d"] * 10  # 2 and 5 characters, 1 and 2 words
    assert TextVectorizer(analyzer="char").fit(docs).maxlen_ == 5
    assert TextVectorizer().fit(docs).maxlen_ == 2
    # char_wb: " ab " has 4 units, " abc " + " d " 8.
    assert TextVectorizer(analyzer="char_wb").fit(docs).maxlen_ == 8


def test_auto_maxlen_bounds():
    assert TextVectorizer(analyzer="char").fit(["a" * 1500]).maxlen_ == 1000
    docs = [""] * 19 + ["word"]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # 19 documents without words
        assert TextVectorizer().fit(docs).maxlen_ == 1
    # An explicit int still wins; None is still the longest document.
    assert TextVectorizer(analyzer="char", maxlen=7).fit(["a" * 1500]).maxlen_ == 7
    assert (
        TextVectorizer(analyzer="char", maxlen=None).fit(["a" * 1500]).maxlen_ == 1500
    )


# --- inputs -----------------------------------------------------------------


@pytest.mark.parametrize("analyzer", ["word", "char", "char_wb"])
def test_inputs_are_left_unchanged(analyzer):
    docs = ["Schöne GRÜSSE!", "这部电影  非常好看", "a\x00b"]
    as_list, as_array = list(docs), np.array(docs, dtype=object)
    as_series = pd.Series(docs, index=[3, 1, 2])
    vec = TextVectorizer(analyzer=analyzer, maxlen=None)
    for X in (as_list, as_array, as_series):
        vec.fit(X)
        vec.fit_transform(X)
        vec.transform(X)
    assert as_list == docs
    assert as_array.tolist() == docs
    assert as_series.tolist() == docs and as_series.index.tolist() == [3, 1, 2]


@pytest.mark.parametrize("analyzer", ["char", "char_wb"])
def test_lone_surrogate_names_the_document(analyzer):
    with pytest.raises(ValueError, match="position 1"):
        TextVectorizer(analyzer=analyzer).fit(["fine", "half an emoji \ud83d"])


@pytest.mark.parametrize("analyzer", ["char", "char_wb"])
def test_empty_documents_warn_and_empty_corpus_raises(analyzer):
    with pytest.warns(UserWarning, match="1 of 2 documents have no characters"):
        TextVectorizer(analyzer=analyzer).fit(["ok", "..."])
    with pytest.raises(ValueError, match="empty vocabulary"):
        TextVectorizer(analyzer=analyzer).fit(["", " !? "])


# --- models that only characters make possible -----------------------------


def test_char_lstm_learns_chinese_sentiment_of_unseen_subjects():
    train_text, y_train, test_text, y_test = chinese_sentiment()
    assert len(train_text) == 300 and y_train.mean() == 0.5
    # Each sentence is one "word": the word analyzer has nothing to learn.
    words = TextVectorizer().fit(train_text)
    assert (words.transform(test_text) == 1).sum(axis=1).tolist() == [1] * 120
    pipe = Pipeline(
        [
            ("text", TextVectorizer(analyzer="char")),
            # The network alone, as measured below: what the characters let
            # it learn is the point (the linear path has its own tests).
            (
                "model",
                LSTMClassifier(epochs=5, linear_ngrams=0, random_state=0, verbose=0),
            ),
        ]
    )
    pipe.fit(train_text, y_train)
    # Measured 0.975 (0.89-0.98 over seeds and 4-8 epochs); chance is 0.5.
    assert pipe.score(test_text, y_test) >= 0.8


def test_char_conv1d_learns_imdb_sentiment(data_home):
    train = balanced_sample(
        fetch_imdb("train", data_home=data_home).frame, 2000, random_state=0
    )
    test = balanced_sample(
        fetch_imdb("test", data_home=data_home).frame, 1000, random_state=0
    )
    # The first 400 characters of each review.
    X_train, X_test = train.text.str.slice(0, 400), test.text.str.slice(0, 400)
    model = Conv1DClassifier(
        units=64,
        embedding_dim=32,
        kernel_size=7,
        dropout=0.2,
        epochs=8,
        linear_ngrams=0,  # the network alone, as measured below
        random_state=0,
        verbose=0,
    )
    pipe = Pipeline([("text", TextVectorizer(analyzer="char")), ("model", model)])
    pipe.fit(X_train, train.label)
    assert 350 <= pipe[0].maxlen_ <= 400 and len(pipe[0].vocabulary_) < 100
    # Measured 0.671 (0.662-0.671 over three seeds); chance is 0.5.
    assert pipe.score(X_test, test.label) >= 0.6
