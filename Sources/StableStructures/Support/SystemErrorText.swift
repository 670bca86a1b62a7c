#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The C library's text for an `errno` value (`strerror`), such as
/// "No space left on device"; nil where there is no C library (a canister).
func systemErrorText(_ code: Int32) -> String? {
    #if canImport(Glibc) || canImport(Musl) || canImport(Darwin)
    guard let text = strerror(code) else { return nil }
    return String(cString: text)
    #else
    return nil
    #endif
}
