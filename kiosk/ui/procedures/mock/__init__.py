"""Mock screens drawn from a procedure step's declarative spec, with the target pulsing.

Every element is a real widget (words are ``RubyText``, so they follow the text size
and the ふりがな switch); tappable ones are buttons that report their element id.
The device body (phone, shop machine, TV with its remote) is painted around them.

Modules: ``style`` (colours, shared helpers), ``buttons``, ``card``, ``keys`` and
``static_parts`` (one kind of element each), ``device`` (sizes and the painted body),
``highlight`` (the pulsing rings) and ``view`` (a whole screen).
"""

from kiosk.ui.procedures.mock.buttons import AppName, MockButton
from kiosk.ui.procedures.mock.device import DEVICE_WIDTH, MACHINE_RATIO, device_width
from kiosk.ui.procedures.mock.highlight import paint_rings
from kiosk.ui.procedures.mock.style import MOCK_TEXT_RATIO, TEXT_PAIRS
from kiosk.ui.procedures.mock.view import MockScreenView

__all__ = [
    "DEVICE_WIDTH",
    "MACHINE_RATIO",
    "MOCK_TEXT_RATIO",
    "TEXT_PAIRS",
    "AppName",
    "MockButton",
    "MockScreenView",
    "device_width",
    "paint_rings",
]
