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
/// The files come in the order of their paths, so that an audit's output does not depend on the
/// order the file system lists directories in. Each directory's entries are taken in that order
/// (several roots are merged), so nothing is sorted after the walk, and a walk can give its files
/// one at a time (``files(_:)``): it then holds one batch of names per directory it is in (at most
/// 32,768: a larger directory is listed once per batch), however many files there are.
/// ``walk(_:)`` keeps them all, as one block of bytes (``PathCollection``).
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
    /// The most entries of one directory the walk holds at once (at least 1). A directory of more
    /// is listed once for each batch of this many, in order: 32,768 names take some 800 KB, and
    /// 200,000 files in one directory are listed 7 times.
    package var listingLimit = 32_768

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

    /// Walks the files and directories named, and returns what to audit: every path, kept in
    /// memory. An audit of a large tree does not need them all at once: ``survey(_:)`` counts what a
    /// walk finds and ``files(_:)`` finds it again one path at a time.
    public func walk(_ roots: [String]) -> WalkResult {
        var iterator = files(roots).makeIterator()
        var files = PathCollection()
        while let path = iterator.next() { files.append(path) }
        return WalkResult(files: files, notices: iterator.sortedNotices, streams: iterator.streams)
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
    static func entryOrder(_ a: Entry, _ b: Entry) -> Bool {
        // The names read in place where they are stored as UTF-8, as they are once listed: a copy
        // to call `withUTF8` on retains and releases each, at every comparison of a sort.
        let inPlace = a.name.utf8.withContiguousStorageIfAvailable { x in
            b.name.utf8.withContiguousStorageIfAvailable { y in
                entryOrder(x, a.type == .directory, y, b.type == .directory)
            }
        }
        if let inPlace, let order = inPlace { return order }
        var first = a.name
        var second = b.name
        return first.withUTF8 { x in
            second.withUTF8 { y in entryOrder(x, a.type == .directory, y, b.type == .directory) }
        }
    }

    /// Sorts `entries` in ``entryOrder(_:_:)``. Their positions are sorted, each entry read where
    /// it lies, and the entries are then moved once: a sort of the entries themselves moves each
    /// (its name retained and released) at every step of the merge.
    static func sortInEntryOrder(_ entries: inout [Entry]) {
        guard entries.count > 1 else { return }
        var order = Array(entries.indices)
        entries.withUnsafeBufferPointer { entries in
            order.sort { entryOrder(entries[$0], entries[$1]) }
        }
        entries = order.map { entries[$0] }
    }

    /// Whether `entries` are in ``entryOrder(_:_:)`` already.
    static func inEntryOrder(_ entries: [Entry]) -> Bool {
        entries.indices.dropFirst().allSatisfy { !entryOrder(entries[$0], entries[$0 - 1]) }
    }

    /// ``entryOrder(_:_:)`` of two names given as their UTF-8 bytes, and whether each is a directory.
    static func entryOrder(
        _ x: UnsafeBufferPointer<UInt8>, _ xIsDirectory: Bool, _ y: UnsafeBufferPointer<UInt8>, _ yIsDirectory: Bool
    ) -> Bool {
        let common = Swift.min(x.count, y.count)
        let order = PathCollection.compare(
            UnsafeBufferPointer(rebasing: x[..<common]), UnsafeBufferPointer(rebasing: y[..<common]))
        if order != 0 { return order < 0 }
        // One name starts the other: the next byte decides, a directory's being its slash.
        func next(_ bytes: UnsafeBufferPointer<UInt8>, _ isDirectory: Bool) -> Int {
            bytes.count > common ? Int(bytes[common]) : isDirectory ? Int(UInt8(ascii: "/")) : -1
        }
        return next(x, xIsDirectory) < next(y, yIsDirectory)
    }

    /// An entry's name as bytes, and whether it is a directory: the ends of a batch being listed.
    struct Key {
        var bytes: [UInt8]
        var isDirectory: Bool
    }

    /// Where an entry falls against a batch being listed.
    enum Placement {
        /// At or before the last entry listed before: in an earlier batch.
        case listed
        /// In this batch, as far as the listing has gone.
        case within
        /// After the last of the entries this batch holds already: in a later batch.
        case beyond
    }

    /// Where the entry `name` (a directory or not) falls: after `after`, the last entry listed
    /// before, and before `bound`, the last of the entries held when the batch is full.
    static func placement(
        _ name: UnsafeBufferPointer<UInt8>, _ isDirectory: Bool, after: Key?, bound: Key?
    ) -> Placement {
        if let after, !after.bytes.withUnsafeBufferPointer({ entryOrder($0, after.isDirectory, name, isDirectory) }) {
            return .listed
        }
        if let bound, !bound.bytes.withUnsafeBufferPointer({ entryOrder(name, isDirectory, $0, bound.isDirectory) }) {
            return .beyond
        }
        return .within
    }

    /// Reorders `entries` so that the first `count` of them in entry order come first, in no
    /// particular order: a quickselect, in linear time on average.
    static func partition(_ entries: inout [Entry], first count: Int) {
        var low = 0
        var high = entries.count - 1
        while low < high {
            // The median of three as the pivot, put at `high`.
            let middle = low + (high - low) / 2
            if entryOrder(entries[middle], entries[low]) { entries.swapAt(middle, low) }
            if entryOrder(entries[high], entries[low]) { entries.swapAt(high, low) }
            if entryOrder(entries[middle], entries[high]) { entries.swapAt(middle, high) }
            let pivot = entries[high]
            var store = low
            for index in low..<high where entryOrder(entries[index], pivot) {
                entries.swapAt(index, store)
                store += 1
            }
            entries.swapAt(store, high)
            // entries[store] is in its sorted place: those before it come before it.
            if store == count - 1 || store == count { return }
            if store > count { high = store - 1 } else { low = store + 1 }
        }
    }

    /// A directory's identity on the system: its device and inode.
    struct Identity: Hashable {
        var device: UInt64
        var inode: UInt64
        init(_ info: stat) {
            device = UInt64(truncatingIfNeeded: info.st_dev)
            inode = UInt64(truncatingIfNeeded: info.st_ino)
        }
    }

    /// A name in a directory listing, and what it is.
    struct Entry {
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

    /// The kind an entry sorts as: a directory when the walk would enter it. The listing's
    /// `d_type` says, except where the file system does not (then `lstat`) and for a link when links
    /// are followed (then `stat`: a link to a directory sorts as one).
    func sortingKind(_ name: String, listed: Entry.Kind, base: String) -> Entry.Kind {
        guard listed == .unknown || (listed == .symlink && followSymlinks) else { return listed }
        var info = stat()
        var kind = listed
        if kind == .unknown {
            guard lstat(base + name, &info) == 0 else { return .unknown }
            kind = Entry.Kind(mode: info.st_mode)
        }
        if kind == .symlink && followSymlinks {
            guard stat(base + name, &info) == 0 else { return .symlink }
            kind = Entry.Kind(mode: info.st_mode)
        }
        return kind
    }

    /// Lists the next entries of the directory `frame` walks: the first `listingLimit` of those
    /// after the last it listed, in entry order, each settled (a file to audit, or a directory to
    /// enter with its identity); what the walk skips is noticed. A directory of more entries than
    /// the limit is listed again for each further batch, so that the walk holds no more than a
    /// batch of names however large the directory; the directory is closed in between, so that only
    /// one is open at a time however deep the tree.
    func list(_ frame: inout DirectoryFrame, ancestors: [Identity], _ notices: inout [WalkNotice]) {
        // The last batch's storage holds this one: a large directory's listing allocates it once.
        var candidates = frame.batch
        frame.batch = []
        candidates.removeAll(keepingCapacity: true)
        frame.identities.removeAll()
        frame.position = 0
        frame.complete = true
        guard let directory = opendir(frame.path) else {
            notices.append(
                WalkNotice(
                    path: frame.path, kind: .unreadableDirectory,
                    message: IOError(.list, path: frame.path).problem))
            return
        }
        let limit = Swift.max(1, listingLimit)
        // The most held at once: when the listing has gone this far, the first `limit` are kept.
        let room = limit + Swift.max(1, limit / 2)
        // The last entry listed before (the batch starts after it), and once `limit` entries are
        // held, the last of them (an entry after it is not among the first): as bytes, so that
        // the entries outside the batch cost no `String`.
        let after = frame.after.map { Key(bytes: Array($0.name.utf8), isDirectory: $0.type == .directory) }
        var bound: Key?
        var more = false
        while true {
            errno = 0
            guard let raw = readdir(directory) else {
                if errno != 0 && !frame.listingFailed {
                    frame.listingFailed = true
                    notices.append(
                        WalkNotice(
                            path: frame.path, kind: .unreadableDirectory,
                            message: IOError(.listRest, path: frame.path).problem))
                }
                break
            }
            let bytes = entryNameBytes(raw)
            if bytes.first == UInt8(ascii: ".") {
                if bytes.count == 1 || (bytes.count == 2 && bytes[1] == UInt8(ascii: ".")) || !includeHidden {
                    continue
                }
            }
            let listed = Entry.Kind(dType: raw.pointee.d_type)
            let kind: Entry.Kind
            let name: String?
            // A name that is not ASCII is compared as the `String` it becomes (invalid UTF-8 repaired).
            if listed == .unknown || (listed == .symlink && followSymlinks) || !bytes.allSatisfy({ $0 < 0x80 }) {
                let decoded = String(decoding: bytes, as: UTF8.self)
                name = decoded
                kind = sortingKind(decoded, listed: listed, base: frame.base)
            } else {
                name = nil
                kind = listed
            }
            let isDirectory = kind == .directory
            let place: Placement
            if var repaired = name {
                place = repaired.withUTF8 { Self.placement($0, isDirectory, after: after, bound: bound) }
            } else {
                place = Self.placement(bytes, isDirectory, after: after, bound: bound)
            }
            guard place == .within else {
                if place == .beyond { more = true }
                continue
            }
            if candidates.count == limit && candidates.capacity < room {
                // A large directory: room for the most it holds, in one allocation.
                candidates.reserveCapacity(room)
            }
            candidates.append(Entry(name: name ?? String(decoding: bytes, as: UTF8.self), type: kind))
            if candidates.count == room {
                // Keep the first `limit`, unsorted: sorting each time would cost more than the listing.
                Self.partition(&candidates, first: limit)
                candidates.removeLast(candidates.count - limit)
                let last = candidates.max(by: Self.entryOrder)!
                bound = Key(bytes: Array(last.name.utf8), isDirectory: last.type == .directory)
                more = true
            }
        }
        closedir(directory)
        if candidates.count > limit {
            Self.partition(&candidates, first: limit)
            candidates.removeLast(candidates.count - limit)
            more = true
        }
        Self.sortInEntryOrder(&candidates)
        frame.after = candidates.last
        frame.complete = !more
        // Settle what each entry is (a file to audit, a directory to enter, or nothing to keep).
        var kept = 0
        for index in candidates.indices {
            let entry = candidates[index]
            guard
                let settled = classify(
                    entry.name, entry.type, base: frame.base, relative: frame.relative, ancestors: ancestors,
                    &frame.identities, &notices)
            else { continue }
            candidates[kept] = settled
            kept += 1
        }
        candidates.removeLast(candidates.count - kept)
        // Settling keeps the order but for a link that turns out to be a directory (or not): the
        // batch is checked in one pass, and sorted again only then.
        if !Self.inEntryOrder(candidates) { Self.sortInEntryOrder(&candidates) }
        frame.batch = candidates
    }

    /// What the entry `name` of the directory `base` is to the walk: a file to audit (`.regular`),
    /// a directory to enter (`.directory`, its identity in `identities`), or nil, with a notice
    /// when it is a special file, a link not followed or a loop.
    private func classify(
        _ name: String, _ listed: Entry.Kind, base: String, relative: String, ancestors: [Identity],
        _ identities: inout [String: Identity], _ notices: inout [WalkNotice]
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
                notices.append(
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
                notices.append(
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
                notices.append(
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

/// The name in a directory entry that `readdir` returned, as a `String` (invalid UTF-8 repaired).
func entryName(_ entry: UnsafeMutablePointer<dirent>) -> String {
    String(decoding: entryNameBytes(entry), as: UTF8.self)
}

/// The bytes of the name in a directory entry that `readdir` returned, valid until the next
/// `readdir`. They are read in place: the record is only as long as its name, so copying the
/// `d_name` field (a 256-byte tuple) would read past its end.
func entryNameBytes(_ entry: UnsafeMutablePointer<dirent>) -> UnsafeBufferPointer<UInt8> {
    let offset = MemoryLayout<dirent>.offset(of: \dirent.d_name)!
    let start = (UnsafeRawPointer(entry) + offset).assumingMemoryBound(to: UInt8.self)
    return UnsafeBufferPointer(start: start, count: strlen(start))
}
