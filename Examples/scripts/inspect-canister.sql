-- Inspecting and repairing a canister's stable memory, offline.
--
-- 1. Download a snapshot:   dfx canister snapshot download CANISTER SNAPSHOT --dir backup
--    (this tutorial's folder is a demo one: `swift run demo-snapshot backup`)
-- 2. Run this script in the folder that holds backup/:
--      stable-repl Examples/scripts/inspect-canister.sql
-- 3. Upload and load the fixed snapshot:
--      dfx canister snapshot upload CANISTER --dir backup
--      dfx canister snapshot load CANISTER NEW_SNAPSHOT_ID

-- Look first, read-only: nothing in the folder is written.
open "backup" readonly;
describe;
memories;

-- What is in each memory? Discovery guesses types from the stored bytes.
describe memory 0;
describe memory 1;
describe memory 3;
describe memory 4;
describe memory 5;

-- Declare what discovery found. Discovery's `let` lines run as printed:
-- `candid` reads any Candid value with the type table it was stored with.
-- Candid sends field names as 32-bit hashes, so they print as numbers
-- until the canister's .did file names them.
let map0 = map(0) of u64 -> candid;
map0.get(5);
drop map0;

-- With the canister's .did file, the values read as its named types
-- (the path is relative to this script).
import "inspect-canister.did";
let users = map(0) of u64 -> candid User;
let events = log(1, 2) of candid Event;
let config = cell(3) of string default "";
let emails = map(4) of string -> u64;
users.len();
events.len();
config.get();
emails.get("grace1@example.org");
emails.range("ada".."alan") limit 3;

-- Ask questions: who is suspended, and what did user 5 do?
select key, value.name, value.status from users where value.status is #Suspended;
select count(*) from users where value.status is #Active;
select value.kind, value.at from events where value.user == 5;

-- Keep a copy of the file the canister keeps in memory 5.
extract memory 5 to "memory5.sqlite";

-- Fix one entry: user 5 was suspended by mistake, and grace1 changed her
-- address. Re-open read-write and declare again (the imported types stay).
-- An insert prints the value it replaces.
close;
open "backup";
let users = map(0) of u64 -> candid User;
let emails = map(4) of string -> u64;
users.insert(5, {name: "donald5", email: "donald5@example.org", status: #Active, created_at: 1736949600000000000});
users.get(5).status;
-- Candid's textual syntax, as dfx prints values, works too.
users.insert(1, candid "record { name = \"grace1\"; email = \"grace@example.net\"; status = variant { Active }; created_at = 1736935200000000000 : nat64 }");
emails.remove("grace1@example.org");
emails.insert("grace@example.net", 1);
select key, value.email from users where key <= 1;
let config = cell(3) of string default "";
config.set("{\"max_users\":2000,\"admins\":[\"ada0\"],\"signups_open\":true}");

-- Ready for `dfx canister snapshot upload`? stable_memory_size must equal
-- stable_memory.bin's size; every commit keeps them equal.
describe;
close;
