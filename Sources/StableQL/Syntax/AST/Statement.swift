/// A StableQL statement with its source range (for `--echo` and errors).
public struct Statement: Equatable, Sendable {
    /// What the statement does.
    public var kind: StatementKind
    /// Where it is written, from its first token to its `;` or `}`.
    public var range: SourceRange

    /// Creates a statement.
    public init(_ kind: StatementKind, range: SourceRange) {
        self.kind = kind
        self.range = range
    }
}

/// The forms of StableQL statements.
public indirect enum StatementKind: Equatable, Sendable {
    /// `let NAME = EXPR;`
    case letValue(name: String, value: Expression)
    /// `type NAME = record { field: TYPE [= DEFAULT], … };`
    case typeDeclaration(name: String, type: TypeExpression)
    /// `let NAME = map(0) of K -> V;` and the other structures.
    case declare(name: String, declaration: StructureDeclaration)
    /// `drop NAME;`
    case drop(name: String)
    /// `open "path" [readonly] [raw] [bucket_size N];`
    case open(path: String, options: OpenOptions)
    /// `close;`
    case close
    /// `reclaim ID;`
    case reclaim(Expression)
    /// `upgrade;`, or `upgrade fast;` (no checksums: lengths only).
    case upgrade(verify: Bool)
    /// `memories;`
    case memories
    /// `describe NAME;`
    case describe(name: String)
    /// `import "PATH.did";`: declares the named types of a Candid file.
    case importCandid(path: String)
    /// `verify NAME;`
    case verify(name: String)
    /// `print EXPR;`
    case print(Expression)
    /// `assert EXPR [, "message"];`
    case assert(Expression, message: String?)
    /// `for NAME in A..B { … }` or `for NAME in X.iter() { … }`.
    case forLoop(variable: String, sequence: Expression, body: [Statement])
    /// `diff "OTHER" [limit N];`
    case diff(path: String, limit: Expression?)
    /// A bare expression, optionally with a trailing `limit N`.
    case expression(Expression, limit: Expression?)
    /// `describe;`: the open image (and a snapshot folder's metadata).
    case describeImage
    /// `describe memory ID;`: what memory ID holds, with guessed types.
    case describeMemory(Expression)
    /// `extract memory ID to "PATH";`
    case extractMemory(Expression, path: String)
    /// `patch memory ID from "PATH";`
    case patchMemory(Expression, path: String)
    /// `select … from …;`
    case select(Query)
    /// `delete from BINDING [where EXPR];`
    case delete(binding: String, filter: Expression?)
    /// `update BINDING set value = EXPR [where EXPR];`
    case update(binding: String, value: Expression, filter: Expression?)
    /// `for NAME in (select …) { … }`.
    case forQuery(variable: String, query: Query, body: [Statement])
    /// `if COND { … } [else if … | else { … }]`; an `else if` is an `if` alone in `otherwise`.
    case ifElse(condition: Expression, then: [Statement], otherwise: [Statement])
    /// `while COND { … }`.
    case whileLoop(condition: Expression, body: [Statement])
    /// `break;`
    case breakLoop
    /// `continue;`
    case continueLoop
    /// `NAME = EXPR;`, assignment to an existing variable.
    case assign(name: String, value: Expression)
}

/// The options after `open "path"`.
public struct OpenOptions: Equatable, Sendable {
    /// `readonly`: never write to the file.
    public var readOnly = false
    /// `raw`: no memory manager; one structure at offset 0.
    public var raw = false
    /// `bucket_size N`: pages per bucket for a new memory manager.
    public var bucketSize: Expression?

    /// No options.
    public init(readOnly: Bool = false, raw: Bool = false, bucketSize: Expression? = nil) {
        self.readOnly = readOnly
        self.raw = raw
        self.bucketSize = bucketSize
    }
}

/// The kinds of stable structures a declaration can create.
public enum StructureKind: String, CaseIterable, Sendable {
    /// `map` (BTreeMap), `set` (BTreeSet), `vec` (Vec), `log` (Log), `cell` (Cell), `heap` (MinHeap).
    case map, set, vec, log, cell, heap

    /// How many memory ids the declaration takes (log takes index and data).
    public var memoryCount: Int { self == .log ? 2 : 1 }

    /// The library type's name, for messages.
    public var libraryName: String {
        switch self {
        case .map: return "BTreeMap"
        case .set: return "BTreeSet"
        case .vec: return "Vec"
        case .log: return "Log"
        case .cell: return "Cell"
        case .heap: return "MinHeap"
        }
    }
}

/// The right-hand side of a structure declaration.
public struct StructureDeclaration: Equatable, Sendable {
    /// Which structure.
    public var kind: StructureKind
    /// The memory ids (empty in raw mode: `map() of …`).
    public var memoryIds: [Expression]
    /// The key type of a map.
    public var keyType: TypeExpression?
    /// The element type (the value type of a map).
    public var elementType: TypeExpression
    /// A cell's `default EXPR`.
    public var defaultValue: Expression?

    /// Creates a declaration.
    public init(
        kind: StructureKind, memoryIds: [Expression], keyType: TypeExpression?,
        elementType: TypeExpression, defaultValue: Expression?
    ) {
        self.kind = kind
        self.memoryIds = memoryIds
        self.keyType = keyType
        self.elementType = elementType
        self.defaultValue = defaultValue
    }
}
