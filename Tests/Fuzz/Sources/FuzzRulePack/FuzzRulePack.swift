// Fuzz target: the rule-pack loader on arbitrary bytes. Any input gives a pack or a YAMLError; a
// pack that loads runs its own test cases (which evaluates it) without crashing.
import ThresholdKit

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzRulePack(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    do {
        let pack = try RulePack(bytes: bytes, path: "fuzz.yaml")
        // Its own test cases evaluate it against their profiles.
        for outcome in pack.runTests() { _ = outcome.failures.count }
    } catch let error as YAMLError {
        let text = error.description
        for scalar in text.unicodeScalars where scalar.value < 0x20 && scalar != "\n" && scalar != "\t" {
            preconditionFailure("a raw control character U+\(String(scalar.value, radix: 16)) in a diagnostic")
        }
        precondition(text.utf8.count < 4096, "a diagnostic of \(text.utf8.count) bytes")
    } catch {
        fatalError("RulePack(bytes:path:) threw a non-YAMLError: \(error)")
    }
    return 0
}
