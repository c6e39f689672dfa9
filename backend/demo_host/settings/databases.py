"""Database settings the demo host's environments share: the machine's MariaDB, PostgreSQL and SQLite."""

import os

# WAL and a busy timeout let concurrent requests wait for SQLite's write lock instead of failing.
SQLITE_OPTIONS = {
    "timeout": 20,
    "transaction_mode": "IMMEDIATE",
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
}


def mysql(name, **extra):
    """MariaDB/MySQL at MYSQL_HOST:MYSQL_PORT (default 127.0.0.1:3306, root, no password)."""
    return {
        "ENGINE": "django.db.backends.mysql",
        "NAME": name,
        "USER": os.environ.get("MYSQL_USER", "root"),
        "PASSWORD": os.environ.get("MYSQL_PASSWORD", ""),
        "HOST": os.environ.get("MYSQL_HOST", "127.0.0.1"),
        "PORT": os.environ.get("MYSQL_PORT", "3306"),
        "OPTIONS": {"charset": "utf8mb4"},
        **extra,
    }


def postgres(name, **extra):
    """PostgreSQL at PGHOST:PGPORT (default 127.0.0.1:5432, user postgres, trust)."""
    return {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": name,
        "USER": os.environ.get("PGUSER", "postgres"),
        "HOST": os.environ.get("PGHOST", "127.0.0.1"),
        "PORT": os.environ.get("PGPORT", "5432"),
        **extra,
    }


def sqlite_file(path):
    """A SQLite file that several processes share, as ``make dev`` serves it."""
    return {"ENGINE": "django.db.backends.sqlite3", "NAME": str(path), "OPTIONS": dict(SQLITE_OPTIONS)}
