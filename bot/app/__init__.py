"""The composition root: settings, the app factory, the server and the command line."""
