CREATE TYPE mood AS ENUM ('sad', 'ok');
ALTER TYPE mood ADD VALUE 'happy';
ALTER TYPE mood ADD VALUE IF NOT EXISTS 'meh' BEFORE 'ok';
CREATE TABLE feel (m mood);
INSERT INTO feel VALUES ('happy'), ('meh');
SELECT enum_range(NULL::mood), m FROM feel ORDER BY m;
