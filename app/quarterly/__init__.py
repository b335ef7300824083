"""The quarterly report: built from approved figures, issued, and served as issued."""
