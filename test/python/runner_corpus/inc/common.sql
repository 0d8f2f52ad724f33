-- included with \i relative to the working directory
CREATE TABLE common (k text PRIMARY KEY);
INSERT INTO common VALUES ('from common');
\echo in common
