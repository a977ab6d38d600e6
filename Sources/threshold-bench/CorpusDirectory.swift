// The corpus on disk, as `threshold audit` reads it: N files in DIR/labs, file i holding profile
// i mod P of the generated pool (the first P written, the others hard links to them), in a
// temporary directory removed at exit, or in a directory of the user's kept for the next run.

import ThresholdKit
import ThresholdPlatform

/// N profile files in `path`/labs. The stages run with `path` as the working directory and walk
/// `labs`, so that the paths reported (`labs/lab-00000.yaml`) do not depend on where the corpus is.
final class CorpusDirectory {
    /// The directory that holds `labs` (absolute).
    let path: String
    /// The directory walked, relative to ``path``.
    let root = "labs"
    /// Files in `labs`.
    let profiles: Int
    /// Distinct profiles the files cycle through.
    let pool: Int
    /// The bytes of all the files.
    let totalBytes: Int
    /// How the files got there, for the header: written, linked, or found from an earlier run.
    let provenance: String
    /// Whether ``path`` is a temporary directory of ours, removed at exit (unless --keep).
    let isTemporary: Bool

    /// The name of the file that says which corpus a kept directory holds.
    static let manifestName = "threshold-bench-corpus.txt"

    /// The path of profile `index` of a corpus of `count` (`labs/lab-00042.yaml`), relative to the
    /// corpus directory: numbered with at least five digits, as many as the largest index takes.
    static func path(ofProfile index: Int, among count: Int) -> String {
        let width = max(5, String(max(0, count - 1)).count)
        let digits = String(index)
        return "labs/lab-" + String(repeating: "0", count: max(0, width - digits.count)) + digits + ".yaml"
    }

    /// Generates the pool, checks that each of its profiles loads as `threshold audit` reads it,
    /// and writes `profiles` files (or finds them from an earlier run in `options.corpusDirectory`).
    /// Exits with a message on failure.
    init(options: BenchOptions, profiles: Int) {
        let loadOptions = AuditStage.rules(packs: []).options
        let generator = ProfileGenerator(seed: options.seed)
        let poolCount = min(options.pool, profiles)
        let texts = (0..<poolCount).map { Array(generator.profile($0).utf8) }
        func name(_ index: Int) -> String { Self.path(ofProfile: index, among: profiles) }
        // A benchmark of error paths would measure something else: every profile must load.
        for (index, text) in texts.enumerated() {
            do {
                _ = try LabProfile(bytes: text, path: name(index), options: loadOptions)
            } catch {
                fail(
                    "generated profile \(index) does not load:\n\(error)\n---\n"
                        + String(decoding: text, as: UTF8.self))
            }
        }
        self.profiles = profiles
        pool = poolCount
        let perCycle = texts.reduce(0) { $0 + $1.count }
        totalBytes =
            profiles / poolCount * perCycle + texts[0..<(profiles % poolCount)].reduce(0) { $0 + $1.count }

        // The manifest names the corpus by its parameters and a hash of the pool's bytes, so that a
        // kept directory is reused only when it holds exactly what would be written.
        var hash = FNV1a()
        for text in texts { hash.add(text) }
        let manifest =
            "threshold-bench corpus: \(profiles) profiles, pool \(poolCount), seed \(options.seed), "
            + "pool hash \(hash.hex)\n"

        if let given = options.corpusDirectory {
            if mkdir(given, 0o755) != 0 && errno != EEXIST { fail("cannot create \(given): \(systemError())") }
            path = absolute(given)
            isTemporary = false
            let existing = try? FileReader.read(atPath: path + "/" + Self.manifestName, limit: 4096)
            if existing == .bytes(Array(manifest.utf8)) {
                provenance = "found in \(path) from an earlier run"
                return
            }
            var info = stat()
            if stat(path + "/labs", &info) == 0 {
                fail(
                    "\(path)/labs holds another corpus (or something else): remove it, or name another "
                        + "--corpus-dir")
            }
        } else {
            let parent = System.environment("TMPDIR").flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
            var template = Array((parent + "/threshold-bench.XXXXXX").utf8CString)
            let made = template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!).map { String(cString: $0) } }
            guard let made else { fail("cannot create a directory in \(parent): \(systemError())") }
            path = absolute(made)
            isTemporary = true
            CorpusDirectory.temporary = options.keep ? nil : path
        }

        // The pool's files, then a hard link to one of them for every other file (a copy where the
        // file system refuses a link).
        guard mkdir(path + "/labs", 0o755) == 0 else { fail("cannot create \(path)/labs: \(systemError())") }
        var linked = 0
        for index in 0..<profiles {
            let target = path + "/" + name(index)
            if index >= poolCount && link(path + "/" + name(index % poolCount), target) == 0 {
                linked += 1
                continue
            }
            writeFile(target, texts[index % poolCount])
        }
        writeFile(path + "/" + Self.manifestName, Array(manifest.utf8))
        let files = linked > 0 ? " (\(grouped(profiles - linked)) files, \(grouped(linked)) hard links)" : ""
        provenance = "written to \(path)\(files)"
    }

    /// The temporary directory to remove at exit, if any.
    nonisolated(unsafe) static var temporary: String?

    /// Removes the temporary directory of the corpus, if there is one (and --keep was not given):
    /// the files in `labs`, the files beside it, and the two directories. Called at exit and when a
    /// signal ends the run.
    static func removeTemporary() {
        guard let path = temporary else { return }
        temporary = nil
        for directory in [path + "/labs", path] {
            guard let stream = opendir(directory) else { continue }
            var names: [String] = []
            while let entry = readdir(stream) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) {
                    String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self)
                }
                if name != "." && name != ".." && name != "labs" { names.append(name) }
            }
            closedir(stream)
            for name in names { unlink(directory + "/" + name) }
            rmdir(directory)
        }
    }
}

/// FNV-1a, 64 bits: the hash of the digest and of a kept corpus's manifest.
struct FNV1a {
    private(set) var value: UInt64 = 0xCBF2_9CE4_8422_2325

    mutating func add(_ bytes: some Sequence<UInt8>) {
        for byte in bytes { value = (value ^ UInt64(byte)) &* 0x100_0000_01B3 }
    }

    var hex: String { String(value, radix: 16) }
}

/// Writes `bytes` to a new file at `path`; exits with a message on failure.
private func writeFile(_ path: String, _ bytes: [UInt8]) {
    let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
    guard fd >= 0 else { fail("cannot create \(path): \(systemError())") }
    bytes.withUnsafeBufferPointer { System.write(all: $0, to: fd) }
    guard close(fd) == 0 else { fail("cannot write \(path): \(systemError())") }
}

/// `path` made absolute (the stages change the working directory).
private func absolute(_ path: String) -> String {
    guard let resolved = realpath(path, nil) else { fail("cannot resolve \(path): \(systemError())") }
    defer { free(resolved) }
    return String(cString: resolved)
}

/// The message of `errno`.
func systemError() -> String { String(cString: strerror(errno)) }

/// Prints `threshold-bench: message` to standard error and exits 1 (removing a temporary corpus).
func fail(_ message: String) -> Never {
    printError("threshold-bench: \(message)\n")
    exit(1)
}
