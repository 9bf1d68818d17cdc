"""The kiosk's domain layer: no Qt imports allowed anywhere below this package."""
