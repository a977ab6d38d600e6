/// The report files of one run, created before anything is read (so that an unwritable destination
/// fails first), and the format for standard output, if any.
///
/// Each file is a ``ReportFile``: written to a temporary file and renamed into place by
/// ``commit()``; a run that fails or is interrupted leaves the destinations as they were.
///
/// ```swift
/// let reports = try ReportFiles(targets)
/// for (file, format) in reports.files { file.write(render(format)) }
/// for failure in reports.commit() { print(failure) }
/// ```
package struct ReportFiles<Format: Hashable & Sendable> {
    /// The files, with their formats, in the order named.
    package let files: [(file: ReportFile, format: Format)]
    /// The format written to standard output, if one is.
    package let standardFormat: Format?

    /// Creates every file target's temporary file.
    ///
    /// - Throws: the first ``ReportFile/Failure``, having removed the temporary files already made.
    package init(_ targets: [ReportTarget<Format>]) throws(ReportFile.Failure) {
        var files: [(file: ReportFile, format: Format)] = []
        for target in targets {
            guard let path = target.path else { continue }
            do {
                files.append((try ReportFile(path: path), target.format))
            } catch {
                for made in files { made.file.discard() }
                throw error
            }
        }
        self.files = files
        standardFormat = targets.first { $0.path == nil }?.format
    }

    /// Renames every complete file into place.
    ///
    /// - Returns: the files that could not be committed, in order (empty when all were).
    package func commit() -> [ReportFile.Failure] {
        var failures: [ReportFile.Failure] = []
        for (file, _) in files {
            do {
                try file.commit()
            } catch {
                failures.append(error)
            }
        }
        return failures
    }

    /// Abandons every file: the temporary files are removed, the destinations left as they were.
    package func discard() {
        for (file, _) in files { file.discard() }
    }

    /// `PATH (FORMAT)` for each file, as a run's summary names what it wrote.
    package var written: [String] { files.map { "\($0.file.path) (\($0.format))" } }
}
