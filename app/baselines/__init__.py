"""Baselines domain."""
