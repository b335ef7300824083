"""Performance benchmark at scale (python -m tests.perf); not part of the default test run."""
