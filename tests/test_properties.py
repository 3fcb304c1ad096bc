"""Property tests: the transformers against their definitions, for any input."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from keras.utils import pad_sequences

from skseq import SequencePadder, SlidingWindow, TextVectorizer

sides = st.sampled_from(["pre", "post"])
sequences = st.lists(
    st.lists(st.integers(1, 10_000), max_size=12), min_size=1, max_size=20
)


@settings(max_examples=150, deadline=None)
@given(sequences, st.integers(1, 15), sides, sides, st.integers(-5, 5))
def test_padder_agrees_with_keras(seqs, maxlen, padding, truncating, value):
    padder = SequencePadder(maxlen, padding=padding, truncating=truncating, value=value)
    expected = pad_sequences(
        seqs,
        maxlen=maxlen,
        dtype="int32",
        padding=padding,
        truncating=truncating,
        value=value,
    )
    out = padder.fit_transform(seqs)
    assert out.dtype == np.int32
    np.testing.assert_array_equal(out, expected)


@settings(max_examples=100, deadline=None)
@given(sequences, sides)
def test_padder_without_maxlen_keeps_every_item(seqs, padding):
    out = SequencePadder(padding=padding).fit_transform(seqs)
    assert out.shape == (len(seqs), max(1, *map(len, seqs)))
    for row, seq in zip(out, seqs, strict=True):
        kept = row[len(row) - len(seq) :] if padding == "pre" else row[: len(seq)]
        np.testing.assert_array_equal(kept, seq)


words = st.sampled_from(["good", "bad", "film", "plot", "acting", "dull", "a", "the"])
documents = st.lists(
    st.lists(words, max_size=10).map(" ".join), min_size=1, max_size=15
)


@settings(max_examples=100, deadline=None)
@given(documents, st.integers(1, 12), sides, sides, st.integers(3, 12))
def test_vectorizer_shapes_padding_and_vocabulary(
    docs, maxlen, padding, truncating, size
):
    vec = TextVectorizer(
        max_tokens=size, maxlen=maxlen, padding=padding, truncating=truncating
    )
    if not any(doc.split() for doc in docs):
        with pytest.raises(ValueError, match="empty vocabulary"):
            vec.fit_transform(docs)
        return
    out = vec.fit_transform(docs)
    assert out.shape == (len(docs), maxlen)
    assert out.min() >= 0 and out.max() < size
    for row, doc in zip(out, docs, strict=True):
        n_tokens = min(len(doc.split()), maxlen)
        real = np.flatnonzero(row)
        # Every word becomes a non-zero id (known, or 1 for unknown) on its side.
        assert len(real) == n_tokens
        expected = (
            np.arange(maxlen - n_tokens, maxlen)
            if padding == "pre"
            else np.arange(n_tokens)
        )
        np.testing.assert_array_equal(real, expected)


@settings(max_examples=100, deadline=None)
@given(documents, st.integers(1, 12), sides, st.randoms())
def test_vectorizer_round_trips_and_ignores_document_order(docs, maxlen, side, rnd):
    assume(any(doc.split() for doc in docs))  # else: empty vocabulary, tested above
    vec = TextVectorizer(max_tokens=None, maxlen=maxlen, truncating=side).fit(docs)
    kept = [d.split()[-maxlen:] if side == "pre" else d.split()[:maxlen] for d in docs]
    assert vec.inverse_transform(vec.transform(docs)) == kept
    shuffled = list(docs)
    rnd.shuffle(shuffled)
    other = TextVectorizer(max_tokens=None, maxlen=maxlen).fit(shuffled)
    assert other.vocabulary_ == vec.vocabulary_


@settings(max_examples=150, deadline=None)
@given(
    st.integers(1, 40),
    st.integers(1, 4),
    st.integers(1, 12),
    st.integers(1, 4),
    st.integers(0, 6),
)
def test_window_rows_are_the_rows_they_claim(n_rows, n_features, lookback, step, delay):
    assume(lookback <= n_rows and lookback % step == 0)
    X = np.arange(n_rows * n_features, dtype=np.float32).reshape(n_rows, n_features)
    window = SlidingWindow(lookback, step=step, delay=delay).fit(X)
    out = window.transform(X)
    k = lookback // step
    assert out.shape == (n_rows, k, n_features)
    assert window.n_incomplete_ == delay + (k - 1) * step
    for i in range(n_rows):
        # Step j of row i is row i - delay - (k - 1 - j) * step, or the first
        # row where that lies before the start (edge padding).
        rows = [max(i - delay - (k - 1 - j) * step, 0) for j in range(k)]
        np.testing.assert_array_equal(out[i], X[rows])
