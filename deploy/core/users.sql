-- Deploy chaindb:core/users to pg
-- requires: core/wallet_address core/user_tier core/set_updated_at core/current_user

BEGIN;

SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

SET LOCAL ROLE chain_owner;

CREATE TABLE core.users (
    id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    wallet_address    core.wallet_address UNIQUE,
    email             text CHECK (pg_catalog.length(email) <= 254
                                  AND email ~ '^[^@[:space:]]+@[^@[:space:]]+\.[^@[:space:]]+$'),
    tier              core.user_tier NOT NULL DEFAULT 'free',
    is_custodial      boolean NOT NULL DEFAULT false,
    reputation_score  numeric(12, 4) NOT NULL DEFAULT 0 CHECK (reputation_score >= 0),
    preferences       jsonb NOT NULL DEFAULT '{}' CHECK (pg_catalog.jsonb_typeof(preferences) = 'object'),
    created_at        timestamptz NOT NULL DEFAULT pg_catalog.now(),
    updated_at        timestamptz NOT NULL DEFAULT pg_catalog.now(),
    last_login_at     timestamptz,
    CONSTRAINT users_identified CHECK (wallet_address IS NOT NULL OR email IS NOT NULL)
);
-- e-mail is unique case-insensitively (no citext: it is an extension)
CREATE UNIQUE INDEX users_email_lower_key ON core.users (pg_catalog.lower(email));
CREATE INDEX users_tier_idx ON core.users (tier);
CREATE INDEX users_created_at_idx ON core.users (created_at);

CREATE TRIGGER users_set_updated_at BEFORE UPDATE ON core.users
    FOR EACH ROW WHEN (OLD IS DISTINCT FROM NEW) EXECUTE FUNCTION core.set_updated_at();

COMMENT ON TABLE core.users IS 'One identity for every platform: a wallet and/or an e-mail, tier, reputation. RLS: a user sees its own row.';
COMMENT ON COLUMN core.users.id IS 'Identity; what core.current_user_id() returns and every owner_id references.';
COMMENT ON COLUMN core.users.wallet_address IS 'Wallet in stored form (core.normalize_wallet); unique; NULL for e-mail-only users.';
COMMENT ON COLUMN core.users.email IS 'Contact e-mail, unique case-insensitively; a secret: hidden from chain_readonly.';
COMMENT ON COLUMN core.users.tier IS 'Service tier.';
COMMENT ON COLUMN core.users.is_custodial IS 'True when the platform holds the keys of the wallet.';
COMMENT ON COLUMN core.users.reputation_score IS 'Reputation, never negative.';
COMMENT ON COLUMN core.users.preferences IS 'User settings as a JSON object.';
COMMENT ON COLUMN core.users.created_at IS 'Sign-up time.';
COMMENT ON COLUMN core.users.updated_at IS 'Last change, maintained by users_set_updated_at.';
COMMENT ON COLUMN core.users.last_login_at IS 'Last successful login, set by the backend.';
COMMENT ON CONSTRAINT users_identified ON core.users IS 'A user has a wallet, an e-mail, or both.';
COMMENT ON INDEX core.users_email_lower_key IS 'Case-insensitive uniqueness and lookup of e-mail.';
COMMENT ON INDEX core.users_tier_idx IS 'Users by tier.';
COMMENT ON INDEX core.users_created_at_idx IS 'Users by sign-up time.';
COMMENT ON TRIGGER users_set_updated_at ON core.users IS 'Keeps updated_at current on real changes.';

\ir ../../roles/core/users.sql

COMMIT;
