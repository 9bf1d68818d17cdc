"""``Section``: one TOML table read by a builder, with getters that report instead of raising."""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from kiosk.core.content.placeholders import PLACEHOLDER, PLACEHOLDER_CHECK_VALUE
from kiosk.core.content.problems import describe_value
from kiosk.core.content.toml_file import FileCheck
from kiosk.core.ruby import RubyError, fully_read, readings_not_kana, unread_kanji

_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def _snippet(text: str, position: int) -> str:
    start = max(0, position - 6)
    end = min(len(text), position + 14)
    piece = text[start:end].replace("\n", " ")
    return ("…" if start else "") + piece + ("…" if end < len(text) else "")


MISSING: Any = object()
"""What ``lookup`` answers for a key the table does not hold."""


class Section:
    """One TOML table being read by a builder: typed getters that report instead of raising.

    Getters return a placeholder ("" / 0 / empty) on a problem, so a builder reads on and
    every problem of the file is found; the loader drops the result when any was reported.
    Keys a builder reads are remembered, and ``finish`` reports every other key as unknown.
    """

    def __init__(
        self, data: Mapping[str, Any], file: FileCheck, *, step: int | None = None, label: str = ""
    ) -> None:
        self.data = data
        self.file = file
        self.step = step
        self.label = label
        self._known: dict[str, None] = {}

    def report(self, message: str, ja: str = "") -> None:
        """Record a problem in this section (``step N: check: ...``)."""
        self.file.report(
            f"{self.label}: {message}" if self.label else message, step=self.step, ja=ja
        )

    def lookup(self, key: str, required: bool, example: str) -> Any:
        """The value as written, or ``MISSING`` (reported if ``required``); marks ``key`` read."""
        self._known[key] = None
        if key in self.data:
            return self.data[key]
        if required:
            self.report(
                f"'{key}' is missing; add a line like {example}",
                ja=f"「{key}」の 行が ありません。{example} のような 行を 書きたして ください。",
            )
        return MISSING

    def wrong_type(self, key: str, expected: str, value: Any) -> None:
        """Report that ``key`` holds ``value`` where ``expected`` (worded for authors) belongs."""
        hint = ""
        if isinstance(value, str) and "number" in expected and value.strip().isdigit():
            hint = "; remove the quotes"
        elif isinstance(value, int | float) and not isinstance(value, bool) and "text" in expected:
            hint = "; put it in quotes"
        self.report(
            f"'{key}' must be {expected}, not {describe_value(value)}{hint}",
            ja=f"「{key}」の 書き方が ちがいます。"
            + ('数字には " を つけません。' if "number" in expected else "")
            + ('文は " で かこみます。' if "text" in expected else "")
            + "lessons/README.md の 表と くらべて ください。",
        )

    def check_markup(self, value: str, name: str, *, spoken: bool = True) -> None:
        """Report broken furigana, readings that are not kana, and (strict, spoken) unread kanji.

        When the file's kind allows placeholders, unknown ones are reported and the known
        ones stand in as kana.
        """
        allowed = self.file.placeholders
        if allowed and "{{" in value:
            for match in PLACEHOLDER.finditer(value):
                if match.group(1) not in allowed:
                    self._unknown_placeholder(match.group(0), match.group(1), name)
            value = PLACEHOLDER.sub(PLACEHOLDER_CHECK_VALUE, value)
        strict = spoken and self.file.strict
        if strict and fully_read(value):
            return
        try:
            not_kana = readings_not_kana(value)
        except RubyError as error:
            self.report(
                f"{name} has broken furigana near '{_snippet(value, error.position)}': {error}; "
                "write furigana like {漢字|かんじ}",
                ja=f"{name} の ふりがなの 書き方が くずれています"
                f"（「{_snippet(value, error.position)}」の あたり）。"
                "{漢字|かんじ} の 形に なおして ください。",
            )
            return
        for segment in not_kana:
            self.report(
                f"{name}: the reading '{segment.reading}' of '{segment.base}' is not kana; "
                "write readings in hiragana or katakana only",
                ja=f"{name} の「{segment.base}」の 読み「{segment.reading}」に、"
                "かな 以外の 文字が あります。読みは ひらがなか カタカナで 書きます。",
            )
        if strict:
            runs = unread_kanji(value)
            if runs:
                listed = ", ".join(f"'{run}'" for run in runs)
                self.report(
                    f"{name} has kanji without a reading: {listed}; the speech engine cannot "
                    f"read kanji, so add the reading like {{{runs[0]}|よみ}}",
                    ja=f"{name} に ふりがなの ない 漢字が あります（{listed}）。"
                    f"読み上げの ために {{{runs[0]}|よみ}} の 形で ふりがなを つけて ください。",
                )

    def _unknown_placeholder(self, written: str, placeholder: str, name: str) -> None:
        allowed = self.file.placeholders
        listed = ", ".join(f"{{{{{known}}}}}" for known in allowed)
        # With one allowed placeholder, "use {{office}}" already names the one meant.
        close = difflib.get_close_matches(placeholder, allowed, n=1, cutoff=0.5)
        hint = f"did you mean '{{{{{close[0]}}}}}'? " if close and len(allowed) > 1 else ""
        self.report(
            f"{name} has the unknown placeholder '{written}'; {hint}use {listed}",
            ja=f"{name} の「{written}」は 使えません。{listed} と 書いて ください。",
        )

    def text(
        self,
        key: str,
        *,
        required: bool = True,
        one_line: bool = False,
        spoken: bool = True,
        example: str = "",
    ) -> str:
        """A text field that may hold furigana; "" when missing or wrong."""
        value = self._string(key, required, example)
        if value is None:
            return ""
        value = value.strip()
        if not value:
            self.report(
                f"'{key}' is empty; write the text between the quotes"
                + ("" if required else " or remove the line"),
                ja=f'「{key}」が からです。"" の 間に 文を 書いて ください。',
            )
            return ""
        if one_line and "\n" in value:
            self.report(
                f"'{key}' must be one line; remove the line breaks",
                ja=f"「{key}」は 1行で 書きます。改行を けして ください。",
            )
        self.check_markup(value, f"'{key}'", spoken=spoken)
        return value

    def word(self, key: str, *, required: bool = True, example: str = "") -> str:
        """Plain text without furigana (an id, a level, a kind); "" when missing or wrong."""
        value = self._string(key, required, example)
        return "" if value is None else value.strip()

    def _string(self, key: str, required: bool, example: str) -> str | None:
        """The text under ``key`` as written; None (reported if it matters) when missing or wrong."""
        value = self.lookup(key, required, example or f'{key} = "..."')
        if value is MISSING:
            return None
        if not isinstance(value, str):
            self.wrong_type(key, 'text in quotes ("...")', value)
            return None
        return value

    def one_of(self, key: str, options: Sequence[str], *, example: str = "") -> str:
        """A text value that must be one of ``options``; "" when missing or wrong."""
        value = self.word(key, example=example)
        if value and value not in options:
            allowed = " or ".join(f'"{option}"' for option in options)
            self.report(f"'{key}' is \"{value}\"; use {allowed}")
            return ""
        return value

    def identifier(self, key: str = "id", *, example: str = 'id = "power-buttons"') -> str:
        """An id made of a-z, 0-9 and '-'; "" when missing or wrong."""
        value = self.word(key, example=example)
        if value and not _ID.fullmatch(value):
            suggestion = re.sub(r"[^a-z0-9]+", "-", value.lower()).strip("-")
            hint = f" (for example '{suggestion}')" if suggestion else ""
            self.report(
                f"'{key}' \"{value}\" may use only small letters a-z, digits 0-9 and '-' "
                f"between them{hint}"
            )
            return ""
        return value

    def integer(
        self,
        key: str,
        *,
        low: int,
        high: int,
        required: bool = True,
        example: str = "",
        meaning: str = "",
    ) -> int:
        """A whole number from ``low`` to ``high``; 0 when missing or wrong."""
        example = example or f"{key} = {low}"
        value = self.lookup(key, required, example)
        if value is MISSING:
            return 0
        if isinstance(value, bool) or not isinstance(value, int):
            self.wrong_type(key, f"a whole number like {example.split('=')[-1].strip()}", value)
            return 0
        if not low <= value <= high:
            self.report(f"'{key}' is {value}; use a number from {low} to {high}{meaning}")
            return 0
        return value

    def text_list(
        self,
        key: str,
        *,
        item_name: str,
        min_items: int,
        max_items: int,
        spoken: bool = True,
        example: str = "",
    ) -> tuple[str, ...]:
        """A list of one-line texts with furigana; () when missing or wrong.

        The list may be left out only when ``min_items`` is 0.
        """
        example = example or f'{key} = ["...", "..."]'
        value = self.lookup(key, min_items > 0, example)
        if value is MISSING:
            return ()
        if not isinstance(value, list):
            self.wrong_type(key, f"a list like {example.split('=', 1)[-1].strip()}", value)
            return ()
        if not min_items <= len(value) <= max_items:
            self.report(
                f"'{key}' has {len(value)}; give from {min_items} to {max_items} {item_name}s"
            )
        items: list[str] = []
        for number, item in enumerate(value, 1):
            name = f"{item_name} {number}"
            if not isinstance(item, str):
                self.report(f"{name} must be text in quotes, not {describe_value(item)}")
                continue
            item = item.strip()
            if not item:
                self.report(f"{name} is empty; write the text between the quotes")
                continue
            if "\n" in item:
                self.report(f"{name} must be one line; remove the line breaks")
            self.check_markup(item, name, spoken=spoken)
            items.append(item)
        return tuple(items)

    def image(self, key: str = "image") -> tuple[str, Path] | None:
        """An optional picture under assets/: ``(path as written, absolute path)``, or None."""
        value = self.word(key, required=False)
        if not value:
            if key in self.data and isinstance(self.data[key], str):
                self.report(f"'{key}' is empty; give a picture under assets/ or remove the line")
            return None
        path, problem = self.file.images.check(value, self.file.root)
        if problem is not None:
            self.report(problem, self.file.images.japanese.get(problem, ""))
            return None
        assert path is not None
        return value, path

    def table(
        self, key: str, *, label: str, example: str, required: bool = False
    ) -> Section | None:
        """A sub-table such as ``[steps.check]``; None when absent or wrong."""
        value = self.lookup(key, required, example)
        if value is MISSING:
            return None
        if not isinstance(value, dict):
            self.wrong_type(key, f"a section written {example}", value)
            return None
        return self.child(value, label)

    def child(self, data: Mapping[str, Any], label: str) -> Section:
        """A sub-table of the same step, reported as ``label: ...``."""
        return Section(data, self.file, step=self.step, label=label)

    def tables(
        self, key: str, *, label: str, min_items: int, max_items: int, example: str
    ) -> list[Section]:
        """A list of tables (``[[items]]`` or ``elements = [{...}, ...]``), each labelled."""
        value = self.raw(key, required=True, example=example)
        if value is None:
            return []
        if isinstance(value, dict):
            self.report(f"write each entry of '{key}' as [[{key}]] with two brackets")
            return []
        if not isinstance(value, list):
            self.wrong_type(key, f"a list of sections like {example}", value)
            return []
        if not min_items <= len(value) <= max_items:
            self.report(f"'{key}' has {len(value)}; give from {min_items} to {max_items}")
        readers: list[Section] = []
        for number, item in enumerate(value, 1):
            if isinstance(item, dict):
                readers.append(self.child(item, f"{label} {number}"))
            else:
                self.report(f"{label} {number} must be a section, not {describe_value(item)}")
        return readers

    def steps(self, key: str = "steps") -> list[Section]:
        """The ``[[steps]]`` sections, each numbered from 1; reports a missing or empty list."""
        value = self.lookup(key, False, "")
        no_steps = f"there are no steps; add at least one [[{key}]] section"
        if value is MISSING:
            self.report(no_steps)
            return []
        if isinstance(value, dict):
            self.report(f"write each step as [[{key}]] with two brackets, not [{key}]")
            return []
        if not isinstance(value, list):
            self.wrong_type(key, f"[[{key}]] sections", value)
            return []
        if not value:
            self.report(no_steps)
            return []
        sections: list[Section] = []
        for number, item in enumerate(value, 1):
            if isinstance(item, dict):
                sections.append(Section(item, self.file, step=number))
            else:
                self.file.report(
                    f"must be a [[{key}]] section with its own lines, not {describe_value(item)}",
                    step=number,
                )
        return sections

    def raw(self, key: str, *, required: bool, example: str) -> Any:
        """The value as written (None when missing, reported if required)."""
        self.lookup(key, required, example)  # marks the key as read; reports it if missing
        return self.data.get(key)

    def flag(self, key: str) -> bool:
        """An optional true/false value; False when missing or wrong."""
        value = self.raw(key, required=False, example=f"{key} = true")
        if value is None:
            return False
        if not isinstance(value, bool):
            hint = "; remove the quotes" if value in ("true", "false") else ""
            self.report(f"'{key}' must be true or false, not {describe_value(value)}{hint}")
            return False
        return value

    def choice(self, key: str, options: Sequence[str], default: str) -> str:
        """An optional value from ``options``; ``default`` when missing."""
        if key not in self.data:
            self.lookup(key, False, "")
            return default
        return self.one_of(key, options)

    def peek(self, key: str) -> Any:
        """The raw value (or None) without marking the key as read."""
        return self.data.get(key)

    def finish(self, hints: Mapping[str, str] | None = None) -> None:
        """Report every key no getter asked for, suggesting the intended one."""
        for key in self.data:
            if key in self._known:
                continue
            unknown_ja = f"「{key}」という 項目は ありません。"
            if hints and key in hints:
                self.report(
                    f"unknown key '{key}'; {hints[key]}", ja=unknown_ja + "置く 場所が ちがいます。"
                )
                continue
            known = list(self._known)
            candidates = [*known, *(hints or {})]
            lowered = {name.lower(): name for name in candidates}
            close = [lowered[key.lower()]] if key.lower() in lowered else []
            close = close or difflib.get_close_matches(key, candidates, n=1, cutoff=0.6)
            if close and hints and close[0] in hints and close[0] not in self._known:
                self.report(
                    f"unknown key '{key}'; did you mean '{close[0]}'? ({hints[close[0]]})",
                    ja=unknown_ja + f"「{close[0]}」の まちがいでは ありませんか。",
                )
            elif close:
                self.report(
                    f"unknown key '{key}'; did you mean '{close[0]}'?",
                    ja=unknown_ja + f"「{close[0]}」の まちがいでは ありませんか。",
                )
            else:
                self.report(
                    f"unknown key '{key}'; remove it or use one of: {', '.join(known)}",
                    ja=unknown_ja + "つづりを なおすか、その 行を けして ください。",
                )
