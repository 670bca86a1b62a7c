-- Candid and json values: import, literals, output, subtyping, refusals.
import "$CORPUS/candid/shop.did";
describe Item;
describe service;

-- Every literal form written into a declared type, read back.
let items = map(0) of u64 -> candid Item;
items.insert(1, {id: 1, name: "atlas", price: 2500, kind: #Book, tags: ["maps", "paper"], image: none, offset: -3, weight: 1.5});
-- A nat beyond u128 is written in Candid text.
items.insert(2, {id: candid "340282366920938463463374607431768211457", name: "yo-yo", price: 300, kind: #Toy("wood"), tags: [], image: x"ffd8", offset: 0, weight: 0.25});
items.insert(3, candid "record { id = 3; name = \"card\"; price = 99 : nat64; kind = variant { Gift = record { to = principal \"2vxsx-fae\"; wrapped = true } }; tags = vec {}; image = null; offset = 7 : int32; weight = 0.0 }");
items.iter();
items.get(3).kind.Gift;
items.get(3).kind.Gift.to;
items.get(1).kind.Toy;
print items.get(2).id;
print items.get(1).tags;
assert items.get(1).kind == #Book;
assert items.get(2).price + 1 == 301;

-- Tuple records and recursive types.
let pairs = cell(1) of candid Pair default (0, false);
pairs.set((-42, true));
print pairs.get();
print pairs.get().0;
let lists = cell(2) of candid Node default {value: 1, next: some({value: 2, next: none})};
print lists.get();
print lists.get().next.value;

-- Messages written by another implementation (the official Candid test suite).
let raw = map(3) of u64 -> blob;
raw.insert(1, x"4449444c016c02d3e3aa027e868eb7027c0100012a");
raw.insert(2, x"4449444c016c02017c007e01002a01");
raw.insert(3, x"4449444c016c01cd84b0057f0100");
raw.insert(4, x"4449444c016c02007c017e01002a01");
raw.insert(5, x"4449444c016c02007c007e01002a01");
raw.insert(6, x"4449444c");
drop raw;
let foreign = map(3) of u64 -> candid;
foreign.iter();
print foreign.get(1);
foreign.get(5);
drop foreign;
let foos = map(3) of u64 -> candid Foo;
foos.get(1);
foos.get(4);

-- Values that do not fit, unknown types, keys.
items.insert(9, {id: -1, name: "x", price: 1, kind: #Book, tags: [], offset: 0, weight: 0.0});
items.insert(9, {id: 9, name: "x", price: 1, kind: #Car, tags: [], offset: 0, weight: 0.0});
items.insert(9, {id: 9, name: "x", price: 1, kind: #Book, tags: [1], offset: 0, weight: 0.0});
items.insert(9, candid "record { id = ");
let nope = map(4) of u64 -> candid Missing;
let byItem = map(4) of candid Item -> u64;
byItem.get({id: 1});
byItem.range(..);
byItem.len();
type Foo = record { x: u64 };
import "$CORPUS/candid/missing.did";
import "$CORPUS/candid/broken.did";
assert items.len() == 3;

-- Untyped candid columns write values at their own shape.
let loose = map(5) of u64 -> candid;
loose.insert(1, {a: [1, 2], b: #On, c: some("x")});
loose.insert(2, [{x: 1}, {x: 2}]);
loose.insert(3, [1, "two"]);
loose.iter();

-- JSON documents.
let docs = map(6) of u64 -> json;
docs.insert(1, "{\"name\": \"ada\", \"n\": 123456789012345678901234567890, \"x\": [1.5e-3, true, null, \"\\u00e9\"]}");
docs.insert(2, json "[]");
docs.insert(3, {id: 3, tags: ("a", "b")});
docs.insert(4, "{\"a\": 1,}");
docs.insert(4, json "nul");
docs.iter();
print docs.get(1).name;
print docs.get(1).x;
docs.get(2).name;
assert docs.get(2) == json "[]";
