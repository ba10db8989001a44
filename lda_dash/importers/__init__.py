"""Files people bring in, turned into values or errors with line numbers: figures files, budget
annexes (Markdown, CSV, XLSX) and the targets their texts state. No database here."""
