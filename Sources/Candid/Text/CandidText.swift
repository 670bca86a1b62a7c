/// Candid's textual syntax: parsing values, types and `.did` files.
///
/// ```swift
/// let env = try CandidText.parseDefinitions("type User = record { name : text; age : nat };")
/// let values = try CandidText.parseArguments("(record { name = \"ada\"; age = 36 })", as: [.named("User")], in: env)
/// CandidTextPrinter.arguments(values)  // (record { name = "ada"; age = 36 : nat })
/// ```
public enum CandidText {
    /// Parses an argument list `(v1, v2, …)` and gives the values these types;
    /// missing trailing arguments of type `null`, `opt` or `reserved` are filled in.
    public static func parseArguments(
        _ text: String, as types: [CandidType], in environment: CandidTypeEnvironment = CandidTypeEnvironment()
    ) throws(CandidError) -> [CandidValue] {
        var parser = try CandidParser(text)
        let parsed = try parser.arguments()
        guard parser.current == .end else { throw parser.error("unexpected text after the arguments") }
        return try values(of: parsed, as: types, in: environment)
    }

    /// Parses an argument list without types (integers are `int`).
    public static func parseArguments(_ text: String) throws(CandidError) -> [CandidValue] {
        var parser = try CandidParser(text)
        let parsed = try parser.arguments()
        guard parser.current == .end else { throw parser.error("unexpected text after the arguments") }
        var values: [CandidValue] = []
        for value in parsed { values.append(try value.untyped()) }
        return values
    }

    /// Parses one value (optionally annotated, `42 : nat8`), without giving it a type.
    public static func parseValue(_ text: String) throws(CandidError) -> CandidTextValue {
        var parser = try CandidParser(text)
        let value = try parser.annotatedValue()
        guard parser.current == .end else { throw parser.error("unexpected text after the value") }
        return value
    }

    /// Parses one value and gives it a type.
    public static func parseValue(
        _ text: String, as type: CandidType, in environment: CandidTypeEnvironment = CandidTypeEnvironment()
    ) throws(CandidError) -> CandidValue {
        try value(of: try parseValue(text), as: type, in: environment)
    }

    /// Gives a parsed value a type.
    public static func value(
        of parsed: CandidTextValue, as type: CandidType, in environment: CandidTypeEnvironment = CandidTypeEnvironment()
    ) throws(CandidError) -> CandidValue {
        try values(of: [parsed], as: [type], in: environment)[0]
    }

    static func values(
        of parsed: [CandidTextValue], as types: [CandidType], in environment: CandidTypeEnvironment
    ) throws(CandidError) -> [CandidValue] {
        guard parsed.count <= types.count else {
            throw CandidError(.typeMismatch, "\(parsed.count) values for \(types.count) types")
        }
        var builder = TypeGraphBuilder(environment: environment)
        var references: [TypeRef] = []
        for type in types { references.append(try builder.reference(type)) }
        let annotator = TextAnnotator(graph: builder.graph, environment: environment)
        var values: [CandidValue] = []
        for (index, reference) in references.enumerated() {
            if index < parsed.count {
                values.append(try annotator.annotate(parsed[index], reference))
            } else if let absent = builder.graph.absentValue(reference) {
                values.append(absent)
            } else {
                throw CandidError(.typeMismatch, "argument \(index) is missing")
            }
        }
        return values
    }

    /// Parses a type, e.g. `record { name : text; age : nat }`.
    public static func parseType(_ text: String) throws(CandidError) -> CandidType {
        var parser = try CandidParser(text)
        let type = try parser.type()
        guard parser.current == .end else { throw parser.error("unexpected text after the type") }
        return type
    }

    /// Parses `type NAME = T;` definitions.
    public static func parseDefinitions(_ text: String) throws(CandidError) -> CandidTypeEnvironment {
        try parseDidFile(text).environment
    }

    /// Parses a `.did` file: type definitions and an optional `service` (imports are refused).
    public static func parseDidFile(_ text: String) throws(CandidError) -> CandidDidFile {
        var parser = try CandidParser(text)
        var file = CandidDidFile()
        try parser.definitions(into: &file.environment)
        if parser.acceptKeyword("service") {
            if case .identifier = parser.current, parser.lookahead(1) == .symbol(":") { parser.advance() }
            try parser.expect(":")
            if parser.isSymbol("(") {
                file.serviceArguments = try parser.tupleType()
                try parser.expect("->")
            }
            if parser.isSymbol("{") {
                file.service = .service(try parser.serviceBody())
            } else {
                file.service = .named(try parser.identifier())
            }
            _ = parser.accept(";")
        }
        guard parser.current == .end else { throw parser.error("expected a type definition or the service") }
        try file.environment.validate()
        if let service = file.service {
            guard case .service = try file.environment.resolve(service) else {
                throw CandidError(.invalidType, "the service's type is not a service type")
            }
            var builder = TypeGraphBuilder(environment: file.environment)
            _ = try builder.reference(service)
        }
        return file
    }
}

/// A parsed `.did` file.
public struct CandidDidFile: Sendable, Equatable {
    /// The named types.
    public var environment = CandidTypeEnvironment()
    /// The service's type (`service { … }` or a name), if the file has a service.
    public var service: CandidType?
    /// The init arguments of a service class (`service : (…) -> { … }`).
    public var serviceArguments: [CandidType]?

    /// An empty file.
    public init() {}
}
