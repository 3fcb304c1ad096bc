"""How ``TextVectorizer`` cuts documents into tokens: its analyzers.

Each document is lowercased (``lowercase``), standardized (``standardize``)
and cut into units: words (``analyzer="word"``, split on whitespace or by a
``tokenizer``), characters (``"char"``) or the characters of each word padded
with a space on both sides (``"char_wb"``, as scikit-learn's
``CountVectorizer``). Every path returns the same ``TokenCodes`` structure
(``skseq.text._tokens``), so vocabulary, n-grams, truncation and padding are
shared. The default (words, punctuation stripped) is ``Tokens``, the fast
byte-level path; the others are vectorized where it is easy: characters are
code points read with ``np.frombuffer``, and ``char_wb`` n-grams are computed
once per distinct word and expanded to every occurrence with NumPy.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from itertools import chain

import numpy as np
import pandas as pd

from skseq.text._tokens import (
    ASCII_PUNCTUATION,
    Grams,
    TokenCodes,
    Tokens,
    raise_for_unencodable,
    standardized_texts,
    unicode_separators,
)

ANALYZERS = ("word", "char", "char_wb")
STRIP_PUNCTUATION = "strip_punctuation"
SPLIT_PUNCTUATION = "split_punctuation"
# standardize's option -> standardize()'s ``punctuation``.
BUILT_IN = {STRIP_PUNCTUATION: "strip", SPLIT_PUNCTUATION: "split"}

_LINE_BREAK = re.compile(r"<br\s*/?>", flags=re.IGNORECASE)
# Apostrophes are deleted ("don't" -> "dont") while other punctuation splits
# words, so "good.Bad" gives two tokens instead of one unknown "goodbad".
_PUNCTUATION = re.compile("[" + re.escape(ASCII_PUNCTUATION) + "]")
# Every Unicode code point: corpora of at least this many characters find
# their distinct characters with a table over all of them, not by sorting.
_CODE_POINTS = 0x110000


def standardize(text: str, lowercase: bool = True, punctuation: str = "strip") -> str:
    """Lowercase, drop HTML line breaks and apostrophes, strip or split punctuation.

    The readable definition of ``TextVectorizer``'s built-in tokens: they are
    ``standardize(doc).split()`` (``standardize="strip_punctuation"``) or
    ``standardize(doc, punctuation="split").split()``
    (``"split_punctuation"``), computed by a faster route
    (``skseq.text._tokens``). In every script: apostrophes (``'``, ``’``,
    ``ʼ``) are deleted, so "don't" is one word; other punctuation, ASCII or
    Unicode (categories P*: « » … ！ 、 。), separates words, as does any
    character that ``str.isspace()`` calls a space. Symbols such as emoji
    are kept as (parts of) words. Scripts written without spaces (Chinese,
    Japanese, Thai) give one token per run of characters between
    punctuation: use ``TextVectorizer(analyzer="char")`` or a ``tokenizer``
    for them.

    Parameters
    ----------
    text : str
    lowercase : bool, default=True
        False keeps the case (``TextVectorizer(lowercase=False)``).
    punctuation : {"strip", "split"}, default="strip"
        "strip": each punctuation mark becomes a space. "split": each mark
        becomes a token of its own, between spaces ("great!!" gives
        "great", "!", "!"), so that a model can read "!", "?" or "..." as
        the sentiment they often carry.

    Returns
    -------
    str
        ``text`` with every separator a space; its words are
        ``standardize(text).split()``.

    Raises
    ------
    ValueError
        If ``punctuation`` is neither "strip" nor "split".

    Examples
    --------
    >>> standardize("A <br /><br />GREAT film, isn't it?")
    'a   great film  isnt it '
    >>> standardize("Ein GROßARTIGER Film!", lowercase=False)
    'Ein GROßARTIGER Film '
    >>> standardize("Great film... isn't it?!", punctuation="split").split()
    ['great', 'film', '.', '.', '.', 'isnt', 'it', '?', '!']
    """
    if punctuation not in ("strip", "split"):
        raise ValueError(
            f'punctuation must be "strip" or "split"; got punctuation={punctuation!r}'
        )
    # The order of the fast route: Unicode separators, then line breaks, then
    # ASCII apostrophes and punctuation; NUL counts as a space there too.
    split = punctuation == "split"
    if lowercase:
        text = text.lower()
    text = text.translate(unicode_separators(split)).replace("\x00", " ")
    text = _LINE_BREAK.sub(" ", text).replace("'", "")
    return _PUNCTUATION.sub(r" \g<0> " if split else " ", text)


def check_documents(X) -> list[str]:
    """``X`` as a list of str, or a ValueError that says what is wrong."""
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


def analyze(docs: list[str], analyzer, tokenizer, standardize, lowercase) -> TokenCodes:
    """The tokens of ``docs`` under checked analysis parameters."""
    built_in = _built_in(standardize)
    if analyzer == "word" and tokenizer is None and built_in:
        return Tokens(docs, lowercase=bool(lowercase), punctuation=built_in)
    texts = _standardized(docs, standardize, lowercase)
    if analyzer == "char":
        # Whitespace runs are one space; leading and trailing ones go.
        return _characters([" ".join(text.split()) for text in texts])
    lists = _split(texts, tokenizer)
    return _words(lists) if analyzer == "word" else WordBoundaryChars(lists)


def _built_in(standardize) -> str | None:
    """``standardize()``'s ``punctuation`` for a built-in option, else None
    (a callable need not be hashable, so only strings are looked up)."""
    return BUILT_IN.get(standardize) if isinstance(standardize, str) else None


def _standardized(docs: list[str], standardize, lowercase) -> list[str]:
    built_in = _built_in(standardize)
    if built_in:
        return standardized_texts(docs, bool(lowercase), built_in)
    texts = [doc.lower() for doc in docs] if lowercase else docs
    if standardize is not None:
        texts = [standardize(text) for text in texts]
        for position, text in enumerate(texts):
            if not isinstance(text, str):
                raise ValueError(
                    "standardize must return a str; for the document at "
                    f"position {position} it returned {text!r} of type "
                    f"{type(text).__name__}"
                )
    try:
        "".join(texts).encode("utf-8")
    except UnicodeEncodeError:
        raise_for_unencodable(texts)
    return texts


def _split(texts: list[str], tokenizer) -> list[list[str]]:
    if tokenizer is None:
        return [text.split() for text in texts]
    lists = []
    for position, text in enumerate(texts):
        tokens = tokenizer(text)
        if not isinstance(tokens, (list, tuple)) or not all(
            isinstance(token, str) for token in tokens
        ):
            raise ValueError(
                "tokenizer must return a list of str; for the document at "
                f"position {position} it returned {tokens!r} of type "
                f"{type(tokens).__name__}"
            )
        # "" is the padding token's name, not a word: empty tokens are dropped.
        lists.append([token for token in tokens if token] if "" in tokens else tokens)
    return lists


def _words(lists: list[list[str]]) -> TokenCodes:
    """Token lists as codes: one hash-table pass (``pd.factorize``)."""
    lengths = np.fromiter(map(len, lists), dtype=np.int64, count=len(lists))
    flat = np.fromiter(chain.from_iterable(lists), dtype=object, count=lengths.sum())
    codes, words = pd.factorize(flat)
    return TokenCodes(codes, list(words), lengths)


def _characters(texts: list[str]) -> TokenCodes:
    """One token per character (code point) of each text, ids by code point."""
    lengths = np.fromiter(map(len, texts), dtype=np.int64, count=len(texts))
    try:
        points = np.frombuffer("".join(texts).encode("utf-32-le"), dtype="<u4")
    except UnicodeEncodeError:
        raise_for_unencodable(texts)
    if len(points) < _CODE_POINTS:
        distinct, codes = np.unique(points, return_inverse=True)
    else:  # a table over every code point beats sorting a large corpus
        present = np.zeros(_CODE_POINTS, dtype=bool)
        present[points] = True
        distinct = np.flatnonzero(present)
        index = np.zeros(_CODE_POINTS, dtype=np.int64)
        index[distinct] = np.arange(len(distinct))
        codes = index[points]
    return TokenCodes(codes, [chr(c) for c in distinct.tolist()], lengths, "")


class WordBoundaryChars(TokenCodes):
    """``char_wb``: the characters of every word padded as ``" word "``; its
    n-grams stay inside the padded words. Distinct words are analysed once
    and their codes expanded to every occurrence."""

    def __init__(self, lists: list[list[str]]):
        words = _words(lists)
        # One "document" per distinct padded word, for the n-grams.
        self._table = _characters([f" {word} " for word in words.words])
        self._occurrences, self._documents = words.codes, words.documents
        # The single characters are those of " w1  w2 ... ": read directly.
        chars = _characters(
            [f" {'  '.join(words)} " if words else "" for words in lists]
        )
        super().__init__(chars.codes, chars.words, chars.lengths, "")

    def grams(self, n: int) -> Grams:
        cache = self.__dict__.setdefault("_grams", {})
        if n not in cache:
            table = self._table.grams(n)
            per_word = self._table.gram_lengths(n)
            codes = _expand(table.codes, per_word, self._occurrences)
            cache[n] = Grams(codes, table.strings, table.n_codes)
        return cache[n]

    def gram_lengths(self, n: int) -> np.ndarray:
        if n == 1:
            return self.lengths
        per_word = self._table.gram_lengths(n)[self._occurrences]
        counts = np.bincount(self._documents, per_word, minlength=len(self.lengths))
        return counts.astype(np.int64)


def _expand(table, per_segment, occurrences) -> np.ndarray:
    """``table`` holds each segment's codes in turn (``per_segment`` each);
    the result is, for every occurrence in turn, its segment's codes."""
    offsets = np.cumsum(per_segment) - per_segment
    count = per_segment[occurrences]
    out_starts = np.cumsum(count) - count
    index = np.repeat(offsets[occurrences] - out_starts, count)
    return table[index + np.arange(len(index))]
