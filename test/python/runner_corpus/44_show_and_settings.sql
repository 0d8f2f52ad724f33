SET search_path = public, pg_catalog;
SHOW search_path;
SET LOCAL statement_timeout = '1s';
SELECT current_setting('standard_conforming_strings');
RESET search_path;
SHOW search_path;
