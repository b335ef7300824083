"""Rendering only: charts, PDF, CSV and XLSX bytes from report dataclasses."""
