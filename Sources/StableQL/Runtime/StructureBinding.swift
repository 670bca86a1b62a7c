import StableStructures

/// A live structure bound to a name: a small type-erased box over one
/// generic library structure, created once at declaration from the declared
/// types. Every call converts `Value`s with the codecs fixed at that moment
/// and goes straight into the specialised generic structure.
protocol StructureBinding: AnyObject {
    /// Which structure this is.
    var kind: StructureKind { get }
    /// The method `name` bound to this box, nil when its kind has none.
    func method(named name: String) -> BoundMethod?
    /// Visits every element in order (a map's entries as `(key, value)`
    /// tuples) until `body` returns false.
    func forEach(_ body: (Value) throws(QLError) -> Bool) throws(QLError)
    /// The number of elements.
    func length() throws(QLError) -> UInt64
    /// Structure-specific lines for `describe` (beyond kind, ids, types, length).
    func details() throws(QLError) -> [String]
    /// What the library's invariant checker finds wrong with the stored
    /// structure (nothing when healthy), for `verify`.
    func invariantViolations() -> [InvariantViolation]
}

extension StructureBinding {
    func details() throws(QLError) -> [String] { [] }
}

/// A box whose methods come from its kind's method table.
protocol TabledBinding: StructureBinding {
    /// The method table: every method of the kind, with its handler.
    static var methods: [StructureMethod<Self>] { get }
}

extension TabledBinding {
    func method(named name: String) -> BoundMethod? {
        Self.methods.first { $0.signature.name == name }?.bound(to: self)
    }
}

/// An evaluated method argument: a value or a range.
enum Argument {
    case value(Value)
    case range(lower: Value?, upper: Value?, inclusive: Bool)
}

/// What a method call produces.
enum MethodResult {
    /// A single value, printed by a bare statement.
    case value(Value)
    /// A mutation whose result (none or unit) a bare statement does not print.
    case silent(Value)
    /// An iteration.
    case rows(RowSource)
}

/// A lazy iteration result: column names and a producer of rows.
struct RowSource {
    /// The column headers (`key`, `value` for maps; `value` otherwise).
    let columns: [String]
    /// Produces rows in order until the consumer returns false.
    let produce: (([Value]) throws(QLError) -> Bool) throws(QLError) -> Void

    /// The same rows, with the errors of producing them (an entry that no
    /// longer decodes, say) prefixed by `context`, as `n.iter: …`. Errors
    /// thrown by the consumer (a loop body, an interrupt) pass unchanged.
    func labelled(_ context: String) -> RowSource {
        RowSource(columns: columns) { (consume) throws(QLError) in
            var consumerFailed = false
            do throws(QLError) {
                try produce { (row) throws(QLError) -> Bool in
                    do throws(QLError) { return try consume(row) } catch {
                        consumerFailed = true
                        throw error
                    }
                }
            } catch {
                throw consumerFailed ? error : error.prefixed(context)
            }
        }
    }
}

/// What the session remembers of a structure binding: its declaration (to
/// re-attach it on `upgrade` and after a rollback) and its live box.
struct BindingRecord {
    let name: String
    let kind: StructureKind
    /// The memory ids, empty in raw mode.
    let memoryIds: [UInt8]
    var keyType: QLType?
    var elementType: QLType
    var defaultValue: Value?
    var box: any StructureBinding
}

extension ValueCodec {
    /// The old value a mutation hands back (`insert`, `remove`, `set`). One
    /// that no longer decodes with the declared type (a record whose schema
    /// changed incompatibly) is returned as unit, so that a broken entry can
    /// still be overwritten or removed.
    func replaced(_ stored: T) -> Value {
        do throws(QLError) {
            return try decode(stored)
        } catch {
            return .unit
        }
    }
}

/// The entries of an iteration that do not decode with the declared type.
///
/// An iteration skips them and, once done, fails naming them (the first
/// ``listed``), so that one bad entry neither stops the walk at the first
/// problem nor hides the others.
struct DecodeFailures {
    /// How many failing entries the error names.
    static let listed = 10
    /// The declared type the entries were read as.
    let type: QLType
    private(set) var count = 0
    private var examples: [String] = []

    init(type: QLType) {
        self.type = type
    }

    /// Records that the entry `what` ("key 3", "entry 0") failed with `error`.
    mutating func add(_ what: String, _ error: QLError) {
        count += 1
        if examples.count < DecodeFailures.listed { examples.append("\(what): \(error.message)") }
    }

    /// Throws when an entry failed.
    func check() throws(QLError) {
        guard count > 0 else { return }
        let more = count > examples.count ? "; and \(count - examples.count) more" : ""
        throw QLError("\(count) \(count == 1 ? "entry does" : "entries do") not decode as \(type): "
            + examples.joined(separator: "; ") + more)
    }
}
