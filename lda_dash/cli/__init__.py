"""The command line (DOMAIN.md section 11): `python -m lda_dash COMMAND`.

`cli.main` builds one parser from the command groups it lists; each group module declares its
own sub-commands and handlers in `register(sub, common)`, and no module touches another's.
"""
