"""Reading the game's YAML data files (levels, worlds, parts) with every problem on its line.

``yamltree`` reads a file into plain values that remember their lines, ``schema`` is the small
field-spec language that checks them, ``problems`` holds the one-line reports. This package
knows nothing of levels, parts or worlds, so both the simulation (its parts) and the content
layer (levels, worlds) build on it. Importing it reads no files.
"""
