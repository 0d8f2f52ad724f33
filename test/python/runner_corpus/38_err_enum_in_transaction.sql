-- expect-error: 55P04
CREATE TYPE colour AS ENUM ('red');
BEGIN;
ALTER TYPE colour ADD VALUE 'blue';
SELECT 'blue'::colour;
COMMIT;
