"""The GRU family: gated recurrent unit layers."""

from skseq.networks._recurrent import recurrent_body
from skseq.networks._spec import Network

NETWORK = Network(
    prefix="GRU",
    summary="Gated recurrent unit (GRU) network.",
    body=recurrent_body("gru"),
    references=(
        'K. Cho et al., "Learning phrase representations using RNN\n'
        'encoder-decoder for statistical machine translation", EMNLP 2014.'
    ),
)
