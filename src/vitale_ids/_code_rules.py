"""The rules of the code provisoire, each stated once.

Sources: monespacesante.fr terms of use, section 3.3; the official Mon espace
santé app's published code validator (assurance-maladie-mesdmp/ens-mobile),
which takes 12 ASCII letters or digits and keeps the case as typed. No
checksum or grouping is known, and none is assumed. The code lasts six weeks,
as the opposition window does (CSP R1111-28): see ``vitale_ids.form``.
"""

from __future__ import annotations

import string
from typing import Final

#: The number of characters of a code provisoire.
LENGTH: Final = 12
#: ASCII letters and digits only. Case-sensitive: the case is never changed.
ALPHABET: Final = frozenset(string.ascii_letters + string.digits)
