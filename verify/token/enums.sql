-- Verify chaindb:token/enums on pg

SELECT 'cancelled'::token.transaction_status, 'reward'::token.transaction_type, 'governance'::token.pool_type;
