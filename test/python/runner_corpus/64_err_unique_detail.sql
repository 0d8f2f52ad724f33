-- expect-error: 23505
CREATE TABLE u (id int PRIMARY KEY, n text);
INSERT INTO u VALUES (1, 'a');
INSERT INTO u VALUES (2, 'b'), (1, 'again');
