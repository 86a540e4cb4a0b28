"""Composite indices of objective fragility (OECD/JRC handbook)."""
