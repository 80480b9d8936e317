"""Test doubles for end-to-end tests."""

from tests.fakes.botapi import FakeBotApi, Verzoek, post_update, vrije_poort

__all__ = ["FakeBotApi", "Verzoek", "post_update", "vrije_poort"]
