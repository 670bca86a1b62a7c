-- Tutorial: asking questions of a structure with select, and changing it with update and delete.
type Account = record { owner: string, balance: u64, status: option<string> };
let accounts = map(0) of u64 -> Account;
accounts.insert(1, {owner: "ada", balance: 1200, status: some("active")});
accounts.insert(2, {owner: "grace", balance: 300, status: some("suspended")});
accounts.insert(3, {owner: "alan", balance: 4500, status: some("active")});
accounts.insert(4, {owner: "edsger", balance: 0, status: none});
accounts.insert(5, {owner: "barbara", balance: 2500, status: some("active")});

-- Which accounts are suspended? (where keeps the rows whose condition is true)
select key, value.owner from accounts where value.status == some("suspended");
-- The three largest balances (order by … desc, limit).
select value.owner, value.balance from accounts order by value.balance desc limit 3;
-- Accounts per status, with totals (group by and aggregates; none is a group too).
select value.status as status, count(*), sum(value.balance) as total, avg(value.balance)
    from accounts group by status order by total desc;
-- Conditions on key become range scans: only the nodes holding keys 2 to 4 are read.
select key, value.owner from accounts where key >= 2 and key <= 4;

-- Changes are statements: atomic, like every statement.
update accounts set value = {owner: value.owner, balance: value.balance + 100, status: value.status}
    where value.status == some("active");
delete from accounts where value.status == none;
select * from accounts;

-- Scripts can branch, loop and accumulate.
let rich = 0;
for balance in (select value.balance from accounts) {
    if balance > 1000 { rich = rich + 1; }
}
print rich;
