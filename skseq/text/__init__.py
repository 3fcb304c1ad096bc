"""Text to integer sequences: ``TextVectorizer``, and ``SequencePadder`` and
``pad`` for sequences already tokenized.

The text wing: ``_vectorizer.py`` (``TextVectorizer``), ``_analyzers.py``
(words, characters, characters within words; ``standardize``), ``_tokens.py``
(the fast word path and the token structure every analyzer returns),
``_vocabulary.py`` (the vocabulary cut-off, ``maxlen="auto"``) and
``_padding.py`` (``pad``, ``SequencePadder``). Plain Python and NumPy on
purpose (DESIGN §4): no Keras, so the transformers work with any backend and
pickle like any scikit-learn object.
"""

from skseq.text._analyzers import standardize
from skseq.text._padding import SequencePadder, pad
from skseq.text._vectorizer import OOV_TOKEN, PADDING_TOKEN, TextVectorizer

__all__ = [
    "OOV_TOKEN",
    "PADDING_TOKEN",
    "SequencePadder",
    "TextVectorizer",
    "pad",
    "standardize",
]
