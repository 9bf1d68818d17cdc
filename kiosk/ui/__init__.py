"""Qt screens and widgets."""
