"""The curated FAQ per employer and its matcher (see the knowledge base issue)."""
