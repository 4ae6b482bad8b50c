"""Compatibility home of the HTTP error classes (as in the reference SDK)."""
