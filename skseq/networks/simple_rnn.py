"""The SimpleRNN family: a fully connected (Elman) recurrent network."""

from skseq.networks._recurrent import recurrent_body
from skseq.networks._spec import Network

NETWORK = Network(
    prefix="SimpleRNN",
    summary="Simple (Elman) recurrent network.",
    body=recurrent_body("simple_rnn"),
    references=(
        'J. L. Elman, "Finding structure in time", Cognitive Science 14(2), 1990.'
    ),
)
