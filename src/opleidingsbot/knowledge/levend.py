"""A matcher that follows the FAQ on disk: rebuilt when HR changes an entry.

Only the index of the employer whose file changed is built again; a change to the
general file, which every employer shows, rebuilds them all.

No restart and no training step: the next question after a change is matched
against the new FAQ. A broken file never replaces the last good FAQ (``FaqStore``).
"""

from __future__ import annotations

import threading

from opleidingsbot.knowledge.matcher import Drempels, Matcher
from opleidingsbot.knowledge.store import FaqStore


class LevendeMatcher:
    """Call it to get the matcher for the current FAQ."""

    def __init__(self, store: FaqStore, drempels: Drempels | None = None) -> None:
        self.store = store
        self.drempels = drempels
        self._mutex = threading.Lock()
        self._matcher: Matcher | None = None

    def __call__(self) -> Matcher:
        """The matcher for the FAQ as it is now (built again only after a change)."""
        faq = self.store.faq()
        with self._mutex:
            if self._matcher is None or self._matcher.faq is not faq:
                # only the employers whose file changed (or all, for the general file)
                self._matcher = Matcher(faq, self.drempels, vorige=self._matcher)
            return self._matcher
