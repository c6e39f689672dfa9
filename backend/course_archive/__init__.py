"""Let learners archive and unarchive courses on their Open edX dashboard."""

__version__ = "0.1.0"
