import Foundation
import Testing

/// `threshold-bench --pieces`, run on a small pool: the table's rows and its checks, not its times.
@Suite("threshold-bench --pieces")
struct BenchPiecesTests {
    /// The benchmark beside `threshold`, when this build made it.
    static let bench = CLI.executable.deletingLastPathComponent().appendingPathComponent("threshold-bench")

    @Test(
        "each piece of the audit gets a row with its allocations per profile, and every round is checked",
        .enabled(if: FileManager.default.isExecutableFile(atPath: bench.path), "threshold-bench is not built"))
    func pieces() throws {
        let run = try CLI.run(["--pieces", "--pool", "20", "--runs", "1"], program: Self.bench)
        let stdout = run.stdout
        #expect(run.status == 0, "\(run.stderr)")
        #expect(stdout.contains("threshold-bench --pieces: 20 distinct profiles held in memory"))
        #expect(stdout.contains("checks: every profile loaded; every round gave each piece's first result"))

        // A row per piece: name, µs per profile, × floor, allocations per profile (or "not
        // counted" in a build with a sanitizer), the spread.
        let names = [
            "libyaml event loop (the floor)", "YAML tree (parseDocument)", "decode (tree and LabProfile)",
            "evaluate, seed pack", "evaluate, every pack", "render JSON line, seed pack",
            "render JSON line, every pack",
        ]
        var allocations: [String: Double] = [:]
        let lines = stdout.split(separator: "\n").map(String.init)
        for name in names {
            let row = try #require(lines.first { $0.hasPrefix(name + " ") }, "no row for \(name)")
            let cells = row.dropFirst(name.count).split(separator: " ")
            #expect(Double(cells[0]).map { $0 > 0 } == true, "µs per profile in \(row)")
            if name.hasPrefix("libyaml") { #expect(cells[1] == "1.00", "the floor is 1.00× itself") }
            if let count = Double(cells[2]) { allocations[name] = count }
        }
        if stdout.contains("not counted in this build") { return }
        // What the counts must show whatever the code's speed: every piece allocates, every pack
        // allocates more than one, and the tree builds on the event loop.
        #expect(allocations.count == names.count)
        #expect(allocations.values.allSatisfy { $0 >= 1 })
        #expect(allocations["evaluate, every pack"]! > allocations["evaluate, seed pack"]!)
        #expect(allocations["YAML tree (parseDocument)"]! >= allocations["libyaml event loop (the floor)"]!)
        #expect(stdout.contains("output: "))
    }
}
