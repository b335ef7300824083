"""Logframe domain."""
