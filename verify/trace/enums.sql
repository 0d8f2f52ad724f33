-- Verify chaindb:trace/enums on pg

SELECT 'other'::trace.product_type, 'disposed'::trace.checkpoint_status, 'quality_control'::trace.stakeholder_role;
