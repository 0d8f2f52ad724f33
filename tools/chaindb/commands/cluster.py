"""`chaindb cluster ...`: the embedded PostgreSQL cluster under <project>/.chaindb/."""

from __future__ import annotations

import os
import shutil

from chaindb.commands.base import command, context, group_command, option, print_json
from chaindb.errors import ChaindbError

group_command("cluster", "The embedded PostgreSQL cluster of this project (.chaindb/)")


def _cluster(args):
    ctx = context(args)
    ctx.require_project()           # outside a project nothing is started or written
    return ctx.cluster()


@command("cluster start", "Create (once) and start the cluster; print its URI")
def cmd_cluster_start(args) -> int:
    cluster = _cluster(args)
    cluster.start()
    print(cluster.libpq_url())
    return 0


@command("cluster stop", "Stop the cluster")
def cmd_cluster_stop(args) -> int:
    _cluster(args).stop()
    return 0


@command("cluster status", "Show whether the cluster exists and runs, its port and URI")
def cmd_cluster_status(args) -> int:
    status = _cluster(args).status()
    if args.json:
        print_json(status)
    else:
        for key, value in status.items():
            print(f"{key}: {value}")
    return 0


@command("cluster url", "Print the postgresql:// URI of the cluster's database (psql, "
                        "psycopg, pgcli take it)", conflict_handler="resolve")
@option("--target", dest="sqitch_form", action="store_true",
        help="print the Sqitch target form (db:pg://...) instead")
def cmd_cluster_url(args) -> int:
    cluster = _cluster(args)
    print(cluster.url() if args.sqitch_form else cluster.libpq_url())
    return 0


@command("cluster psql", "Open psql on the cluster's database (starting the cluster)")
@option("psql_args", nargs="*", metavar="PSQL_ARG",
        help="more arguments for psql (after --), e.g. -- -c 'SELECT 1'")
def cmd_cluster_psql(args) -> int:
    cluster = _cluster(args)
    cluster.start()
    psql = shutil.which("psql")
    if psql is None:
        raise ChaindbError("psql not found (install postgresql-client-15)")
    os.execv(psql, [psql, cluster.libpq_url(), *args.psql_args])
    return 0                                         # not reached
