-- drop-in: the first initdb.d script (plain SQL) creates the table the others write to
create table initdb_runs(script text not null, at timestamptz not null default now());
insert into initdb_runs(script) values ('sql');
