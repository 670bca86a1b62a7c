import Testing
@testable import Candid

/// Candid's textual syntax: values, types and `.did` files.
@Suite("Candid text")
struct TextTests {
    @Test func valuesPrintLikeDfx() throws {
        let type = CandidType.record([CandidFieldType(.name("name"), .text), CandidFieldType(.name("age"), .nat)])
        let values = try CandidText.parseArguments("(record { name = \"ada\"; age = 36 : nat })", as: [type])
        #expect(CandidTextPrinter.arguments(values) == "(record { age = 36 : nat; name = \"ada\" })")
        #expect(CandidTextPrinter.text(.variant(CandidFieldValue(.name("Tag"), .null))) == "variant { Tag }")
        #expect(CandidTextPrinter.text(.blob([0xde, 0xad])) == "blob \"\\de\\ad\"")
        #expect(CandidTextPrinter.text(.opt(.vec([.int(1), .int(-2)]))) == "opt vec { 1; -2 }")
        #expect(CandidTextPrinter.text(.tuple([.text("a"), .bool(true)])) == "record { \"a\"; true }")
        #expect(CandidTextPrinter.text(.principal(CandidPrincipal(bytes: []))) == "principal \"aaaaa-aa\"")
    }

    @Test func literalForms() throws {
        #expect(try CandidText.parseValue("blob \"\\de\\ad\"", as: .blob) == .blob([0xde, 0xad]))
        #expect(try CandidText.parseValue("vec { 1; 2 }", as: .blob) == .blob([1, 2]))
        #expect(try CandidText.parseValue("0x_ff", as: .nat16) == .nat16(255))
        #expect(try CandidText.parseValue("1_000_000", as: .nat) == .nat(1_000_000))
        #expect(try CandidText.parseValue("-5", as: .int8) == .int8(-5))
        #expect(try CandidText.parseValue("(5 : nat)", as: .int) == .int(5))
        #expect(try CandidText.parseValue("2.5", as: .float32) == .float32(2.5))
        #expect(try CandidText.parseValue("record { 5 = true; 7 = false }", as: .record([CandidFieldType(.id(5), .bool), CandidFieldType(.id(7), .bool)]))
            == .record([CandidFieldValue(.id(5), .bool(true)), CandidFieldValue(.id(7), .bool(false))]))
        // A name and its hash are the same label.
        #expect(try CandidText.parseValue("record { 120 = 1 }", as: .record([CandidFieldType(.name("x"), .nat)]))
            == .record([CandidFieldValue(.name("x"), .nat(1))]))
        #expect(CandidLabel.hash("x") == 120)
        #expect(throws: CandidError.self) { try CandidText.parseValue("256", as: .nat8) }
        #expect(throws: CandidError.self) { try CandidText.parseValue("-1", as: .nat) }
        #expect(throws: CandidError.self) { try CandidText.parseValue("record { a = 1; a = 2 }", as: .record([])) }
        #expect(throws: CandidError.self) { try CandidText.parseValue("\"unclosed", as: .text) }
        #expect(throws: CandidError.self) { try CandidText.parseValue("principal \"not-a-principal\"", as: .principal) }
        // Untyped parsing: integers are int.
        #expect(try CandidText.parseArguments("(1, opt \"x\", vec {})") == [.int(1), .opt(.text("x")), .vec([])])
    }

    @Test func didFiles() throws {
        let source = """
            // A canister's interface.
            type User = record { name : text; age : nat; "e-mail" : opt text };
            type Event = variant { Created : User; Deleted; /* nested /* comment */ */ Renamed : record { text; text } };
            type Callback = func (Event) -> () oneway;
            service : (init : nat) -> {
                get_user : (text) -> (opt User) query;
                events : (nat64, limit : nat32) -> (vec Event);
                "subscribe" : Callback;
            }
            """
        let file = try CandidText.parseDidFile(source)
        #expect(file.environment.names == ["User", "Event", "Callback"])
        #expect(file.serviceArguments == [.nat])
        guard case .service(let methods)? = file.service else { Issue.record("no service"); return }
        #expect(methods.map(\.name) == ["get_user", "events", "subscribe"])
        // Printing and parsing again gives the same file.
        let printed = CandidTypePrinter.didFile(file)
        #expect(try CandidText.parseDidFile(printed) == file, "\(printed)")
        #expect(CandidTypePrinter.text(file.environment["User"]!) == "record { name : text; age : nat; \"e-mail\" : opt text }")
    }

    @Test func badDidFiles() {
        for source in [
            "type A = B;",                          // unknown name
            "type A = A;",                          // only an alias of itself
            "type A = nat; type A = int;",          // defined twice
            "type A = record { a : nat; a : int }; service : { f : (A) -> () }",  // duplicate field
            "import \"other.did\";",
            "type A = nat",                         // missing semicolon at the end is fine, but then nothing else
            "service : { f : nat }",               // a method that is not a function
            "type = nat;",
        ] {
            if source == "type A = nat" {
                #expect((try? CandidText.parseDidFile(source)) != nil)
                continue
            }
            #expect(throws: CandidError.self, "\(source)") { try CandidText.parseDidFile(source) }
        }
    }
}
