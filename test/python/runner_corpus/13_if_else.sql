CREATE TABLE branch (taken text);
\if :{?registry}
    INSERT INTO branch VALUES ('registry defined');
\else
    INSERT INTO branch VALUES ('registry missing');
\endif
\set mode second
\if false
    INSERT INTO branch VALUES ('first');
    this is not even SQL;
    \gset
    \c other_db
\elif :{?mode}
    INSERT INTO branch VALUES ('second');
    \if 0
        INSERT INTO branch VALUES ('nested false');
    \else
        INSERT INTO branch VALUES ('nested else');
    \endif
\elif true
    INSERT INTO branch VALUES ('third');
\else
    INSERT INTO branch VALUES ('fourth');
\endif
\if off
    \if true
        INSERT INTO branch VALUES ('inside inactive');
    \endif
\endif
SELECT taken FROM branch ORDER BY taken;
