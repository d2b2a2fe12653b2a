"""Helpers every stage shares: problems, memo, quarters, atomic file writes. Imports the standard library only."""
