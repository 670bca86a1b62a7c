import StableQL
import Testing

@Test("the StableQL module reports a semantic version")
func stableQLVersion() {
    #expect(StableQL.version.split(separator: ".").count == 3)
}
