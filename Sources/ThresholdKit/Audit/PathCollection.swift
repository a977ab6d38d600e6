import ThresholdPlatform

/// An ordered list of paths held as one block of UTF-8 bytes and the offset where each ends.
///
/// An audit of a large tree holds every path it will read from the walk to the last verdict. As an
/// array of `String`s a path of more than 15 bytes costs an allocation of its own and 16 bytes in the
/// array, and each sorted or filtered copy costs the array again: some 130 bytes a file. Here a path
/// costs its bytes and 8, and the collection is two allocations however many paths it holds. A path
/// is made a `String` again when it is read (``subscript(_:)``).
///
/// ```swift
/// let files = FileWalker().walk(["filings"]).files   // a PathCollection, sorted
/// for path in files { print(path) }
/// ```
public struct PathCollection: RandomAccessCollection, Sendable, Hashable, ExpressibleByArrayLiteral,
    CustomStringConvertible
{
    /// The paths' UTF-8 bytes, one after the other.
    private var bytes: [UInt8] = []
    /// Where each path ends in ``bytes``; a path starts where the one before it ends.
    private var ends: [Int] = []

    /// An empty collection.
    public init() {}

    /// The paths in `paths`, in their order.
    public init(_ paths: some Sequence<String>) {
        for path in paths { append(path) }
    }

    /// The paths in the literal, in their order.
    public init(arrayLiteral paths: String...) {
        self.init(paths)
    }

    /// The position of the first path.
    public var startIndex: Int { 0 }
    /// One past the position of the last path.
    public var endIndex: Int { ends.count }

    /// The path at `position`.
    public subscript(position: Int) -> String {
        let range = byteRange(position)
        return bytes.withUnsafeBufferPointer {
            String(decoding: UnsafeBufferPointer(rebasing: $0[range]), as: UTF8.self)
        }
    }

    /// The paths, as an array literal would print them.
    public var description: String { Array(self).description }

    /// Adds `path` at the end.
    public mutating func append(_ path: String) {
        var path = path
        path.withUTF8 { bytes.append(contentsOf: $0) }
        ends.append(bytes.count)
    }

    /// The bytes of the path at `position`.
    private func byteRange(_ position: Int) -> Range<Int> {
        (position == 0 ? 0 : ends[position - 1])..<ends[position]
    }

    /// The paths sorted by their UTF-8 bytes (``FileWalker/pathOrder(_:_:)``), each once. A walk of
    /// one directory lists its files in that order already: then the collection is returned as it is,
    /// without a copy.
    package func sortedWithoutDuplicates() -> PathCollection {
        bytes.withUnsafeBufferPointer { block in
            /// Orders the paths at `a` and `b` by their bytes.
            func compare(_ a: Int, _ b: Int) -> Int {
                Self.compare(
                    UnsafeBufferPointer(rebasing: block[byteRange(a)]),
                    UnsafeBufferPointer(rebasing: block[byteRange(b)]))
            }
            if indices.dropFirst().allSatisfy({ compare($0 - 1, $0) < 0 }) { return self }
            var order = Array(indices)
            order.sort { compare($0, $1) < 0 }
            var sorted = PathCollection()
            sorted.bytes.reserveCapacity(bytes.count)
            sorted.ends.reserveCapacity(ends.count)
            var previous: Int?
            for index in order {
                if let previous, compare(previous, index) == 0 { continue }
                sorted.bytes.append(contentsOf: UnsafeBufferPointer(rebasing: block[byteRange(index)]))
                sorted.ends.append(sorted.bytes.count)
                previous = index
            }
            return sorted
        }
    }

    /// Orders two byte strings as `memcmp` does, a prefix before what it starts: negative when `a`
    /// comes first, zero when they are equal, positive when `b` comes first.
    package static func compare(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Int {
        let common = Swift.min(a.count, b.count)
        if common > 0, let first = a.baseAddress, let second = b.baseAddress {
            let order = memcmp(first, second, common)
            if order != 0 { return Int(order) }
        }
        return a.count - b.count
    }
}
