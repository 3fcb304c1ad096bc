"""Text to integer sequences: ``TextVectorizer`` (and ``SequencePadder``,
from ``skseq._padding``, for sequences already tokenized).

Plain Python and NumPy on purpose (DESIGN §4): no TensorFlow layer, so the
transformers work with any Keras backend and pickle like any sklearn object.
"""

from __future__ import annotations

import re
import string
import warnings
from collections.abc import Iterable
from operator import itemgetter

import numpy as np
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.utils.validation import check_is_fitted

from skseq._output import ArrayOutput
from skseq._padding import (
    SequencePadder,
    _check_maxlen,
    _check_side,
    _is_int,
    _scatter,
    _truncate_flat,
    pad,
)
from skseq._tokens import Tokens, ngram_codes, ngram_strings, unicode_separators
from skseq._versioned import VersionedState

__all__ = [
    "OOV_TOKEN",
    "PADDING_TOKEN",
    "SequencePadder",
    "TextVectorizer",
    "pad",
    "standardize",
]

PADDING_TOKEN = ""
OOV_TOKEN = "[UNK]"

_LINE_BREAK = re.compile(r"<br\s*/?>", flags=re.IGNORECASE)
# Apostrophes are deleted ("don't" -> "dont") while other punctuation splits
# words, so "good.Bad" gives two tokens instead of one unknown "goodbad".
_PUNCTUATION = re.compile("[" + re.escape(string.punctuation.replace("'", "")) + "]")


def standardize(text: str) -> str:
    """Lowercase, drop HTML line breaks, apostrophes and punctuation.

    The readable definition of ``TextVectorizer``'s tokens: they are
    ``standardize(doc).split()``, computed by a faster route (``skseq._tokens``).
    In every script: apostrophes (``'``, ``’``, ``ʼ``) are deleted, so
    "don't" is one word; other punctuation, ASCII or Unicode (categories
    P*: « » … ！ 、 。), separates words, as does any character that
    ``str.isspace()`` calls a space. Symbols such as emoji are kept as (parts
    of) words. Scripts written without spaces (Chinese, Japanese, Thai) give
    one token per run of characters between punctuation.

    Examples
    --------
    >>> standardize("A <br /><br />GREAT film, isn't it?")
    'a   great film  isnt it '
    """
    # The order of the fast route: Unicode separators, then line breaks, then
    # ASCII apostrophes and punctuation; NUL counts as a space there too.
    text = text.lower().translate(unicode_separators()).replace("\x00", " ")
    text = _LINE_BREAK.sub(" ", text).replace("'", "")
    return _PUNCTUATION.sub(" ", text)


def _kth_largest(counts: np.ndarray, max_tokens: int | None) -> int:
    """The count a token needs to enter a ``max_tokens`` vocabulary (0: any)."""
    k = None if max_tokens is None else max_tokens - 2
    if k is None or k >= len(counts):
        return 0
    return int(np.partition(counts, -k)[-k]) if k else int(counts.max()) + 1


def _tokenize(X, *, fitting: bool) -> Tokens:
    """Tokens of the documents ``X``; warns about documents without words."""
    tokens = Tokens(_check_documents(X))
    n_docs = len(tokens.lengths)
    if fitting and n_docs == 0:
        raise ValueError("TextVectorizer got 0 documents to fit; X is empty")
    empty = np.flatnonzero(tokens.lengths == 0)
    # A training set without any word is an error at fit, not a warning.
    if empty.size and not (fitting and empty.size == n_docs):
        warnings.warn(
            f"{empty.size} of {n_docs} documents have no words after "
            f"standardization (the first at position {empty[0]}); they become "
            "rows of padding only",
            UserWarning,
            stacklevel=3,
        )
    return tokens


def _check_documents(X) -> list[str]:
    if isinstance(X, (str, bytes)):
        raise ValueError(
            "X must be an iterable of str documents (a list, array or pandas "
            "Series); got a single string. Wrap it in a list: [text]."
        )
    if not isinstance(X, Iterable):
        raise ValueError(
            f"X must be an iterable of str documents; got {type(X).__name__}"
        )
    # A DataFrame iterates over its column names and a 0-d array cannot be
    # iterated at all: only 1-D containers hold one document per item.
    ndim = getattr(X, "ndim", 1)
    if ndim != 1:
        raise ValueError(
            "X must be a 1-D iterable of str documents (a list, 1-D array or "
            f"pandas Series); got a {ndim}-D {type(X).__name__}. Select one "
            "text column, e.g. df['text']."
        )
    labels = X.index if hasattr(X, "index") and hasattr(X, "iloc") else None
    docs = list(X)
    for position, doc in enumerate(docs):
        if not isinstance(doc, str):
            where = f"position {position}"
            if labels is not None:
                # tolist() gives Python scalars: 200, not np.int64(200).
                where += f" (index label {labels.tolist()[position]!r})"
            raise ValueError(
                f"X must contain only str documents; the document at {where} "
                f"is {doc!r} of type {type(doc).__name__}"
            )
    return docs


class TextVectorizer(
    VersionedState,
    ArrayOutput,
    TransformerMixin,
    BaseEstimator,
    auto_wrap_output_keys=None,
):
    """Turn raw documents into padded integer token matrices.

    Each document is standardized (lowercased, HTML ``<br />`` line breaks and
    punctuation removed), split on whitespace, mapped to integer ids and padded
    or truncated to ``maxlen``. Id 0 is padding and id 1 the out-of-vocabulary
    token; the vocabulary holds the most frequent words of the training
    documents, ties broken alphabetically, so it does not depend on their order.

    Parameters
    ----------
    max_tokens : int or None, default=20000
        Vocabulary size *including* the padding (0) and out-of-vocabulary (1)
        ids, as in ``keras.layers.TextVectorization``; None keeps every word.
    maxlen : int or None, default=200
        Length of each output row; None uses the longest document seen in
        ``fit``.
    padding : {"pre", "post"}, default="pre"
        Where zeros go in short documents. Keep "pre" for recurrent models:
        with "post" an LSTM reads the padding last and barely learns.
    truncating : {"pre", "post"}, default="pre"
        Which end of a long document is cut: "pre" keeps its last ``maxlen``
        words.
    ngrams : int, default=1
        Also emit each document's runs of 2 .. ``ngrams`` consecutive words,
        as tokens ``"w1 w2"``, after its words (all words, then all pairs,
        ..., as ``keras.layers.TextVectorization`` orders them). They compete
        with single words for the ``max_tokens`` vocabulary and count towards
        ``maxlen``. Meant for bag-of-n-grams models such as
        ``DenseClassifier(pooling="mean", masking=True)``.

    Attributes
    ----------
    vocabulary_ : dict of str to int
        Token to id, ids 2 and up in frequency order.
    maxlen_ : int
        The output length actually used.

    See Also
    --------
    SequencePadder : the same padding for already tokenized sequences.

    Examples
    --------
    >>> from skseq import TextVectorizer
    >>> docs = ["A great film.<br />Great!", "A dull film", "great acting"]
    >>> vec = TextVectorizer(max_tokens=5, maxlen=4)
    >>> vec.fit_transform(docs)
    array([[3, 2, 4, 2],
           [0, 3, 1, 4],
           [0, 0, 2, 1]], dtype=int32)
    >>> vec.get_vocabulary()
    ['', '[UNK]', 'great', 'a', 'film']
    >>> vec.inverse_transform(vec.transform(["a dull film"]))
    [['a', '[UNK]', 'film']]
    """

    def __init__(
        self, max_tokens=20000, maxlen=200, padding="pre", truncating="pre", ngrams=1
    ):
        self.max_tokens = max_tokens
        self.maxlen = maxlen
        self.padding = padding
        self.truncating = truncating
        self.ngrams = ngrams

    def _check_params(self) -> None:
        if self.max_tokens is not None and not _is_int(self.max_tokens, at_least=2):
            raise ValueError(
                "max_tokens must be None or an integer >= 2 (ids 0 and 1 are "
                f"reserved for padding and unknown words); got "
                f"max_tokens={self.max_tokens!r}"
            )
        _check_maxlen(self.maxlen, allow_none=True)
        _check_side("padding", self.padding)
        _check_side("truncating", self.truncating)
        if not _is_int(self.ngrams, at_least=1):
            raise ValueError(
                "ngrams must be an integer >= 1 (1: single words only); got "
                f"ngrams={self.ngrams!r}"
            )

    def fit(self, X, y=None):
        """Learn the vocabulary of the documents ``X``.

        Parameters
        ----------
        X : iterable of str
            Training documents (list, array or pandas Series).
        y : ignored

        Returns
        -------
        self : TextVectorizer
        """
        self._check_params()
        self._fit_tokens(_tokenize(X, fitting=True))
        return self

    def _fit_tokens(self, tokens: Tokens) -> None:
        grams = [ngram_codes(tokens, n) for n in range(2, self.ngrams + 1)]
        counts = [tokens.counts()] + [np.bincount(codes) for codes, _ in grams]
        # Only n-grams frequent enough to make the cut need their text.
        cutoff = _kth_largest(np.concatenate(counts), self.max_tokens)
        words = list(tokens.words)
        kept = [counts[0]]
        for n, (codes, starts), n_counts in zip(
            range(2, self.ngrams + 1), grams, counts[1:], strict=True
        ):
            which = np.flatnonzero(n_counts >= cutoff)
            words += ngram_strings(tokens, codes, starts, n, which)
            kept.append(n_counts[which])
        # Alphabetical first, then a stable sort by descending count.
        ranked = sorted(zip(words, np.concatenate(kept).tolist(), strict=True))
        ranked.sort(key=itemgetter(1), reverse=True)
        if self.max_tokens is not None:
            ranked = ranked[: self.max_tokens - 2]
        if not len(tokens.codes):
            raise ValueError(
                "empty vocabulary: none of the "
                f"{len(tokens.lengths)} training documents has a word after "
                "standardization (punctuation and spaces only); no model can "
                "learn from them. Check the text column, or see "
                "skseq.text.standardize for what counts as a word"
            )
        self.vocabulary_ = {token: i for i, (token, _) in enumerate(ranked, start=2)}
        self.maxlen_ = self.maxlen or int(self._lengths(tokens).max(initial=1)) or 1

    def _lengths(self, tokens: Tokens) -> np.ndarray:
        lengths = tokens.lengths
        return sum(np.maximum(lengths - n + 1, 0) for n in range(1, self.ngrams + 1))

    def transform(self, X) -> np.ndarray:
        """Map documents to a padded ``(n_samples, maxlen_)`` int32 matrix.

        Parameters
        ----------
        X : iterable of str

        Returns
        -------
        ndarray of shape (n_samples, maxlen_), dtype int32
        """
        check_is_fitted(self)
        return self._encode(_tokenize(X, fitting=False))

    def _encode(self, tokens: Tokens) -> np.ndarray:
        # One dictionary lookup per distinct word or n-gram, not per token.
        ids = self._ids(tokens.words)[tokens.codes]
        lengths = tokens.lengths
        if self.ngrams > 1:
            doc = tokens.documents
            docs, parts = [doc], [ids]
            for n in range(2, self.ngrams + 1):
                codes, starts = ngram_codes(tokens, n)
                every = np.arange(codes.max(initial=-1) + 1)
                strings = ngram_strings(tokens, codes, starts, n, every)
                parts.append(self._ids(strings)[codes])
                docs.append(doc[starts])
            # Stable sort by document: its words, then its pairs, ...
            order = np.argsort(np.concatenate(docs), kind="stable")
            ids = np.concatenate(parts)[order]
            lengths = self._lengths(tokens)
        ids, lengths = _truncate_flat(ids, lengths, self.maxlen_, self.truncating)
        return _scatter(ids, lengths, self.maxlen_, self.padding, 0)

    def _ids(self, tokens: list[str]) -> np.ndarray:
        lookup = self.vocabulary_.get
        return np.fromiter((lookup(t, 1) for t in tokens), np.int32, len(tokens))

    def fit_transform(self, X, y=None) -> np.ndarray:
        """Fit to ``X``, then transform it, tokenizing each document once."""
        self._check_params()
        tokens = _tokenize(X, fitting=True)
        self._fit_tokens(tokens)
        return self._encode(tokens)

    def get_vocabulary(self) -> list[str]:
        """Tokens in id order, starting with padding ``""`` and ``"[UNK]"``."""
        check_is_fitted(self)
        return [PADDING_TOKEN, OOV_TOKEN, *self.vocabulary_]

    def inverse_transform(self, X) -> list[list[str]]:
        """Map id matrices back to token lists, dropping the padding.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_ids), integer

        Returns
        -------
        list of list of str
        """
        vocabulary = np.asarray(self.get_vocabulary(), dtype=object)
        ids = np.asarray(X)
        if ids.ndim != 2 or ids.dtype.kind not in "iu":
            raise ValueError(
                f"X must be a 2-D integer id matrix; got shape {ids.shape} "
                f"and dtype {ids.dtype}"
            )
        if ids.size and (ids.min() < 0 or ids.max() >= len(vocabulary)):
            raise ValueError(
                f"X holds ids outside 0..{len(vocabulary) - 1}, the vocabulary "
                "of this TextVectorizer"
            )
        return [vocabulary[row[row != 0]].tolist() for row in ids]

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.input_tags.two_d_array = False
        tags.input_tags.string = True
        return tags
