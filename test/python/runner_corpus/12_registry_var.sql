CREATE SCHEMA :"registry";
CREATE TABLE :"registry".changes (change_id text PRIMARY KEY, project text);
INSERT INTO :registry.changes VALUES ('abc', :'registry');
SELECT change_id, project FROM :"registry".changes;
SELECT nspname FROM pg_namespace WHERE nspname = :'registry';
