/// A system call on a file failed: which one, on what, and the C library's `errno`.
///
/// ```swift
/// throw IOError(.open, path: path)          // errno as it is now
/// error.description                         // "lab.yaml: cannot open the file: permission denied"
/// ```
package struct IOError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What was being done.
    package enum Operation: Sendable, Hashable {
        /// Opening a file.
        case open
        /// Reading a file (`fstat`, `read`).
        case read
        /// Listing a directory.
        case list
        /// Listing a directory, after some of its entries were read.
        case listRest
        /// Creating, writing, syncing or renaming a file.
        case write
        /// Reading something other than a file (a list of paths, standard input), as named.
        case readNamed(String)
    }

    /// The `errno` value.
    package var code: Int32
    /// The file or directory.
    package var path: String
    /// What was being done.
    package var operation: Operation

    /// The error for `operation` on `path`, with `errno` as it is now (call it right after the
    /// failing call).
    package init(_ operation: Operation, path: String, code: Int32 = errno) {
        self.operation = operation
        self.path = path
        self.code = code
    }

    /// What failed, without the path: `cannot open the file: permission denied`.
    package var problem: String {
        let doing: String
        switch operation {
        case .open: doing = "cannot open the file"
        case .read: doing = "cannot read the file"
        case .list: doing = "cannot list the directory"
        case .listRest: doing = "cannot list the whole directory"
        case .write: doing = "cannot write"
        case .readNamed(let what): doing = "cannot read \(what)"
        }
        return doing + ": " + IOError.describe(code)
    }

    /// `PATH: cannot open the file: permission denied`.
    package var description: String { "\(path): \(problem)" }

    /// The C library's description of an `errno` value, lowercased for messages (`permission
    /// denied`). The one place that calls `strerror`.
    package static func describe(_ code: Int32) -> String {
        guard let message = strerror(code) else { return "error \(code)" }
        return String(cString: message).lowercased()
    }
}
