"""The one exception type the CLI turns into a message and an exit code.

Every module raises ChaindbError (or a subclass) for anything a user can cause: a bad
plan, a missing script, a refused connection.  cli.main() prints ``chaindb: <message>``
to stderr (one line, unless ``multiline``: Sqitch's messages made of one reason per line
keep their lines) and exits with ``exitcode`` -- never a traceback.  An ``info`` error is
Sqitch's non-fatal kind (exit 1: "No changes deployed", "Nothing reverted"): Sqitch prints
those on stdout, without prefix, and so does chaindb.
"""


class ChaindbError(Exception):
    """An error a user can cause and fix; ``exitcode`` follows Sqitch (2 by default)."""

    exitcode = 2
    multiline = False
    info = False

    def __init__(self, message: str, *, exitcode: int | None = None,
                 multiline: bool | None = None, info: bool | None = None):
        super().__init__(message)
        if exitcode is not None:
            self.exitcode = exitcode
        if multiline is not None:
            self.multiline = multiline
        if info is not None:
            self.info = info
