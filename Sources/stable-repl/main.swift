import StableQL
print("stable-repl \(StableQL.version)")
