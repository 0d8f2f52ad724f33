\ir inc/sub/uses_cwd.sql
SELECT k FROM common ORDER BY k;
