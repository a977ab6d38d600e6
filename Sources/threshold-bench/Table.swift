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
    /// Prints the table of stages (median wall time, profiles/s, MB/s of profiles read, × floor,
    /// CPU time), the diagnostic tree stage, the room the targets leave above the floor and what the
    /// audits take of it, the speed-up of J jobs, the output the audits wrote,
    /// the checks, the machine's load and peak memory, and each stage's spread.
    func printTable(options: BenchOptions, corpus: CorpusDirectory) {
        let medians = times.map(median), cpuMedians = cpuTimes.map(median)
        let floorTime = medians[stages.firstIndex { $0.role == .floor }!]
        let width = max(30, stages.map(\.name.count).max()! + 2)
        func row(_ cells: [String]) -> String {
            cells[0].padded(width) + cells[1].padded(10, leading: true) + cells[2].padded(12, leading: true)
                + cells[3].padded(9, leading: true) + cells[4].padded(9, leading: true)
                + cells[5].padded(9, leading: true)
        }
        print("")
        print(row(["stage", "median s", "profiles/s", "MB/s", "× floor", "CPU s"]))
        for (index, stage) in stages.enumerated() where stage.role.isInTable {
            let time = medians[index]
            print(
                row([
                    stage.name, fixed(time, 3), grouped(Int((Double(corpus.profiles) / time).rounded())),
                    fixed(Double(corpus.totalBytes) / 1e6 / time, 1), fixed(time / floorTime, 2),
                    fixed(cpuMedians[index], 3),
                ]))
        }
        print("")
        if let tree = stages.firstIndex(where: { $0.role == .tree }) {
            print(
                "diagnostic: \(stages[tree].name) \(fixed(medians[tree], 3)) s, "
                    + "\(fixed(medians[tree] / floorTime, 2))× floor, CPU \(fixed(cpuMedians[tree], 3)) s")
        }
        // What the targets leave for the work above libyaml, against what the audits take.
        let seed = stages.firstIndex { $0.role == .audit(AuditStage(packs: [Bench.seedPack], jobs: 1)) }
        let single = stages.firstIndex { $0.role == .audit(AuditStage(jobs: 1)) }
        if let seed, let single {
            let perProfile = 1e6 / Double(corpus.profiles)
            func above(_ index: Int) -> String { fixed((medians[index] - floorTime) * perProfile, 1) }
            let tree = stages.firstIndex { $0.role == .tree }.map { " (the YAML tree alone \(above($0)))" } ?? ""
            let floor = floorTime * perProfile
            print(
                "targets, in µs a profile above the floor's \(fixed(floor, 1)): 1.5× leaves \(fixed(0.5 * floor, 1)), "
                    + "and the seed pack's audit takes \(above(seed))\(tree); 2.5× leaves \(fixed(1.5 * floor, 1)), "
                    + "and every pack's takes \(above(single))")
        }
        // The audits of every pack on 1 job and on J.
        let parallel = stages.firstIndex { $0.role == .audit(AuditStage(jobs: options.jobs)) }
        if let single, let parallel, single != parallel {
            let (one, many) = (medians[single], medians[parallel])
            print(
                "speed-up of \(options.jobs) jobs over 1 (every pack): \(fixed(one / many, 2))× "
                    + "(\(fixed(one, 3)) s / \(fixed(many, 3)) s); CPU time \(options.jobs) jobs / 1 job: "
                    + "\(fixed(cpuMedians[parallel] / cpuMedians[single], 2))×")
            if let pair = stages.firstIndex(where: { $0.role == .pair(AuditStage(jobs: 1)) }) {
                // Two audits at once did twice the work of one in `medians[pair]`.
                print(
                    "what the cores give two jobs: two audits -j 1 (every pack) at once took "
                        + "\(fixed(medians[pair], 3)) s, \(fixed(2 * one / medians[pair], 2))× the work of one in the "
                        + "same time (CPU \(fixed(cpuMedians[pair], 3)) s)")
            }
        }
        for (index, stage) in stages.enumerated() {
            guard case .audit = stage.role else { continue }
            guard let pass = pass[index], let bytes = pass.outputBytes, let writes = pass.writes else {
                print("output of \(stage.name): \(passes[index].map { $0.outputBytes ?? -1 }.sorted()) bytes")
                continue
            }
            print(
                "output of \(stage.name): \(grouped(bytes)) bytes per pass (\(grouped(bytes / max(1, pass.items))) "
                    + "per profile) in \(grouped(writes)) write calls")
        }
        let profiles = stages.indices.compactMap { index -> Int? in
            if case .audit = stages[index].role { return pass[index]?.items } else { return nil }
        }
        let events = stages.firstIndex { $0.role == .floor }.flatMap { pass[$0]?.items }
        let nodes = stages.firstIndex { $0.role == .tree }.flatMap { pass[$0]?.items }
        let failures = passes.reduce(0) { $0 + $1.reduce(0) { $0 + $1.failures } }
        print(
            "checks: \(events.map(grouped) ?? "?") events, \(nodes.map(grouped) ?? "?") nodes, "
                + "\(Set(profiles).map(grouped).joined(separator: " or ")) profiles reported per pass; "
                + "\(failures) unreadable or invalid; "
                + (passed(profiles: corpus.profiles)
                    ? "every stage did the same work in every round, and the audits of every pack wrote the same bytes"
                    : "FAILED: a stage differs between rounds, or an audit missed files or wrote other bytes"))
        var load = [CChar](repeating: 0, count: 128)
        if let file = fopen("/proc/loadavg", "r") {
            if fgets(&load, Int32(load.count), file) != nil {
                let text = load.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
                print(
                    "load average after the run (1, 5, 15 min): "
                        + text.split(separator: " ").prefix(3).joined(separator: ", "))
            }
            fclose(file)
        }
        print("peak resident memory (VmHWM): \(peakMemory())")
        print(
            "min–max (s): "
                + zip(stages, times).map { stage, times in
                    "\(stage.role == .floor ? "floor" : stage.role == .tree ? "tree" : stage.name) "
                        + "\(fixed(times.min()!, 3))–\(fixed(times.max()!, 3))"
                }.joined(separator: ", "))
    }
}

/// The process's peak resident memory, as VmHWM gives it (or getrusage where there is no /proc).
func peakMemory() -> String {
    guard let peak = procStatus("VmHWM") ?? System.peakMemoryKiB() else { return "unavailable" }
    return "\(grouped(peak)) kB (\(fixed(Double(peak) / 1024, 1)) MiB)"
}
