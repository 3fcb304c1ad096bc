"""Small corpora built from templates, for the text tests.

``chinese_sentiment`` writes short Chinese reviews, "subject + degree +
opinion + ending" ("这部电影非常好看。", "剧情太无聊了"), deterministically: a
language written without spaces, where a word analyzer sees each sentence as
one token and a character analyzer sees the opinion's characters. Train and
test sentences are about different subjects, so a model must learn the
opinion words, not the sentences.
"""

from __future__ import annotations

import itertools

import numpy as np

SUBJECTS = [
    "这部电影",
    "这本书",
    "这家餐厅",
    "这款手机",
    "这次旅行",
    "这首歌",
    "他的演技",
    "这个故事",
    # held out for testing
    "剧情",
    "这里的服务",
    "那家酒店",
    "这场比赛",
]
N_TEST_SUBJECTS = 4
DEGREES = ["非常", "很", "真", "特别", "十分", "太", "挺", "相当", "有点", ""]
POSITIVE = [
    "好看",
    "精彩",
    "感人",
    "有趣",
    "出色",
    "棒",
    "满意",
    "舒服",
    "好听",
    "优秀",
]
NEGATIVE = [
    "无聊",
    "难看",
    "失望",
    "糟糕",
    "差劲",
    "乏味",
    "难听",
    "烦人",
    "平庸",
    "可怕",
]
TEMPLATES = ["{s}{d}{p}{e}", "我觉得{s}{d}{p}{e}", "说实话，{s}{d}{p}{e}"]
ENDINGS = ["", "了", "！", "。", "啊", "呢"]


def chinese_sentiment(n_train=300, n_test=120, random_state=0):
    """``(train_text, y_train, test_text, y_test)``: balanced labels (1 =
    positive), test sentences about subjects no training sentence mentions."""
    rng = np.random.default_rng(random_state)
    split = len(SUBJECTS) - N_TEST_SUBJECTS
    train = _sentences(SUBJECTS[:split], n_train, rng)
    test = _sentences(SUBJECTS[split:], n_test, rng)
    return train[0], train[1], test[0], test[1]


def _sentences(subjects, n, rng):
    texts, labels = [], []
    for label, opinions in ((1, POSITIVE), (0, NEGATIVE)):
        grid = list(itertools.product(TEMPLATES, subjects, DEGREES, opinions, ENDINGS))
        for i in rng.choice(len(grid), size=n // 2, replace=False):
            template, s, d, p, e = grid[i]
            texts.append(template.format(s=s, d=d, p=p, e=e))
            labels.append(label)
    order = rng.permutation(len(texts))
    return [texts[i] for i in order], np.array(labels)[order]
