// Fuzz target: a fuzzed profile evaluated against the built-in packs. If the bytes load as a
// profile, evaluate it on two dates and render the verdict as a JSON line and as text.
import FuzzDriver
import ThresholdKit

/// The built-in packs, loaded once (see FuzzDriver.h for why LeakSanitizer looks away meanwhile;
/// FuzzRulePack checks the loader itself for leaks, input by input).
let book: RuleBook = {
    __lsan_disable()
    defer { __lsan_enable() }
    do { return try RuleBook.builtIn() } catch { fatalError("the built-in packs do not load: \(error)") }
}()
let dates = [CalendarDate(year: 2026, month: 6, day: 1)!, CalendarDate(year: 2028, month: 1, day: 1)!]

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzEvaluate(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard let profile = try? LabProfile(bytes: bytes, path: "fuzz.yaml") else { return 0 }
    for date in dates {
        let verdict = book.evaluate(profile, asOf: date)
        let line = verdict.jsonLine()
        precondition(!line.contains("\n"), "a JSON line with a line break")
        _ = verdict.text(style: TextStyle(explain: true, color: false))
    }
    return 0
}
