import Foundation
import Testing
import ThresholdTestSupport

/// Runs the built `threshold` binary, as a user would.
enum CLI {
    /// The result of one run.
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// The package's root folder (where Package.swift is).
    static let packageRoot = PackagePaths.root

    /// The `threshold` executable next to the test bundle, or `THRESHOLD_BIN`.
    static let executable: URL = {
        if let override = ProcessInfo.processInfo.environment["THRESHOLD_BIN"] { return URL(fileURLWithPath: override) }
        let runner = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        var directory = runner.deletingLastPathComponent()
        // On macOS the runner sits inside an .xctest bundle.
        while directory.path != "/"
            && !FileManager.default.fileExists(atPath: directory.appendingPathComponent("threshold").path)
        {
            directory.deleteLastPathComponent()
        }
        return directory.appendingPathComponent("threshold")
    }()

    /// Runs `threshold ARGS` (or another of the package's programs) in the package root, with
    /// `stdin` as standard input.
    static func run(
        _ arguments: [String], stdin: String? = nil, in directory: URL? = nil,
        environment: [String: String] = [:], program: URL = executable
    ) throws -> Result {
        let process = Process()
        process.executableURL = program
        process.arguments = arguments
        process.currentDirectoryURL = directory ?? packageRoot
        var env = ProcessInfo.processInfo.environment
        env["NO_COLOR"] = "1"
        // Output to a pipe wraps at 100 columns unless COLUMNS says otherwise: the goldens are
        // written at 100 whatever the shell that runs the tests exports.
        env.removeValue(forKey: "COLUMNS")
        for (key, value) in environment { env[key] = value }
        process.environment = env
        let out = Pipe(), err = Pipe(), input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        try process.run()
        let drained = drain(out, err) {
            if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
            try? input.fileHandleForWriting.close()
        }
        process.waitUntilExit()
        let (outData, errData) = drained
        return Result(
            status: process.terminationStatus,
            stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData, as: UTF8.self))
    }

    /// Reads both pipes to their ends at once, each on a thread of its own, so that a large output
    /// on either cannot stall the child, while the calling thread runs `meanwhile` (which feeds the
    /// child's standard input). Threads, not Dispatch's global queue: when many tests run children
    /// at once, that queue's few threads are all blocked reading, and a child whose pipe nobody
    /// reads yet waits with them.
    static func drain(_ out: Pipe, _ err: Pipe, meanwhile: () -> Void = {}) -> (out: Data, err: Data) {
        nonisolated(unsafe) var outData = Data(), errData = Data()
        let done = DispatchSemaphore(value: 0)
        Thread {
            outData = out.fileHandleForReading.readDataToEndOfFile()
            done.signal()
        }.start()
        Thread {
            errData = err.fileHandleForReading.readDataToEndOfFile()
            done.signal()
        }.start()
        meanwhile()
        done.wait()
        done.wait()
        return (outData, errData)
    }

    /// A fresh temporary directory, removed by the caller with `cleanUp`.
    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("threshold-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}

extension String {
    /// The text with every run of spaces and line breaks made one space: a message as it reads,
    /// wherever the command wrapped it to the width of the terminal (100 columns on a pipe).
    var unwrapped: String {
        split(whereSeparator: { $0 == " " || $0 == "\n" }).joined(separator: " ")
    }
}
