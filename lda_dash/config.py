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


def _number(name: str, default: float, minimum: float) -> float:
    try:
        return max(minimum, float(os.environ.get(name, str(default))))
    except ValueError:
        return default


def idle_minutes() -> float:
    """A session unused for this long ends (LDA_DASH_IDLE_MINUTES, default 30)."""
    return _number("LDA_DASH_IDLE_MINUTES", 30, 1)


def session_hours() -> float:
    """A session ends this long after sign-in, however active (LDA_DASH_SESSION_HOURS, 12)."""
    return _number("LDA_DASH_SESSION_HOURS", 12, 0.1)


def public_url() -> str:
    """The app's address as people reach it, for links in e-mails (LDA_DASH_PUBLIC_URL)."""
    return os.environ.get("LDA_DASH_PUBLIC_URL", "http://localhost:8501").strip().rstrip("/")


def smtp_url() -> str | None:
    """`smtp://user:password@host:port` or `smtps://…` (LDA_DASH_SMTP_URL); None: no e-mail."""
    return os.environ.get("LDA_DASH_SMTP_URL", "").strip() or None


def mail_sender() -> str:
    """The From address of the e-mails (LDA_DASH_MAIL_FROM)."""
    return os.environ.get("LDA_DASH_MAIL_FROM", "").strip() or "lda-dash@localhost"


def due_day() -> int:
    """A quarter's figures are due on this day of the following month (LDA_DASH_DUE_DAY, 15)."""
    return int(_number("LDA_DASH_DUE_DAY", 15, 1)) if os.environ.get("LDA_DASH_DUE_DAY") else 15
