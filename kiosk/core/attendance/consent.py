"""The consent text read aloud to a first-time visitor, and its version."""

from __future__ import annotations

from typing import Final

CONSENT_VERSION: Final = "v1"

# Written in やさしい日本語 with furigana markup; [KIKAN] becomes the retention period.
_CONSENT_TEMPLATES: Final = {
    "v1": (
        "この きかいを つかった ことを、{市|し}の {記録|きろく}に のこします。"
        "のこすのは、{年代|ねんだい}・{地域|ちいき}・{来|き}た{日|ひ}・"
        "れんしゅうした {内容|ないよう}・アンケートの {答|こた}え です。"
        "なまえは のこしません。"
        "{記録|きろく}は [KIKAN] のこして、そのあと {消|け}します。"
        "{市|し}の {統計|とうけい}（どれくらいの {人|ひと}が つかったか）の ためだけに つかいます。"
        "よろしいですか？"
    ),
}
KNOWN_CONSENT_VERSIONS: Final = tuple(_CONSENT_TEMPLATES)


def _period_text(months: int) -> str:
    if months % 12 == 0:
        return f"{months // 12}{{年|ねん}}"
    return f"{months}か{{月|げつ}}"


def consent_text(retention_months: int, version: str = CONSENT_VERSION) -> str:
    """The consent text (furigana markup) for ``version``, naming the retention period."""
    if retention_months < 1:
        raise ValueError("retention_months must be at least 1")
    return _CONSENT_TEMPLATES[version].replace("[KIKAN]", _period_text(retention_months))
