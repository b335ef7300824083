"""Development data: the demo portfolio and the scale generator (never imported by the app)."""
