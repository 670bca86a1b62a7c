-- Candid values: what most Rust canisters store. Their Storable impls use
-- Encode!(self) and Decode!(bytes, Self), as the official tutorials teach;
-- StableQL reads and writes the same bytes.
open "users.img";

-- Import the canister's interface: every named type becomes usable as
-- `candid NAME`. Paths are relative to this script.
import "candid/users-v1.did";
describe User;
describe service;

-- Users by id, events in a log, as the canister declares them.
let users = map(0) of u64 -> candid User;
let events = log(1, 2) of candid Event;

-- Records, lists [..], variants #Tag / #Tag(payload).
users.insert(1, {name: "ada", age: 36, tags: ["math", "engines"], status: #Active});
users.insert(2, {name: "bob", age: 7, tags: [], status: #Suspended("spam")});
-- Candid's textual syntax, as dfx prints values, works too.
users.insert(3, candid "record { name = \"cy\"; age = 51 : nat8; tags = vec { \"ops\" }; status = variant { Active } }");
events.append({user: 1, at: 1700000000, kind: #Joined});
events.append({user: 1, at: 1700000100, kind: #Renamed("Ada")});
users.iter();
events.iter();

-- Fields read with `.`; on a variant, `.Tag` is its payload or none.
print users.get(2).status.Suspended;
for id in users.keys() {
  print users.get(id).name;
}
assert users.get(1).status == #Active;

-- Values that do not fit the type are refused, nothing is written.
-- (users.insert(4, {name: "dan", age: 300, tags: [], status: #Active}) fails: 300 is not a nat8.)

-- Version 2 of the canister adds two `opt` fields. Importing the new .did
-- replaces the definitions; `upgrade` re-attaches the map with them, and the
-- old entries read none for the new fields (Candid subtyping).
import "candid/users-v2.did";
upgrade;
users.insert(4, {name: "dee", age: 29, tags: ["new"], status: #Active, avatar: x"89504e47", referrer: principal "2vxsx-fae"});
users.iter();
assert users.get(1).avatar == none;

-- What is stored: without a declared type, `candid` decodes any message from
-- its own type table; field names come from the imported names by hash.
drop users;
let stored = map(0) of u64 -> candid;
print stored.get(1);
drop stored;
let bytes = map(0) of u64 -> blob;
print bytes.get(1);

-- JSON documents (Azle, serde_json) are the `json` type.
let settings = cell(3) of json default json "{}";
settings.set("{\"theme\": \"dark\", \"limits\": {\"users\": 1000}}");
print settings.get();
print settings.get().limits;
close;
