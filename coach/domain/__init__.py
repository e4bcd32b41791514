"""The pure domain of coach: plain Python (and numpy in the analytics), no storage, no UI."""
