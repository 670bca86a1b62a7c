-- upgrade on an image file: flush to disk, re-open the file, re-attach.
open "$TMP/up.img";
let users = map(0) of u64 -> string;
let events = log(1, 2) of blob<16>;
let counter = cell(3) of u64 default 0;
for i in 0..200 { users.insert(i, "user " + str(i)); events.append(b"ev"); }
counter.set(200);
upgrade;
users.get(199);
events.len();
counter.get();
users.insert(1000, "after upgrade");
upgrade;
close;
-- A new open sees what the upgrades left.
open "$TMP/up.img";
let users = map(0) of u64 -> string;
users.len();
users.get(1000);
let counter = cell(3) of u64 default 0;
counter.get();
upgrade;
-- close drops the structure bindings; scalar variables stay.
let kept = "scalar";
close;
print kept;
users.len();
-- Readonly: upgrade works too, since nothing is written.
open "$TMP/up.img" readonly;
let users = map(0) of u64 -> string;
upgrade;
users.len();
