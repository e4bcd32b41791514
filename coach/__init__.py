"""coach: a terminal decision coach built on the idea that personal growth is gradient ascent."""

__version__ = "0.1.0"
