// The stages a round times: libyaml's bare event loop (the floor), the YAML tree, and the full
// audit on one thread or on J threads of their own.

import ThresholdKit
import ThresholdPlatform
import ThresholdYAML

// MARK: - Stages

/// Where a job's JSON lines go: one buffer, reused; only the byte count survives.
struct LineSink {
    private var buffer: [UInt8] = []
    private(set) var bytes = 0
    private static let capacity = 1 << 20

    init() { buffer.reserveCapacity(Self.capacity) }

    /// Appends the verdict's JSON line, as `threshold audit --format jsonl` writes it.
    mutating func append(_ verdict: Verdict) {
        if buffer.count > Self.capacity - 256 * 1024 { buffer.removeAll(keepingCapacity: true) }
        let before = buffer.count
        verdict.appendJSONLine(to: &buffer)
        bytes += buffer.count - before
    }
}

struct AuditJob: Sendable {
    let book: RuleBook
    let asOf: CalendarDate
    let options: LoadOptions

    /// Audits files `range` of the corpus; returns the bytes of JSON lines written and the number
    /// of profiles that failed to load.
    func audit(_ corpus: Corpus, _ range: Range<Int>) -> (bytes: Int, failures: Int) {
        var sink = LineSink()
        var failures = 0
        let pool = corpus.files.count
        for i in range {
            let slot = i % pool
            do {
                let profile = try LabProfile(bytes: corpus.files[slot], path: corpus.paths[slot], options: options)
                sink.append(book.evaluate(profile, asOf: asOf))
            } catch {
                failures += 1
            }
        }
        return (sink.bytes, failures)
    }
}

func floorPass(_ corpus: Corpus) -> Int {
    var events = 0
    let pool = corpus.files.count
    for i in 0..<corpus.size {
        events += (try? YAMLParser.countEvents(corpus.files[i % pool])) ?? 0
    }
    return events
}

func treePass(_ corpus: Corpus) -> Int {
    var nodes = 0
    let pool = corpus.files.count
    for i in 0..<corpus.size {
        let slot = i % pool
        nodes += (try? YAMLParser.parseDocument(corpus.files[slot], path: corpus.paths[slot]).nodeCount) ?? 0
    }
    return nodes
}

/// Per-job results, written by one thread each.
final class JobResults: @unchecked Sendable {
    var bytes: [Int]
    var failures: [Int]
    init(_ jobs: Int) {
        bytes = Array(repeating: 0, count: jobs)
        failures = Array(repeating: 0, count: jobs)
    }
}

func parallelAudit(_ auditors: [AuditJob], _ corpus: Corpus, jobs: Int) -> (bytes: Int, failures: Int) {
    let results = JobResults(jobs)
    let size = corpus.size
    results.bytes.withUnsafeMutableBufferPointer { bytes in
        results.failures.withUnsafeMutableBufferPointer { failures in
            nonisolated(unsafe) let bytes = bytes, failures = failures
            runJobs(jobs) { job in
                let range = (size * job / jobs)..<(size * (job + 1) / jobs)
                let result = auditors[job % auditors.count].audit(corpus, range)
                bytes[job] = result.bytes
                failures[job] = result.failures
            }
        }
    }
    return (results.bytes.reduce(0, +), results.failures.reduce(0, +))
}

/// The work of one thread.
final class ThreadWork {
    let body: () -> Void
    init(_ body: @escaping () -> Void) { self.body = body }
}

/// Runs `body(0)` … `body(jobs - 1)` at once: job 0 on the calling thread, the others on POSIX
/// threads started for the purpose and joined before returning. (Threads of their own rather than
/// libdispatch's pool, whose workers do not inherit the caller's scheduling priority.)
func runJobs(_ jobs: Int, _ body: @escaping (Int) -> Void) {
    var threads: [pthread_t] = []
    for job in 1..<max(1, jobs) {
        let work = Unmanaged.passRetained(ThreadWork { body(job) }).toOpaque()
        var thread = pthread_t()
        let status = pthread_create(
            &thread, nil,
            { context in
                Unmanaged<ThreadWork>.fromOpaque(context!).takeRetainedValue().body()
                return nil
            }, work)
        if status != 0 {
            // No thread: do the job here.
            Unmanaged<ThreadWork>.fromOpaque(work).takeRetainedValue().body()
        } else {
            threads.append(thread)
        }
    }
    body(0)
    for thread in threads { pthread_join(thread, nil) }
}
