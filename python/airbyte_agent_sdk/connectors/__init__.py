"""Connectors shipped in this distribution (Harvest)."""
