"""The GRU family: gated recurrent unit layers."""

from skseq.networks._recurrent import MASK_RULE, keeps_mask, recurrent_body
from skseq.networks._spec import Network

NETWORK = Network(
    prefix="GRU",
    summary="Gated recurrent unit (GRU) network.",
    body=recurrent_body("gru"),
    keeps_mask=keeps_mask,
    mask_rule=MASK_RULE,
    references=(
        'K. Cho et al., "Learning phrase representations using RNN\n'
        'encoder-decoder for statistical machine translation", EMNLP 2014.'
    ),
)
