import ThresholdPlatform

/// Why a path named on the command line cannot be read at all: it does not exist, cannot be
/// reached, or is a folder where a file is wanted. Such a path has no line or column to point at,
/// so it is told as `lbas/x.yaml: no such file or directory`, never as a diagnostic at `1:1`.
package struct NamedInputProblem: Error, Sendable, Hashable, CustomStringConvertible {
    /// What is wrong with the path.
    package enum Kind: String, Sendable, Hashable {
        /// Nothing has this name (or a folder on the way is missing, or a symbolic link dangles).
        case missing
        /// It exists but may not be read (permission denied, a loop of symbolic links).
        case unreadable
        /// A folder, where a file is wanted.
        case directory
    }

    /// The path, as the user wrote it.
    package var path: String
    /// What is wrong.
    package var kind: Kind
    /// The system's words for it, such as `no such file or directory`, or `is a directory`.
    package var reason: String

    /// Creates a problem.
    package init(path: String, kind: Kind, reason: String) {
        self.path = path
        self.kind = kind
        self.reason = reason
    }

    /// `lbas/x.yaml: no such file or directory`, with control characters in the path escaped.
    package var description: String { "\(path.escapedForTerminal()): \(reason)" }
}

/// Checks paths named on the command line before anything is read from them.
package enum NamedInput {
    /// What stands in the way of reading `path`, or nil when nothing does. A FIFO or device is
    /// never opened here (opening a pipe's reading end, even briefly, would disturb its writer).
    ///
    /// - Parameters:
    ///   - path: the path as written.
    ///   - directoryAllowed: whether a folder is acceptable (`audit` walks one; `check` reads files).
    package static func problem(at path: String, directoryAllowed: Bool) -> NamedInputProblem? {
        var info = stat()
        guard stat(path, &info) == 0 else {
            let code = errno
            let kind: NamedInputProblem.Kind = code == ENOENT || code == ENOTDIR ? .missing : .unreadable
            return NamedInputProblem(path: path, kind: kind, reason: describe(code))
        }
        let type = info.st_mode & S_IFMT
        if type == S_IFDIR {
            if !directoryAllowed { return NamedInputProblem(path: path, kind: .directory, reason: "is a directory") }
            guard access(path, R_OK | X_OK) == 0 else {
                return NamedInputProblem(path: path, kind: .unreadable, reason: describe(errno))
            }
            return nil
        }
        if type == S_IFREG, access(path, R_OK) != 0 {
            return NamedInputProblem(path: path, kind: .unreadable, reason: describe(errno))
        }
        return nil
    }

    /// The system's message for an `errno`, in lower case (`no such file or directory`).
    static func describe(_ code: Int32) -> String {
        guard let message = strerror(code) else { return "error \(code)" }
        return String(cString: message).lowercased()
    }
}
