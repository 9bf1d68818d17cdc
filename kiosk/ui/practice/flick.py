"""フリック入力 drill: type 「こんにちは」 and 「ありがとう」, then any word (never stored)."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QVBoxLayout, QWidget

from kiosk.core.drills import Drill
from kiosk.core.flick import StepKind, instruction
from kiosk.core.gestures import Direction
from kiosk.core.runs.completion import Clock
from kiosk.core.runs.drill import Move
from kiosk.core.runs.flick import STEPS, FlickRun
from kiosk.ui import theme
from kiosk.ui.practice.drill import DrillScreen
from kiosk.ui.practice.hint import HintKind
from kiosk.ui.practice.keyboard import FlickGuide, FlickKeyboard
from kiosk.ui.practice.phone import draw_status_bar, phone_font, status_height

KEYBOARD_SHARE = 0.5  # of the phone screen's height, as on a real phone in portrait
FLICK_HINT_MM = 9.0


class MessageArea(QWidget):
    """The top of the phone: the word to copy in a bubble and the text field being typed in."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.model = ""  # the word to type ("" for the learner's own word)
        self.text = ""
        self.scale = 1.0

    def field_rect(self) -> QRectF:
        margin = 12.0
        height = 22 * self.scale * 2.4
        return QRectF(margin, self.height() - height - margin, self.width() - 2 * margin, height)

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor("#ffffff"))
        top = status_height(self.scale)
        draw_status_bar(painter, self.width(), top, self.scale)
        if self.model:
            bubble = QRectF(12, top + 10, self.width() - 24, 22 * self.scale * 3.4)
            painter.setPen(QPen(QColor(theme.INK), 2))
            painter.setBrush(QColor("#e3f0d8"))
            painter.drawRoundedRect(bubble, 16, 16)
            painter.setFont(phone_font(12 * self.scale))
            label = bubble.adjusted(14, 6, -14, -bubble.height() / 2)
            painter.drawText(
                label, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, "おてほん"
            )
            painter.setFont(phone_font(20 * self.scale, bold=True))
            word = bubble.adjusted(14, bubble.height() / 2 - 6, -14, -6)
            painter.drawText(
                word, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, self.model
            )
        field = self.field_rect()
        painter.setPen(QPen(QColor(theme.INK), 3))
        painter.setBrush(QColor("#ffffff"))
        painter.drawRoundedRect(field, 10, 10)
        painter.setFont(phone_font(20 * self.scale))
        inner = field.adjusted(12, 0, -12, 0)
        shown = painter.fontMetrics().elidedText(
            self.text, Qt.TextElideMode.ElideLeft, round(inner.width()) - 8
        )
        painter.drawText(inner, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, shown)
        caret_x = inner.left() + painter.fontMetrics().horizontalAdvance(shown) + 2
        painter.setPen(QPen(QColor(theme.PRIMARY), 3))
        painter.drawLine(
            QPointF(caret_x, inner.top() + inner.height() * 0.2),
            QPointF(caret_x, inner.bottom() - inner.height() * 0.2),
        )
        painter.end()


class FlickDrill(DrillScreen):
    """Two given words, then one word of the learner's choice, on a 12-key flick keyboard.

    ``FlickRun`` judges every key press and holds what is typed; the screen shows it.
    """

    drill = Drill.FLICK
    run: FlickRun
    OWN_WORD = (
        "さいごに、すきな ことばを うってみましょう。うち{終|お}わったら"
        " 「{改行|かいぎょう}」を おします。うった ことばは どこにも のこりません。"
    )

    def new_run(self, clock: Clock) -> FlickRun:
        return FlickRun(clock)

    def build_phone(self, display: QWidget) -> None:
        layout = QVBoxLayout(display)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.message = MessageArea()
        self.guide = FlickGuide(display)
        self.keyboard = FlickKeyboard(self.guide, self.key_pressed, clock=lambda: self.clock())
        self.keyboard.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        layout.addWidget(self.message, round((1 - KEYBOARD_SHARE) * 100))
        layout.addWidget(self.keyboard, round(KEYBOARD_SHARE * 100))
        self.on_text_size()

    # Steps -----------------------------------------------------------------------------
    def drill_steps(self) -> tuple[str, ...]:
        return STEPS

    def word_instruction(self) -> str:
        if self.run.own_word_stage:
            return self.OWN_WORD
        return f"「{self.run.target}」と うちましょう。{{指|ゆび}}を キーに つけて、はらうと {{文字|もじ}}が かわります。"

    def begin(self) -> None:
        self._show_typed()
        self._show_word()

    def _show_word(self) -> None:
        self.message.model = self.run.target
        self.set_step(self.word_instruction(), self.run.progress())
        self._show_next_stroke()

    def _show_typed(self) -> None:
        self.message.text = self.run.typed
        self.message.update()

    def _show_next_stroke(self) -> None:
        """Point at the next key on the keyboard and say in the box how to get the character."""
        step = self.run.next_stroke()
        self.keyboard.highlight = step.key or None if step is not None else None
        self.keyboard.update()
        if step is not None and step.kind is not StepKind.DONE:
            self.tip("つぎは " + instruction(step))

    # Input -----------------------------------------------------------------------------
    def key_pressed(self, label: str, direction: Direction) -> None:
        """The keyboard reports a finished press or flick on key ``label``."""
        self.touched()
        pressed = self.run.press(label, direction)
        if pressed is None:
            return
        self._show_typed()
        if not pressed.ok:
            self.coach(pressed.message)
        elif pressed.move is Move.DONE:
            self.finish()
        elif pressed.typed_word:
            self._show_word()
            done = f"「{pressed.typed_word}」が うてました！ "
            self.services.speaker.say(done + self.word_instruction())
        elif not self.run.own_word_stage:
            self._show_next_stroke()

    def on_hidden(self) -> None:
        super().on_hidden()
        self.run.forget_own_word()
        self._show_typed()

    # Hint ------------------------------------------------------------------------------
    def show_hint(self) -> None:
        if self.keyboard.width() < 50:
            return
        label, direction = self.run.hint_key()
        rect = self.keyboard.key_rect(label)
        centre = QPointF(self.keyboard.mapTo(self.phone.display, rect.center().toPoint()))
        finger = self.keyboard.mm_to_px(10)
        if direction is Direction.NONE:
            self.hint.play(HintKind.TAP, centre, finger_px=finger)
            return
        dx, dy = {
            Direction.LEFT: (-1, 0),
            Direction.UP: (0, -1),
            Direction.RIGHT: (1, 0),
            Direction.DOWN: (0, 1),
        }[direction]
        reach = self.keyboard.mm_to_px(FLICK_HINT_MM)
        self.hint.play(HintKind.SWIPE, centre, centre + QPointF(dx * reach, dy * reach), finger)

    def on_text_size(self) -> None:
        scale = self.services.theme.scale
        self.message.scale = scale
        self.keyboard.scale = scale
        self.message.update()
        self.keyboard.update()
