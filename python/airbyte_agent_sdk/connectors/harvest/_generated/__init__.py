"""Python written from the catalogue by ``scripts/generate_types.py``; nothing here is edited by
hand. The test suite regenerates it and fails when it is stale (``tests/test_generated.py``).

- ``params``: a TypedDict of every action's parameters (public as ``connectors.harvest.types``).
- ``queries``: the Protocol of every entity's query object (``connector.users.list(...)``),
  for type checkers (public as ``connectors.harvest.query_types``).
- ``search``: ``<Entity>SearchData`` / ``<Entity>SearchResult``, the typed records of
  ``context_store_search`` (exported by ``connectors.harvest``).
"""
