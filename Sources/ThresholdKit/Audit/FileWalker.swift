import ThresholdPlatform

/// Something the walker skipped, or could not read, on its way through the directories.
public struct WalkNotice: Sendable, Hashable, CustomStringConvertible {
    /// What happened.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// A FIFO, socket or device matched the include patterns; skipped without opening it.
        case specialFile = "special-file"
        /// A symbolic link leads back to a directory on the current path; not followed again.
        case symlinkLoop = "symlink-loop"
        /// A symbolic link was not followed (`--follow-symlinks` follows them).
        case symlinkNotFollowed = "symlink-not-followed"
        /// A directory could not be listed.
        case unreadableDirectory = "unreadable-directory"
    }

    /// The path, as the walk reached it.
    public var path: String
    /// What happened.
    public var kind: Kind
    /// A sentence for people.
    public var message: String

    /// Creates a notice.
    package init(path: String, kind: Kind, message: String) {
        self.path = path
        self.kind = kind
        self.message = message
    }

    /// Whether profiles may have been missed (an unreadable directory): counts as invalid input.
    /// The others are the walk's policy working as documented and are warnings.
    public var isError: Bool { kind == .unreadableDirectory }

    /// `path: message`, with control characters in the path (a hostile file name) escaped.
    public var description: String { "\(path.escapedForTerminal()): \(message)" }
}

/// What a walk found: the files to audit, sorted by path, and what it skipped.
public struct WalkResult: Sendable, Hashable {
    /// The files to audit, sorted by the bytes of their UTF-8 paths, without duplicates: a compact
    /// list, so that a walk of hundreds of thousands of files costs little more than their paths.
    public var files: PathCollection
    /// What was skipped or could not be read, sorted by path.
    public var notices: [WalkNotice]
    /// The files among ``files`` that were named directly and are not regular files: a FIFO (the
    /// shell's `<(…)`), a device. ``Auditor`` refuses them (it never waits on a FIFO); read them as
    /// `threshold check` does, with `LabProfile(contentsOf:)`. Sorted by path.
    public var streams: [String]

    /// Creates a result.
    package init(files: PathCollection, notices: [WalkNotice], streams: [String] = []) {
        self.files = files
        self.notices = notices
        self.streams = streams
    }
}

/// Finds the profiles to audit under a list of files and directories.
///
/// - Directories are walked recursively. Files whose name (or relative path, for patterns with a
///   `/`) matches an `include` pattern and no `exclude` pattern are collected; an excluded
///   directory is not entered.
/// - Names starting with `.` are skipped unless ``includeHidden``.
/// - Symbolic links met during the walk are not followed unless ``followSymlinks``; when they are,
///   a link back to a directory already on the current path (the same device and inode) is reported
///   as a loop and not entered again. A link that leads nowhere is collected when its name matches,
///   so that the audit reports it as unreadable.
/// - FIFOs, sockets and devices met in the walk are never opened: they are seen with `lstat`/`stat`
///   and skipped.
/// - The paths named by the caller are taken as given: a file is collected whatever its name (and
///   whether or not it exists: the audit then reports it), a symbolic link is followed. A FIFO or a
///   device named directly is collected too, and listed in ``WalkResult/streams``.
///
/// The result is sorted by path, so that an audit's output does not depend on the order the file
/// system lists directories in. Only paths are kept in memory, as one block of bytes
/// (``PathCollection``): each directory's entries are taken in the order of their paths, so that a
/// walk of one root comes out sorted and is not copied to be sorted.
public struct FileWalker: Sendable, Hashable {
    /// The default include patterns: `*.yaml` and `*.yml`.
    public static let defaultInclude = ["*.yaml", "*.yml"]

    /// Files are collected when they match one of these.
    package var include: [Glob]
    /// Files and directories that match one of these are skipped.
    package var exclude: [Glob]
    /// Whether names starting with `.` are walked.
    public var includeHidden: Bool
    /// Whether symbolic links met during the walk are followed.
    public var followSymlinks: Bool

    /// Creates a walker.
    public init(
        include: [String] = FileWalker.defaultInclude, exclude: [String] = [],
        includeHidden: Bool = false, followSymlinks: Bool = false
    ) {
        self.include = include.map { Glob($0) }
        self.exclude = exclude.map { Glob($0) }
        self.includeHidden = includeHidden
        self.followSymlinks = followSymlinks
    }

    /// Walks the files and directories named, and returns what to audit.
    public func walk(_ roots: [String]) -> WalkResult {
        var state = State()
        for root in roots { walkRoot(root, &state) }
        state.notices.sort {
            FileWalker.pathOrder($0.path, $1.path) || ($0.path == $1.path && $0.kind.rawValue < $1.kind.rawValue)
        }
        return WalkResult(
            files: state.files.sortedWithoutDuplicates(), notices: state.notices,
            streams: Array(PathCollection(state.streams).sortedWithoutDuplicates()))
    }

    /// The order audits use: by the bytes of the UTF-8 paths (as `LC_ALL=C sort` has it).
    package static func pathOrder(_ a: String, _ b: String) -> Bool {
        var a = a
        var b = b
        return a.withUTF8 { a in b.withUTF8 { b in PathCollection.compare(a, b) < 0 } }
    }

    /// The order of the entries of one directory that lists their paths, and every path under
    /// them, in ``pathOrder(_:_:)``: a directory's name compares as if it ended in `/` (so
    /// `a.yaml`, whose `.` is below `/`, comes before the files in `a/`, and `a0.yaml` after them).
    private static func entryOrder(_ a: Entry, _ b: Entry) -> Bool {
        var first = a.name
        var second = b.name
        return first.withUTF8 { x in
            second.withUTF8 { y in
                let common = Swift.min(x.count, y.count)
                let order = PathCollection.compare(
                    UnsafeBufferPointer(rebasing: x[..<common]), UnsafeBufferPointer(rebasing: y[..<common]))
                if order != 0 { return order < 0 }
                // One name starts the other: the next byte decides, a directory's being its slash.
                func next(_ bytes: UnsafeBufferPointer<UInt8>, _ entry: Entry) -> Int {
                    bytes.count > common ? Int(bytes[common]) : entry.type == .directory ? Int(UInt8(ascii: "/")) : -1
                }
                return next(x, a) < next(y, b)
            }
        }
    }

    private struct State {
        var files = PathCollection()
        var notices: [WalkNotice] = []
        var streams: [String] = []
    }

    private struct Identity: Hashable {
        var device: UInt64
        var inode: UInt64
        init(_ info: stat) {
            device = UInt64(truncatingIfNeeded: info.st_dev)
            inode = UInt64(truncatingIfNeeded: info.st_ino)
        }
    }

    /// A name in a directory listing, and what it is.
    private struct Entry {
        /// What a directory entry is.
        enum Kind {
            case regular, directory, symlink, special, unknown

            /// The kind a file's `st_mode` gives.
            init(mode: mode_t) {
                switch mode & S_IFMT {
                case S_IFREG: self = .regular
                case S_IFDIR: self = .directory
                case S_IFLNK: self = .symlink
                case S_IFIFO, S_IFSOCK, S_IFCHR, S_IFBLK: self = .special
                default: self = .unknown
                }
            }

            /// The kind the listing's `d_type` gives (`.unknown` when the file system does not say).
            init(dType: UInt8) {
                switch Int32(dType) {
                case Int32(DT_REG): self = .regular
                case Int32(DT_DIR): self = .directory
                case Int32(DT_LNK): self = .symlink
                case Int32(DT_FIFO), Int32(DT_SOCK), Int32(DT_CHR), Int32(DT_BLK): self = .special
                default: self = .unknown
                }
            }
        }

        var name: String
        var type: Kind
    }

    private func walkRoot(_ root: String, _ state: inout State) {
        var info = stat()
        guard stat(root, &info) == 0 else {
            // Missing, dangling, or a loop of links: the audit reports it when it cannot open it.
            state.files.append(root)
            return
        }
        switch Entry.Kind(mode: info.st_mode) {
        case .directory:
            var ancestors = [Identity(info)]
            walkDirectory(root, relative: "", ancestors: &ancestors, &state)
        case .special:
            // Named directly: to be read, as `threshold check` reads it.
            state.files.append(root)
            state.streams.append(root)
        default:
            state.files.append(root)
        }
    }

    private func walkDirectory(_ path: String, relative: String, ancestors: inout [Identity], _ state: inout State) {
        guard let directory = opendir(path) else {
            state.notices.append(
                WalkNotice(
                    path: path, kind: .unreadableDirectory,
                    message: IOError(.list, path: path).problem))
            return
        }
        // Read the whole listing first, so that only one directory is open at a time however deep the tree.
        var entries: [Entry] = []
        while true {
            errno = 0
            guard let entry = readdir(directory) else {
                if errno != 0 {
                    state.notices.append(
                        WalkNotice(
                            path: path, kind: .unreadableDirectory,
                            message: IOError(.listRest, path: path).problem))
                }
                break
            }
            let name = entryName(entry)
            if name == "." || name == ".." { continue }
            if !includeHidden && name.hasPrefix(".") { continue }
            entries.append(Entry(name: name, type: Entry.Kind(dType: entry.pointee.d_type)))
        }
        closedir(directory)

        // Settle what each entry is (a file to audit, a directory to enter, or nothing to keep),
        // then take them in the order of their paths, so that the files come out sorted.
        let base = path.hasSuffix("/") ? path : path + "/"
        var identities: [String: Identity] = [:]
        var kept = 0
        for index in entries.indices {
            let entry = entries[index]
            guard
                let settled = classify(
                    entry.name, entry.type, base: base, relative: relative, ancestors: ancestors, &identities, &state)
            else { continue }
            entries[kept] = settled
            kept += 1
        }
        entries.removeLast(entries.count - kept)
        entries.sort(by: Self.entryOrder)
        for entry in entries {
            let childPath = base + entry.name
            guard entry.type == .directory, let identity = identities[entry.name] else {
                state.files.append(childPath)
                continue
            }
            ancestors.append(identity)
            walkDirectory(
                childPath, relative: relative.isEmpty ? entry.name : relative + "/" + entry.name, ancestors: &ancestors,
                &state)
            ancestors.removeLast()
        }
    }

    /// What the entry `name` of the directory `base` is to the walk: a file to audit (`.regular`),
    /// a directory to enter (`.directory`, its identity in `identities`), or nil, with a notice
    /// when it is a special file, a link not followed or a loop.
    private func classify(
        _ name: String, _ listed: Entry.Kind, base: String, relative: String, ancestors: [Identity],
        _ identities: inout [String: Identity], _ state: inout State
    ) -> Entry? {
        let childPath = base + name
        let childRelative = relative.isEmpty ? name : relative + "/" + name
        var type = listed
        var info = stat()
        var haveInfo = false
        if type == .unknown || type == .directory || type == .special {
            guard lstat(childPath, &info) == 0 else { return nil }  // vanished since the listing
            haveInfo = true
            type = Entry.Kind(mode: info.st_mode)
        }
        if type == .symlink {
            guard followSymlinks else {
                state.notices.append(
                    WalkNotice(
                        path: childPath, kind: .symlinkNotFollowed,
                        message: "a symbolic link, not followed (use --follow-symlinks)"))
                return nil
            }
            guard stat(childPath, &info) == 0 else {
                // A link to nothing (or a loop of links): collect it if it would be audited, so
                // that it is reported as unreadable.
                return wantsFile(name: name, relative: childRelative) ? Entry(name: name, type: .regular) : nil
            }
            haveInfo = true
            type = Entry.Kind(mode: info.st_mode)
        }
        switch type {
        case .directory:
            if isExcluded(name: name, relative: childRelative, isDirectory: true) { return nil }
            if !haveInfo { guard lstat(childPath, &info) == 0 else { return nil } }
            let identity = Identity(info)
            if ancestors.contains(identity) {
                state.notices.append(
                    WalkNotice(
                        path: childPath, kind: .symlinkLoop,
                        message: "a symbolic link back to a directory already being walked; not followed again"))
                return nil
            }
            identities[name] = identity
            return Entry(name: name, type: .directory)
        case .regular:
            return wantsFile(name: name, relative: childRelative) ? Entry(name: name, type: .regular) : nil
        case .special:
            if wantsFile(name: name, relative: childRelative) {
                state.notices.append(
                    WalkNotice(path: childPath, kind: .specialFile, message: Self.specialMessage(info.st_mode)))
            }
            return nil
        case .symlink, .unknown:
            return nil
        }
    }

    private func wantsFile(name: String, relative: String) -> Bool {
        include.contains { $0.matches(name: name, relativePath: relative) }
            && !isExcluded(name: name, relative: relative, isDirectory: false)
    }

    private func isExcluded(name: String, relative: String, isDirectory: Bool) -> Bool {
        exclude.contains { $0.matches(name: name, relativePath: relative, isDirectory: isDirectory) }
    }

    private static func specialMessage(_ mode: mode_t) -> String {
        let what: String
        switch mode & S_IFMT {
        case S_IFIFO: what = "a FIFO (named pipe)"
        case S_IFSOCK: what = "a socket"
        case S_IFCHR: what = "a character device"
        case S_IFBLK: what = "a block device"
        default: what = "not a regular file"
        }
        return "\(what); skipped without opening it"
    }
}

/// The name in a directory entry that `readdir` returned. It is read in place: the record is only
/// as long as its name, so copying the `d_name` field (a 256-byte tuple) would read past its end.
func entryName(_ entry: UnsafeMutablePointer<dirent>) -> String {
    let offset = MemoryLayout<dirent>.offset(of: \dirent.d_name)!
    return String(cString: (UnsafeRawPointer(entry) + offset).assumingMemoryBound(to: CChar.self))
}
