-- A tour of stable-repl: structures that live in stable memory.
-- Run it with:  bash Scripts/demo.sh   (or: stable-repl Examples/scripts/tour.sql)

-- With no `open`, the session runs on an in-heap memory with a memory manager.
let users = map(0) of u64 -> string;          -- a BTreeMap<u64, String> in virtual memory 0
users.insert(1, "ada");
users.insert(2, "grace");
users.get(1);
for i in 3..1000 { users.insert(i, "user " + str(i)); }
users.len();
users.range(10..13);
users.first();

let scores = heap(1) of u32;                   -- a MinHeap<u32> in virtual memory 1
scores.push(42);
scores.push(7);
scores.push(19);
scores.peek();

let events = log(2, 3) of string;              -- a Log: index in memory 2, data in memory 3
events.append("created users");
events.append("pushed scores");
events.len();

-- An upgrade drops every heap object and re-attaches each structure from memory.
upgrade;
users.get(2);
scores.pop();
events.get(1);
memories;
