"""Progress of the players: the store protocol and the local guest store."""

from game.progress.store import GUEST, JsonProgressStore, LevelRecord, ProgressStore

__all__ = ["GUEST", "JsonProgressStore", "LevelRecord", "ProgressStore"]
