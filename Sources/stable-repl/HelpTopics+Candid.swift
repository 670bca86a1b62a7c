/// The `.help` topics of Candid and JSON values.
extension HelpTopics {
    static let candidTopics: [HelpTopic] = [
        HelpTopic(
            name: "import", section: .statements, usage: "import \"PATH.did\";",
            summary: "declare the named types of a Candid .did file (see .help candid)",
            detail: """
            Reads a canister's Candid interface and declares each of its named types, usable
            as candid NAME. A relative path is relative to the running script (else to the
            working directory). The file's service is accepted: `describe service;` shows it.
            Imported names share one namespace with `type` records: a clash is an error.
              import "users.did";
              let users = map(0) of u64 -> candid User;
              describe User;
            """),
        HelpTopic(
            name: "candid", section: .subjects, usage: "candid",
            summary: "Candid values: what Rust canisters store with Encode!/Decode!",
            detail: """
            candid        any Candid message, decoded from its own type table; field names
                          come from imported or declared names with the same hash
            candid NAME   a type from `import`: decoded with Candid subtyping (a missing opt
                          field is none, extra fields are ignored), written byte for byte as
                          Rust's Encode! writes a value of that type
            Literals: records {name: "ada", age: 36}, lists [1, 2, 3], variants #Active and
            #Suspended("spam"), some(x)/none for opt, principal "...", x"..." blobs, (a, b)
            tuple records, and Candid text as dfx prints it:
              users.insert(1, candid "record { name = \\"ada\\"; age = 36 }");
            Read fields with v.name, tuple fields with v.0; v.Tag on a variant is its payload
            when the tag is Tag, else none. Tables show values in this literal form; JSON mode
            prints records as objects, variants as {"Tag": payload}, blobs as "0x...".
            As map keys or set elements candid values can be iterated but not looked up.
            """),
        HelpTopic(
            name: "json", section: .subjects, usage: "json",
            summary: "JSON documents stored as UTF-8 text (Azle, serde_json)",
            detail: """
            A json value is a JSON document, checked when written (invalid JSON is refused)
            and stored as compact UTF-8 text. Write a string holding JSON, json "...", or
            any value (records become objects):
              let docs = map(0) of u64 -> json;
              docs.insert(1, "{\\"name\\": \\"ada\\", \\"tags\\": [1, 2]}");
              print docs.get(1).name;      a member: "ada" (arrays and objects stay json)
            JSON mode embeds the documents as JSON, not as strings.
            """),
    ]
}
