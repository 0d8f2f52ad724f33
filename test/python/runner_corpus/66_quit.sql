CREATE TABLE before_quit (a int);
\echo leaving
\q
CREATE TABLE after_quit (a int);
