"""The UI's own fixed sentences that are read aloud, for the pre-rendered voice.

Each is the constant the screen itself speaks, imported here so the two never differ.
Texts made at run time (a learner's name, a countdown, a settings value) are not here:
the live voice says them.
"""

from __future__ import annotations

from kiosk.ui import printing
from kiosk.ui.idle import IdlePrompt
from kiosk.ui.lessons import check_page, finish_page
from kiosk.ui.lessons.list_screen import LessonListScreen
from kiosk.ui.placeholder import ComingSoonScreen
from kiosk.ui.practice.menu import FingerPracticeScreen
from kiosk.ui.practice.size_check import SizeCheckDrill
from kiosk.ui.procedures import list_screen as procedure_list
from kiosk.ui.procedures import pages, player
from kiosk.ui.reception import checkin, returning
from kiosk.ui.reception.card import NewCardScreen
from kiosk.ui.reception.certificate import CertificateScreen
from kiosk.ui.reception.end_of_visit import ThanksScreen
from kiosk.ui.reception.first_visit import AgeBandScreen, AreaScreen, DeclinedScreen
from kiosk.ui.staff_console.settings import SAMPLE_SENTENCE


def ui_phrases() -> list[str]:
    """Every fixed text the UI hands to the speaker."""
    return [
        IdlePrompt.QUESTION,
        check_page.ASK,
        check_page.RIGHT,
        check_page.CLOSE,
        check_page.TRY_AGAIN,
        finish_page.PRAISE,
        finish_page.NEXT_HEADING,
        finish_page.LAST_LESSON,
        LessonListScreen.INTRO,
        LessonListScreen.EMPTY,
        ComingSoonScreen.MESSAGE,
        FingerPracticeScreen.INTRO,
        SizeCheckDrill.KEEP,
        procedure_list.CHOOSE,
        procedure_list.NOTHING,
        pages.START_PROMPT,
        pages.ITEMS_SPOKEN,
        pages.QR_CAPTION,
        pages.NOTES_HEADING,
        pages.DONE_SPOKEN,
        pages.AFTER_SPOKEN,
        player.WRONG_TAP,
        printing.PRINTED_TEXT,
        printing.NOT_PRINTED_TEXT,
        returning.WELCOME_BACK,
        returning.NOTHING_YET,
        returning.ARRIVING_LATER,
        returning.ALL_DONE,
        CertificateScreen.MESSAGE,
        checkin.MSG_INTRO,
        NewCardScreen.MESSAGE,
        ThanksScreen.MESSAGE,
        AgeBandScreen.question,
        AreaScreen.question,
        DeclinedScreen.MESSAGE,
        SAMPLE_SENTENCE,
    ]
