CREATE TABLE words (w text, j jsonb);
INSERT INTO words VALUES ('100%', '{"a": 1, "b": 2}'), ('percent %s %d', '{"c": 3}');
SELECT w FROM words WHERE w LIKE '%\%%' ORDER BY w;
SELECT 7 % 3, j ? 'a', j ?| ARRAY['c'], j->>'a' FROM words ORDER BY w;
SELECT format('%s-%s', 'a', 'b');
