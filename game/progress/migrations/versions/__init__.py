"""Numbered schema revisions: 0001, 0002, ... Never edit one that has been released; add one."""
