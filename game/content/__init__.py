"""Level content: safe loading, validation with one-line problems, the checker and extraction.

Import the modules you need (``game.content.loader``, ``game.content.check``...); this package
imports nothing by itself, so importing it loads no YAML and reads no files.
"""
