-- expect-error: 42703
CREATE TABLE été (données text);
SELECT 'ça', données, ñoño FROM été;
