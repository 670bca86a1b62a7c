import StableQL

/// One entry of `.help`: a statement, a method, a dot-command or a subject.
struct HelpTopic {
    /// The section of the overview the topic is listed in.
    enum Section: String, CaseIterable {
        case statements = "Statements"
        case methods = "Methods (call as NAME.method(...))"
        case commands = "Shell commands"
        case subjects = "Subjects"
    }

    var name: String
    var section: Section
    /// One line: the syntax.
    var usage: String
    /// One line for the overview.
    var summary: String
    /// Several lines for `.help NAME`.
    var detail: String
}

/// The text of `.help`, as data.
enum HelpTopics {
    static let all: [HelpTopic] = statements + candidTopics + queryStatements + methods + commands + subjects

    /// Every topic whose name is `name` (a method name such as `get` is
    /// shared by several structures; `set` is both a declaration and a method).
    static func lookup(_ name: String) -> [HelpTopic] {
        var key = name.lowercased()
        if key.hasSuffix("()") { key.removeLast(2) }
        if key.hasSuffix(";") { key.removeLast() }
        let exact = all.filter { $0.name == key }
        return exact.isEmpty ? all.filter { $0.name == "." + key } : exact
    }

    /// The overview printed by a bare `.help`.
    static var overview: String {
        var text = "StableQL drives StableStructures: declare structures on stable memory with `let`,\n"
        text += "call their methods, and check what survives an `upgrade`. End statements with `;`.\n"
        for section in HelpTopic.Section.allCases {
            text += "\n\(section.rawValue):\n"
            let topics = all.filter { $0.section == section }
            let width = min(topics.map(\.usage.count).max() ?? 0, 30)
            for topic in topics {
                if topic.usage.count > width {
                    text += "  " + topic.usage + "\n" + String(repeating: " ", count: width + 4) + topic.summary + "\n"
                } else {
                    text += "  " + topic.usage.padding(to: width) + "  " + topic.summary + "\n"
                }
            }
        }
        text += "\nType `.help NAME` for details, e.g. `.help let`, `.help range`, `.help .mode`, `.help types`.\n"
        return text
    }

    /// The detailed text of `.help NAME`, or nil for an unknown topic.
    static func detail(_ name: String) -> String? {
        let found = lookup(name)
        guard !found.isEmpty else { return nil }
        return found.map { "\($0.usage)\n\n\($0.detail)\n" }.joined(separator: "\n")
    }

    /// The names completion offers after `.help `.
    static var names: [String] { Array(Set(all.map(\.name))).sorted() }

    // MARK: - Statements

    static let statements: [HelpTopic] = [
        HelpTopic(
            name: "open", section: .statements,
            usage: "open \"PATH\" [readonly] [raw] [bucket_size N];",
            summary: "use an image file as the session's stable memory",
            detail: """
            Opens the image file PATH, creating it when it does not exist. The file holds
            the raw bytes of a stable memory, so it is interchangeable with images written
            by the Rust crate. A memory-manager image (magic MGR) offers virtual memories
            0 to 254; an image holding a single structure at offset 0 is opened raw, and
            declarations then take no memory id.
              readonly       never write to the file; mutating statements fail
              raw            use an empty file without a memory manager
              bucket_size N  buckets of N pages for a new image (default 128)
            Example:  open "demo.img" bucket_size 1;
            """),
        HelpTopic(
            name: "close", section: .statements, usage: "close;",
            summary: "flush and close the image, back to an in-heap memory",
            detail: """
            Writes everything to the image file, closes it and returns to a fresh in-heap
            memory that lives as long as the process.
            """),
        HelpTopic(
            name: "let", section: .statements, usage: "let NAME = KIND(ID) of TYPES; | let NAME = EXPR;",
            summary: "declare a structure on a memory id, or a scalar variable",
            detail: """
            Declares a binding. On an empty memory the structure is created; on a memory
            that already holds the same kind of structure it is loaded, so a script can
            re-attach to data written earlier. A memory holding something else is refused
            and nothing is written. One memory id serves one live binding at a time.
              let users = map(0) of u64 -> string;     BTreeMap
              let tags  = set(1) of string;            BTreeSet
              let xs    = vec(2) of u32;               Vec (bounded elements)
              let ev    = log(3, 4) of blob;           Log (index and data memories)
              let c     = cell(5) of u64 default 0;    Cell
              let h     = heap(6) of u64;              MinHeap (bounded elements)
              let n     = 42;                          a scalar variable
            In a raw image the memory id is left out: let m = map() of u64 -> u64;
            """),
        HelpTopic(
            name: "type", section: .statements, usage: "type NAME = record { FIELD: TYPE [= DEFAULT], ... };",
            summary: "declare a record type, stored as CBOR (schema upgrades)",
            detail: """
            Declares a record type usable wherever a type is written (as a map value, a
            cell, a log entry; not as a map key or set element). Records are stored as a
            CBOR map with the field names as keys, as Rust's ciborium writes a serde struct;
            blobs are byte strings (serde_bytes), none is null. Names start upper-case.
              type Asset = record { contents: blob, created_at: u64 = 0,
                                    uploaded_by: option<principal> };
              let assets = map(0) of u64 -> Asset;
              assets.insert(1, {contents: x"00ff"});   missing fields take their default
              print assets.get(1).created_at;          field access (looks through some)
            Re-declaring a type changes it for later declarations and for `upgrade`, which
            re-attaches every binding with the current definition: entries written before a
            field existed then read with its default (none for option<...>). If an entry no
            longer decodes (a field retyped, or added without a default) `upgrade` fails
            naming the entries and changes nothing; removed fields are ignored. The type `cbor` shows any stored CBOR as a document.
            """),
        HelpTopic(
            name: "map", section: .statements, usage: "let NAME = map(ID) of K -> V;",
            summary: "declare a BTreeMap (see .help let)",
            detail: """
            A B-tree map from keys of type K to values of type V (f32/f64 cannot be keys).
            Methods: \(methodList(.map)).
            """),
        HelpTopic(
            name: "set", section: .statements, usage: "let NAME = set(ID) of T;",
            summary: "declare a BTreeSet (see .help let)",
            detail: """
            A B-tree set of elements of type T.
            Methods: \(methodList(.set)).
            """),
        HelpTopic(
            name: "vec", section: .statements, usage: "let NAME = vec(ID) of T;",
            summary: "declare a Vec of bounded elements",
            detail: "A growable vector. Methods: \(methodList(.vec))."),
        HelpTopic(
            name: "log", section: .statements, usage: "let NAME = log(ID_INDEX, ID_DATA) of T;",
            summary: "declare an append-only Log over two memories",
            detail: "An append-only log. Methods: \(methodList(.log))."),
        HelpTopic(
            name: "cell", section: .statements, usage: "let NAME = cell(ID) of T default EXPR;",
            summary: "declare a Cell holding one value",
            detail: "A single value, initialised to the default on an empty memory. Methods: \(methodList(.cell))."),
        HelpTopic(
            name: "heap", section: .statements, usage: "let NAME = heap(ID) of T;",
            summary: "declare a MinHeap of bounded elements",
            detail: "A binary min-heap. Methods: \(methodList(.heap))."),
        HelpTopic(
            name: "drop", section: .statements, usage: "drop NAME;",
            summary: "forget a binding (its data stays in memory)",
            detail: """
            Removes the binding NAME from the session. The structure's bytes stay in the
            memory; declaring it again loads them. Needed before `reclaim` of its memory.
            """),
        HelpTopic(
            name: "reclaim", section: .statements, usage: "reclaim ID;",
            summary: "give a memory's buckets back to the memory manager",
            detail: """
            Calls the memory manager's reclaim_memory for memory ID and prints how many
            pages were reclaimed. Refused while a live binding uses ID (drop it first).
            """),
        HelpTopic(
            name: "upgrade", section: .statements, usage: "upgrade [fast];",
            summary: "simulate a canister upgrade and check every binding survives",
            detail: """
            1. flushes every write (for an image: to disk);
            2. drops every structure, cache and the memory manager;
            3. re-opens the memory and re-attaches every binding with the load path;
            4. prints each binding's length and checksum before and after.
            A mismatch is an error. The checksums read every entry; `upgrade fast;`
            skips them and compares lengths only, in time independent of the size.
            """),
        HelpTopic(
            name: "memories", section: .statements, usage: "memories;",
            summary: "show the memory manager's layout",
            detail: """
            Lists each memory id in use with its size, its buckets and the kind of structure
            found in it, and draws a map of the buckets.
            """),
        HelpTopic(
            name: "describe", section: .statements, usage: "describe NAME;",
            summary: "show a binding's kind, memories, types and size",
            detail: """
            Prints the kind, memory id(s), types, length and bytes used of a binding; for
            maps also the tree's depth, node count and fill. For a record type declared
            with `type`, prints its fields, defaults and the bindings that use it.
            """),
        HelpTopic(
            name: "describe memory", section: .statements, usage: "describe memory ID;  describe;",
            summary: "guess what a memory holds; describe the open image",
            detail: """
            `describe memory ID;` names the structure in memory ID and guesses its types from
            the stored bytes (key widths and order, Candid `DIDL` values, CBOR, JSON, text,
            blobs), says how sure it is ("120 of 120 sampled values") and prints a `let`
            that loads it. `memories;` shows the same guess in its `guess` column.
            `describe;` shows the open image: file, size, layout and, for a snapshot
            folder, its metadata and whether it is ready for upload. See .help snapshot.
            """),
        HelpTopic(
            name: "extract", section: .statements, usage: "extract memory ID to \"PATH\";",
            summary: "write a virtual memory's bytes to a file",
            detail: """
            Writes memory ID's bytes (its size in pages × 64 KiB) to PATH, replacing it.
            For example, an SQLite database that ic-rusqlite keeps in a virtual memory.
            Reads only; refused for a raw image and for the open image's own files.
            """),
        HelpTopic(
            name: "patch", section: .statements, usage: "patch memory ID from \"PATH\";",
            summary: "replace a virtual memory's bytes with a file's",
            detail: """
            Replaces memory ID's contents with the bytes of the file at PATH (any length):
            the memory grows as needed, bytes past the file's end are zeroed, other memories
            are untouched, and the statement is atomic. Refused while a binding holds ID
            (drop it first) and on a read-only image.
            """),
        HelpTopic(
            name: "verify", section: .statements, usage: "verify NAME;",
            summary: "check a structure's stored invariants",
            detail: """
            Runs the library's invariant checker on the structure NAME is bound to, and on
            the memory manager it lives in: headers, B-tree order, fill and allocator
            accounting, heap order, log offsets, that every element decodes. Prints one
            line when all is well; otherwise fails and lists each problem. Reads only.
            (`.check` is different: it compares what a script printed with expected text.)
            """),
        HelpTopic(
            name: "diff", section: .statements, usage: "diff \"OTHER\" [limit N];",
            summary: "what changed from another image to the open one",
            detail: """
            Opens the image file OTHER read-only (it is never modified) and prints three
            results: each virtual memory either image uses, `equal`, `differs`, `only here`
            or `only in other`; for every structure binding, the number of entries added,
            removed and changed (by key for maps and sets, by index for vecs and logs, by
            position for heaps and cells); and at most N (default 20) of those changes as
            rows [binding, change, key, old, new]. Declare the bindings first: the other
            image is read with their types. Use it on a copy taken before an upgrade or a
            day's work.
            """),
        HelpTopic(
            name: "print", section: .statements, usage: "print EXPR;",
            summary: "print a value (a bare expression prints too)",
            detail: """
            Prints the value of EXPR in the current output mode. A bare expression statement
            such as `users.get(1);` prints its value too, except a mutating call that
            returns none or unit.
            """),
        HelpTopic(
            name: "assert", section: .statements, usage: "assert EXPR [, \"message\"];",
            summary: "fail the statement (and a script) unless EXPR is true",
            detail: """
            Fails when EXPR is false, with the optional message. In a script this stops the
            run with a non-zero exit status (unless --keep-going).
            Example:  assert users.len() == 999, "lost some users";
            """),
        HelpTopic(
            name: "for", section: .statements,
            usage: "for NAME in A..B { ... } | for NAME in STRUCT.iter() { ... }",
            summary: "loop over an integer range or a structure's entries",
            detail: """
            Runs the block once per integer in A..B (B excluded) or per entry. The whole
            loop is one statement: if any part fails or Ctrl-C interrupts it, every write it
            made is undone.
            Example:  for i in 0..1000 { users.insert(i, "user " + str(i)); }
            """),
    ]

    // MARK: - Methods

    /// One topic per method name, read from the structures' method tables:
    /// the usage of each form, and a line per structure kind that has it.
    static let methods: [HelpTopic] = {
        var names: [String] = []
        for kind in StructureKind.allCases {
            for method in kind.methods where !names.contains(method.name) { names.append(method.name) }
        }
        return names.map { name in
            let forms = StructureKind.allCases.compactMap { kind in kind.method(named: name).map { (kind, $0) } }
            var usages: [String] = []
            for (_, method) in forms where !usages.contains(method.usage) { usages.append(method.usage) }
            let iteration = forms.contains { $0.1.isIteration }
            var detail = forms.map { kind, method in
                "\(kind.rawValue): \(method.help); returns \(method.result.replacingBackticks)."
            }
            if forms.contains(where: { $0.1.parameters.contains { $0.kind == .range } }) {
                detail.append("r is a range: a..b (b excluded), a..=b, a.., ..b, or .. for everything.")
            }
            if iteration {
                detail.append("`limit N` keeps the first N rows; in the REPL a result longer than the screen is cut")
                detail.append("unless a limit is given. Also usable in `for x in NAME.\(name)(...) { ... }`.")
            }
            let kinds = forms.map(\.0.rawValue).joined(separator: ", ")
            return HelpTopic(
                name: name, section: .methods,
                usage: usages.joined(separator: " | ") + (iteration ? " [limit N]" : ""),
                summary: "\(forms[0].1.help) (\(kinds))",
                detail: detail.joined(separator: "\n"))
        }
    }()

    /// The method names of `kind`, for the declaration topics.
    static func methodList(_ kind: StructureKind) -> String {
        kind.methods.map(\.name).joined(separator: " ")
    }

    // MARK: - Shell commands

    static let commands: [HelpTopic] = DotCommand.all.map { command in
        HelpTopic(
            name: "." + command.name, section: .commands,
            usage: ("." + command.name + " " + command.synopsis).trimmingTrailingSpaces,
            summary: command.summary,
            detail: command.summary.prefix(1).uppercased() + command.summary.dropFirst() + "."
                + " Dot-commands take one line and work in scripts too.")
    }

    // MARK: - Subjects

    static let subjects: [HelpTopic] = [
        HelpTopic(
            name: "snapshot", section: .subjects, usage: "snapshot",
            summary: "inspect and repair a canister snapshot folder",
            detail: """
            A folder from `dfx canister snapshot download CANISTER ID --dir DIR` holds
            metadata.json, stable_memory.bin (absent when empty), wasm_memory.bin,
            wasm_module.bin and wasm_chunk_store/. `stable-repl --image DIR` or
            `open "DIR" [readonly];` opens its stable memory.
              open "DIR" readonly;          look without writing anything in the folder
              describe;                     file, size, layout, snapshot metadata
              memories;  describe memory 0; what each memory holds, with a `let` to load it
              extract memory 5 to "db.sqlite";  patch memory 5 from "db.sqlite";
              diff "BEFORE_DIR";            what a fix changed, against an untouched copy
            Every commit that changes the stable memory's size rewrites metadata.json's
            stable_memory_size (only those digits), so the folder stays ready for
            `dfx canister snapshot upload CANISTER --dir DIR`, then `dfx canister snapshot load`.
            A declaration whose types do not fit the stored entries is refused as a type
            mismatch that says what the stored bytes look like; a value type that does not
            fit fails the same way when the entry is read.
            """),
        HelpTopic(
            name: "types", section: .subjects, usage: "types",
            summary: "the element types of declarations",
            detail: """
              u8 u16 u32 u64 u128     unsigned integers (big-endian, fixed size)
              i8 i16 i32 i64          signed integers (order-preserving encoding)
              f32 f64                 floats; not allowed as map or set keys
              bool string blob        boolean, UTF-8 text, unbounded bytes
              blob<N> bytes<N>        at most N bytes / exactly N bytes
              principal               an Internet Computer principal (<= 29 bytes)
              option<T>               none or some(x)
              (A, B) (A, B, C)        tuples (a pair needs bounded parts)
              unit                    no bytes: use map ... -> unit as a set
              Asset record { ... }    a record type declared with `type` (see .help type)
              cbor                    any CBOR item, shown as a JSON-like document
              candid  candid NAME     a Candid message (see .help candid)
              json                    a JSON document stored as text (see .help json)
            A literal that does not fit its type is refused before anything is written.
            """),
        HelpTopic(
            name: "literals", section: .subjects, usage: "literals",
            summary: "how to write values",
            detail: """
              42  1_000  0xff  0b1010      integers
              1.5  1e9  -0.0  inf  nan     floats
              "text \\n \\u{1F600}"          strings
              x"deadbeef"  b"bytes\\x00"    blobs
              true false  none  some(x)    booleans and options
              principal "aaaaa-aa"         principals
              (1, "a")                     tuples
              {contents: x"00", size: 1}   records (v.size reads a field)
              [1, 2]  #Active  #Ban("x")   lists and variants (Candid values)
              candid "(opt 42)"            Candid text, as dfx prints it
              json "{\"a\": 1}"             a JSON document
            Comments: -- to the end of the line, or /* ... */.
            """),
        HelpTopic(
            name: "expressions", section: .subjects, usage: "expressions",
            summary: "operators and built-in functions",
            detail: """
            + - * / % on numbers; + on strings and blobs; == != < <= > >=; and or not;
            parentheses; tuples. Built-ins: str(x) len(x) hex(x) blob(x) repeat(x, n) hash(x).
            """),
        HelpTopic(
            name: "modes", section: .subjects, usage: "modes",
            summary: "output modes: table, list, csv, json",
            detail: """
            table: aligned columns with a header (the default); list: values separated by |;
            csv: RFC 4180; json: one JSON document per printing statement (JSON Lines).
            Switch with `.mode NAME` or --mode NAME. Errors always go to stderr as text.
            """),
        HelpTopic(
            name: "atomicity", section: .subjects, usage: "atomicity",
            summary: "every statement succeeds entirely or not at all",
            detail: """
            Like a canister message, each top-level statement is atomic: when it fails (an
            error, a failed assert, Ctrl-C) every write it made is undone and the memory is
            as it was before. Statements that completed earlier are kept. On an image, each
            statement that changed something is committed to the file (through a rollback
            journal) as soon as it succeeds, so a crash never leaves part of a statement.
            """),
        HelpTopic(
            name: "concurrency", section: .subjects, usage: "concurrency",
            summary: "several processes on one image",
            detail: """
            Any number of shells may use one image at once. Each statement locks the image
            file: shared while it only reads, exclusive when it may write (declarations,
            insert, push, set, remove, reclaim, upgrade...), and first re-reads what another
            process committed. A statement waits up to the busy timeout for the lock
            (`.timeout MS` or --busy-timeout MS, default 5000), then fails with
            "image is busy: locked by process N" and writes nothing. The change counter
            lives in IMAGE-changes beside the image. Locks need a local file system.
            """),
    ]
}

extension String {
    /// The string padded with spaces to at least `width` characters.
    func padding(to width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }

    /// The text with the reference's Markdown backticks removed.
    var replacingBackticks: String {
        String(filter { $0 != "`" })
    }

    /// The string without trailing spaces.
    var trimmingTrailingSpaces: String {
        var s = self
        while s.last == " " { s.removeLast() }
        return s
    }
}
