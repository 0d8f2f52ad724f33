\set greeting `echo hello from the shell`
\set twolines `printf 'a\nb\n\n'`
\set failing `exit 3`
\echo :greeting
\echo [:twolines]
\echo [:failing]
\set word shell
\echo `echo :word quoted :'word'`
SELECT :'greeting';
