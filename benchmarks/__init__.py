"""`make bench`: figures printed, never asserted. Not part of the installed package."""
