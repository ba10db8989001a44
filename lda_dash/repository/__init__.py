"""The only package that runs SQL: named queries with parameters, one connection per unit of work.

Every function takes an open connection from `db.connect()`, so a page or a command groups its
reads or writes in one transaction and releases the file right after. Writes check permissions
here, not only in the pages.
"""

from lda_dash.repository.accounts import *  # noqa: F403
from lda_dash.repository.base import *  # noqa: F403
from lda_dash.repository.conventions import *  # noqa: F403
from lda_dash.repository.figures import *  # noqa: F403
from lda_dash.repository.finances import *  # noqa: F403
from lda_dash.repository.money import *  # noqa: F403
from lda_dash.repository.national import *  # noqa: F403
from lda_dash.repository.synthetic import *  # noqa: F403
from lda_dash.repository.workflow import *  # noqa: F403
