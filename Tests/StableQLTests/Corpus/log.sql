-- log: every method of Log (an index memory and a data memory); it only grows.
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
