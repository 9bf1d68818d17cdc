"""Baseline for bench_startup.py: the smallest PySide6 program that shows a label and exits."""

import sys

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QLabel


class QuitAfterPaint(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint:
            QTimer.singleShot(0, QApplication.quit)
        return False


app = QApplication(sys.argv[:1])
label = QLabel("こんにちは")
watcher = QuitAfterPaint()
label.installEventFilter(watcher)
label.resize(1280, 800)
label.show()
sys.exit(app.exec())
