"""SQLite storage: one file in the data directory, schema changes as migrations."""
