"""The refusals a page may meet when it asks a service, named for the pages (which never import
storage): the database busy or faulty, a colleague's concurrent save, a missing schema."""

from lda_dash.domain.workflow import ConcurrentEdit
from lda_dash.storage.database import DatabaseBusy, DatabaseFault, SchemaMissing

__all__ = ["ConcurrentEdit", "DatabaseBusy", "DatabaseFault", "SchemaMissing"]
