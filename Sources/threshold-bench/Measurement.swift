// Clocks and the machine: wall and CPU time, medians, peak memory and the CPU's model, read from
// /proc where there is one.

import ThresholdPlatform

// MARK: - Measurement

/// Writes `text` to standard error.
func printError(_ text: String) {
    var text = text
    text.withUTF8 { _ = write(2, $0.baseAddress, $0.count) }
}

func now() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}

/// CPU time used by the process so far, all threads: with the wall time, it shows whether a slow
/// parallel stage did more work (contention) or waited for a core (a busy machine).
func cpuNow() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}

func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    let n = sorted.count
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2
}

/// A line of /proc/self/status in kB (VmHWM: peak resident set size), or nil.
func procStatus(_ field: String) -> Int? {
    guard let file = fopen("/proc/self/status", "r") else { return nil }
    defer { fclose(file) }
    var line = [CChar](repeating: 0, count: 256)
    while fgets(&line, Int32(line.count), file) != nil {
        let text = line.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        if text.hasPrefix(field + ":") {
            return Int(text.dropFirst(field.count + 1).filter { $0.isNumber })
        }
    }
    return nil
}

func cpuModel() -> String {
    guard let file = fopen("/proc/cpuinfo", "r") else { return "unknown" }
    defer { fclose(file) }
    var line = [CChar](repeating: 0, count: 512)
    while fgets(&line, Int32(line.count), file) != nil {
        let text = line.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        if text.hasPrefix("model name"), let colon = text.firstIndex(of: ":") {
            return text[text.index(after: colon)...].trimmingCharacters()
        }
    }
    return "unknown"
}

extension StringProtocol {
    func trimmingCharacters() -> String {
        String(drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\n" || $0 == "\t" }.reversed())
    }
}

/// The process's output so far, as the kernel counts it (Linux's /proc/self/io): the bytes passed
/// to write(2) and the number of calls, whatever the file (/dev/null included).
struct ProcessIO {
    var bytesWritten = 0
    var writeCalls = 0

    /// The counts now, or nil where there is no /proc/self/io.
    static func read() -> ProcessIO? {
        guard let file = fopen("/proc/self/io", "r") else { return nil }
        defer { fclose(file) }
        var io = ProcessIO()
        var found = 0
        var line = [CChar](repeating: 0, count: 128)
        while fgets(&line, Int32(line.count), file) != nil {
            let text = line.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
            let value = Int(text.filter { $0.isNumber })
            if text.hasPrefix("wchar:"), let value { io.bytesWritten = value; found += 1 }
            if text.hasPrefix("syscw:"), let value { io.writeCalls = value; found += 1 }
        }
        return found == 2 ? io : nil
    }
}
