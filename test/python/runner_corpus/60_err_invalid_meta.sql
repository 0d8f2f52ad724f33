-- expect-error: meta
CREATE TABLE before_meta (a int);
\frobnicate now
CREATE TABLE after_meta (a int);
