"""The one exception type the CLI turns into a one-line message and an exit code.

Every module raises ChaindbError (or a subclass) for anything a user can cause: a bad
plan, a missing script, a refused connection.  cli.main() prints ``chaindb: <message>``
to stderr and exits with ``exitcode`` -- never a traceback.
"""


class ChaindbError(Exception):
    """An error a user can cause and fix; ``exitcode`` follows Sqitch (2 by default)."""

    exitcode = 2

    def __init__(self, message: str, *, exitcode: int | None = None):
        super().__init__(message)
        if exitcode is not None:
            self.exitcode = exitcode
