// Table output: columns padded to a width, numbers with fixed decimals or grouped thousands.

import ThresholdKit
import ThresholdPlatform

func fixed(_ value: Double, _ digits: Int) -> String {
    var scale = 1.0
    for _ in 0..<digits { scale *= 10 }
    let rounded = (value * scale).rounded() / scale
    var text = String(rounded)
    if text.contains("e") { return text }
    if !text.contains(".") { text += "." }
    let decimals = text.count - 1 - text.distance(from: text.startIndex, to: text.firstIndex(of: ".")!)
    if digits == 0 { return String(Int(rounded)) }
    return text + String(repeating: "0", count: max(0, digits - decimals))
}

func grouped(_ n: Int) -> String {
    let digits = String(n)
    var out = ""
    for (i, c) in digits.enumerated() {
        if i > 0 && (digits.count - i) % 3 == 0 { out += "," }
        out.append(c)
    }
    return out
}

extension Rounds {
    /// Prints the table of stages (median wall time, files/s, MB/s, × floor, CPU time), the
    /// speedup of J jobs, the machine's load and memory, and the checks.
    static func printTable(_ rounds: Rounds, options: BenchOptions, totalBytes: Int) {
        let (times, cpuTimes, outputBytes, failures, events, nodes, peak) =
            (
                rounds.times, rounds.cpuTimes, rounds.outputBytes, rounds.failures, rounds.events, rounds.nodes,
                rounds.peak
            )

        let medians = times.map(median)
        let floorTime = medians[0]
        let names = [
            "1. libyaml event loop (floor)", "2. YAML tree (parseDocument)", "3. full audit, 1 job",
            "4. full audit, \(options.jobs) jobs\(options.sharedBook ? " (one shared book)" : "")",
        ]
        print("")
        let cpuMedians = cpuTimes.map(median)
        print(
            "stage".padded(37) + "median s".padded(10, leading: true) + "files/s".padded(12, leading: true)
                + "MB/s".padded(9, leading: true)
                + "× floor".padded(10, leading: true) + "CPU s".padded(9, leading: true))
        for (i, name) in names.enumerated() {
            let time = medians[i]
            print(
                name.padded(37) + fixed(time, 3).padded(10, leading: true)
                    + grouped(Int((Double(options.profiles) / time).rounded())).padded(12, leading: true)
                    + fixed(Double(totalBytes) / 1e6 / time, 1).padded(9, leading: true)
                    + fixed(time / floorTime, 2).padded(10, leading: true)
                    + fixed(cpuMedians[i], 3).padded(9, leading: true))
        }
        print("")
        print(
            "\(options.jobs)-jobs speedup: \(fixed(medians[2] / medians[3], 2))× (1 job \(fixed(medians[2], 3)) s / "
                + "\(options.jobs) jobs \(fixed(medians[3], 3)) s); "
                + "CPU time \(options.jobs) jobs / 1 job: \(fixed(cpuMedians[3] / cpuMedians[2], 2))×")
        var load = [CChar](repeating: 0, count: 128)
        if let file = fopen("/proc/loadavg", "r") {
            if fgets(&load, Int32(load.count), file) != nil {
                let loadAverage = load.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
                    .split(separator: " ").prefix(3).joined(separator: ", ")
                print("load average after the run (1, 5, 15 min): \(loadAverage)")
            }
            fclose(file)
        }
        print(
            "peak resident memory (VmHWM): "
                + "\(peak.map { "\(grouped($0)) kB (\(fixed(Double($0) / 1024, 1)) MiB)" } ?? "unavailable")"
        )
        let output =
            outputBytes.count == 1
            ? "\(fixed(Double(outputBytes.first!) / 1e6, 1)) MB of JSON lines per pass, identical across stages and "
                + "runs"
            : "JSON output differs between passes: \(outputBytes.sorted())"
        print("checks: \(grouped(events)) events, \(grouped(nodes)) nodes per pass; \(output); \(failures) failures")
        print(
            "min/max per stage (s): "
                + times.map { "\(fixed($0.min()!, 3))–\(fixed($0.max()!, 3))" }.joined(separator: ", "))
    }
}
