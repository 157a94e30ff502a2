"""Pilot-driven tests of the Textual app."""
