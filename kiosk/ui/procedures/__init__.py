"""てつづきの れんしゅう: rehearsals of real procedures on mock screens, read aloud."""

from kiosk.ui.procedures.list_screen import ProcedureListScreen
from kiosk.ui.procedures.player import ProcedurePlayer

__all__ = ["ProcedureListScreen", "ProcedurePlayer"]
