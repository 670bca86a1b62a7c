import StableStructures
import Testing

/// The textual form of principals.
@Suite("Principal text")
struct PrincipalTextTests {
    @Test func knownVectors() throws {
        #expect(Principal.managementCanister.description == "aaaaa-aa")
        #expect(Principal.anonymous.description == "2vxsx-fae")
        let canister = try Principal(bytes: [0, 0, 0, 0, 0, 0, 0, 1, 1, 1])
        #expect(canister.description == "rrkah-fqaaa-aaaaa-aaaaq-cai")
        #expect(try Principal(text: "aaaaa-aa") == .managementCanister)
        #expect(try Principal(text: "2vxsx-fae") == .anonymous)
        #expect(try Principal(text: "rrkah-fqaaa-aaaaa-aaaaq-cai") == canister)
        #expect(try Principal(text: "RRKAH-FQAAA-AAAAA-AAAAQ-CAI") == canister)
    }

    @Test func roundTrips() throws {
        for length in 0...29 {
            let bytes = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ length) }
            let principal = try Principal(bytes: bytes)
            let text = principal.description
            #expect(try Principal(text: text) == principal)
            // Groups of five lowercase base32 characters joined by '-'.
            let groups = text.split(separator: "-", omittingEmptySubsequences: false)
            #expect(groups.dropLast().allSatisfy { $0.count == 5 })
            #expect((1...5).contains(groups.last?.count ?? 0))
            #expect(text.allSatisfy { $0 == "-" || ("a"..."z").contains($0) || ("2"..."7").contains($0) })
        }
    }

    func expectRejected(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) {
        do {
            let principal = try Principal(text: text)
            Issue.record("accepted \(text) as \(principal.bytes)", sourceLocation: sourceLocation)
        } catch {
            guard case .malformedEncoding = error else {
                Issue.record("unexpected error \(error)", sourceLocation: sourceLocation)
                return
            }
        }
    }

    @Test func rejectsMalformedText() throws {
        expectRejected("")
        expectRejected("aaaaa")  // too short for a checksum
        expectRejected("aaaaa-ab")  // checksum mismatch (and non-zero trailing bits)
        expectRejected("2vxsx-fab")  // wrong checksum
        expectRejected("rrkah-fqaaa-aaaaa-aaaaq-cab")
        expectRejected("aaaaaaa")  // not grouped
        expectRejected("aaaa-aaa")  // wrong grouping
        expectRejected("aaaaa-aa-")  // trailing dash
        expectRejected("-aaaaa-aa")
        expectRejected("aaaaa--aa")
        expectRejected("aaaaa-a1")  // '1' is not base32
        expectRejected("aaaaa-a=")
        expectRejected("äaaaa-aa")
        // Thirty bytes do not fit.
        let long = try Principal(bytes: [UInt8](repeating: 7, count: 29)).description + "aaaa"
        expectRejected(long)
    }
}
