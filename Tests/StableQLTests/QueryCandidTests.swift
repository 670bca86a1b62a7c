import Foundation
import StableQL
import Testing

/// Queries over Candid values: fields of Candid records, variant tags
/// (`x is #Tag`) and payloads (`x.Tag`), `opt` fields as `none`, and
/// `update`/`delete` that write Candid values back; every answer is computed
/// from a Swift model of the same accounts.
@Suite("Queries over candid values")
struct QueryCandidTests {
    enum Status: Equatable {
        case active
        case suspended(String)
        case closed
    }

    struct Account {
        let id: UInt64
        let name: String
        let balance: UInt64
        let status: Status
        let email: String?
    }

    static let did = """
        type Status = variant { Active; Suspended : text; Closed };
        type Account = record { name : text; balance : nat64; status : Status; email : opt text };
        """

    /// 150 accounts with random statuses, balances with ties, and a third without an email.
    static func accounts() -> [Account] {
        var random = SplitMix(state: 23)
        let reasons = ["spam", "fraud", "abuse"]
        return (0..<150).map { index in
            let status: Status
            switch random.below(4) {
            case 0: status = .suspended(reasons[Int(random.below(3))])
            case 1: status = .closed
            default: status = .active
            }
            return Account(
                id: UInt64(index) * 3 + 1, name: "a\(index)", balance: random.below(10) * 50, status: status,
                email: random.below(3) == 0 ? nil : "a\(index)@example.org")
        }
    }

    /// Imports the types, declares the map and inserts every account, then runs `queries` in JSON mode.
    static func run(_ accounts: [Account], _ queries: String) throws -> [String] {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ql-query-candid-\(UInt32.random(in: 0...UInt32.max))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let didPath = folder.appendingPathComponent("accounts.did").path
        try Data(did.utf8).write(to: URL(fileURLWithPath: didPath))
        var script = "import \"\(didPath)\";\nlet accounts = map(0) of u64 -> candid Account;\n"
        for account in accounts {
            let status: String
            switch account.status {
            case .active: status = "#Active"
            case let .suspended(reason): status = "#Suspended(\"\(reason)\")"
            case .closed: status = "#Closed"
            }
            let email = account.email.map { "some(\"\($0)\")" } ?? "none"
            script += "accounts.insert(\(account.id), {name: \"\(account.name)\", balance: \(account.balance), status: \(status), email: \(email)});\n"
        }
        // The import prints one message; the queries' documents follow.
        return Array(jsonLines(script + queries).dropFirst())
    }

    static func isSuspended(_ account: Account) -> Bool {
        if case .suspended = account.status { return true }
        return false
    }

    static func reason(_ account: Account) -> String? {
        if case let .suspended(reason) = account.status { return reason }
        return nil
    }

    @Test("variant tags, payloads, Candid record fields and opt fields match the model")
    func readQueries() throws {
        let accounts = QueryCandidTests.accounts()
        let lines = try QueryCandidTests.run(accounts, """
            select key from accounts where value.status is #Suspended;
            select key, value.status.Suspended from accounts where value.status is #Suspended order by value.balance desc limit 7;
            select value.status.Suspended from accounts where key < 40;
            select count(*), sum(value.balance) from accounts where value.email == none;
            select value.status is #Active as active, count(*), max(value.balance) from accounts group by active order by active;
            select value.name from accounts where value.status is #Closed and value.email != none and value.balance >= 300;
            """)
        let suspended = accounts.filter(QueryCandidTests.isSuspended)
        // A stable sort: ties keep the map's (key) order.
        let byBalance = suspended.enumerated().sorted { ($0.element.balance, -$0.offset) > ($1.element.balance, -$1.offset) }.map(\.element)
        let noEmail = accounts.filter { $0.email == nil }
        let active = accounts.filter { $0.status == .active }, inactive = accounts.filter { $0.status != .active }
        let closedRich = accounts.filter { $0.status == .closed && $0.email != nil && $0.balance >= 300 }
        #expect(lines == [
            jsonRows(suspended.map { ["\($0.id)"] }),
            jsonRows(byBalance.prefix(7).map { ["\($0.id)", js(QueryCandidTests.reason($0)!)] }),
            jsonRows(accounts.filter { $0.id < 40 }.map { [QueryCandidTests.reason($0).map(js) ?? "null"] }),
            jsonRows([["\(noEmail.count)", "\(noEmail.reduce(0) { $0 + $1.balance })"]]),
            jsonRows([
                ["false", "\(inactive.count)", "\(inactive.map(\.balance).max()!)"],
                ["true", "\(active.count)", "\(active.map(\.balance).max()!)"],
            ]),
            jsonRows(closedRich.map { [js($0.name)] }),
        ])
        #expect(!suspended.isEmpty && !closedRich.isEmpty)
    }

    @Test("update and delete write Candid values back, and the rest is untouched")
    func changes() throws {
        let accounts = QueryCandidTests.accounts()
        let lines = try QueryCandidTests.run(accounts, """
            update accounts set value = {name: value.name, balance: value.balance + 1, status: #Active, email: value.email} where value.status is #Closed;
            delete from accounts where value.status is #Suspended;
            select key, value.balance, value.status is #Active from accounts;
            """)
        let expected = accounts.compactMap { account -> [String]? in
            switch account.status {
            case .suspended: return nil
            case .closed: return ["\(account.id)", "\(account.balance + 1)", "true"]
            case .active: return ["\(account.id)", "\(account.balance)", "true"]
            }
        }
        #expect(lines.last == jsonRows(expected))
    }
}
