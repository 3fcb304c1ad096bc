"""The recurrent stack shared by the SimpleRNN, LSTM and GRU families and by
Conv1D's optional recurrent top."""

from __future__ import annotations

from keras import layers

from skseq.networks._masking import masked_pooling, padding_mask

CELLS = {"simple_rnn": layers.SimpleRNN, "lstm": layers.LSTM, "gru": layers.GRU}


def recurrent_stack(x, cell: str, units: int, n_layers: int, hp):
    """``n_layers`` recurrent layers of ``cell``; the last returns its final
    state, or the max/mean over all its states when ``hp.pooling`` says so.

    Padded steps (the Keras mask of ``x``) are skipped: a state passes them
    unchanged, and pooling reads real steps only. Reads ``hp.dropout``,
    ``hp.recurrent_dropout``, ``hp.bidirectional`` and ``hp.pooling``.
    """
    mask = padding_mask(x) if hp.pooling else None
    for i in range(n_layers):
        layer = CELLS[cell](
            units,
            dropout=hp.dropout,
            recurrent_dropout=hp.recurrent_dropout,
            return_sequences=i < n_layers - 1 or hp.pooling is not None,
        )
        x = layers.Bidirectional(layer)(x) if hp.bidirectional else layer(x)
    return masked_pooling(x, mask, hp.pooling) if hp.pooling else x


def recurrent_body(cell: str):
    """The body of a purely recurrent family: ``n_layers`` of ``units``."""

    def body(x, hp):
        return recurrent_stack(x, cell, hp.units, hp.n_layers, hp)

    body.__name__ = cell
    return body
