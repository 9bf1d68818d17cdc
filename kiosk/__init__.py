"""Digital-divide support kiosk for community centres."""

__version__ = "0.1.0"
