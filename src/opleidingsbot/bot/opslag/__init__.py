"""Storage: a SQLite file in the data directory, or PostgreSQL; schema changes as migrations."""
