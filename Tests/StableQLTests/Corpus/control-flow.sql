-- Scripts: if / else if / else, while, break, continue, assignment, for over a query.
let total = 0;
let i = 0;
while i < 20 {
    i = i + 1;
    if i % 2 == 0 { continue; }
    if i > 11 { break; }
    total = total + i;
}
print (i, total);
let label = "";
for n in 0..4 {
    if n == 0 { label = label + "zero "; } else if n == 1 { label = label + "one "; } else { label = label + "many "; }
}
print label;
let m = map(0) of u64 -> u64;
for k in 1..=10 { m.insert(k, k * k); }
let squares = 0;
for v in (select value from m where key <= 3) { squares = squares + v; }
print squares;
for row in (select key, value from m where value > 50 order by value desc limit 2) { print row.0 * 1000 + row.1; }
-- the body may change the structure it iterates
for k in (select key from m where key % 2 == 0) { m.remove(k); }
select count(*), sum(key) from m;
-- nested loops: break leaves the inner one only
let pairs = 0;
for a in 0..5 { for b in 0..5 { if b > a { break; } pairs = pairs + 1; } }
print pairs;
-- a failing loop rolls back everything it did
let before = m.len();
while true { m.pop_first(); assert m.len() > 2, "stop"; }
print m.len() == before;
-- errors
break;
continue;
undeclared = 1;
m = 1;
if 1 { print 1; }
while "yes" { print 1; }
