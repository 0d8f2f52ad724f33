-- Verify chaindb:trace/calculate_trust_score on pg

SELECT 1 / (trace.calculate_trust_score(NULL) = 0)::int;
SELECT 1 / (trace.calculate_product_trust_score(NULL) IS NULL)::int;
