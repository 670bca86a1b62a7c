-- Tutorial: a script that checks its own output, as sqlite's .testcase/.check.
-- Run it with `stable-repl Examples/scripts/self-check.sql`: it fails (exit 1,
-- with a line diff) as soon as a result differs from what the script expects.
.mode list
let stock = map(0) of string -> u32;
stock.insert("apples", 12);
stock.insert("pears", 4);

.testcase count
stock.len();
.check 2

.testcase listing
stock.iter();
.check <<END
apples|12
pears|4
END

-- `_` is the last single value printed: here the number of pears.
stock.get("pears");
stock.insert("plums", _ * 2);

.headers on
.testcase with-headers
stock.iter() limit 1;
.check <<END
key|value
apples|12
END
stock.get("plums");
