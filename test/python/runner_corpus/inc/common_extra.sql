INSERT INTO common VALUES ('from extra');
