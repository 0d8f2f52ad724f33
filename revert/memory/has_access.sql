-- Revert chaindb:memory/has_access from pg

BEGIN;

DROP FUNCTION memory.consume_grant(text, core.wallet_address);
DROP FUNCTION memory.has_access(text, core.wallet_address);

COMMIT;
