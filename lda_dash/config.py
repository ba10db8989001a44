"""Settings from environment variables (st.secrets raises without a secrets file, so not there)."""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = PROJECT_ROOT / "data"
DEFAULT_DB_PATH = DATA_DIR / "lda_dash.duckdb"
# Demonstration data never goes to the production file by default: `make run` uses this one.
DEMO_DB_PATH = DATA_DIR / "demo.duckdb"


def db_path(explicit: str | os.PathLike | None = None) -> Path:
    """The DuckDB file: `--db`, else LDA_DASH_DB, else data/lda_dash.duckdb (DOMAIN.md 11)."""
    if explicit:
        return Path(explicit)
    from_env = os.environ.get("LDA_DASH_DB", "").strip()
    return Path(from_env) if from_env else DEFAULT_DB_PATH


def lock_timeout_seconds() -> float:
    """How long a writer waits for another process holding the database (default 30 s)."""
    try:
        return max(0.0, float(os.environ.get("LDA_DASH_LOCK_TIMEOUT", "30")))
    except ValueError:
        return 30.0


def is_default_path(path: str | os.PathLike | None = None) -> bool:
    """True when `path` (resolved as db_path does) is the production file data/lda_dash.duckdb."""
    return db_path(path).resolve() == DEFAULT_DB_PATH.resolve()
