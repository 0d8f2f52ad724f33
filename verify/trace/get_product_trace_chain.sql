-- Verify chaindb:trace/get_product_trace_chain on pg

SELECT sequence_order, checkpoint_id, "timestamp", location, stakeholder_id, stakeholder_role, stakeholder_wallet,
       status, temperature, humidity, duration_hours, additional_data
  FROM trace.get_product_trace_chain(NULL) WHERE FALSE;
