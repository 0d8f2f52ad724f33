-- roles/diag/schema.sql — schema diag is for chain_monitor only.
--
-- Contract: chain_monitor (a member of pg_monitor) gets USAGE; every diag function is SECURITY
-- DEFINER with EXECUTE for chain_monitor alone, granted one by one. No other chain_* role, and
-- not PUBLIC, reaches the schema. Tables created here give chain_monitor SELECT by default.

SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write
REVOKE ALL ON SCHEMA diag FROM PUBLIC;
GRANT USAGE ON SCHEMA diag TO chain_monitor;

ALTER DEFAULT PRIVILEGES FOR ROLE chain_owner IN SCHEMA diag
    GRANT SELECT ON TABLES TO chain_monitor;
