"""Backups: a portable JSONL dump of every table (any database), and SQLite's online copy.

A dump restores only into an empty database migrated to the same revision as the one it was
made from; after a restore the search index is rebuilt from the database.
"""

from __future__ import annotations


class BackupRefused(Exception):
    """A backup or restore that cannot be done as asked; the message says why and what to do."""
