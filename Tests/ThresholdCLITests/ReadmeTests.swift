import Foundation
import Testing

/// README.md says what the tool prints; these tests hold it to that. Every fenced block whose first
/// line is `$ threshold …` (or `$ swift run threshold …`) is run and its output compared with the
/// block, and the table of every example lab against every built-in pack is worked out afresh.
/// With THRESHOLD_UPDATE_GOLDEN=1 the README's blocks and table are rewritten instead.
@Suite("README.md says what the tool does", .serialized)
struct ReadmeTests {
    static let readmeURL = CLI.packageRoot.appendingPathComponent("README.md")

    /// A command shown in the README, and the output shown under it.
    struct Shown: Sendable, CustomTestStringConvertible {
        var arguments: [String]
        var output: String
        /// The block's lines in the README, the fences excluded (for rewriting).
        var lines: Range<Int>
        var testDescription: String { "threshold " + arguments.joined(separator: " ") }
    }

    static func readme() throws -> [String] {
        try String(contentsOf: readmeURL, encoding: .utf8).components(separatedBy: "\n")
    }

    /// Every `$ threshold …` block of the README.
    static func shownCommands() throws -> [Shown] {
        let lines = try readme()
        var found: [Shown] = []
        var index = 0
        while index < lines.count {
            defer { index += 1 }
            guard lines[index].hasPrefix("```"), index + 1 < lines.count else { continue }
            let command = lines[index + 1]
            guard command.hasPrefix("$ threshold ") || command.hasPrefix("$ swift run threshold ") else { continue }
            guard let close = lines[(index + 2)...].firstIndex(where: { $0.hasPrefix("```") }) else { break }
            let words = command.split(separator: " ").map(String.init)
            let arguments = Array(words.drop { $0 != "threshold" }.dropFirst())
            found.append(
                Shown(
                    arguments: arguments, output: lines[(index + 2)..<close].joined(separator: "\n") + "\n",
                    lines: (index + 2)..<close))
            index = close
        }
        return found
    }

    static let commands: [Shown] = (try? shownCommands()) ?? []

    @Test("the README shows commands, each with --as-of, so that its output does not age")
    func commandsFound() throws {
        #expect(Self.commands.count >= 2)
        for shown in Self.commands where !["rules", "schema", "init"].contains(shown.arguments.first ?? "") {
            #expect(shown.arguments.contains("--as-of"), "\(shown.testDescription) depends on today's date")
        }
    }

    @Test("every command shown in README.md prints what the README shows", arguments: commands)
    func shownOutput(_ shown: Shown) throws {
        let run = try CLI.run(shown.arguments)
        if ProcessInfo.processInfo.environment["THRESHOLD_UPDATE_GOLDEN"] == "1" {
            var lines = try Self.readme()
            var output = run.stdout
            if output.hasSuffix("\n") { output.removeLast() }
            // Rewrites by content rather than by position, so that several rewrites in one run agree.
            let old = String(shown.output.dropLast())
            if let start = (0...(lines.count - shown.lines.count)).first(where: {
                lines[$0..<($0 + shown.lines.count)].joined(separator: "\n") == old
            }),
                old != output
            {
                lines.replaceSubrange(start..<(start + shown.lines.count), with: output.components(separatedBy: "\n"))
                try lines.joined(separator: "\n").write(to: Self.readmeURL, atomically: true, encoding: .utf8)
            }
            return
        }
        let update = "run the tests with THRESHOLD_UPDATE_GOLDEN=1 to rewrite it"
        #expect(run.stdout == shown.output, "README.md shows other output for `\(shown.testDescription)`; \(update)")
        #expect(run.stderr.isEmpty || run.status != 0)
    }

    /// One cell of the table: how a lab stands under a pack, from its verdict JSON.
    static func cell(_ pack: [String: Any]) -> String {
        let obligations = pack["obligations"] as? [[String: Any]] ?? []
        let applying = obligations.filter { ($0["applies"] as? String) == "yes" }
        if (pack["in_force"] as? Bool) != true {
            return applying.isEmpty ? "not in force" : "not in force (would apply)"
        }
        var cell: String
        let statuses = Set(
            obligations.filter { ($0["kind"] as? String) != "deployment-gate" }.compactMap { $0["status"] as? String })
        if (pack["deployment"] as? String) == "blocked" {
            cell = "**blocked**"
        } else if statuses.contains("unmet") || statuses.contains("expired") {
            cell = "**unmet**"
        } else if statuses.contains("indeterminate") {
            cell = "indeterminate"
        } else if statuses.contains("pending") {
            cell = "pending"
        } else if statuses.contains("late") {
            cell = "late"
        } else if statuses.contains("met") {
            cell = "met"
        } else {
            cell = "out of scope"
        }
        if (pack["depends_on_reading"] as? Bool) == true { cell += " (depends on the reading)" }
        return cell
    }

    @Test("the table of every example lab against every built-in pack is what the audit says")
    func labTable() throws {
        var lines = try Self.readme()
        guard let header = lines.firstIndex(where: { $0.hasPrefix("| Example | `frontier-ai-proposal-2026` |") }) else {
            Issue.record("README.md has no table of the example labs against the packs")
            return
        }
        let packs = lines[header].split(separator: "|").map {
            $0.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "`"))
        }
        let run = try CLI.run(["audit", "Examples/labs", "--as-of", "2026-12-02", "--format", "jsonl"])
        var rows: [String] = []
        for line in run.stdout.split(separator: "\n") {
            let verdict = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            let profile = try #require(verdict["profile"] as? String)
            let results = verdict["packs"] as? [[String: Any]] ?? []
            var cells = ["`\((profile as NSString).lastPathComponent)`"]
            for id in packs.dropFirst() {
                cells.append(results.first { ($0["pack"] as? String) == id }.map(Self.cell) ?? "—")
            }
            rows.append("| " + cells.joined(separator: " | ") + " |")
        }
        rows.sort()
        var end = header + 2
        while end < lines.count && lines[end].hasPrefix("| ") { end += 1 }
        let shown = Array(lines[(header + 2)..<end])
        if ProcessInfo.processInfo.environment["THRESHOLD_UPDATE_GOLDEN"] == "1" {
            lines.replaceSubrange((header + 2)..<end, with: rows)
            try lines.joined(separator: "\n").write(to: Self.readmeURL, atomically: true, encoding: .utf8)
            return
        }
        #expect(shown == rows, "README.md's table of the example labs differs from the audit")
    }
}
