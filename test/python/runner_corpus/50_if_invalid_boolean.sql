-- psql only complains about a non-boolean \if/\elif value and skips the rest of the block
\if :undefined_flag
SELECT 'if branch';
\else
SELECT 'else branch';
\endif
\if false
SELECT 'first';
\elif maybe
SELECT 'elif branch';
\else
SELECT 'else after bad elif';
\endif
SELECT 'continues';
