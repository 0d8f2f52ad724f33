SET standard_conforming_strings TO off;
SELECT 'a\\b', E'c\\d', $$e\f$$;
CREATE TABLE mix (v text);
INSERT INTO mix VALUES ('semi\';colon'), ($$dollar ' quote$$);
RESET standard_conforming_strings;
SELECT v FROM mix ORDER BY v;
SELECT 'a\b';
