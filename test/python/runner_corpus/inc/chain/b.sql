INSERT INTO chain VALUES ('b');
\include_relative deeper/c.sql
