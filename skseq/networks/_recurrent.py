"""The recurrent stack shared by the SimpleRNN, LSTM and GRU families and by
Conv1D's optional recurrent top."""

from __future__ import annotations

from keras import layers

CELLS = {"simple_rnn": layers.SimpleRNN, "lstm": layers.LSTM, "gru": layers.GRU}
POOLS = {"max": layers.GlobalMaxPooling1D, "mean": layers.GlobalAveragePooling1D}


def recurrent_stack(x, cell: str, units: int, n_layers: int, hp):
    """``n_layers`` recurrent layers of ``cell``; the last returns its final
    state, or the max/mean over all its states when ``hp.pooling`` says so.

    Reads ``hp.dropout``, ``hp.recurrent_dropout``, ``hp.bidirectional`` and
    ``hp.pooling``.
    """
    for i in range(n_layers):
        layer = CELLS[cell](
            units,
            dropout=hp.dropout,
            recurrent_dropout=hp.recurrent_dropout,
            return_sequences=i < n_layers - 1 or hp.pooling is not None,
        )
        x = layers.Bidirectional(layer)(x) if hp.bidirectional else layer(x)
    return POOLS[hp.pooling]()(x) if hp.pooling else x


def recurrent_body(cell: str):
    """The body of a purely recurrent family: ``n_layers`` of ``units``."""

    def body(x, hp):
        return recurrent_stack(x, cell, hp.units, hp.n_layers, hp)

    body.__name__ = cell
    return body


def keeps_mask(hp) -> bool:
    """Recurrent layers and mean pooling honour the padding mask; max pooling
    does not."""
    return hp.pooling in (None, "mean")


MASK_RULE = "with pooling None or 'mean'"
