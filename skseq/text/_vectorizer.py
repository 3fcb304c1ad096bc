"""Text to integer sequences: ``TextVectorizer`` (and ``SequencePadder``,
from ``skseq.text._padding``, for sequences already tokenized). How documents are
cut into words or characters lives in ``skseq.text._analyzers``.

Plain Python and NumPy on purpose (DESIGN §4): no TensorFlow layer, so the
transformers work with any Keras backend and pickle like any sklearn object.
"""

from __future__ import annotations

import warnings
from numbers import Integral
from operator import itemgetter

import numpy as np
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.utils._param_validation import (
    Interval,
    InvalidParameterError,
    StrOptions,
)
from sklearn.utils.validation import check_is_fitted

from skseq.text._analyzers import (
    ANALYZERS,
    BUILT_IN,
    STRIP_PUNCTUATION,
    analyze,
    check_documents,
    standardize,
)
from skseq.text._padding import SequencePadder, pad, truncated_merge
from skseq.text._tokens import TokenCodes
from skseq.text._vocabulary import auto_maxlen, min_count_for
from skseq.utils import ArrayOutput, DocLinkMixin, VersionedState, scatter_rows

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
# What pickles made before these parameters existed were fitted with.
_ANALYSIS_DEFAULTS = {
    "analyzer": "word",
    "tokenizer": None,
    "standardize": STRIP_PUNCTUATION,
    "lowercase": True,
}


# What scikit-learn's message for a parameter cannot know.
_HINTS = {
    "max_tokens": "Ids 0 and 1 are reserved for padding and unknown words.",
    "standardize": "Keras's lowercasing is the separate lowercase=True; pass "
    "tokenizer= or a callable for your own splitting.",
    "analyzer": "For your own splitting, pass tokenizer= with analyzer='word'.",
}


class TextVectorizer(
    VersionedState,
    DocLinkMixin,
    ArrayOutput,
    TransformerMixin,
    BaseEstimator,
    auto_wrap_output_keys=None,
):
    """Turn raw documents into padded integer token matrices.

    Each document is lowercased, standardized (HTML ``<br />`` line breaks and
    punctuation removed), cut into tokens (words by default, or characters),
    mapped to integer ids and padded or truncated to ``maxlen``. Id 0 is
    padding and id 1 the out-of-vocabulary token; the vocabulary holds the
    most frequent tokens of the training documents, ties broken
    alphabetically, so it does not depend on their order.

    Parameters
    ----------
    max_tokens : int or None, default=20000
        Vocabulary size *including* the padding (0) and out-of-vocabulary (1)
        ids, as in ``keras.layers.TextVectorization``; None keeps every token.
    maxlen : "auto", int or None, default="auto"
        Length of each output row. "auto" is the 95th percentile of the
        training documents' token counts (n-grams included): the smallest
        length that keeps at least 95 % of them whole, between 1 and 1000.
        The estimators group rows by length and trim each batch's padding, so
        a longer ``maxlen`` costs only the long documents; 95 % keeps nearly
        every document whole without letting a few very long ones set the
        width. None uses the longest training document; an int is used as is.
    padding : {"pre", "post"}, default="pre"
        Where zeros go in short documents. Keep "pre" for recurrent models:
        with "post" an LSTM reads the padding last and barely learns.
    truncating : {"pre", "post"}, default="pre"
        Which end of a long document is cut: "pre" keeps its last ``maxlen``
        tokens.
    ngrams : int, default=1
        Also emit each document's runs of 2 .. ``ngrams`` consecutive units
        (words, or characters for the "char" analyzers), after its single
        units: all units, then all pairs, ..., as
        ``keras.layers.TextVectorization`` orders them. Word n-grams are
        spelled ``"w1 w2"``, character n-grams without a separator. They
        compete with single units for the ``max_tokens`` vocabulary and count
        towards ``maxlen``. Meant for bag-of-n-grams models such as
        ``DenseClassifier(pooling="mean", masking=True)``.
    analyzer : {"word", "char", "char_wb"}, default="word"
        The units, as in scikit-learn's ``CountVectorizer``. "word": the
        whitespace-separated words (or ``tokenizer``'s). "char": every
        character, whitespace runs counted as one space and the ends
        stripped, for any language, including those written without spaces
        (Chinese, Japanese). "char_wb": the characters of each word padded
        with a space on both sides (``" film "``), so that n-grams
        (``ngrams >= 2``) stay inside words and mark their edges.
    tokenizer : callable or None, default=None
        With ``analyzer="word"``, splits each lowercased, standardized
        document into a list of str tokens instead of ``str.split`` (e.g. a
        Chinese word segmenter). Empty tokens are dropped.
    standardize : {"strip_punctuation", "split_punctuation"}, None or callable, \
default="strip_punctuation"
        "strip_punctuation": HTML line breaks and punctuation become spaces,
        apostrophes vanish (:func:`standardize` is the readable rule).
        "split_punctuation": the same, but each punctuation mark becomes a
        token of its own ("wow!!" gives "wow", "!", "!"), which the models
        can read: "!", "?" and "..." often carry sentiment (see the user
        guide's Text page for its measured effect). None leaves the text
        alone; a callable maps each (lowercased) str to a str.
    lowercase : bool, default=True
        Lowercase each document before ``standardize``.

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

    Characters suit languages written without spaces:

    >>> chars = TextVectorizer(analyzer="char").fit(["电影好看", "电影无聊"])
    >>> chars.maxlen_, chars.get_vocabulary()[2:4]
    (4, ['影', '电'])
    >>> chars.inverse_transform(chars.transform(["好电影"]))
    [['好', '电', '影']]
    """

    # Pickles and the docs name the public home, not this private module.
    __module__ = "skseq.text"

    _parameter_constraints: dict = {
        "max_tokens": [None, Interval(Integral, 2, None, closed="left")],
        "maxlen": [
            StrOptions({"auto"}),
            None,
            Interval(Integral, 1, None, closed="left"),
        ],
        "padding": [StrOptions({"pre", "post"})],
        "truncating": [StrOptions({"pre", "post"})],
        "ngrams": [Interval(Integral, 1, None, closed="left")],
        "analyzer": [StrOptions(set(ANALYZERS))],
        "tokenizer": [None, callable],
        "standardize": [StrOptions(set(BUILT_IN)), None, callable],
        "lowercase": ["boolean"],
    }

    def __init__(
        self,
        max_tokens=20000,
        maxlen="auto",
        padding="pre",
        truncating="pre",
        ngrams=1,
        analyzer="word",
        tokenizer=None,
        standardize=STRIP_PUNCTUATION,
        lowercase=True,
    ):
        self.max_tokens = max_tokens
        self.maxlen = maxlen
        self.padding = padding
        self.truncating = truncating
        self.ngrams = ngrams
        self.analyzer = analyzer
        self.tokenizer = tokenizer
        self.standardize = standardize
        self.lowercase = lowercase

    def __setstate__(self, state):
        # Pickles from before analyzer, tokenizer, standardize and lowercase
        # existed were fitted with what are now their defaults.
        super().__setstate__({**_ANALYSIS_DEFAULTS, **state})

    def _check_params(self) -> None:
        """Check every parameter (scikit-learn's ``_parameter_constraints``,
        then what one parameter says of another); change nothing."""
        try:
            self._validate_params()
        except InvalidParameterError as error:
            hint = _HINTS.get(str(error).split("'")[1])
            if hint is None:
                raise
            raise InvalidParameterError(f"{error} {hint}") from None
        if self.tokenizer is not None and self.analyzer != "word":
            raise ValueError(
                "tokenizer splits documents into words: it works only with "
                f"analyzer='word'; got tokenizer={self.tokenizer!r} with "
                f"analyzer={self.analyzer!r}"
            )

    def _tokenize(self, X, *, fitting: bool) -> TokenCodes:
        """Tokens of the documents ``X``; warns about documents without any."""
        tokens = analyze(
            check_documents(X),
            self.analyzer,
            self.tokenizer,
            self.standardize,
            self.lowercase,
        )
        n_docs = len(tokens.lengths)
        if fitting and n_docs == 0:
            raise ValueError("TextVectorizer got 0 documents to fit; X is empty")
        empty = np.flatnonzero(tokens.lengths == 0)
        # A training set without any token is an error at fit, not a warning.
        if empty.size and not (fitting and empty.size == n_docs):
            warnings.warn(
                f"{empty.size} of {n_docs} documents have no {self._units()}s "
                "after standardization (the first at position "
                f"{empty[0]}); they become rows of padding only",
                UserWarning,
                stacklevel=3,
            )
        return tokens

    def _units(self) -> str:
        return "word" if self.analyzer == "word" else "character"

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

        Raises
        ------
        ValueError
            For an invalid parameter (named, with the value received); if
            ``X`` is no iterable of str (a single str included), has no
            document, or no document has a word after standardization.
        """
        self._check_params()
        self._fit_tokens(self._tokenize(X, fitting=True))
        return self

    def _fit_tokens(self, tokens: TokenCodes) -> None:
        grams = [tokens.grams(n) for n in range(2, self.ngrams + 1)]
        counts = [tokens.counts()]
        counts += [np.bincount(g.codes, minlength=g.n_codes) for g in grams]
        # Only n-grams frequent enough to make the cut need their text.
        cutoff = min_count_for(np.concatenate(counts), self.max_tokens)
        words = list(tokens.words)
        kept = [counts[0]]
        for gram, n_counts in zip(grams, counts[1:], strict=True):
            which = np.flatnonzero(n_counts >= cutoff)
            words += gram.strings(which)
            kept.append(n_counts[which])
        # Alphabetical first, then a stable sort by descending count.
        ranked = sorted(zip(words, np.concatenate(kept).tolist(), strict=True))
        ranked.sort(key=itemgetter(1), reverse=True)
        if self.max_tokens is not None:
            ranked = ranked[: self.max_tokens - 2]
        if not len(tokens.codes):
            raise ValueError(
                "empty vocabulary: none of the "
                f"{len(tokens.lengths)} training documents has a {self._units()} "
                "after standardization (punctuation and spaces only); no model "
                "can learn from them. Check the text column, or see "
                "skseq.text.standardize for what counts as a word"
            )
        self.vocabulary_ = {token: i for i, (token, _) in enumerate(ranked, start=2)}
        n_tokens = tokens.n_tokens(self.ngrams)
        if isinstance(self.maxlen, str):  # "auto"
            self.maxlen_ = auto_maxlen(n_tokens)
        else:
            self.maxlen_ = self.maxlen or int(n_tokens.max(initial=1)) or 1

    def transform(self, X) -> np.ndarray:
        """Map documents to a padded ``(n_samples, maxlen_)`` int32 matrix.

        Parameters
        ----------
        X : iterable of str

        Returns
        -------
        ndarray of shape (n_samples, maxlen_), dtype int32

        Raises
        ------
        sklearn.exceptions.NotFittedError
            Before ``fit``.
        ValueError
            If ``X`` is a single str, or no iterable of str (the message names
            the position of the first item that is no str).
        """
        check_is_fitted(self)
        return self._encode(self._tokenize(X, fitting=False))

    def _encode(self, tokens: TokenCodes) -> np.ndarray:
        # Rows: each document's units, then its pairs, ...; only the tokens
        # that survive truncation are looked up.
        counts = [tokens.gram_lengths(n) for n in range(1, self.ngrams + 1)]
        plan, lengths = truncated_merge(counts, self.maxlen_, self.truncating)
        flat = np.empty(int(lengths.sum()), dtype=np.int32)
        for n, (index, where) in enumerate(plan, start=1):
            if n == 1:
                codes, n_codes, spell = tokens.codes, len(tokens.words), None
            else:
                gram = tokens.grams(n)
                codes, n_codes, spell = gram.codes, gram.n_codes, gram.strings
            codes = codes[index]
            # One dictionary lookup per distinct token or n-gram kept.
            present = np.zeros(n_codes, dtype=bool)
            present[codes] = True
            which = np.flatnonzero(present)
            strings = [tokens.words[i] for i in which] if n == 1 else spell(which)
            ids = np.ones(n_codes, dtype=np.int32)
            ids[which] = self._ids(strings)
            flat[where] = ids[codes]
        return scatter_rows(flat, lengths, self.maxlen_, self.padding, 0)

    def _ids(self, tokens: list[str]) -> np.ndarray:
        lookup = self.vocabulary_.get
        return np.fromiter((lookup(t, 1) for t in tokens), np.int32, len(tokens))

    def fit_transform(self, X, y=None) -> np.ndarray:
        """Fit to ``X``, then transform it, tokenizing each document once.

        Parameters
        ----------
        X : iterable of str
        y : ignored

        Returns
        -------
        ndarray of shape (n_samples, maxlen_), dtype int32

        Raises
        ------
        ValueError
            As ``fit``.
        """
        self._check_params()
        tokens = self._tokenize(X, fitting=True)
        self._fit_tokens(tokens)
        return self._encode(tokens)

    def get_vocabulary(self) -> list[str]:
        """Tokens in id order, starting with padding ``""`` and ``"[UNK]"``.

        Returns
        -------
        list of str
            The token of id ``i`` at position ``i``.
        """
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

        Raises
        ------
        sklearn.exceptions.NotFittedError
            Before ``fit``.
        ValueError
            If ``X`` is no 2-D integer matrix of ids in the vocabulary.
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
