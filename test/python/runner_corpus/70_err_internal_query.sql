-- expect-error: 42601
DO $$
BEGIN
    EXECUTE 'SELECT 1 FROM';
END $$;
