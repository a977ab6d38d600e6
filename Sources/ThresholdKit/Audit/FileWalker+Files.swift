import ThresholdPlatform

/// What a walk finds, counted without keeping the paths: how many files, the longest path, what was
/// skipped, and the files themselves as a sequence that walks again, one path at a time, when it is
/// iterated. `threshold audit` surveys first (for the progress bar, the table's column and the
/// warnings) and then audits the files as the second walk finds them, so that its memory does not
/// grow with the number of files.
///
/// ```swift
/// let survey = FileWalker().survey(["filings"])
/// print("\(survey.count) profiles")
/// for path in survey.files { … }   // the same paths, found again
/// ```
public struct WalkSurvey: Sendable {
    /// The files, found again in path order each time the sequence is iterated.
    public var files: FileWalker.Files
    /// How many files the survey found.
    public var count: Int
    /// The length of the longest path found, in characters.
    public var longestPath: Int
    /// What was skipped or could not be read, sorted by path.
    public var notices: [WalkNotice]
    /// The files named directly that are not regular files (a FIFO, a device), sorted by path: see
    /// ``WalkResult/streams``.
    public var streams: [String]
}

extension FileWalker {
    /// The files under some roots, found one at a time, in path order, each time the sequence is
    /// iterated: what ``FileWalker/walk(_:)`` would list, without keeping the list.
    public struct Files: Sequence, Sendable {
        /// The walker.
        public let walker: FileWalker
        /// The files and directories named.
        public let roots: [String]

        /// Starts a walk.
        public func makeIterator() -> Iterator { Iterator(walker: walker, roots: roots) }
    }

    /// The files under `roots`, found one at a time, in path order: a walk that keeps no list.
    public func files(_ roots: [String]) -> Files { Files(walker: self, roots: roots) }

    /// Walks `roots` once, counting what it finds, and returns the count with the files as a
    /// sequence that walks again.
    public func survey(_ roots: [String]) -> WalkSurvey {
        let files = files(roots)
        var iterator = files.makeIterator()
        var count = 0
        var longest = 0
        while let path = iterator.next() {
            count += 1
            // A path has no more characters than bytes: only a longer one is counted.
            if path.utf8.count > longest { longest = max(longest, path.count) }
        }
        return WalkSurvey(
            files: files, count: count, longestPath: longest, notices: iterator.sortedNotices,
            streams: iterator.streams)
    }

    /// A walk in progress: the next path in order of every root, merged, each path once.
    public struct Iterator: IteratorProtocol {
        private let walker: FileWalker
        /// The roots that are not directories, sorted, each once.
        private let named: PathCollection
        private var nextNamed = 0
        /// The directories named and not yet entered, the last in path order first.
        private var pending: [(path: String, identity: Identity)]
        /// The directories named that are being walked, each with the next path it gives.
        private var active: [DirectoryWalk] = []
        private var last: String?
        /// What was skipped or could not be read so far, in the order met.
        public private(set) var notices: [WalkNotice] = []
        /// The files named directly that are not regular files (a FIFO, a device), sorted by path.
        public let streams: [String]

        init(walker: FileWalker, roots: [String]) {
            self.walker = walker
            var named = PathCollection()
            var streams = PathCollection()
            var directories: [(path: String, identity: Identity)] = []
            for root in roots {
                var info = stat()
                guard stat(root, &info) == 0 else {
                    // Missing, dangling, or a loop of links: the audit reports it when it cannot open it.
                    named.append(root)
                    continue
                }
                switch Entry.Kind(mode: info.st_mode) {
                case .directory:
                    directories.append((root, Identity(info)))
                case .special:
                    // Named directly: to be read, as `threshold check` reads it.
                    named.append(root)
                    streams.append(root)
                default:
                    named.append(root)
                }
            }
            self.named = named.sortedWithoutDuplicates()
            self.streams = Array(streams.sortedWithoutDuplicates())
            // Every path under a directory starts with its path and a slash: it is entered when
            // the merge reaches that.
            pending = directories.sorted { FileWalker.pathOrder(Self.base($1.path), Self.base($0.path)) }
        }

        /// The notices so far, sorted by path (and kind).
        var sortedNotices: [WalkNotice] {
            notices.sorted {
                FileWalker.pathOrder($0.path, $1.path) || ($0.path == $1.path && $0.kind.rawValue < $1.kind.rawValue)
            }
        }

        /// A directory's path with one slash at its end: what every path under it starts with.
        static func base(_ path: String) -> String { path.hasSuffix("/") ? path : path + "/" }

        /// The next file, or nil at the end of the walk.
        public mutating func next() -> String? {
            while true {
                // The first in order of the next named file and the next file of each directory.
                var best: String?
                var source: Int?  // nil: the named files; otherwise an index in `active`
                if nextNamed < named.count { best = named[nextNamed] }
                for index in active.indices {
                    guard let head = active[index].head else { continue }
                    if best.map({ FileWalker.pathOrder(head, $0) }) ?? true {
                        best = head
                        source = index
                    }
                }
                if let directory = pending.last,
                    best.map({ !FileWalker.pathOrder($0, Self.base(directory.path)) }) ?? true
                {
                    // Nothing found so far comes before this directory's files: enter it.
                    pending.removeLast()
                    var walk = DirectoryWalk(
                        root: DirectoryFrame(path: directory.path, relative: "", identity: directory.identity))
                    walk.advance(walker, &notices)
                    if walk.head != nil { active.append(walk) }
                    continue
                }
                guard let path = best else { return nil }
                if let source {
                    active[source].advance(walker, &notices)
                    if active[source].head == nil { active.remove(at: source) }
                } else {
                    nextNamed += 1
                }
                // Roots that overlap give some paths twice; in order, the second follows the first.
                if path == last { continue }
                last = path
                return path
            }
        }
    }

    /// The walk of one directory named: the directories it is in, deepest last, and the next path.
    struct DirectoryWalk {
        private var frames: [DirectoryFrame]
        /// The next file, found ahead; nil at the end.
        private(set) var head: String?

        init(root: DirectoryFrame) { frames = [root] }

        /// Finds the next file.
        mutating func advance(_ walker: FileWalker, _ notices: inout [WalkNotice]) {
            head = nil
            while let top = frames.indices.last {
                if frames[top].position < frames[top].batch.count {
                    let entry = frames[top].batch[frames[top].position]
                    frames[top].position += 1
                    let path = frames[top].base + entry.name
                    guard entry.type == .directory, let identity = frames[top].identities[entry.name] else {
                        head = path
                        return
                    }
                    let relative = frames[top].relative
                    frames.append(
                        DirectoryFrame(
                            path: path, relative: relative.isEmpty ? entry.name : relative + "/" + entry.name,
                            identity: identity))
                } else if frames[top].complete {
                    frames.removeLast()
                } else {
                    walker.list(&frames[top], ancestors: frames.map(\.identity), &notices)
                }
            }
        }
    }

    /// A directory being walked: its current batch of entries, and where in its listing it is.
    struct DirectoryFrame {
        /// The directory's path, as the walk reached it.
        let path: String
        /// The path with a slash at its end.
        let base: String
        /// The path below the directory named (for patterns with a `/`).
        let relative: String
        /// The directory's device and inode: a link back to it is a loop.
        let identity: Identity
        /// The entries of this batch to walk, settled, in order.
        var batch: [Entry] = []
        /// The next entry of the batch.
        var position = 0
        /// The identities of the directories in the batch.
        var identities: [String: Identity] = [:]
        /// The last entry listed so far: the next batch starts after it.
        var after: Entry?
        /// Whether the batch holds the directory's last entries.
        var complete = false
        /// Whether reading the listing failed once already (it is noticed once).
        var listingFailed = false

        init(path: String, relative: String, identity: Identity) {
            self.path = path
            base = FileWalker.Iterator.base(path)
            self.relative = relative
            self.identity = identity
        }
    }
}
