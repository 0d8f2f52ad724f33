-- Verify chaindb:core/state_machines on pg

BEGIN;
SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

SELECT machine, from_state, to_state, who FROM core.state_transitions WHERE FALSE;
SELECT 'core.enforce_transition()'::regprocedure, 'core.enable_state_machine(regclass, name)'::regprocedure,
       'core.is_enum_label(regtype, text)'::regprocedure;
-- every machine has its trigger and its transitions (7 here; later changes add theirs, e.g. memory/batches)
SELECT 1 / (pg_catalog.count(*) >= 7)::int FROM pg_catalog.pg_trigger
 WHERE tgname ~ '_state_machine$' AND tgfoid = 'core.enforce_transition()'::regprocedure;
SELECT 1 / (pg_catalog.count(DISTINCT machine) >= 7)::int FROM core.state_transitions WHERE from_state IS NOT NULL;
SELECT 1 / (NOT pg_catalog.has_table_privilege('chain_app', 'core.state_transitions', 'INSERT'))::int;

ROLLBACK;
