SELECT U&'d\0061t\+000061', U&'semi;colon', U&'!0061' UESCAPE '!';
CREATE TABLE U&"d\0061ta" (U&"c\0061l" int);
INSERT INTO data VALUES (1);
SELECT cal FROM data;
SELECT B'1010', X'1F', b'01' || B'1', N'national; string';
SELECT 'con'
    'tinued; string';
