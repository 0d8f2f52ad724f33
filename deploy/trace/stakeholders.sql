-- Deploy chaindb:trace/stakeholders to pg
-- requires: trace/products

BEGIN;

SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

SET LOCAL ROLE chain_owner;

CREATE TABLE trace.stakeholders (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    product_id  bigint NOT NULL REFERENCES trace.products (product_id) ON DELETE CASCADE,
    user_id     bigint NOT NULL REFERENCES core.users (id),
    role        trace.stakeholder_role NOT NULL,
    added_by    bigint NOT NULL REFERENCES core.users (id),
    added_at    timestamptz NOT NULL DEFAULT pg_catalog.now(),
    is_active   boolean NOT NULL DEFAULT true,
    CONSTRAINT stakeholders_product_user_role_key UNIQUE (product_id, user_id, role),
    CONSTRAINT stakeholders_product_id_id_key UNIQUE (product_id, id)
);
CREATE INDEX stakeholders_user_id_idx ON trace.stakeholders (user_id);
CREATE INDEX stakeholders_added_by_idx ON trace.stakeholders (added_by);

COMMENT ON TABLE trace.stakeholders IS 'Stakeholders of a product (the seed''s stakeholder component; upstream product_stakeholders, D-T5): per-product membership with a role. The manufacturer is added on product insert. Pure child of trace.products (CASCADE); checkpoints reference it (RESTRICT). RLS: readable by everyone; managed by the product''s manufacturer.';
COMMENT ON COLUMN trace.stakeholders.id IS 'Identity; checkpoints reference (product_id, id).';
COMMENT ON COLUMN trace.stakeholders.product_id IS 'The product (CASCADE: membership is part of the product).';
COMMENT ON COLUMN trace.stakeholders.user_id IS 'The stakeholder user (the seed''s stakeholder_id).';
COMMENT ON COLUMN trace.stakeholders.role IS 'Its role for this product (trace.stakeholder_role).';
COMMENT ON COLUMN trace.stakeholders.added_by IS 'Who added it.';
COMMENT ON COLUMN trace.stakeholders.added_at IS 'When it was added.';
COMMENT ON COLUMN trace.stakeholders.is_active IS 'false: may no longer record checkpoints (kept for history).';
COMMENT ON CONSTRAINT stakeholders_product_user_role_key ON trace.stakeholders IS 'A user holds a role once per product; serves the product''s stakeholders lookup.';
COMMENT ON CONSTRAINT stakeholders_product_id_id_key ON trace.stakeholders IS 'Target of the composite FK from checkpoints: the recorder is a stakeholder of that very product.';
COMMENT ON INDEX trace.stakeholders_user_id_idx IS 'Products a user is a stakeholder of (seed "by stakeholder"; FK).';
COMMENT ON INDEX trace.stakeholders_added_by_idx IS 'FK to core.users (added_by).';

\ir ../../functions/trace/stakeholders.sql

CREATE TRIGGER products_add_manufacturer AFTER INSERT ON trace.products
    FOR EACH ROW EXECUTE FUNCTION trace.add_manufacturer_stakeholder();
COMMENT ON TRIGGER products_add_manufacturer ON trace.products IS 'Adds the manufacturer as the product''s manufacturer stakeholder (D-T5).';

\ir ../../roles/trace/stakeholders.sql

COMMIT;
