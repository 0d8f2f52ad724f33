\set yes_flag yes
\set t_flag T
\set on_flag ON
\set one 1
\set fa fal
\if :yes_flag
\echo yes is true
\endif
\if :t_flag
\echo T is true
\endif
\if :on_flag
\echo ON is true
\endif
\if :one
\echo 1 is true
\endif
\if :fa
\echo not printed
\else
\echo fal is false
\endif
\if no
\elif n
\elif of
\else
\echo all false
\endif
