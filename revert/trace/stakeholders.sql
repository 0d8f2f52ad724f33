-- Revert chaindb:trace/stakeholders from pg

BEGIN;

DROP TRIGGER products_add_manufacturer ON trace.products;
DROP TABLE trace.stakeholders;
DROP FUNCTION trace.add_manufacturer_stakeholder();

COMMIT;
