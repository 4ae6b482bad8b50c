"""Static types of the query objects (``connector.users.list(...)``): ``UsersQuery``, ...,
``EntityQueries``. Generated from the catalogue into ``_generated/queries.py``; this module is
their public name."""

from ._generated.queries import *  # noqa: F403
from ._generated.queries import __all__ as __all__
