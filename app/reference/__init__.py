"""Reference data shipped with the package (from the Secretary-General's report)."""
