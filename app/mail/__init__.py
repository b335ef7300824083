"""E-mail over SMTP: review notices sent after the decision commits, and daily reminder digests."""
