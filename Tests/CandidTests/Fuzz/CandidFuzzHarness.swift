// The logic of the `candid_decoder` libFuzzer target (Fuzz/candid_decoder.swift),
// shared with the corpus replay in CandidCorpusTests. Only the standard library
// and the Candid module: the fuzz script compiles this file with the target.
import Candid

/// Checks one input of the `candid_decoder` fuzz target; a violated property traps.
public enum CandidFuzzHarness {
    /// Expected types that exercise subtyping (records, variants, recursion, references).
    static let environment: CandidTypeEnvironment = {
        do {
            return try CandidText.parseDefinitions("""
                type User = record { name : text; age : nat8; email : opt text };
                type List = opt record { head : int; tail : List };
                type Tree = variant { leaf : nat; node : record { Tree; Tree } };
                type Api = service { get : (nat) -> (opt text) query };
                """)
        } catch {
            fatalError("harness types: \(error)")
        }
    }()

    static let expectedTypes: [[CandidType]] = [
        [], [.named("User")], [.named("List")], [.named("Tree")], [.opt(.vec(.nat))], [.int, .text],
        [.named("Api")], [.function(CandidFunctionType(arguments: [.nat], results: [.opt(.text)]))],
        [.reserved, .opt(.blob)], [.vec(.record([CandidFieldType(.id(0), .opt(.int16))]))],
    ]

    private static func textRoundTrip(
        _ text: String, _ types: [CandidType], _ environment: CandidTypeEnvironment
    ) throws(CandidError) -> [CandidValue]? {
        do {
            return try CandidText.parseArguments(text, as: types, in: environment)
        } catch where error.kind == .limitExceeded {
            return nil
        }
    }

    /// Tighter than the default so each input (and its text round trip) stays fast under the sanitizer.
    static let limits = DecodingLimits(baseCost: 20_000, costPerByte: 8, maxDepth: 512)

    /// Decodes the input untyped and against each expected type. A message that
    /// decodes must re-encode, decode again and print/parse to the same text.
    public static func run(_ data: [UInt8]) {
        if let message = try? CandidDecoder.decodeMessage(data, limits: limits) {
            let text = CandidTextPrinter.arguments(message.values)
            do {
                let bytes = try CandidEncoder.encode(message.values, as: message.types, in: message.environment)
                let again = try CandidDecoder.decode(bytes, as: message.types, in: message.environment)
                precondition(CandidTextPrinter.arguments(again) == text, "binary round trip changed \(text)")
                // Text may nest less deeply than binary (1024 parser levels, two or three per value level).
                if let parsed = try textRoundTrip(text, message.types, message.environment) {
                    precondition(CandidTextPrinter.arguments(parsed) == text, "text round trip changed \(text)")
                }
            } catch {
                preconditionFailure("a decoded message does not round-trip: \(error) for \(text)")
            }
        }
        for types in expectedTypes {
            if let values = try? CandidDecoder.decode(data, as: types, in: environment, limits: limits) {
                do {
                    let bytes = try CandidEncoder.encode(values, as: types, in: environment)
                    let again = try CandidDecoder.decode(bytes, as: types, in: environment)
                    precondition(CandidTextPrinter.arguments(again) == CandidTextPrinter.arguments(values))
                } catch {
                    preconditionFailure("a value decoded at an expected type does not re-encode: \(error)")
                }
            }
        }
    }
}
