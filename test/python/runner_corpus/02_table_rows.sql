CREATE TABLE item (id int PRIMARY KEY, name text NOT NULL, price numeric(8,2));
INSERT INTO item VALUES (1, 'apple', 1.25), (2, 'pear', NULL), (3, 'fig; dried', 3);
SELECT id, name, price FROM item ORDER BY id;
UPDATE item SET price = price * 2 WHERE id = 1 RETURNING id, price;
DELETE FROM item WHERE id = 2;
