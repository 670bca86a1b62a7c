-- Tutorial: BTreeSet, an ordered set in stable memory.
let seen = set(0) of u32;
for i in 0..20 { seen.insert(i * 3); }
seen.contains(9);
seen.contains(10);
seen.len();
seen.range(10..=20);
seen.remove(9);
seen.first();
seen.pop_last();
seen.iter() limit 5;
