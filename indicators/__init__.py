"""Pure computation of the Compact's figures: standard library only."""
