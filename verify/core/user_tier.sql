-- Verify chaindb:core/user_tier on pg

SELECT 'free'::core.user_tier, 'enterprise'::core.user_tier;
