-- map: every method of BTreeMap, ranges of every form, limit, for loops.
let users = map(0) of u64 -> string;
users.is_empty();
users.len();
users.first();
users.last();
users.pop_first();
users.pop_last();
users.get(1);
users.remove(1);
users.iter();
users.insert(1, "ada");
users.insert(2, "grace");
users.insert(1, "ada lovelace");   -- prints the previous value
users.get(1);
users.get(99);
users.contains(2);
users.contains(3);
users.len();
users.is_empty();
for i in 3..=12 { users.insert(i, "user " + str(i)); }
users.len();
users.first();
users.last();
users.iter();
users.iter() limit 3;
users.keys();
users.keys() limit 2;
users.values() limit 4;
users.range(4..7);
users.range(4..=7);
users.range(10..);
users.range(..3);
users.range(..=3);
users.range(..);
users.range(5..5);
users.range(9..) limit 1;
print users.insert(50, "new");       -- print shows none too
users.remove(50);
users.remove(50);
users.pop_first();
users.pop_last();
users.len();
-- loops over entries bind (key, value) tuples; keys() binds the key.
let total = 0;
for e in users.range(3..6) { print e; }
for k in users.keys() { let total = total + k; }
print total;
-- the rows are read first, so the body may change the map it iterates.
for k in users.keys() { users.remove(k); users.insert(k + 100, "moved"); }
users.keys() limit 3;
users.len();
len(users);
users.clear();
users.len();
users.is_empty();
describe users;

-- A map with string keys orders by UTF-8 bytes; ranges work on any key type.
let prices = map(1) of string -> u64;
prices.insert("pear", 5);
prices.insert("apple", 3);
prices.insert("fig", 7);
prices.range("b".."g");
prices.first();
describe prices;
-- Ranges of keys or of values only, and the walk from the key before a given one.
prices.keys_range("b".."g");
prices.values_range(..="apple");
prices.iter_from_prev_key("banana");
prices.iter_from_prev_key("apple");
prices.iter_from_prev_key("zebra") limit 1;
for k in prices.keys_range(..) { print k; }
