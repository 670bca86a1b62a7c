-- set: every method of BTreeSet.
let seen = set(0) of u32;
seen.is_empty();
seen.first();
seen.last();
seen.pop_first();
seen.iter();
seen.insert(3);
seen.insert(3);          -- false: already there
for i in 0..20 { seen.insert(i * 3); }
seen.len();
seen.is_empty();
seen.contains(9);
seen.contains(10);
seen.first();
seen.last();
seen.range(10..=20);
seen.range(10..20);
seen.range(50..);
seen.range(..6);
seen.range(..=6);
seen.iter() limit 4;
seen.remove(9);
seen.remove(9);
seen.pop_first();
seen.pop_last();
seen.len();
len(seen);
let sum = 0;
for x in seen.range(..10) { let sum = sum + x; }
print sum;
seen.clear();
seen.len();
describe seen;

-- A set of tuples.
let edges = set(1) of (u16, u16);
edges.insert((1, 2)); edges.insert((1, 1)); edges.insert((0, 9));
edges.iter();
edges.range((1, 0)..);
-- The elements from the one before a given element on.
edges.iter_from_prev((1, 1));
edges.iter_from_prev((0, 0));
