-- log: every method of Log (an index memory and a data memory); it grows until cleared.
let events = log(0, 1) of string;
events.is_empty();
events.len();
events.first();
events.last();
events.get(0);
events.iter();
events.append("boot");
events.append("login ada");
events.append("");
events.append("logout ada");
events.len();
events.is_empty();
events.get(1);
events.get(2);
events.get(4);
events.first();
events.last();
events.iter();
events.iter() limit 2;
for e in events.iter() { print len(e); }
for i in 0..3 { events.append("tick " + str(i)); }
events.len();
len(events);
describe events;
-- A log accepts none for an option of a fixed-size type.
let maybe = log(2, 3) of option<u8>;
maybe.append(none);
maybe.append(7);
maybe.iter();
-- Unbounded blobs.
let blobs = log(4, 5) of blob;
blobs.append(repeat(x"ee", 5000));
len(blobs.get(0));
-- The bytes in use, then clear: the count goes back to 0 and appends start again at index 0.
events.index_size_bytes();
events.data_size_bytes();
events.clear();
events.len();
events.is_empty();
events.get(0);
events.iter();
events.append("after clear");
events.index_size_bytes();
events.data_size_bytes();
upgrade fast;
events.iter();
