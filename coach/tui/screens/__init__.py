"""One module per screen, each with its ``.tcss`` beside it; imported lazily by the app's actions."""
