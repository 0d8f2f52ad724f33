-- included: a notice, then an error in a DO block on line 6
DO $$ BEGIN RAISE NOTICE 'from the included file'; END $$;
DO $$
BEGIN
    PERFORM 1 / 0;
END $$;
