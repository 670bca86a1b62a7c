-- Tutorial: Log, an append-only list of entries over two memories.
let journal = log(0, 1) of string;             -- index in memory 0, entries in memory 1
journal.append("first");
journal.append("");                            -- empty entries are fine
journal.append("third entry");
journal.len();
journal.get(2);
journal.first();
journal.last();
journal.iter();
