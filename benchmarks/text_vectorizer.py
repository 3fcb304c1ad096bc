"""Benchmark ``skseq.TextVectorizer`` against ``keras.layers.TextVectorization``.

Both turn the 25,000 IMDB training reviews into a ``(25000, 500)`` int matrix
over a 20,000-id vocabulary: learn the vocabulary, then encode the same texts.

* skseq: ``TextVectorizer(max_tokens=20000, maxlen=500).fit_transform(texts)``.
* keras: ``TextVectorization(max_tokens=20000, output_sequence_length=500)``,
  ``adapt`` on ``tf.data.Dataset.from_tensor_slices(texts).batch(1024)``, then
  the layer mapped over the same batches (parallel ``map`` + ``prefetch``, as
  the Keras text-classification tutorial does) and materialised with
  ``.numpy()``. Building the dataset is part of the timed work.

Each is run ``--repeats`` times with fresh objects; the table reports the
median (and fastest) wall time and the speed-up keras/skseq, plus two sanity
checks: the output shapes, and how many of the 1,000 most frequent words the
two vocabularies share. (The standardizations differ slightly: keras keeps
``<br />`` as the word "br" and deletes punctuation instead of splitting on
it, so the overlap is high but not 100%.)

With ``--analyzers`` it times ``TextVectorizer``'s analyzer paths instead
(``max_tokens=20000``, ``maxlen="auto"``; median of ``--repeats``, default 3,
fit_transform runs in one process) and reports what ``maxlen="auto"`` chose
(``maxlen_`` and the share of documents cut) on the reviews and on their first
sentences (each review up to its first ". "):

* ``word``: the default, the NumPy fast path; ``word-cased``: the same path
  with ``lowercase=False``;
* ``word-tokenizer`` (``tokenizer=str.split``) and ``word-raw``
  (``standardize=None``): the general word path;
* ``char``, ``char_wb``, and ``char_wb-3`` (``ngrams=3``).

Usage::

    python benchmarks/text_vectorizer.py            # full: 25,000 reviews
    python benchmarks/text_vectorizer.py --quick    # 2,000 reviews
    python benchmarks/text_vectorizer.py --analyzers               # every path
    python benchmarks/text_vectorizer.py --analyzers word char --quick
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import time
import warnings
from pathlib import Path

import numpy as np
from _common import parser, positive_int

MAX_TOKENS = 20000
MAXLEN = 500
BATCH_SIZE = 1024
QUICK_N = 2000
TOP_K = 1000


ANALYZER_PATHS = {
    "word": {},
    "word-cased": {"lowercase": False},
    "word-tokenizer": {"tokenizer": str.split},
    "word-raw": {"standardize": None},
    "char": {"analyzer": "char"},
    "char_wb": {"analyzer": "char_wb"},
    "char_wb-3": {"analyzer": "char_wb", "ngrams": 3},
}


def parse_args(argv=None) -> argparse.Namespace:
    cli = parser(__doc__, "text_vectorizer")
    cli.add_argument(
        "--repeats",
        type=positive_int,
        default=None,
        help="timed runs of each (5; 3 with --analyzers)",
    )
    cli.add_argument(
        "--analyzers",
        nargs="*",
        choices=list(ANALYZER_PATHS),
        default=None,
        metavar="PATH",
        help="time these TextVectorizer analyzer paths (none named: all of "
        f"{', '.join(ANALYZER_PATHS)}) instead of comparing with Keras",
    )
    return cli.parse_args(argv)


def load_texts(data_home: str, quick: bool) -> list[str]:
    from skseq.datasets import fetch_imdb

    texts = fetch_imdb("train", data_home=data_home).data
    if quick:
        # The frame is sorted by label: sample, so both classes are present.
        texts = texts.sample(n=QUICK_N, random_state=0)
    return texts.tolist()


def run_skseq(texts: list[str]) -> tuple[np.ndarray, list[str]]:
    from skseq import TextVectorizer

    vectorizer = TextVectorizer(max_tokens=MAX_TOKENS, maxlen=MAXLEN)
    out = vectorizer.fit_transform(texts)
    return out, vectorizer.get_vocabulary()


def run_keras(texts: list[str]) -> tuple[np.ndarray, list[str]]:
    import keras
    import tensorflow as tf

    layer = keras.layers.TextVectorization(
        max_tokens=MAX_TOKENS, output_sequence_length=MAXLEN
    )
    batches = tf.data.Dataset.from_tensor_slices(texts).batch(BATCH_SIZE)
    layer.adapt(batches)
    encoded = batches.map(layer, num_parallel_calls=tf.data.AUTOTUNE).prefetch(
        tf.data.AUTOTUNE
    )
    out = np.concatenate([ids.numpy() for ids in encoded])
    return out, layer.get_vocabulary()


def time_runs(fn, texts: list[str], repeats: int) -> tuple[list[float], tuple]:
    times = []
    result = None
    for _ in range(repeats):
        start = time.perf_counter()
        result = fn(texts)
        times.append(time.perf_counter() - start)
    return times, result


def first_sentence(text: str) -> str:
    """The text up to its first ". " (all of it if there is none)."""
    end = text.find(". ")
    return text if end < 0 else text[: end + 1]


def auto_maxlen_report(params: dict, texts: list[str]) -> dict:
    """What maxlen="auto" chose on ``texts`` and how many documents it cuts."""
    from skseq import TextVectorizer

    vectorizer = TextVectorizer(max_tokens=MAX_TOKENS, **params).fit(texts)
    n_tokens = vectorizer._tokenize(texts, fitting=True).n_tokens(vectorizer.ngrams)
    return {
        "maxlen_": vectorizer.maxlen_,
        "truncated_share": float(np.mean(n_tokens > vectorizer.maxlen_)),
        "median_tokens": float(np.median(n_tokens)),
        "max_tokens_per_document": int(n_tokens.max()),
    }


def run_analyzers(args: argparse.Namespace, texts: list[str]) -> dict:
    from _common import table, write_json

    from skseq import TextVectorizer

    names = args.analyzers or list(ANALYZER_PATHS)
    repeats = args.repeats or 3
    sentences = [first_sentence(text) for text in texts]
    # A few first "sentences" (". . ." openings) have no words: no warnings.
    warnings.filterwarnings("ignore", "[0-9]+ of [0-9]+ documents have no")
    results, rows = {}, []
    for name in names:
        params = ANALYZER_PATHS[name]

        def fit_transform(docs, params=params):
            vectorizer = TextVectorizer(max_tokens=MAX_TOKENS, **params)
            return vectorizer.fit_transform(docs), vectorizer.get_vocabulary()

        times, (out, vocabulary) = time_runs(fit_transform, texts, repeats)
        full = auto_maxlen_report(params, texts)
        short = auto_maxlen_report(params, sentences)
        results[name] = {
            "params": {k: getattr(v, "__qualname__", v) for k, v in params.items()},
            "times_s": times,
            "median_s": statistics.median(times),
            "output_shape": list(out.shape),
            "vocabulary_size": len(vocabulary),
            "reviews": full,
            "first_sentences": short,
        }
        rows.append(
            [
                name,
                statistics.median(times),
                min(times),
                len(vocabulary),
                full["maxlen_"],
                f"{full['truncated_share']:.1%}",
                short["maxlen_"],
                f"{short['truncated_share']:.1%}",
            ]
        )
    header = [
        "path",
        "median s",
        "min s",
        "vocab",
        "auto",
        "cut",
        "auto 1st",
        "cut 1st",
    ]
    title = (
        f"TextVectorizer(max_tokens={MAX_TOKENS}, maxlen='auto').fit_transform on "
        f"{len(texts):,} IMDB train reviews, {repeats} repeats; 'auto': maxlen_ "
        "chosen and share of documents cut, on the reviews and on their first "
        "sentences"
    )
    print(table(title, header, rows))
    out_path = args.out
    if Path(out_path).name == "text_vectorizer.json":
        out_path = str(Path(out_path).with_name("text_vectorizer_analyzers.json"))
    write_json(
        out_path, {"n_documents": len(texts), "repeats": repeats, "paths": results}
    )
    return results


def main(argv=None) -> dict:
    args = parse_args(argv)
    texts = load_texts(args.data_home, args.quick)
    if args.analyzers is not None:
        return run_analyzers(args, texts)
    args.repeats = args.repeats or 5

    import keras
    import sklearn
    import tensorflow as tf

    import skseq

    skseq_times, (skseq_out, skseq_vocab) = time_runs(run_skseq, texts, args.repeats)
    keras_times, (keras_out, keras_vocab) = time_runs(run_keras, texts, args.repeats)

    skseq_median = statistics.median(skseq_times)
    keras_median = statistics.median(keras_times)
    ratio = keras_median / skseq_median
    # Index 0 is padding and 1 the OOV token in both vocabularies.
    top_skseq = set(skseq_vocab[2 : 2 + TOP_K])
    top_keras = set(keras_vocab[2 : 2 + TOP_K])
    overlap = len(top_skseq & top_keras)
    same_shape = skseq_out.shape == keras_out.shape

    results = {
        "n_documents": len(texts),
        "max_tokens": MAX_TOKENS,
        "maxlen": MAXLEN,
        "batch_size": BATCH_SIZE,
        "repeats": args.repeats,
        "skseq": {
            "times_s": skseq_times,
            "median_s": skseq_median,
            "min_s": min(skseq_times),
            "output_shape": list(skseq_out.shape),
            "output_dtype": str(skseq_out.dtype),
            "vocabulary_size": len(skseq_vocab),
        },
        "keras": {
            "times_s": keras_times,
            "median_s": keras_median,
            "min_s": min(keras_times),
            "output_shape": list(keras_out.shape),
            "output_dtype": str(keras_out.dtype),
            "vocabulary_size": len(keras_vocab),
        },
        "ratio_keras_over_skseq": ratio,
        "goal_speedup": 2.0,
        "same_shape": same_shape,
        f"top{TOP_K}_overlap": overlap,
        "versions": {
            "python": platform.python_version(),
            "skseq": skseq.__version__,
            "keras": keras.__version__,
            "tensorflow": tf.__version__,
            "numpy": np.__version__,
            "scikit-learn": sklearn.__version__,
        },
        "cpu_count": os.cpu_count(),
        "platform": platform.platform(),
    }

    rows = [
        ("skseq TextVectorizer.fit_transform", skseq_times, skseq_out, skseq_vocab),
        ("keras TextVectorization adapt+call", keras_times, keras_out, keras_vocab),
    ]
    title = (
        f"Text vectorization: {len(texts):,} IMDB train reviews, "
        f"max_tokens={MAX_TOKENS}, maxlen={MAXLEN}, {args.repeats} repeats"
    )
    header = (
        f"{'implementation':<36} {'median s':>9} {'min s':>8} "
        f"{'shape':>12} {'vocab':>6} {'t/t_skseq':>9}"
    )
    lines = [title, "=" * len(header), header, "-" * len(header)]
    for name, times, out, vocab in rows:
        shape = "x".join(map(str, out.shape))
        lines.append(
            f"{name:<36} {statistics.median(times):>9.2f} {min(times):>8.2f} "
            f"{shape:>12} {len(vocab):>6} "
            f"{statistics.median(times) / skseq_median:>8.2f}x"
        )
    lines += [
        "-" * len(header),
        f"keras time / skseq time (medians): {ratio:.2f}x "
        f"(goal >= 2x: {'met' if ratio >= 2 else 'NOT met'}); "
        f"same shape: {'yes' if same_shape else 'NO'}; "
        f"top-{TOP_K} vocabulary overlap: {overlap}/{TOP_K}",
    ]
    print("\n".join(lines))

    out_path = Path(args.out)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    out_path.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(f"results written to {out_path}")
    return results


if __name__ == "__main__":
    main()
