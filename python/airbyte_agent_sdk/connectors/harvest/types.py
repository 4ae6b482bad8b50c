"""Parameters of every Harvest entity and action, as TypedDicts (``UsersListParams``, ...).

The classes are generated from the catalogue into ``_generated/params.py``; this module is
their public name, as in the reference SDK.
"""

from ._generated.params import *  # noqa: F403
from ._generated.params import __all__ as __all__
