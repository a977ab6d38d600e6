import ThresholdPlatform

/// Where one report goes: a file, or standard output.
package struct ReportTarget<Format: Hashable & Sendable>: Hashable, Sendable {
    /// The format.
    package var format: Format
    /// The file, or nil for standard output.
    package var path: String?

    /// Creates a target.
    package init(format: Format, path: String?) {
        self.format = format
        self.path = path
    }
}

/// Why the report options cannot be followed: a usage error, with a message that says what to write.
package struct ReportTargetError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The message.
    package var description: String

    /// Creates an error.
    package init(_ description: String) { self.description = description }
}

/// Reads the report options the commands share: `--format FMT` (standard output, at most one
/// format), `--format FMT:FILE` and `--output FILE` (repeatable; the format from the extension).
///
/// ```swift
/// let targets = try ReportTargets.resolve(formats: ["json"], outputs: ["out/r.csv"], catalog: .reportFormats)
/// // [json to standard output, csv to out/r.csv]
/// ```
package enum ReportTargets {
    /// The formats a command knows, and how file names imply them.
    package struct Catalog<Format: Hashable & Sendable>: Sendable {
        /// The format an identifier names (`json`), or nil.
        package var named: @Sendable (String) -> Format?
        /// The format a file name's extension implies, or nil.
        package var ofFile: @Sendable (String) -> Format?
        /// The identifiers, in the order messages list them.
        package var names: [String]
        /// The extensions `--output` understands, as messages list them (`.txt .json`).
        package var extensions: String
        /// The format of standard output when no option names one.
        package var defaultFormat: Format

        /// Creates a catalog.
        package init(
            named: @escaping @Sendable (String) -> Format?, ofFile: @escaping @Sendable (String) -> Format?,
            names: [String], extensions: String, defaultFormat: Format
        ) {
            self.named = named
            self.ofFile = ofFile
            self.names = names
            self.extensions = extensions
            self.defaultFormat = defaultFormat
        }
    }

    /// The reports to write: standard output first (when a plain `--format` names it, or when no
    /// file is named), then the files in the order named (`--format FMT:FILE` first, then
    /// `--output`).
    ///
    /// - Throws: ``ReportTargetError`` for an unknown format, a file whose extension names none, two
    ///   formats for standard output, or one file named twice, in any spelling (`r.json`,
    ///   `./r.json`).
    package static func resolve<Format>(
        formats: [String], outputs: [String], catalog: Catalog<Format>
    ) throws(ReportTargetError) -> [ReportTarget<Format>] {
        var targets: [ReportTarget<Format>] = []
        var toStandardOutput: (format: Format, spec: String)?
        let names = catalog.names.joined(separator: ", ")
        for spec in formats {
            if let colon = spec.firstIndex(of: ":") {
                let name = String(spec[..<colon]), file = String(spec[spec.index(after: colon)...])
                guard let format = catalog.named(name) else {
                    throw ReportTargetError("Unknown format '\(name)' in --format \(spec); the formats are \(names).")
                }
                guard !file.isEmpty else {
                    throw ReportTargetError("--format \(spec) names no file; write --format \(name):FILE.")
                }
                targets.append(ReportTarget(format: format, path: file))
            } else {
                guard let format = catalog.named(spec) else {
                    throw ReportTargetError(
                        "Unknown format '\(spec)'; the formats are \(names) (FORMAT:FILE writes a file).")
                }
                if let other = toStandardOutput, other.format != format {
                    throw ReportTargetError(
                        "Only one format can go to standard output (--format \(other.spec) and --format \(spec)); "
                            + "write the others to files with --format FORMAT:FILE or --output FILE."
                    )
                }
                toStandardOutput = (format, spec)
            }
        }
        for file in outputs {
            guard let format = catalog.ofFile(file) else {
                throw ReportTargetError(
                    "Cannot tell the format of --output \(file) from its extension (\(catalog.extensions)); use "
                        + "--format FORMAT:\(file)."
                )
            }
            targets.append(ReportTarget(format: format, path: file))
        }
        // Two spellings of one file (`-o same.json --format csv:./same.json`) are one report too.
        var seen: [String: String] = [:]
        for target in targets {
            guard let path = target.path else { continue }
            if let first = seen.updateValue(path, forKey: resolvedPath(path)) {
                throw ReportTargetError(
                    first == path
                        ? "The report \(path) is named twice."
                        : "The reports \(first) and \(path) are the same file, named twice.")
            }
        }
        if let toStandardOutput {
            targets.insert(ReportTarget(format: toStandardOutput.format, path: nil), at: 0)
        } else if targets.isEmpty {
            targets.append(ReportTarget(format: catalog.defaultFormat, path: nil))
        }
        return targets
    }

    /// A report's path as the file system resolves it, its folder's real path and its name, so that
    /// two spellings of one file (`same.json`, `./same.json`, `out/../same.json`) compare equal
    /// although the file does not exist yet. The name is not resolved: a report replaces a symbolic
    /// link rather than writing through it. A path whose folder does not exist is kept as written.
    package static func resolvedPath(_ path: String) -> String {
        let slash = path.lastIndex(of: "/")
        let folder = slash.map { $0 == path.startIndex ? "/" : String(path[..<$0]) } ?? "."
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        guard let real = realpath(folder, nil) else { return path }
        defer { free(real) }
        let resolvedFolder = String(cString: real)
        return (resolvedFolder.hasSuffix("/") ? resolvedFolder : resolvedFolder + "/") + name
    }
}

extension ReportTargets.Catalog where Format == ReportFormat {
    /// The audit's formats: text, json, jsonl, csv, sarif, junit, markdown, html; text by default.
    package static var reportFormats: Self {
        Self(
            named: { ReportFormat(rawValue: $0) }, ofFile: { ReportFormat(fileName: $0) },
            names: ReportFormat.allCases.map(\.rawValue), extensions: ".txt .json .jsonl .csv .sarif .xml .md .html",
            defaultFormat: .text)
    }
}

extension ReportTargets {
    /// The format a file name's extension implies: the first of `table`'s suffixes (`.json`) that
    /// the file's name (its last path component, in any case) ends with and is longer than; nil
    /// when none is. The one rule every command's `--output` follows.
    package static func format<Format>(ofFile fileName: String, in table: [(suffix: String, format: Format)]) -> Format?
    {
        let name = fileName.split(separator: "/").last.map { $0.lowercased() } ?? ""
        return table.first { name.hasSuffix($0.suffix) && name.count > $0.suffix.count }?.format
    }
}
