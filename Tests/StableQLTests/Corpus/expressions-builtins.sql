-- Expressions, operators, built-in functions and the statements around them:
-- let, print, bare expressions, assert, for, drop, describe.

-- Arithmetic on integers is exact; / truncates toward zero, % takes the dividend's sign.
1 + 2;
7 - 10;
6 * 7;
-7 / 2;
-7 % 3;
7 % -3;
2 + 3 * 4;
(2 + 3) * 4;
-(3 - 5);
340282366920938463463374607431768211455 - 1;
-340282366920938463463374607431768211455;
-- A float operand makes a float result, with IEEE rules.
7 / 2.0;
1 / 0.0;
-1 / 0.0;
0.0 / 0.0;
1.5 + 1;
0.1 + 0.2;
-- Joining strings and blobs.
"ab" + "cd";
x"01" + x"02ff";
"" + "";
-- Comparisons across integers and floats, strings, blobs, options, tuples.
1 == 1.0;
1 != 2;
2 < 10;
"b" > "abc";
"a" <= "a";
x"00ff" < x"01";
false < true;
none < some(0);
some(1) == 1;
some(2) > some(1);
(1, "b") > (1, "a");
(1, 2) == (1, 2);
principal "aaaaa-aa" < principal "2vxsx-fae";
nan == nan;
nan != nan;
nan < 1;
1.5 >= 1.5;
-- Logic: and, or, not, with short-circuit.
true and false;
true or false;
not true;
not (1 > 2);
false and (1 / 0 == 1);
true or (1 / 0 == 1);
1 < 2 and 2 < 3;

-- Built-ins.
str(12) + str(x"ff");
str("plain");
str(some(5));
str(principal "aaaaa-aa");
str(1.5);
str(true);
str((1, "a"));
str(none);
len("héllo");
len(x"0001");
len(principal "2vxsx-fae");
len((1, 2, 3));
len("");
hex("hi");
hex(255);
hex(-255);
hex(x"DEAD");
hex(principal "2vxsx-fae");
hex(0);
blob("hi");
blob(principal "2vxsx-fae");
blob(x"01");
repeat("ab", 3);
repeat(x"00", 2);
repeat("x", 0);
hash("");
hash("a");
hash(x"61");
hash(1);
hash(true);

-- Variables: let binds, let again replaces; loops accumulate with let.
let total = 0;
for i in 1..=10 { let total = total + i; }
print total;
let total = "now a string";
print total;
describe total;
let v = (1, some("x"), x"ab");
describe v;
let f = 2.5;
describe f;
-- for over a half-open and an empty range; the loop variable is scoped.
let i = "outer";
for i in 0..3 { print i; }
for i in 5..5 { print i; }
for i in 3..=3 { print i; }
for i in -2..0 { print i; }
print i;
-- Loops nest.
for a in 1..=2 { for b in 1..=2 { print (a, b); } }
-- Inside a loop, a mutating call never prints; print always does.
let m = map(0) of u8 -> u8;
for k in 0..3 { m.insert(k, k); m.insert(k, k + 1); }
for k in 0..1 { print m.insert(k, 9); }
m.iter();
-- assert with and without a message.
assert 1 + 1 == 2;
assert len(m) == 3, "three entries";
-- Statements may span lines; several may share a line; the last ; may follow a }.
print
  1 +
  2;
print 1; print 2;
for j in 0..1 { print j; };
-- drop forgets scalars and structures; the data stays in memory.
drop total;
drop m;
let m = map(0) of u8 -> u8;
m.len();
