"""Administration on the web: accounts (and, next, CTED needs)."""
