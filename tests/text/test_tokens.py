"""The NumPy tokenizer equals the readable reference ``standardize().split()``."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from skseq.datasets import fetch_imdb
from skseq.text import standardize
from skseq.text._tokens import Tokens, first_appearances, gram_codes, standardized_texts

EDGE_CASES = [
    "",
    "   ",
    "NUL\x00inside a document",
    "Über ÉCOLE naïve\u2003wide\xa0space\u3000ideographic",
    "x" * 40 + " " + "y" * 17 + " " + "z" * 16 + " " + "w" * 9 + " " + "v" * 8,
    "'''",
    "don't.Stop,me!now<BR />then<br/>there<br >",
    "tab\tnew\nline\x1cgroup\x1fsep",
    "émoji 🎬🎬 and ünïcödé wörds that are quite long: ääääääääääää",
    "Wow!!! Really?! 7/10... (sort of) «très» bien！ 、。",
    "!x!<br />!'!'",
    "a" * 16 + "!" + "b" * 17 + "?" + "c" * 8,
]


def _as_lists(tokens: Tokens) -> list[list[str]]:
    words = np.array(tokens.words, dtype=object)
    ends = np.cumsum(tokens.lengths)
    return [
        words[tokens.codes[e - n : e]].tolist()
        for e, n in zip(ends, tokens.lengths, strict=True)
    ]


@pytest.fixture(scope="module")
def reviews(data_home):
    return fetch_imdb("test", data_home=data_home).data.tolist()[::5]


@pytest.mark.parametrize("punctuation", ["strip", "split"])
def test_equals_reference_on_real_reviews_and_edge_cases(reviews, punctuation):
    docs = reviews + EDGE_CASES
    expected = [
        standardize(doc.replace("\x00", " "), punctuation=punctuation).split()
        for doc in docs
    ]
    assert _as_lists(Tokens(docs, punctuation=punctuation)) == expected


def test_split_punctuation_exact_tokens():
    docs = ["Wow!!! 7/10... «très» bien！", "don't-stop<br />now?"]
    assert _as_lists(Tokens(docs, punctuation="split")) == [
        ["wow", "!", "!", "!", "7", "/", "10", ".", ".", ".", "«", "très", "»"]
        + ["bien", "！"],
        ["dont", "-", "stop", "now", "?"],
    ]


_PIECES = st.sampled_from(
    ["Word", "wört", "!", "?!", "...", "'", "<br />", "<BR>", "«", "»", "、", "\x00"]
    + [" ", "\t", "\u3000", "x" * 9, "y" * 17, "🎬", "don't", "7/10"]
)
_DOCS = st.lists(
    st.one_of(st.text(max_size=40), st.lists(_PIECES, max_size=12).map("".join)),
    max_size=8,
)


@settings(max_examples=150, deadline=None)
@given(
    docs=_DOCS, lowercase=st.booleans(), punctuation=st.sampled_from(["strip", "split"])
)
def test_generated_documents_equal_reference(docs, lowercase, punctuation):
    expected = [
        standardize(doc.replace("\x00", " "), lowercase, punctuation).split()
        for doc in docs
    ]
    tokens = Tokens(docs, lowercase=lowercase, punctuation=punctuation)
    assert _as_lists(tokens) == expected
    texts = [standardize(d.replace("\x00", " "), lowercase, punctuation) for d in docs]
    assert standardized_texts(docs, lowercase, punctuation) == texts


def test_standardize_rejects_unknown_punctuation():
    with pytest.raises(ValueError, match='punctuation must be "strip" or "split"'):
        standardize("a", punctuation="keep")


def test_codes_count_each_distinct_word_once():
    tokens = Tokens(["b a b", "c b " + "long" * 5, "long" * 5])
    assert sorted(tokens.words) == ["a", "b", "c", "long" * 5]
    counts = dict(zip(tokens.words, tokens.counts().tolist(), strict=True))
    assert counts == {"a": 1, "b": 3, "c": 1, "long" * 5: 2}
    np.testing.assert_array_equal(tokens.lengths, [3, 3, 1])


def test_no_documents():
    tokens = Tokens([])
    assert tokens.words == [] and tokens.codes.size == 0 and tokens.lengths.size == 0


def test_without_lowercasing_equals_reference(reviews):
    docs = reviews[:500] + EDGE_CASES + ["The THE<BR />Über ÜBER", "A<Br/>B"]
    expected = [
        standardize(doc.replace("\x00", " "), lowercase=False).split() for doc in docs
    ]
    assert _as_lists(Tokens(docs, lowercase=False)) == expected


@pytest.mark.parametrize("punctuation", ["strip", "split"])
@pytest.mark.parametrize("lowercase", [True, False])
def test_standardized_texts_equal_reference(reviews, lowercase, punctuation):
    docs = reviews[:500] + EDGE_CASES
    expected = [
        standardize(doc.replace("\x00", " "), lowercase, punctuation) for doc in docs
    ]
    assert standardized_texts(docs, lowercase, punctuation) == expected
    assert standardized_texts([]) == []


def test_gram_codes_stay_inside_segments():
    codes = np.array([0, 1, 0, 1, 2, 0, 1])
    segments = np.array([0, 0, 0, 1, 1, 2, 2])
    grams, starts = gram_codes(codes, segments, 2, 3)
    # Pairs (0,1) (1,0) | (1,2) | (0,1): numbered by first appearance.
    np.testing.assert_array_equal(starts, [0, 1, 3, 5])
    np.testing.assert_array_equal(grams, [0, 1, 2, 0])
    np.testing.assert_array_equal(first_appearances(grams), [0, 1, 2])
    assert gram_codes(codes[:1], segments[:1], 2, 3)[0].size == 0
