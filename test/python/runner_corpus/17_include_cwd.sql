\i inc/common.sql
\include inc/common_extra.sql
SELECT k FROM common ORDER BY k;
