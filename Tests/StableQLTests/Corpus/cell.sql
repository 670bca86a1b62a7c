-- cell: get and set; the default is written only when the cell is created.
let counter = cell(0) of u64 default 7;
counter.get();
counter.set(9);          -- prints the old value
counter.get();
print counter.set(10);
counter.get();
describe counter;
drop counter;
let counter = cell(0) of u64 default 100;   -- loads: the default is not used
counter.get();
let greeting = cell(1) of string default "hello";
greeting.set(repeat("long ", 4));
greeting.get();
greeting.set("hi");       -- shorter than before
greeting.get();
let maybe = cell(2) of option<u8> default none;
maybe.get();
maybe.set(3);
maybe.get();
maybe.set(none);
maybe.get();
let default_expr = cell(3) of u32 default 6 * 7;
default_expr.get();
