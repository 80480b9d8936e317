"""opleidingsbot: employees' questions about their municipality's training policy.

Three layers, each importing only the ones before it:

- ``rules``: the rules engine, one regeling per employer, quotes with their articles;
- ``knowledge``: the FAQ, its store and the matcher;
- ``bot``: the dialogue, its storage and the channels (Telegram, terminal, CLI).

``yamlload`` is the plumbing both domains share: YAML with line numbers, errors in Dutch.
"""
