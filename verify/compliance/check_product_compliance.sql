-- Verify chaindb:compliance/check_product_compliance on pg

SELECT standard_id, standard_code, standard_name, compliance_status, last_checked_at, certification_number,
       certificate_valid, certificate_expires_at
  FROM compliance.check_product_compliance(NULL) WHERE FALSE;
