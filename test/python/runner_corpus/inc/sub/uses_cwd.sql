-- \i inside an included file is still relative to the working directory
\i inc/common.sql
INSERT INTO common VALUES ('uses cwd');
