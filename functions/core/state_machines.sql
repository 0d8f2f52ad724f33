-- State machines, enforced in one place.
--
-- core.state_transitions: one row per allowed transition of every state machine (an enum type):
--   machine     the enum type, e.g. trading.escrow_status
--   from_state  the state before; NULL for a new row (INSERT)
--   to_state    the state after
--   who         the role that may make it: chain_user (an end user, further limited by the
--               table's RLS policies, e.g. which party of an escrow), chain_app (the backend),
--               chain_owner (data loads and SECURITY DEFINER functions). A role holds the
--               transitions of every role it is a member of (a superuser: all of them).
--   A machine's transition table is its rows here; its type's COMMENT names it. A transition
--   that is not listed -- including a "no-op" from a state to itself, unless listed -- is refused.
--   chain_owner may insert a row in any state (the deploy's data loads and fixtures); every
--   UPDATE, by every role, follows the machine.
--
-- core.enforce_transition() → trigger (BEFORE INSERT OR UPDATE OF <column>, row), argument: the
--   status column. Looks up (machine = the column's type, OLD state or NULL, NEW state, a role the
--   current role is a member of) and raises SQLSTATE 55000 (object_not_in_prerequisite_state)
--   "<table>: illegal <machine> transition <from> -> <to> for <role>" with the allowed targets in
--   the HINT. UPDATE OF <column>: it fires whenever the column is in the SET list, even when the
--   value stays the same (so "released twice" is a refused released -> released), and not for an
--   update of other columns only. SECURITY INVOKER (every role reads core.state_transitions).
--
-- core.enable_state_machine(p_table regclass, p_column name DEFAULT 'status') → void
--   Creates the trigger <table>_state_machine with its COMMENT; idempotent; run by the owner.
--
-- core.is_enum_label(p_type regtype, p_label text) → boolean: the CHECK of core.state_transitions.
SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

CREATE FUNCTION core.is_enum_label(p_type regtype, p_label text)
RETURNS boolean
LANGUAGE sql
STABLE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_enum AS e WHERE e.enumtypid = p_type AND e.enumlabel = p_label)
$$;
COMMENT ON FUNCTION core.is_enum_label(regtype, text) IS 'True when p_label is a label of enum type p_type (checks core.state_transitions rows).';
REVOKE ALL ON FUNCTION core.is_enum_label(regtype, text) FROM PUBLIC;

CREATE TABLE core.state_transitions (
    machine     regtype NOT NULL,
    from_state  text,
    to_state    text NOT NULL,
    who         name NOT NULL,
    CONSTRAINT state_transitions_key UNIQUE NULLS NOT DISTINCT (machine, from_state, to_state, who),
    CONSTRAINT state_transitions_who CHECK (who IN ('chain_user', 'chain_app', 'chain_owner')),
    CONSTRAINT state_transitions_labels CHECK (core.is_enum_label(machine, to_state)
                                               AND (from_state IS NULL OR core.is_enum_label(machine, from_state)))
);
COMMENT ON TABLE core.state_transitions IS
    'The transition table of every state machine: one row per allowed (machine, from_state, to_state, who); enforced by core.enforce_transition() on insert and update. Readable by every role, written by the owner only.';
COMMENT ON COLUMN core.state_transitions.machine IS 'The state machine: its enum type (whose COMMENT names this table).';
COMMENT ON COLUMN core.state_transitions.from_state IS 'State before the transition; NULL for a new row.';
COMMENT ON COLUMN core.state_transitions.to_state IS 'State after the transition.';
COMMENT ON COLUMN core.state_transitions.who IS 'Role allowed to make it: chain_user, chain_app or chain_owner (members of a role hold its transitions).';
COMMENT ON CONSTRAINT state_transitions_key ON core.state_transitions IS 'One row per transition and role (a NULL from_state counts as one value).';
COMMENT ON CONSTRAINT state_transitions_who ON core.state_transitions IS 'Only the chaindb roles that write state.';
COMMENT ON CONSTRAINT state_transitions_labels ON core.state_transitions IS 'Both states are labels of the machine''s enum type.';

ALTER TABLE core.state_transitions ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
REVOKE ALL ON core.state_transitions FROM PUBLIC;
REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON core.state_transitions FROM chain_app;
GRANT SELECT ON core.state_transitions TO chain_app, chain_user, chain_readonly;
CREATE POLICY state_transitions_select_all ON core.state_transitions FOR SELECT
    TO chain_app, chain_user, chain_readonly, chain_owner USING (true);
CREATE POLICY state_transitions_insert_owner ON core.state_transitions FOR INSERT TO chain_owner WITH CHECK (true);
CREATE POLICY state_transitions_delete_owner ON core.state_transitions FOR DELETE TO chain_owner USING (true);
COMMENT ON POLICY state_transitions_select_all ON core.state_transitions IS
    'Every writer reads the transition tables (core.enforce_transition() runs as the writer); reporting reads them too.';
COMMENT ON POLICY state_transitions_insert_owner ON core.state_transitions IS 'Deploy scripts (chain_owner) add a machine''s transitions.';
COMMENT ON POLICY state_transitions_delete_owner ON core.state_transitions IS 'Revert scripts (chain_owner) remove a machine''s transitions.';

CREATE FUNCTION core.enforce_transition()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_column  text := TG_ARGV[0];
    v_machine regtype;
    v_from    text;
    v_to      text;
    v_allowed text;
BEGIN
    SELECT a.atttypid::regtype INTO v_machine
      FROM pg_catalog.pg_attribute AS a
     WHERE a.attrelid = TG_RELID AND a.attname = v_column AND NOT a.attisdropped;
    v_to := pg_catalog.to_jsonb(NEW) ->> v_column;
    IF TG_OP = 'UPDATE' THEN
        v_from := pg_catalog.to_jsonb(OLD) ->> v_column;
    END IF;
    IF EXISTS (SELECT 1 FROM core.state_transitions AS t
                WHERE t.machine = v_machine AND t.from_state IS NOT DISTINCT FROM v_from AND t.to_state = v_to
                  AND pg_catalog.pg_has_role(CURRENT_USER, t.who, 'USAGE')) THEN
        RETURN NEW;
    END IF;
    SELECT pg_catalog.string_agg(DISTINCT t.to_state, ', ') INTO v_allowed
      FROM core.state_transitions AS t
     WHERE t.machine = v_machine AND t.from_state IS NOT DISTINCT FROM v_from
       AND pg_catalog.pg_has_role(CURRENT_USER, t.who, 'USAGE');
    RAISE EXCEPTION '%.%: illegal % transition % -> % for %', TG_TABLE_SCHEMA, TG_TABLE_NAME, v_machine,
                    COALESCE(v_from, '(new)'), v_to, CURRENT_USER
        USING ERRCODE = 'object_not_in_prerequisite_state',
              HINT = CASE WHEN v_allowed IS NULL
                          THEN pg_catalog.format('%s may make no transition from %s (core.state_transitions).',
                                                 CURRENT_USER, COALESCE(v_from, '(new)'))
                          ELSE pg_catalog.format('%s may go from %s to: %s (core.state_transitions).',
                                                 CURRENT_USER, COALESCE(v_from, '(new)'), v_allowed) END;
END
$$;
COMMENT ON FUNCTION core.enforce_transition() IS
    'Trigger (BEFORE INSERT OR UPDATE OF the status column, argument: that column): allows only the transitions listed in core.state_transitions for the current role (a no-op to the same state included), else SQLSTATE 55000.';
REVOKE ALL ON FUNCTION core.enforce_transition() FROM PUBLIC;

CREATE FUNCTION core.enable_state_machine(p_table regclass, p_column name DEFAULT 'status')
RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_rel     name := (SELECT c.relname FROM pg_catalog.pg_class AS c WHERE c.oid = p_table);
    v_machine regtype := (SELECT a.atttypid::regtype FROM pg_catalog.pg_attribute AS a
                           WHERE a.attrelid = p_table AND a.attname = p_column AND NOT a.attisdropped);
BEGIN
    IF v_machine IS NULL OR NOT EXISTS (SELECT 1 FROM pg_catalog.pg_type AS t WHERE t.oid = v_machine AND t.typtype = 'e') THEN
        RAISE EXCEPTION 'core.enable_state_machine: %.% is not an enum column', p_table, p_column
            USING ERRCODE = 'wrong_object_type';
    END IF;
    IF EXISTS (SELECT 1 FROM pg_catalog.pg_trigger AS t WHERE t.tgrelid = p_table AND t.tgname = v_rel || '_state_machine') THEN
        EXECUTE pg_catalog.format('DROP TRIGGER %I ON %s', v_rel || '_state_machine', p_table);
    END IF;
    EXECUTE pg_catalog.format(
        'CREATE TRIGGER %I BEFORE INSERT OR UPDATE OF %I ON %s FOR EACH ROW EXECUTE FUNCTION core.enforce_transition(%L)',
        v_rel || '_state_machine', p_column, p_table, p_column);
    EXECUTE pg_catalog.format('COMMENT ON TRIGGER %I ON %s IS %L', v_rel || '_state_machine', p_table,
        pg_catalog.format('State machine %s: only the transitions of core.state_transitions, per role (55000 otherwise).', v_machine));
END
$$;
COMMENT ON FUNCTION core.enable_state_machine(regclass, name) IS
    'Enforces the state machine of an enum column (default status) through core.enforce_transition(): creates the trigger <table>_state_machine; idempotent; run by the table owner.';
REVOKE ALL ON FUNCTION core.enable_state_machine(regclass, name) FROM PUBLIC;
