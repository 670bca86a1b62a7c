-- Queries: select, where, group by, order by, limit/offset, aggregates, delete, update.
type User = record { name: string, age: u32, city: option<string>, balance: u64 };
let users = map(0) of u64 -> User;
users.insert(1, {name: "ada", age: 36, city: some("London"), balance: 500});
users.insert(2, {name: "grace", age: 45, city: none, balance: 200});
users.insert(3, {name: "alan", age: 41, city: some("London"), balance: 500});
users.insert(4, {name: "linus", age: 30, city: some("Helsinki"), balance: 900});
users.insert(5, {name: "barbara", age: 52, city: some("Boston"), balance: 200});
users.insert(6, {name: "edsger", age: 72, city: none, balance: 0});

select key, value.name from users where value.age > 40;
select * from users where key >= 2 and key < 4;
select value.name as name, value.city from users where value.city == some("London") or value.age < 31;
-- none: field access through none, none in where, none first in order by
select key, value.city from users order by value.city, key desc;
select key from users where value.city > some("C");
-- aggregates, over all rows and over none
select count(*), count(value.city), sum(value.balance), min(value.age), max(value.name), avg(value.age) from users;
select count(*) as n, sum(value.balance), avg(value.age) from users where key > 100;
-- group by with an alias; order by an aggregate's alias
select value.city as city, count(*) as n, sum(value.balance) as total from users group by city order by total desc, city;
select value.balance, count(*) from users group by value.balance order by value.balance desc;
-- ties keep the key order; limit and offset
select key, value.balance from users order by value.balance desc limit 3 offset 1;
select key from users order by key desc limit 2;
select key, value.age from users order by value.age asc limit 2;
select key from users where key > 10;
-- tuples and field indexes
let pairs = map(1) of (u32, u32) -> (u64, u64);
pairs.insert((1, 2), (10, 20));
pairs.insert((1, 3), (30, 40));
pairs.insert((2, 1), (50, 60));
select key.0, key.1, value.0 + value.1 as s from pairs where key.0 == 1;
select key.0 as k, sum(value.1) from pairs group by k;
-- the other kinds and their row variables
let tags = set(2) of string;
tags.insert("blue"); tags.insert("green"); tags.insert("red");
select key from tags where key >= "c" order by key desc;
let v = vec(3) of u64;
v.push(7); v.push(3); v.push(9); v.push(3);
select index, value from v where index >= 1 order by value, index desc;
let events = log(4, 5) of string;
events.append("start"); events.append("stop"); events.append("start");
select value, count(*) from events group by value;
let h = heap(6) of u64;
h.push(5); h.push(1); h.push(3);
select min(value), max(value), sum(value) from h;
let c = cell(7) of u64 default 41;
select value + 1 from c;
-- changes
update users set value = {name: value.name, age: value.age + 1, city: value.city, balance: value.balance} where key == 1;
select key, value.age from users where key <= 2;
delete from users where value.city == none;
select key from users;
update v set value = value * 10 where index == 2;
update c set value = value + 1;
delete from tags where key == "green";
select * from v;
select * from c;
select * from tags;
-- errors: each leaves the data unchanged
update users set value = {name: value.name, age: value.age - 40, city: value.city, balance: value.balance};
select key, value.age from users;
delete from events where index == 0;
delete from v;
update tags set value = "x";
update h set value = 1;
select key, count(*) from users;
select key from users where count(*) > 1;
select key from users where value.name;
select key from nowhere;
select key from users where value is #Active;
select key from users offset 1;
