"""Speech guidance: one ``Speaker`` interface with real, silent and fake backends."""
