/// A recursive-descent parser over Candid tokens, shared by types, values,
/// `.did` files and the conformance-test format.
struct CandidParser {
    var tokens: [CandidToken]
    var index = 0
    var depth = 0

    init(_ text: String) throws(CandidError) { tokens = try CandidLexer.tokenize(text) }

    var current: CandidToken { tokens[index] }
    func lookahead(_ offset: Int) -> CandidToken { tokens[min(index + offset, tokens.count - 1)] }

    mutating func advance() { if index < tokens.count - 1 { index += 1 } }

    func isSymbol(_ symbol: String) -> Bool { current == .symbol(symbol) }
    func isKeyword(_ word: String) -> Bool { current == .identifier(word) }

    mutating func accept(_ symbol: String) -> Bool {
        if isSymbol(symbol) { advance(); return true }
        return false
    }

    mutating func acceptKeyword(_ word: String) -> Bool {
        if isKeyword(word) { advance(); return true }
        return false
    }

    mutating func expect(_ symbol: String) throws(CandidError) {
        guard accept(symbol) else { throw error("expected '\(symbol)'") }
    }

    func error(_ message: String) -> CandidError {
        CandidError(.syntax, "\(message), found \(describe(current))")
    }

    func describe(_ token: CandidToken) -> String {
        switch token {
        case .identifier(let name): return "'\(name)'"
        case .text: return "a text literal"
        case .number(let digits): return "'\(digits)'"
        case .symbol(let symbol): return "'\(symbol)'"
        case .end: return "the end of the input"
        }
    }

    mutating func enter() throws(CandidError) {
        depth += 1
        if depth > 1024 { throw CandidError(.limitExceeded, "nested more than 1024 levels deep") }
    }

    mutating func textLiteral() throws(CandidError) -> String {
        guard case .text(let bytes) = current else { throw error("expected a text literal") }
        guard let text = String(validating: bytes, as: UTF8.self) else { throw CandidError(.syntax, "text literal is not UTF-8") }
        advance()
        return text
    }

    mutating func identifier() throws(CandidError) -> String {
        guard case .identifier(let name) = current else { throw error("expected a name") }
        advance()
        return name
    }

    /// A name or a quoted name (methods, type names in some positions).
    mutating func name() throws(CandidError) -> String {
        if case .text = current { return try textLiteral() }
        return try identifier()
    }

    // MARK: Types

    static let primitiveNames: [String: CandidType] = [
        "null": .null, "bool": .bool, "nat": .nat, "int": .int, "nat8": .nat8, "nat16": .nat16, "nat32": .nat32,
        "nat64": .nat64, "int8": .int8, "int16": .int16, "int32": .int32, "int64": .int64, "float32": .float32,
        "float64": .float64, "text": .text, "reserved": .reserved, "empty": .empty, "principal": .principal,
    ]

    mutating func type() throws(CandidError) -> CandidType {
        try enter()
        defer { depth -= 1 }
        guard case .identifier(let word) = current else { throw error("expected a type") }
        advance()
        if let primitive = Self.primitiveNames[word] { return primitive }
        switch word {
        case "opt": return .opt(try type())
        case "vec": return .vec(try type())
        case "blob": return .blob
        case "record": return .record(try fields(isRecord: true))
        case "variant": return .variant(try fields(isRecord: false))
        case "func": return .function(try functionType())
        case "service": return .service(try serviceBody())
        default:
            if candidKeywords.contains(word) { throw CandidError(.syntax, "'\(word)' is not a type") }
            return .named(word)
        }
    }

    /// A field label if the next tokens are `LABEL :` (or, for variants, a bare label).
    private mutating func label() throws(CandidError) -> CandidLabel? {
        switch current {
        case .identifier(let name) where !candidKeywords.contains(name) || lookahead(1) == .symbol(":"):
            return .name(name)
        case .number(let digits):
            // A number too large for a field id is a value or an error later, not a label.
            guard let number = CandidNat(decimal: Substring(digits)), let id = number.uint64, id <= UInt64(UInt32.max) else {
                return nil
            }
            return .id(UInt32(id))
        case .text(let bytes):
            guard let name = String(validating: bytes, as: UTF8.self) else { throw CandidError(.syntax, "field name is not UTF-8") }
            return .name(name)
        default:
            return nil
        }
    }

    mutating func fields(isRecord: Bool) throws(CandidError) -> [CandidFieldType] {
        try expect("{")
        var fields: [CandidFieldType] = []
        var nextId: UInt32 = 0
        while !accept("}") {
            let save = index
            if let label = try label() {
                advance()
                if accept(":") {
                    fields.append(CandidFieldType(label, try type()))
                } else if !isRecord, isSymbol(";") || isSymbol("}") {
                    fields.append(CandidFieldType(label, .null))
                } else {
                    index = save
                    guard isRecord else { throw error("expected ':'") }
                    fields.append(CandidFieldType(.id(nextId), try type()))
                }
            } else {
                guard isRecord else { throw error("expected a variant field") }
                fields.append(CandidFieldType(.id(nextId), try type()))
            }
            nextId = fields.last!.label.id &+ 1
            if !accept(";") { try expect("}"); break }
        }
        return fields
    }

    /// `(T, name : T, …)`: a tuple of types (argument names are dropped).
    mutating func tupleType() throws(CandidError) -> [CandidType] {
        try expect("(")
        var types: [CandidType] = []
        while !accept(")") {
            if case .identifier = current, lookahead(1) == .symbol(":") { advance(); advance() }
            else if case .text = current, lookahead(1) == .symbol(":") { advance(); advance() }
            types.append(try type())
            if !accept(",") { try expect(")"); break }
        }
        return types
    }

    mutating func functionType() throws(CandidError) -> CandidFunctionType {
        let arguments = try tupleType()
        try expect("->")
        let results = try tupleType()
        var modes: [CandidFunctionMode] = []
        while true {
            if acceptKeyword("query") { modes.append(.query) }
            else if acceptKeyword("oneway") { modes.append(.oneway) }
            else if acceptKeyword("composite_query") { modes.append(.compositeQuery) }
            else { break }
        }
        return CandidFunctionType(arguments: arguments, results: results, modes: modes)
    }

    mutating func serviceBody() throws(CandidError) -> [CandidMethod] {
        try expect("{")
        var methods: [CandidMethod] = []
        while !accept("}") {
            let name = try name()
            try expect(":")
            if isSymbol("(") {
                methods.append(CandidMethod(name: name, type: .function(try functionType())))
            } else {
                methods.append(CandidMethod(name: name, type: .named(try identifier())))
            }
            if !accept(";") { try expect("}"); break }
        }
        return methods
    }

    // MARK: Values

    mutating func arguments() throws(CandidError) -> [CandidTextValue] {
        try expect("(")
        var values: [CandidTextValue] = []
        while !accept(")") {
            values.append(try annotatedValue())
            if !accept(",") { try expect(")"); break }
        }
        return values
    }

    mutating func annotatedValue() throws(CandidError) -> CandidTextValue {
        let value = try self.value()
        if accept(":") { return .annotated(value, try type()) }
        return value
    }

    mutating func value() throws(CandidError) -> CandidTextValue {
        try enter()
        defer { depth -= 1 }
        switch current {
        case .number(let digits):
            advance()
            return try number(digits, negative: false)
        case .symbol("-"), .symbol("+"):
            let negative = isSymbol("-")
            advance()
            guard case .number(let digits) = current else { throw error("expected a number") }
            advance()
            return try number(digits, negative: negative)
        case .text:
            return .text(try textLiteral())
        case .symbol("("):
            advance()
            let inner = try annotatedValue()
            try expect(")")
            return inner
        case .identifier(let word):
            advance()
            switch word {
            case "true": return .bool(true)
            case "false": return .bool(false)
            case "null": return .null
            case "nan": return .float(.nan)
            case "inf": return .float(.infinity)
            case "opt": return .opt(try value())
            case "blob":
                guard case .text(let bytes) = current else { throw error("expected a text literal after blob") }
                advance()
                return .blob(bytes)
            case "principal", "service":
                let text = try textLiteral()
                guard let principal = CandidPrincipal(text: text) else { throw CandidError(.syntax, "invalid principal \"\(text)\"") }
                return word == "principal" ? .principal(principal) : .service(principal)
            case "func":
                let text = try textLiteral()
                guard let principal = CandidPrincipal(text: text) else { throw CandidError(.syntax, "invalid principal \"\(text)\"") }
                try expect(".")
                return .function(principal, try name())
            case "vec":
                try expect("{")
                var elements: [CandidTextValue] = []
                while !accept("}") {
                    elements.append(try annotatedValue())
                    if !accept(";") { try expect("}"); break }
                }
                return .vec(elements)
            case "record":
                try expect("{")
                var fields: [(CandidLabel, CandidTextValue)] = []
                var nextId: UInt32 = 0
                while !accept("}") {
                    if let label = try label(), lookahead(1) == .symbol("=") {
                        advance(); advance()
                        fields.append((label, try annotatedValue()))
                    } else {
                        fields.append((.id(nextId), try annotatedValue()))
                    }
                    nextId = fields.last!.0.id &+ 1
                    if !accept(";") { try expect("}"); break }
                }
                return .record(fields)
            case "variant":
                try expect("{")
                guard let label = try label() else { throw error("expected a variant tag") }
                advance()
                let payload: CandidTextValue = accept("=") ? try annotatedValue() : .null
                _ = accept(";")
                try expect("}")
                return .variant(label, payload)
            default:
                throw CandidError(.syntax, "unexpected '\(word)' in a value")
            }
        default:
            throw error("expected a value")
        }
    }

    private func number(_ digits: String, negative: Bool) throws(CandidError) -> CandidTextValue {
        let lower = digits.lowercased()
        if lower.hasPrefix("0x") {
            guard let value = CandidNat(hexadecimal: lower.dropFirst(2)) else { throw CandidError(.syntax, "bad number \(digits)") }
            return .integer(CandidInt(isNegative: negative, magnitude: value))
        }
        if lower.contains(".") || lower.contains("e") {
            guard let value = Double(lower.filter { $0 != "_" }) else { throw CandidError(.syntax, "bad number \(digits)") }
            return .float(negative ? -value : value)
        }
        guard let value = CandidNat(decimal: Substring(digits)) else { throw CandidError(.syntax, "bad number \(digits)") }
        return .integer(CandidInt(isNegative: negative, magnitude: value))
    }

    // MARK: Definitions

    /// `type NAME = T;` definitions into `environment`, until something else.
    mutating func definitions(into environment: inout CandidTypeEnvironment) throws(CandidError) {
        while true {
            if acceptKeyword("type") {
                let name = try name()
                try expect("=")
                try environment.define(name, try type())
                _ = accept(";")
            } else if isKeyword("import") {
                throw CandidError(.syntax, "imports are not supported")
            } else {
                return
            }
        }
    }
}
