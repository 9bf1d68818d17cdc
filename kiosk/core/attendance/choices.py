"""The fixed answer sets of うけつけ: age bands, activity kinds and the end-of-visit questions."""

from __future__ import annotations

from typing import Final

# Values as stored and written to the CSV; the screens show AGE_BAND_LABELS.
AGE_BANDS: Final = ("〜49", "50代", "60代", "70代", "80代", "90〜")
AGE_BAND_LABELS: Final = {
    "〜49": "49{歳|さい}まで",
    "50代": "50{代|だい}",
    "60代": "60{代|だい}",
    "70代": "70{代|だい}",
    "80代": "80{代|だい}",
    "90〜": "90{歳|さい}から",
}

# Always offered after the centre's own areas: someone from another town, and someone who
# would rather not say, must be able to register too.
OUTSIDE_AREA: Final = "市外"
NO_ANSWER_AREA: Final = "こたえない"


def area_choices(configured: tuple[str, ...]) -> tuple[str, ...]:
    """The areas a first-time visitor chooses from: the centre's, then 市外 and こたえない."""
    extra = tuple(a for a in (OUTSIDE_AREA, NO_ANSWER_AREA) if a not in configured)
    return (*configured, *extra)


USED_SERVICES_QUESTION: Final = (
    "この 1か{月|げつ}で、スマホや パソコンで {市|し}の サービス"
    "（でんし しんせい・よやく・マイナポータル など）を つかいましたか？"
)
USED_SERVICES_ANSWERS: Final = ("はい", "いいえ", "わからない")

UNDERSTOOD_QUESTION: Final = "きょうの れんしゅうは わかりましたか？"
# Stored values; the screen may show them as よく わかった / すこし / わからなかった.
UNDERSTOOD_ANSWERS: Final = ("はい", "すこし", "いいえ")

# How a visit was spent, as written to the CSV.
MODE_SELF_STUDY: Final = "自習"
MODE_CLASS: Final = "教室"
