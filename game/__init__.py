"""Techniekwerf: build and fix technical systems of the Amsterdam-Utrecht-Flevoland region."""

from pathlib import Path

__version__ = "0.1.0"

#: The project folder that holds ``assets/``, ``levels/`` and ``locale/`` beside the code.
PROJECT_ROOT = Path(__file__).resolve().parent.parent
