"""What the Strategies panel knows of each strategy type: its fields, their mapping to the venue's items, and
the run-state machine of the Start/Stop/Leave buttons."""
