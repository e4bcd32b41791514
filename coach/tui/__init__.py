"""The Textual UI. Nothing heavy at module level: numpy and the analytics load in a worker after the
first frame (see ``CoachApp.warm_up``)."""
