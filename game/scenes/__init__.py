"""One module per screen. Scenes draw with a Painter and never touch the store's SQL."""
