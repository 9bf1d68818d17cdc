"""A lesson picture (SVG, PNG or JPEG) scaled to fit a box, kept sharp, never breaking a step."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QRectF, QSize, QSizeF, Qt
from PySide6.QtGui import QImage, QImageReader, QPainter, QPaintEvent, QPixmap
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QSizePolicy, QWidget

from kiosk.core.content.images import MAX_IMAGE_BYTES

log = logging.getLogger(__name__)
# A small file can still decode to a huge image: 4096 x 4096 is more than any screen needs.
MAX_IMAGE_PIXELS = 4096 * 4096


class _Picture:
    """One loaded picture: an SVG renderer or a decoded image, and its natural size."""

    def __init__(self, svg: QSvgRenderer | None = None, image: QImage | None = None) -> None:
        self.svg = svg
        self.image = image

    def natural_size(self) -> QSizeF:
        if self.svg is not None:
            return QSizeF(self.svg.viewBoxF().size())
        assert self.image is not None
        return QSizeF(self.image.size())

    def render(self, size: QSize, ratio: float) -> QPixmap:
        """The picture drawn at ``size`` logical pixels for a screen of this pixel ratio."""
        device = QSize(max(1, round(size.width() * ratio)), max(1, round(size.height() * ratio)))
        if self.image is not None:
            # Scaled once from the source, smoothly: no blur from repeated rescaling.
            pixmap = QPixmap.fromImage(
                self.image.scaled(
                    device,
                    Qt.AspectRatioMode.IgnoreAspectRatio,
                    Qt.TransformationMode.SmoothTransformation,
                )
            )
        else:
            assert self.svg is not None
            pixmap = QPixmap(device)
            pixmap.fill(Qt.GlobalColor.transparent)
            painter = QPainter(pixmap)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            self.svg.render(painter, QRectF(0, 0, device.width(), device.height()))
            painter.end()
        pixmap.setDevicePixelRatio(ratio)
        return pixmap


def _load(path: Path) -> _Picture | None:
    """Read a picture, or log why it cannot be shown and return None."""
    if not path.is_file():
        log.warning("lesson picture %s is missing; the step is shown without it", path.name)
        return None
    # Checked again here: the file may have changed since the lessons were loaded.
    size = path.stat().st_size
    if size > MAX_IMAGE_BYTES:
        log.warning(
            "lesson picture %s is %d bytes, more than %d; the step is shown without it",
            path.name,
            size,
            MAX_IMAGE_BYTES,
        )
        return None
    if path.suffix.lower() == ".svg":
        renderer = QSvgRenderer(str(path))
        box = renderer.viewBoxF().size()
        if not renderer.isValid() or box.width() <= 0 or box.height() <= 0:
            log.warning(
                "lesson picture %s cannot be drawn; the step is shown without it", path.name
            )
            return None
        return _Picture(svg=renderer)
    reader = QImageReader(str(path))
    pixels = reader.size()
    if pixels.width() * pixels.height() > MAX_IMAGE_PIXELS:
        log.warning(
            "lesson picture %s is %dx%d pixels, too many to draw; the step is shown without it",
            path.name,
            pixels.width(),
            pixels.height(),
        )
        return None
    image = reader.read()
    if image.isNull():
        log.warning(
            "lesson picture %s cannot be read (%s); the step is shown without it",
            path.name,
            reader.errorString(),
        )
        return None
    return _Picture(image=image)


class Illustration(QWidget):
    """Shows one picture as large as fits in the box the screen gives it, keeping its shape.

    The picture is drawn once per size into a pixmap at the screen's pixel ratio, so
    lines stay sharp at every text size and repaints cost a single copy.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self._pictures: dict[Path, _Picture | None] = {}
        self._pixmaps: dict[tuple[Path, int, int, float], QPixmap] = {}
        self._path: Path | None = None
        self._box = QSize(400, 400)

    # Public API ------------------------------------------------------------------------
    def set_image(self, path: Path | None) -> bool:
        """Show the picture at ``path``; hide when there is none or it is broken.

        Returns whether a picture is shown.
        """
        picture = self._picture(path) if path is not None else None
        self._path = path if picture is not None else None
        self._fit()
        self.setVisible(picture is not None)
        self.update()
        return picture is not None

    def set_box(self, width: int, height: int) -> None:
        """The largest area the picture may use; it is scaled to fit inside, keeping its shape."""
        box = QSize(max(1, width), max(1, height))
        if box != self._box:
            self._box = box
            self._fit()

    def has_image(self) -> bool:
        return self._path is not None

    def prepare(self, path: Path | None) -> None:
        """Load and draw a picture that is shown next, so that paging to it costs no time."""
        picture = self._picture(path) if path is not None else None
        if path is not None and picture is not None:
            self._pixmap(path, picture, self._fitted(picture))

    # Internals -------------------------------------------------------------------------
    def _picture(self, path: Path) -> _Picture | None:
        if path not in self._pictures:
            self._pictures[path] = _load(path)
        return self._pictures[path]

    def _fitted(self, picture: _Picture) -> QSize:
        natural = picture.natural_size()
        fitted = natural.scaled(QSizeF(self._box), Qt.AspectRatioMode.KeepAspectRatio)
        return QSize(max(1, int(fitted.width())), max(1, int(fitted.height())))

    def _fit(self) -> None:
        if self._path is None:
            return
        picture = self._pictures.get(self._path)
        if picture is not None:
            size = self._fitted(picture)
            if size != self.size() or self.minimumSize() != size:
                self.setFixedSize(size)

    def _pixmap(self, path: Path, picture: _Picture, size: QSize) -> QPixmap:
        ratio = self.devicePixelRatioF()
        key = (path, size.width(), size.height(), ratio)
        pixmap = self._pixmaps.get(key)
        if pixmap is None:
            if len(self._pixmaps) > 64:  # a lesson has at most a dozen pictures per size
                self._pixmaps.clear()
            pixmap = picture.render(size, ratio)
            self._pixmaps[key] = pixmap
        return pixmap

    def paintEvent(self, _event: QPaintEvent) -> None:
        if self._path is None:
            return
        picture = self._pictures.get(self._path)
        if picture is None:
            return
        painter = QPainter(self)
        painter.drawPixmap(0, 0, self._pixmap(self._path, picture, self.size()))
        painter.end()
