"""The loader's quick scans agree with the full checks they stand in for."""

from __future__ import annotations

import io

import pytest

from kiosk.core import ruby
from kiosk.core.content.images import _svg_problem, plain_svg_start

PAD = b"<rect/>" * 10
PLAIN_STARTS = [
    b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 600">' + PAD,
    b'<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg">' + PAD,
    b"\xef\xbb\xbf<?xml version='1.0' standalone='no'?>\r\n<!-- made by hand -->\n<svg"
    b' xmlns:xlink="http://www.w3.org/1999/xlink" width="4" height="4"/>' + PAD,
]
PARSER_STARTS = [
    b'<svg a="1" a="2">' + PAD,  # a repeated attribute
    b'<svg xmlns="http://example.org/other">' + PAD,  # another element than <svg>
    b'<svg xmlns:p="">' + PAD,  # a prefix cannot be undeclared
    b'<svg xmlns:xml="http://example.org/">' + PAD,  # a reserved prefix
    b'<svg xmlns:p="http://example.org/}">' + PAD,  # the parser's namespace separator
    b'<svg xmlns:p="http://www.w3.org/2000/xmlns/">' + PAD,  # a reserved namespace
    b'<svg width="4" height="4"/>',  # too short to be sure the parser reaches the tag
    b"<!-- a --->" + b"<svg/>" + PAD,  # '--' ends a comment only with '>'
    b" <?xml version='1.0'?><svg/>" + PAD,  # the declaration must come first
    b'<svg title="&lt;">' + PAD,  # references are left to the parser
    b"<svg" + b' a="1"' * 200 + b">",  # the tag ends after what the parser reads at once
    b"<html><svg/></html>" + PAD,
    "<svg title='メモ'>".encode() + PAD,  # only ASCII is vouched for
]


def _parsed(data: bytes) -> str | None:
    file = io.BytesIO(data)
    return _svg_problem(file.read(16), file)


@pytest.mark.parametrize("data", PLAIN_STARTS)
def test_the_usual_svg_starts_skip_the_parser_and_the_parser_agrees(data: bytes) -> None:
    assert plain_svg_start(data)
    assert _parsed(data) is None


@pytest.mark.parametrize("data", PARSER_STARTS)
def test_other_svg_starts_are_left_to_the_parser(data: bytes) -> None:
    assert not plain_svg_start(data)


def _readings_not_kana_the_long_way(text: str) -> list[ruby.Segment]:
    pairs = ruby._ruby_pairs(text)
    return [ruby.Segment(base, reading) for base, reading in pairs if not ruby.is_kana(reading)]


@pytest.mark.parametrize(
    "text",
    [
        "",
        "ボタンを おします",
        "{電源|でんげん}を {入|い}れる",
        "{電源|デンゲン ー}と {画面|　がめん}",
        "{電源|dengen}",
        "{電源|でんげん\t}",
        "{ |でんげん}",
        "{電源| }",
        "{電源|　}",
        "{電源|でん|げん}",
        "{電源でんげん}",
        "電源|でんげん}",
        "{電源|でんげん",
        "a|b {電源|でんげん}",
        "{電源|でん・げん}",
        "{電源|でんげん}{音|おと}",
    ],
)
def test_the_quick_kana_scan_gives_the_same_answer(text: str) -> None:
    try:
        expected: object = _readings_not_kana_the_long_way(text)
    except ruby.RubyError as error:
        expected = (str(error), error.position)
    try:
        got: object = ruby.readings_not_kana(text)
    except ruby.RubyError as error:
        got = (str(error), error.position)
    assert got == expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        "ボタンを おします",
        "{電源|でんげん}を {入|い}れる",
        "{電源|でんげん}を 入れる",
        "電源",
        "人々の {声|こえ}",
        "{人|ひと}々",
        "𠮟る",
        "{𠮟|しか}る",
        "〆{切|きり}",
        "{電源|dengen}",
        "{電源|でんげん",
        "{ |でんげん}",
        "{電源でんげん}",
        "{電源|でんげん}{音|おと}は 大きい",
        "{QR|キューアール}コード",
    ],
)
def test_the_quick_strict_scan_agrees_with_the_full_checks(text: str) -> None:
    try:
        clean = not ruby.readings_not_kana(text) and not ruby.unread_kanji(text)
    except ruby.RubyError:
        clean = False
    assert ruby.fully_read(text) == clean
