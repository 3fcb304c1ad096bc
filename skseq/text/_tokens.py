"""Corpus tokenization in NumPy: no Python object per token.

Splitting text into ~6 million ``str`` tokens and counting them with dicts is
slower than Keras' C++ ``TextVectorization``. Here the standardized corpus is
one UTF-8 byte array: a lookup table marks the bytes that belong to words,
token boundaries come from ``np.diff``, and each token of up to 16 bytes is
identified *exactly* by two little-endian 8-byte words read through an
unaligned strided view. Only distinct words (and the rare longer tokens)
become Python strings. The result equals ``standardize(doc).split()``.

``TokenCodes`` is the structure every ``TextVectorizer`` analyzer produces
(``Tokens`` is the default, word one; ``skseq.text._analyzers`` the others), and
``Grams`` its n-grams, so that vocabulary, n-gram, truncation and padding code
is written once.
"""

from __future__ import annotations

import functools
import re
import string
import unicodedata

import numpy as np
import pandas as pd

_SEPARATOR = "\x00"
# Applied after lowercasing, on bytes; the class is str.isspace()'s ASCII part.
_LINE_BREAK = re.compile(rb"<br[\t\n\v\f\r\x1c-\x1f ]*/?>")
_ANY_CASE_LINE_BREAK = re.compile(_LINE_BREAK.pattern, flags=re.IGNORECASE)
# Apostrophes join a word ("don't" -> "dont"); the typographic ones too.
_APOSTROPHES = "'\u2019\u02bc"


class _Separators(dict):
    """``str.translate`` table for non-ASCII text, filled as characters are met
    (a scan of every code point up front would take half a second): Unicode
    punctuation (categories P*) becomes a space, or a token of its own between
    spaces with ``split``; the characters ``str.isspace()`` calls spaces become
    a space, typographic apostrophes vanish, the rest stays."""

    def __init__(self, split: bool = False):
        super().__init__()
        self.split = split

    def __missing__(self, code: int) -> str | None:
        char = chr(code)
        if char in _APOSTROPHES:
            value = None
        elif code > 0x7F and char.isspace():
            value = " "
        elif code > 0x7F and unicodedata.category(char).startswith("P"):
            value = f" {char} " if self.split else " "
        else:
            value = char
        self[code] = value
        return value


_SEPARATORS = {False: _Separators(), True: _Separators(split=True)}


def unicode_separators(split: bool = False) -> dict[int, str | None]:
    """The ``str.translate`` table that standardizes non-ASCII text; with
    ``split``, punctuation becomes a token of its own instead of a space."""
    return _SEPARATORS[split]


_NOT_WORD = np.zeros(256, dtype=bool)
_NOT_WORD[[ord(c) for c in "\x00\t\n\v\f\r\x1c\x1d\x1e\x1f "]] = True
ASCII_PUNCTUATION = string.punctuation.replace("'", "")
_PUNCTUATION_BYTE = np.zeros(256, dtype=bool)
_PUNCTUATION_BYTE[[ord(c) for c in ASCII_PUNCTUATION]] = True
_NOT_WORD |= _PUNCTUATION_BYTE
_PUNCTUATION_TO_SPACE = bytes.maketrans(
    ASCII_PUNCTUATION.encode(), b" " * len(ASCII_PUNCTUATION)
)
_SPLIT_PUNCTUATION = re.compile(b"([" + re.escape(ASCII_PUNCTUATION.encode()) + b"])")
_SHORT = 16  # bytes held exactly by the two 8-byte words
_MASKS = np.array([(1 << (8 * n)) - 1 for n in range(8)] + [2**64 - 1], dtype=np.uint64)


class TokenCodes:
    """Every token of a corpus as integer codes, grouped by document.

    What every analyzer of ``TextVectorizer`` produces (``Tokens`` for words,
    ``skseq.text._analyzers`` for the other options), so that the vocabulary,
    n-gram, truncation and padding code is shared.

    Attributes
    ----------
    codes : ndarray of int64, one per token, in corpus order
        Index into ``words``.
    words : list of str
        The distinct tokens.
    lengths : ndarray of int64, one per document
        Number of tokens in each document.
    separator : str
        What joins the tokens of an n-gram: " " for words, "" for characters.
    """

    def __init__(self, codes, words: list[str], lengths, separator: str = " "):
        self.codes = np.asarray(codes, dtype=np.int64)
        self.words = words
        self.lengths = np.asarray(lengths, dtype=np.int64)
        self.separator = separator

    @functools.cached_property
    def documents(self) -> np.ndarray:
        """The document index of every token, in corpus order."""
        return np.repeat(np.arange(len(self.lengths)), self.lengths)

    def counts(self) -> np.ndarray:
        """How often each of ``words`` occurs."""
        return np.bincount(self.codes, minlength=len(self.words))

    def grams(self, n: int) -> Grams:
        """Every run of ``n`` consecutive tokens inside one document."""
        cache = self.__dict__.setdefault("_grams", {})
        if n not in cache:
            codes, starts = gram_codes(self.codes, self.documents, n, len(self.words))
            spell = functools.partial(_spell, self, codes, starts, n)
            cache[n] = Grams(codes, spell, int(codes.max(initial=-1)) + 1)
        return cache[n]

    def gram_lengths(self, n: int) -> np.ndarray:
        """How many n-grams each document has (``n=1``: ``lengths``)."""
        return np.maximum(self.lengths - n + 1, 0)

    def n_tokens(self, ngrams: int) -> np.ndarray:
        """Tokens per document counting the n-grams of sizes 2 .. ``ngrams``."""
        return sum(self.gram_lengths(n) for n in range(1, ngrams + 1))


class Grams:
    """The n-grams of one size: ``codes`` 0 .. ``n_codes - 1``, one per
    n-gram, document by document (equal n-grams share a code);
    ``strings(which)`` spells the codes ``which``."""

    def __init__(self, codes, strings, n_codes: int):
        self.codes, self.strings, self.n_codes = codes, strings, n_codes


def _spell(units: TokenCodes, codes, starts, n: int, which) -> list[str]:
    """The text of the n-grams ``which``: their tokens joined by the separator."""
    first = starts[first_appearances(codes)[which]]
    words, unit_codes, join = units.words, units.codes, units.separator.join
    return [join([words[c] for c in unit_codes[s : s + n]]) for s in first.tolist()]


class Tokens(TokenCodes):
    """The words of ``docs``: ``standardize(doc, lowercase, punctuation).split()``,
    exactly (the ``TextVectorizer`` default), computed on the corpus's UTF-8
    bytes. With ``punctuation="split"`` each ASCII punctuation byte is a
    token of one byte; Unicode punctuation arrives between spaces."""

    def __init__(self, docs: list[str], lowercase: bool = True, punctuation="strip"):
        split = punctuation == "split"
        corpus = _standardized_bytes(docs, lowercase, split)
        buffer = np.frombuffer(corpus, dtype=np.uint8)
        starts, ends, lengths = _token_spans(buffer, len(docs), split)
        short = (ends - starts) <= _SHORT
        codes = np.empty(len(starts), dtype=np.int64)
        codes[short], words = _short_words(buffer, starts[short], ends[short])
        # Tokens over 16 bytes are rare: plain Python is fast enough for them.
        index = {word: i for i, word in enumerate(words)}
        codes[~short] = [
            index.setdefault(corpus[s:e].decode(), len(index))
            for s, e in zip(starts[~short], ends[~short], strict=True)
        ]
        super().__init__(codes, list(index), lengths)


def standardized_texts(
    docs: list[str], lowercase: bool = True, punctuation: str = "strip"
) -> list[str]:
    """``[standardize(doc, lowercase, punctuation) for doc in docs]`` on the
    corpus's bytes (NUL inside a document becomes a space)."""
    split = punctuation == "split"
    corpus = _standardized_bytes(docs, lowercase, split)
    if split:
        corpus = _SPLIT_PUNCTUATION.sub(rb" \1 ", corpus)
    else:
        corpus = corpus.translate(_PUNCTUATION_TO_SPACE)
    return corpus.decode().split(_SEPARATOR) if docs else []


def _standardized_bytes(
    docs: list[str], lowercase: bool = True, split: bool = False
) -> bytes:
    # Unicode lowercasing and spaces matter only in non-ASCII documents; the
    # rest is lowercased as bytes, several times faster than str.lower().
    separators = unicode_separators(split)
    docs = [
        doc
        if doc.isascii()
        else (doc.lower() if lowercase else doc).translate(separators)
        for doc in docs
    ]
    corpus = _SEPARATOR.join(docs)
    if corpus.count(_SEPARATOR) != len(docs) - 1:
        # NUL inside a document is whitespace, not a document boundary.
        corpus = _SEPARATOR.join(doc.replace(_SEPARATOR, " ") for doc in docs)
    try:
        data = corpus.encode("utf-8")
    except UnicodeEncodeError:
        raise_for_unencodable(docs)
    if lowercase:
        return _LINE_BREAK.sub(b" ", data.lower()).replace(b"'", b"")
    return _ANY_CASE_LINE_BREAK.sub(b" ", data).replace(b"'", b"")


def raise_for_unencodable(docs: list[str]) -> None:
    for position, doc in enumerate(docs):
        try:
            doc.encode("utf-8")
        except UnicodeEncodeError as error:
            bad = error.object[error.start : error.end]
            raise ValueError(
                f"the document at position {position} holds {bad!r} at character "
                f"{error.start}, a lone UTF-16 surrogate that is not text (an emoji "
                "cut in half, often by a JSON or Windows encoder); fix the decoding, "
                "or drop it: doc.encode('utf-8', 'replace').decode()"
            ) from None


def _token_spans(buffer: np.ndarray, n_docs: int, split: bool = False):
    """Start and end (exclusive) of every token, and tokens per document;
    with ``split`` each ASCII punctuation byte is a token of its own."""
    word = np.zeros(len(buffer) + 2, dtype=np.int8)
    word[1:-1] = ~_NOT_WORD[buffer]
    edges = word[1:] - word[:-1]
    starts = np.flatnonzero(edges == 1)
    ends = np.flatnonzero(edges == -1)
    if split:
        marks = np.flatnonzero(_PUNCTUATION_BYTE[buffer])
        # No word run starts at a punctuation byte: the starts stay distinct.
        starts = np.concatenate([starts, marks])
        order = np.argsort(starts, kind="stable")
        starts = starts[order]
        ends = np.concatenate([ends, marks + 1])[order]
    separators = np.flatnonzero(buffer == 0)
    bounds = np.searchsorted(starts, separators)
    lengths = np.diff(bounds, prepend=0, append=len(starts))
    return starts, ends, lengths[:n_docs]


def _short_words(buffer: np.ndarray, starts: np.ndarray, ends: np.ndarray):
    """Exact codes of tokens of at most 16 bytes, and the distinct words.

    Each token is read as two zero-padded little-endian uint64 (its bytes 0-7
    and 8-15); factorizing both halves and then the pair of their codes
    identifies tokens exactly, without comparing strings.
    """
    padded = np.concatenate([buffer, np.zeros(_SHORT, dtype=np.uint8)])
    # Every byte offset read as a little-endian uint64: an unaligned view.
    words = np.ndarray(
        shape=(len(buffer) + 8,), dtype="<u8", buffer=padded, strides=(1,)
    )
    length = ends - starts
    low = words[starts] & _MASKS[np.minimum(length, 8)]
    high = np.zeros_like(low)
    longer = np.flatnonzero(length > 8)
    high[longer] = words[starts[longer] + 8] & _MASKS[length[longer] - 8]
    low_codes, low_values = pd.factorize(low)
    high_codes, high_values = pd.factorize(high)
    n_high = max(len(high_values), 1)
    codes, pairs = pd.factorize(low_codes * n_high + high_codes)
    halves = np.stack(
        [low_values[pairs // n_high], high_values[pairs % n_high]], axis=1
    )
    # As 16-byte strings NumPy drops the zero padding; UTF-8 never contains 0.
    raw = np.ascontiguousarray(halves, dtype="<u8").view("S16").ravel()
    return codes, [word.decode() for word in raw.tolist()]


def gram_codes(codes, segments, n: int, n_words: int):
    """Every run of ``n`` consecutive ``codes`` inside one segment, as codes.

    Returns ``(gram_codes, starts)``: the n-gram starting at position
    ``starts[i]`` has code ``gram_codes[i]``; equal n-grams share a code,
    numbered in order of first appearance. ``segments`` (sorted) says where
    n-grams may not cross: documents, or words for ``char_wb``. Pairs are
    factorized one token at a time, so the integers stay below
    ``len(codes) * n_words``.
    """
    if len(codes) < n:
        return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.int64)
    starts = np.flatnonzero(segments[: len(segments) - n + 1] == segments[n - 1 :])
    grams = codes[starts]
    for k in range(1, n):
        grams, _ = pd.factorize(grams * n_words + codes[starts + k])
    return grams.astype(np.int64), starts


def first_appearances(codes: np.ndarray) -> np.ndarray:
    """Position of the first occurrence of each code 0, 1, ... of ``codes``
    numbered in order of first appearance (as ``pd.factorize`` numbers them)."""
    if not len(codes):
        return np.empty(0, dtype=np.int64)
    seen = np.maximum.accumulate(codes)
    return np.flatnonzero(np.concatenate([[True], codes[1:] > seen[:-1]]))
