-- drill-scheduled: the orders the sanity queries look for, in the first backup already
create table orders(id int primary key, created timestamptz not null default now(), note text);
insert into orders(id, note) select g, repeat('x', g % 50) from generate_series(1, 250) g;
create index orders_created on orders(created);
