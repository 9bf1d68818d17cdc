"""うけつけ: check-in by card or code, first-time registration, and the end of a visit."""
