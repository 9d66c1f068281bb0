"""The app's ``management`` package, where Django looks for its commands (in ``commands``)."""
