\set use_index true
CREATE TABLE conditional (a int);
\if :use_index
CREATE INDEX conditional_a ON conditional (a);
\else
CREATE INDEX never_made ON conditional (a);
\endif
\if :{?registry}
\set schema_name :registry
\endif
SELECT :'schema_name';
\if :{?undefined_var}
SELECT 'should not run'
\endif
;
SELECT indexname FROM pg_indexes WHERE tablename = 'conditional';
