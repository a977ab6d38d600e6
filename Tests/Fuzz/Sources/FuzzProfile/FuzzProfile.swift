// Fuzz target: the profile loader on arbitrary bytes. Any input gives a profile or a YAMLError.
import ThresholdKit

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzProfile(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    do {
        let profile = try LabProfile(bytes: bytes, path: "fuzz.yaml")
        _ = profile.organization.name
    } catch let error as YAMLError {
        let text = error.description
        for scalar in text.unicodeScalars where scalar.value < 0x20 && scalar != "\n" && scalar != "\t" {
            preconditionFailure("a raw control character U+\(String(scalar.value, radix: 16)) in a diagnostic")
        }
        precondition(text.utf8.count < 4096, "a diagnostic of \(text.utf8.count) bytes")
    } catch {
        fatalError("LabProfile(bytes:path:) threw a non-YAMLError: \(error)")
    }
    return 0
}
