// `threshold rules lint`: every problem of every pack file, read together with the built-in packs,
// in one run.

/// What linting rule pack files found: each file's packs, and every error and warning with its
/// position.
package struct LintReport: Sendable {
    /// One problem.
    package struct Finding: Sendable, Hashable {
        /// Where and what.
        package var error: YAMLError
        /// A warning (the pack loads, but something is likely a mistake) rather than an error.
        package var isWarning: Bool

        /// `path:line:column: error: …` (or `warning:`), with the source line and caret when known.
        package var description: String {
            guard isWarning else { return error.description }
            let rest = error.description.split(separator: "\n", omittingEmptySubsequences: false).dropFirst()
            let headline =
                "\((error.file ?? "<input>").escapedForTerminal()):\(error.mark.line):\(error.mark.column): warning: "
                + "\(error.message.escapedForTerminal(limit: 1_000))"
            return ([headline] + rest.map(String.init)).joined(separator: "\n")
        }
    }

    /// The packs that loaded, in the order of the files.
    package var packs: [RulePack] = []
    /// Every finding, in the order of the files and, within a file, of the lines.
    package var findings: [Finding] = []

    /// The errors.
    package var errors: [Finding] { findings.filter { !$0.isWarning } }
    /// The warnings.
    package var warnings: [Finding] { findings.filter(\.isWarning) }
}

extension RuleBook {
    /// Lints rule pack files (or folders of them) as they would be loaded with `--rules`: each file
    /// reports every problem it has (up to 20), not only the first; then the packs are checked
    /// together and against `builtIn`: two packs with one id, a pack with a built-in's id that
    /// does not say `replaces:`, a `replaces:` that names no pack. Warnings: a pack with no
    /// obligations or no test cases, a threshold no obligation reads.
    package static func lint(paths: [String], options: LoadOptions = .default, builtIn: RuleBook? = nil) -> LintReport {
        var report = LintReport()
        var files: [String] = []
        for path in paths {
            do {
                files += try RuleBook.files(at: path)
            } catch let error as YAMLError {
                report.findings.append(.init(error: error, isWarning: false))
            } catch {
                report.findings.append(
                    .init(
                        error: YAMLError(kind: .reader, problem: "\(error)", mark: .start, file: path), isWarning: false
                    ))
            }
        }
        var seenFiles: Set<String> = []
        for file in files where seenFiles.insert(file).inserted {
            let bytes: [UInt8]
            do {
                bytes = try YAMLParser.readFile(atPath: file, limits: options.yaml)
            } catch let error as YAMLError {
                report.findings.append(.init(error: error.file == nil ? error.inFile(file) : error, isWarning: false))
                continue
            } catch {
                continue
            }
            let (pack, errors) = RulePack.loadReportingAll(bytes: bytes, path: file, options: options)
            report.findings += errors.map { .init(error: $0.file == nil ? $0.inFile(file) : $0, isWarning: false) }
            if var pack {
                // A built-in pack's own file (Rules/*.yaml, or a copy) is that pack, not a clash.
                pack.isBuiltIn = BuiltinRulePacks.files.contains { Array($0.text.utf8) == bytes }
                report.packs.append(pack)
            }
        }
        report.findings += crossPackProblems(report.packs, builtIn: builtIn?.packs ?? [])
        for pack in report.packs { report.findings += warnings(for: pack) }
        return report
    }

    /// Clashes between the packs, and with the built-in ones.
    static func crossPackProblems(_ packs: [RulePack], builtIn: [RulePack]) -> [LintReport.Finding] {
        var findings: [LintReport.Finding] = []
        var loaded: [RulePack] = []
        func error(_ pack: RulePack, _ problem: String) -> LintReport.Finding {
            .init(
                error: YAMLError(kind: .decoding, problem: problem, mark: pack.mark ?? .start, file: pack.path),
                isWarning: false)
        }
        for pack in packs {
            if let replaced = pack.replaces, !builtIn.contains(where: { $0.id == replaced }),
                !loaded.contains(where: { $0.id == replaced })
            {
                var problem = "replaces: no built-in or earlier pack has the id '\(replaced)'"
                if let near = Suggestion.nearest(to: replaced, among: builtIn.map(\.id) + loaded.map(\.id)) {
                    problem += "; did you mean '\(near)'?"
                }
                findings.append(error(pack, problem))
            }
            if pack.isBuiltIn, builtIn.contains(where: { $0.id == pack.id }) {
                loaded.append(pack)
                continue
            }
            if let first = loaded.first(where: { $0.id == pack.id }), pack.replaces != pack.id {
                findings.append(
                    error(
                        pack,
                        "a second pack with the id '\(pack.id)'; the first is in "
                            + "\(first.path ?? "another file")\(first.mark.map { " at line \($0.line)" } ?? "")"
                    ))
            } else if builtIn.contains(where: { $0.id == pack.id }), pack.replaces != pack.id {
                findings.append(
                    error(
                        pack,
                        "the built-in pack '\(pack.id)' has this id: give this pack another id, or write 'replaces: "
                            + "\(pack.id)' to stand in for it"
                    ))
            }
            loaded.append(pack)
        }
        return findings
    }

    /// What loads but is likely a mistake.
    static func warnings(for pack: RulePack) -> [LintReport.Finding] {
        var findings: [LintReport.Finding] = []
        func warn(_ mark: SourceMark?, _ problem: String) {
            findings.append(
                .init(
                    error: YAMLError(
                        kind: .decoding, problem: problem, mark: mark ?? pack.mark ?? .start, file: pack.path),
                    isWarning: true))
        }
        if pack.obligations.isEmpty {
            warn(pack.mark, "the pack \(pack.id) has no obligations: nothing it finds can be owed")
        }
        if pack.tests.isEmpty { warn(pack.mark, "the pack \(pack.id) has no test cases (add some under 'tests:')") }
        var read: Set<String> = []
        for obligation in pack.obligations { read.formUnion(obligation.when.thresholdIDs) }
        for reading in pack.readings { for formula in reading.formulas.values { read.formUnion(formula.thresholdIDs) } }
        for threshold in pack.thresholds where !read.contains(threshold.id) {
            warn(threshold.mark, "thresholds: '\(threshold.id)' is read by no obligation's 'when'")
        }
        return findings
    }
}
