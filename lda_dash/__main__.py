"""`python -m lda_dash COMMAND`: the command line of DOMAIN.md section 11."""

import sys

from lda_dash.cli.main import main

sys.exit(main())
