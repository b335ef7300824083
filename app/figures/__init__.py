"""Portfolio and indicator figures as SQL aggregates, the baseline report and its exports."""
