"""chaindb: a Sqitch-compatible deploy tool for the chaindb PostgreSQL schema package."""

__version__ = "0.1.0"
