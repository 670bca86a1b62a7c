import Foundation
import StableQL
import Testing

/// A small deterministic generator, so the data sets are the same on every run.
struct SplitMix {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func below(_ bound: UInt64) -> UInt64 { next() % bound }
}

/// Runs `script` in JSON mode and returns the output lines; the script must succeed.
func jsonLines(_ script: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> [String] {
    let (session, sink) = makeSession(mode: .json)
    let ok = session.run(script, origin: "<test>")
    #expect(ok, "\(sink.errors)", sourceLocation: sourceLocation)
    return sink.output.split(separator: "\n", omittingEmptySubsequences: false).map(String.init).filter { !$0.isEmpty }
}

/// JSON of a string.
func js(_ text: String) -> String { "\"\(text)\"" }

/// A JSON array of rows, each an array of already-rendered cells.
func jsonRows(_ rows: [[String]]) -> String {
    "[" + rows.map { "[" + $0.joined(separator: ",") + "]" }.joined(separator: ",") + "]"
}

@Suite("Queries")
struct QueryTests {
    /// One user of the model: what the map holds, in Swift.
    struct User {
        let id: UInt64
        let name: String
        let age: UInt64
        let city: String?
        let balance: UInt64
    }

    static let cities = ["Paris", "Lima", "Oslo", "Kyiv"]

    /// 300 users with random ages, cities (a fifth without), balances with many ties.
    static func users() -> [User] {
        var random = SplitMix(state: 19)
        var users: [User] = []
        var id: UInt64 = 0
        for index in 0..<300 {
            id += 1 + random.below(5)
            let city = random.below(5) == 0 ? nil : cities[Int(random.below(4))]
            users.append(User(id: id, name: "u\(index)", age: 18 + random.below(60), city: city, balance: random.below(20) * 100))
        }
        return users
    }

    static func script(_ users: [User]) -> String {
        var text = """
            type User = record { name: string, age: u64, city: option<string>, balance: u64 };
            let users = map(0) of u64 -> User;

            """
        for user in users {
            let city = user.city.map { "some(\"\($0)\")" } ?? "none"
            text += "users.insert(\(user.id), {name: \"\(user.name)\", age: \(user.age), city: \(city), balance: \(user.balance)});\n"
        }
        return text
    }

    @Test("where, projection, key ranges and empty results match a model of the map")
    func filtersAndRanges() {
        let users = QueryTests.users()
        let lower = users[50].id, upper = users[149].id
        let lines = jsonLines(QueryTests.script(users) + """
            select key, value.name from users where value.age >= 60 and value.city == some("Oslo");
            select key from users where key >= \(lower) and key < \(upper);
            select key, value.age from users where \(upper) >= key and key > \(lower) and value.age < 30;
            select value.name from users where key > 1000000;
            select count(*) from users where value.city == none;
            select value.city from users where key == \(users[7].id);
            """)
        let oslo = users.filter { $0.age >= 60 && $0.city == "Oslo" }.map { ["\($0.id)", js($0.name)] }
        let range = users.filter { $0.id >= lower && $0.id < upper }.map { ["\($0.id)"] }
        let young = users.filter { $0.id <= upper && $0.id > lower && $0.age < 30 }.map { ["\($0.id)", "\($0.age)"] }
        #expect(lines == [
            jsonRows(oslo), jsonRows(range), jsonRows(young), "[]",
            jsonRows([["\(users.filter { $0.city == nil }.count)"]]),
            jsonRows([[users[7].city.map(js) ?? "null"]]),
        ])
        #expect(range.count == 99)
    }

    @Test("group by with several aggregates, aliases in group by and order by")
    func groups() {
        let users = QueryTests.users()
        let lines = jsonLines(QueryTests.script(users) + """
            select value.city as city, count(*), count(value.city), sum(value.balance), min(value.age), max(value.name), avg(value.age) as mean
                from users group by city order by mean desc;
            select count(*) as n, sum(value.age), avg(value.balance) from users where value.age > 200;
            select value.city, count(*) from users where value.age > 200 group by value.city;
            """)
        struct Group { var count = 0; var named = 0; var balance: UInt64 = 0; var minAge = UInt64.max; var maxName = ""; var ages: UInt64 = 0 }
        var groups: [String?: Group] = [:]
        for user in users {
            var group = groups[user.city] ?? Group()
            group.count += 1
            if user.city != nil { group.named += 1 }
            group.balance += user.balance
            group.minAge = min(group.minAge, user.age)
            if Array(user.name.utf8).lexicographicallyPrecedes(Array(group.maxName.utf8)) == false { group.maxName = user.name }
            group.ages += user.age
            groups[user.city] = group
        }
        let rows = groups.map { city, group in
            (mean: Double(group.ages) / Double(group.count),
             cells: [city.map(js) ?? "null", "\(group.count)", "\(group.named)", "\(group.balance)", "\(group.minAge)",
                     js(group.maxName), "\(Double(group.ages) / Double(group.count))"])
        }.sorted { $0.mean > $1.mean }.map(\.cells)
        #expect(lines.count == 3)
        #expect(lines.first == jsonRows(rows))
        #expect(lines.dropFirst().first == jsonRows([["0", "null", "null"]]))
        #expect(lines.last == "[]")
    }

    @Test("order by with ties keeps the map's order; limit and offset; top k and order by key")
    func ordering() {
        let users = QueryTests.users()
        let lines = jsonLines(QueryTests.script(users) + """
            select key, value.balance from users order by value.balance desc limit 25 offset 10;
            select key, value.balance from users order by value.balance;
            select key from users order by key desc limit 5;
            select key from users where key < 40 order by key desc;
            select value.city, key from users order by value.city limit 3;
            """)
        // Stable sorts on the key order the map walks in.
        let byBalanceDesc = users.enumerated().sorted { a, b in
            a.element.balance != b.element.balance ? a.element.balance > b.element.balance : a.offset < b.offset
        }.map(\.element)
        let byBalance = users.enumerated().sorted { a, b in
            a.element.balance != b.element.balance ? a.element.balance < b.element.balance : a.offset < b.offset
        }.map(\.element)
        let noneFirst = users.filter { $0.city == nil }.prefix(3)
        #expect(lines == [
            jsonRows(byBalanceDesc.dropFirst(10).prefix(25).map { ["\($0.id)", "\($0.balance)"] }),
            jsonRows(byBalance.map { ["\($0.id)", "\($0.balance)"] }),
            jsonRows(users.reversed().prefix(5).map { ["\($0.id)"] }),
            jsonRows(users.filter { $0.id < 40 }.reversed().map { ["\($0.id)"] }),
            jsonRows(noneFirst.map { ["null", "\($0.id)"] }),
        ])
    }

    @Test("every structure kind has its row variables")
    func everyKind() {
        var random = SplitMix(state: 7)
        let numbers = (0..<120).map { _ in random.below(1000) }
        var script = """
            let s = set(1) of u64;
            let v = vec(2) of u64;
            let l = log(3, 4) of string;
            let h = heap(5) of u64;
            let c = cell(6) of (u32, u64) default (7, 8);
            for i in 0..1 {

            """
        for number in numbers {
            script += "s.insert(\(number)); v.push(\(number)); l.append(\"n\(number)\"); h.push(\(number));\n"
        }
        let lines = jsonLines(script + "}\n" + """
            select key from s where key >= 100 and key <= 300 order by key desc;
            select index, value from v where value % 7 == 0 and index > 10;
            select index, value from l where index >= 100 limit 5 offset 2;
            select count(*), sum(value), min(value), max(value) from h;
            select value.0, value.1 from c;
            select * from v order by value desc, index limit 4;
            """)
        let set = Set(numbers)
        let sevens = numbers.enumerated().filter { $0.element % 7 == 0 && $0.offset > 10 }.map { ["\($0.offset)", "\($0.element)"] }
        let logRows = numbers.enumerated().filter { $0.offset >= 100 }.dropFirst(2).prefix(5).map { ["\($0.offset)", js("n\($0.element)")] }
        let top = numbers.enumerated().sorted { $0.element != $1.element ? $0.element > $1.element : $0.offset < $1.offset }
            .prefix(4).map { ["\($0.offset)", "\($0.element)"] }
        #expect(lines == [
            jsonRows(set.filter { $0 >= 100 && $0 <= 300 }.sorted(by: >).map { ["\($0)"] }),
            jsonRows(sevens),
            jsonRows(logRows),
            jsonRows([["\(numbers.count)", "\(numbers.reduce(0, +))", "\(numbers.min()!)", "\(numbers.max()!)"]]),
            jsonRows([["7", "8"]]),
            jsonRows(top),
        ])
    }

    @Test("tuple keys, field indexes and field access through none")
    func tuplesAndNone() {
        let lines = jsonLines("""
            type P = record { x: u64, y: u64 };
            let m = map(0) of (u32, u64) -> option<P>;
            m.insert((1, 5), some({x: 10, y: 20}));
            m.insert((1, 6), none);
            m.insert((2, 5), some({x: 30, y: 40}));
            select key.1, value.x, value.y from m where key.0 == 1;
            select key.0, sum(value.y), count(value) from m group by key.0;
            select key from m where value.x > 15;
            let t = (1, (2, (3, 4)));
            print t.1.1.0;
            """)
        #expect(lines == [
            "[[5,10,20],[6,null,null]]",
            "[[1,20,1],[2,40,1]]",
            "[[[2,5]]]",
            "3",
        ])
    }

    @Test("delete and update change exactly the rows of the model")
    func changes() {
        let users = QueryTests.users()
        let lines = jsonLines(QueryTests.script(users) + """
            delete from users where value.city == none or value.age < 25;
            update users set value = {name: value.name, age: value.age + 1, city: value.city, balance: value.balance * 2} where key >= 100;
            select key, value.age, value.balance from users;
            """)
        let kept = users.filter { $0.city != nil && $0.age >= 25 }
        let expected = kept.map { user in
            user.id >= 100 ? ["\(user.id)", "\(user.age + 1)", "\(user.balance * 2)"] : ["\(user.id)", "\(user.age)", "\(user.balance)"]
        }
        #expect(lines == [
            js("\(users.count - kept.count) rows deleted"),
            js("\(kept.filter { $0.id >= 100 }.count) rows updated"),
            jsonRows(expected),
        ])
    }

    @Test("a failing delete or update changes nothing")
    func atomicity() {
        let (session, sink) = makeSession(mode: .json)
        #expect(session.run("""
            let m = map(0) of u64 -> u8;
            for i in 0..100 { m.insert(i, i * 2); }
            """, origin: "<test>"), "\(sink.errors)")
        // 128 * 2 does not fit u8: the update fails at key 64, after 64 rows were changed.
        #expect(!session.run("update m set value = value * 2;", origin: "<test>"))
        #expect(sink.errors.contains("does not fit u8"), "\(sink.errors)")
        // A delete followed by a failure in the same statement is undone too.
        #expect(!session.run("if true { delete from m where key < 50; assert false, \"stop\"; }", origin: "<test>"))
        sink.output = ""
        #expect(session.run("select count(*), sum(value) from m;", origin: "<test>"))
        #expect(sink.output == "[[100,\((0..<100).map { $0 * 2 }.reduce(0, +))]]\n")
    }

    @Test("changes that do not fit a kind say so")
    func refusals() {
        let (session, sink) = makeSession()
        _ = session.run("""
            let l = log(0, 1) of u64;
            let s = set(2) of u64;
            let h = heap(3) of u64;
            let x = 1;
            s.insert(1);
            """, origin: "<test>")
        for (statement, message) in [
            ("delete from l where index == 0;", "a log is append-only"),
            ("update s set value = 1;", "update does not apply to a set"),
            ("update h set value = 1;", "update does not apply to a heap"),
            ("delete from x;", "'x' is a value, not a structure"),
            ("select key from nowhere;", "unknown structure 'nowhere'"),
            ("select value from s;", "unknown name 'value'"),
            ("select key, count(*) from s;", "'key' must appear in group by"),
            ("select key from s where count(*) > 1;", "is an aggregate"),
            ("select key from s where key;", "where needs a bool"),
            ("break;", "break is only allowed inside a for or while loop"),
            ("y = 2;", "unknown variable 'y'"),
        ] {
            sink.errors = ""
            #expect(!session.run(statement, origin: "<test>"), "\(statement)")
            #expect(sink.errors.contains(message), "\(statement): \(sink.errors)")
        }
    }

    @Test("if, else if, while, break, continue and assignment")
    func controlFlow() {
        let lines = jsonLines("""
            let n = 0;
            let odd = 0;
            let i = 0;
            while i < 100 {
                i = i + 1;
                if i % 2 == 0 { continue; } else if i > 50 { break; } else { odd = odd + i; }
                n = n + 1;
            }
            print (n, odd, i);
            let found = none;
            for k in 0..10 { for j in 0..10 { if k * j == 42 { found = some((k, j)); break; } } if found != none { break; } }
            print found;
            """)
        #expect(lines == ["[25,625,51]", "[6,7]"])
    }

    @Test("for over a query iterates its rows; a one-column row is its value")
    func forQuery() {
        let lines = jsonLines("""
            let m = map(0) of u64 -> u64;
            for i in 0..20 { m.insert(i, i * i); }
            let total = 0;
            for v in (select value from m where key < 5) { total = total + v; }
            print total;
            for r in (select key, value from m where key >= 18) { print r.0 + r.1; }
            for r in (select key from m) { m.remove(r); }
            print m.len();
            """)
        #expect(lines == ["30", "342", "380", "0"])
    }

    @Test("after a '.', digits are a field index, never a float")
    func fieldIndexTokens() {
        let kinds = Lexer.tokenize("t.0.1 + 0.5").tokens.map(\.kind)
        #expect(kinds == [
            .identifier("t"), .symbol(.dot), .integer(0), .symbol(.dot), .integer(1), .symbol(.plus), .float(0.5), .endOfInput,
        ])
    }

    @Test("Tab offers the query words, and a record's fields after value.")
    func completion() {
        let (session, sink) = makeSession()
        #expect(session.run("""
            type User = record { name: string, nickname: option<string>, age: u32 };
            let users = map(0) of u64 -> User;
            """, origin: "<test>"), "\(sink.errors)")
        #expect(session.completions(for: "sel", cursor: 3) == ["select"])
        #expect(session.completions(for: "select key from us", cursor: 18) == ["users"])
        let line = "select value.n from users"
        #expect(session.completions(for: line, cursor: 14) == ["name", "nickname"])
        #expect(session.completions(for: "update users set value = value.a", cursor: 32) == ["age"])
        #expect(session.completions(for: "select key.n from users", cursor: 12) == [])
    }

    @Test("row variables hide session variables; other variables are constants; csv names the columns")
    func scoping() {
        let (session, sink) = makeSession(mode: .csv)
        #expect(session.run("""
            let key = 99;
            let limitValue = 2;
            let s = set(0) of u64;
            for i in 0..5 { s.insert(i); }
            select key, key * limitValue as double from s where key >= limitValue;
            print key;
            """, origin: "<test>"), "\(sink.errors)")
        #expect(sink.output.replacingOccurrences(of: "\r\n", with: "\n") == "key,double\n2,4\n3,6\n4,8\n99\n")
    }
}
