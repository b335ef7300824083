"""The comparison view: two sources side by side, its charts and downloads."""
