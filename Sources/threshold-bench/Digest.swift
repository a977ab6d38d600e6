// --digest: a hash of the exact bytes `threshold audit labs --format jsonl` prints over the pool on
// three dates, produced by the audit stage itself, to prove that a change of the hot path changed
// no output.

import ThresholdKit
import ThresholdPlatform

enum Digest {
    static let dates = [
        CalendarDate(year: 2024, month: 6, day: 1)!, CalendarDate(year: 2026, month: 7, day: 1)!,
        CalendarDate(year: 2027, month: 6, day: 1)!,
    ]

    /// Writes the pool (min(N, P) files) to disk, runs the audit stage (every built-in pack, J
    /// jobs) on each date with its standard output on a temporary file, and prints FNV-1a 64 of
    /// the three outputs one after the other.
    static func run(_ options: BenchOptions) {
        let corpus = CorpusDirectory(options: options, profiles: min(options.pool, options.profiles))
        if options.keep && corpus.isTemporary { print("corpus kept in \(corpus.path) (--keep)") }
        guard chdir(corpus.path) == 0 else { fail("cannot change to \(corpus.path): \(systemError())") }
        var hash = FNV1a()
        var bytes = 0
        var invalid: [Int] = []
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        let path = corpus.path + "/digest.jsonl"
        for date in dates {
            let fd = open(path, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
            guard fd >= 0 else { fail("cannot create \(path): \(systemError())") }
            let summary = AuditStage(jobs: options.jobs).run(corpus.root, asOf: date, descriptor: fd)
            invalid.append(summary.invalid)
            lseek(fd, 0, SEEK_SET)
            while true {
                let count = buffer.withUnsafeMutableBytes { System.read(fd, $0.baseAddress, $0.count) }
                if count < 0 && errno == EINTR { continue }
                guard count >= 0 else { fail("cannot read \(path): \(systemError())") }
                if count == 0 { break }
                hash.add(buffer[0..<count])
                bytes += count
            }
            close(fd)
            unlink(path)
        }
        print(
            "digest: \(hash.hex) (\(corpus.profiles) profiles × \(dates.count) dates, \(bytes) bytes: what "
                + "`threshold audit labs --format jsonl --as-of DATE` prints on each date, one after the other"
                + (invalid.allSatisfy { $0 == 0 }
                    ? ")" : "; invalid verdicts: \(invalid.map(String.init).joined(separator: ", ")))"))
    }
}
