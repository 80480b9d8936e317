"""The channel-neutral conversation: steps, texts, buttons, validation and state.

Telegram and the terminal chat both drive the same ``Gesprek``; neither holds state.
"""
