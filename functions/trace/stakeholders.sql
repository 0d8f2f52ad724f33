-- trace.add_manufacturer_stakeholder() → trigger (AFTER INSERT ON trace.products, row)
--   Adds the product's manufacturer as its 'manufacturer' stakeholder, added by itself, so the
--   manufacturer can record the first checkpoint at once. SECURITY DEFINER (chain_owner, with the
--   stakeholders_insert_owner policy): an end user registering its product may not insert
--   stakeholders of a product it does not yet see as its own in the same statement.
SET LOCAL search_path = pg_catalog, pg_temp;  -- resolve nothing through a schema someone else can write

CREATE FUNCTION trace.add_manufacturer_stakeholder()
RETURNS trigger
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    INSERT INTO trace.stakeholders (product_id, user_id, role, added_by)
    VALUES (NEW.product_id, NEW.manufacturer_id, 'manufacturer', NEW.manufacturer_id)
    ON CONFLICT ON CONSTRAINT stakeholders_product_user_role_key DO NOTHING;
    RETURN NULL;
END
$$;
COMMENT ON FUNCTION trace.add_manufacturer_stakeholder() IS
    'Trigger: adds a new product''s manufacturer as its manufacturer stakeholder (D-T5).';
REVOKE ALL ON FUNCTION trace.add_manufacturer_stakeholder() FROM PUBLIC;
