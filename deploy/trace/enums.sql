-- Deploy chaindb:trace/enums to pg
-- requires: trace/schema

BEGIN;

SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

SET LOCAL ROLE chain_owner;

CREATE TYPE trace.product_type AS ENUM (
    'pharmaceutical', 'electronics', 'luxury', 'food', 'clothing', 'cosmetics', 'automotive', 'agricultural', 'other');
CREATE TYPE trace.checkpoint_status AS ENUM (
    'manufactured', 'quality_checked', 'packaged', 'shipped', 'in_transit', 'received', 'stored', 'sold',
    'recalled', 'disposed');
CREATE TYPE trace.stakeholder_role AS ENUM (
    'manufacturer', 'distributor', 'retailer', 'consumer', 'regulator', 'auditor', 'logistics', 'quality_control');
COMMENT ON TYPE trace.product_type IS 'Seed product_type: category of a traced product (values from the upstream schema; the seed gives none).';
COMMENT ON TYPE trace.checkpoint_status IS 'Seed checkpoint_status: what happened to the product at a checkpoint, in supply-chain order.';
COMMENT ON TYPE trace.stakeholder_role IS 'Seed stakeholder_role: the part a user plays for one product.';


COMMIT;
