"""Drawing, widgets, theme and layout. Uses pygame; knows nothing of SQL."""
