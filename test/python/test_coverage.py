"""Every object of ours is named by at least one passing pgTAP assertion.

THE NAMING RULE (every object every later change adds must meet it)
--------------------------------------------------------------------
The test enumerates, from the catalogs of a deployed clone, every object in our schemas
(every schema except pg_*, information_schema, tap, tests, sqitch and public) and our
roles, and looks for its *tag* in the descriptions of the passing assertions of all files
under test/pgtap/.  An object is covered when one of its tags appears in a description:

==================  ===================================================================
object              tags (any one)
==================  ===================================================================
schema              ``core``
table, partitioned  ``core.users``            (partitions are generated: not required)
table, view, matv,
sequence, foreign   (sequences owned by identity columns belong to the column: skipped)
column              ``core.users.wallet_address``        (columns of tables)
constraint          ``core.users.users_pkey`` or the bare ``users_pkey``
                    (a domain's CHECK: ``core.wallet_address.wallet_address_check``)
index               ``core.users_email_idx``, ``core.users.users_email_idx`` or bare
trigger             ``core.users.users_set_updated_at`` or bare
policy              ``core.users.users_select_own`` or bare
function/procedure  ``core.current_user_id(`` or ``core.current_user_id:`` (all overloads)
enum/domain/range/
composite type      ``core.user_tier``
role                ``chain_owner``  (every role named ``chain_%``)
==================  ===================================================================

A tag counts only as a whole name: it must not be glued to a longer name before it
(no identifier character or ``.`` right before) nor after it (no identifier character,
and no ``.name`` continuing it) -- so ``core.users.email: …`` covers the column, not the
table ``core.users``, and ``core: …`` covers the schema.  Identifier quotes are ignored.
The convention that satisfies it: start each description with the object it checks,
``'core.users.wallet_address: rejects an invalid address'``.  pgTAP's default
descriptions (``Table core.users should exist``, ``Column core.users.email should
exist``, ``Function core.current_user_id() should exist``) satisfy it too.
"""

from __future__ import annotations

import harness


def test_every_object_is_named_by_a_passing_assertion(deployed_db):
    files = harness.pgtap_files()
    todo = [f for f in files if harness.relative(f) not in harness.TAP_RESULTS]
    if todo:
        harness.run_pgtap(deployed_db, todo, jobs=2)
    descriptions = [d for f in files
                    for d in harness.passing_descriptions(harness.TAP_RESULTS[harness.relative(f)])]
    with deployed_db.connect() as conn:
        objects = harness.inventory(conn)
    assert objects, "the inventory found nothing: is the plan deployed?"
    missing = harness.uncovered(objects, descriptions)
    assert not missing, (
        f"{len(missing)} object(s) named by no passing pgTAP assertion "
        "(see test_coverage.py for the naming rule):\n"
        + "\n".join(f"  {o.kind:<18} {o.name}" for o in missing))


def test_tag_rule_is_strict():
    """The matcher itself: whole names only, functions need '(' or ':'."""
    table = harness.CatalogObject("table", "core.users", ("core.users",))
    column = harness.CatalogObject("column", "core.users.email", ("core.users.email",))
    schema = harness.CatalogObject("schema", "core", ("core",))
    fn = harness.CatalogObject("function", "core.current_user_id()", ("core.current_user_id",),
                               function=True)
    assert harness.uncovered([table, column, schema, fn],
                             ["core.users.email: is text"]) == [table, schema, fn]
    assert harness.uncovered([table, schema], ['Table "core"."users" should exist',
                                              "core: tables are"]) == []
    assert harness.uncovered([table], ["core.users_email_idx exists",
                                       "xcore.users: no"]) == [table]
    assert harness.uncovered([fn], ["core.current_user_id: reads app.user_id"]) == []
    assert harness.uncovered([fn], ["core.current_user_id_x( no"]) == [fn]
