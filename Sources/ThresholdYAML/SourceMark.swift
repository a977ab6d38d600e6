/// A position in a source file: 1-based line and 1-based column, the column counted in Unicode
/// scalars (characters), as libyaml counts them.
public struct SourceMark: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The 1-based line number.
    public var line: Int
    /// The 1-based column number, counted in Unicode scalars.
    public var column: Int

    /// Creates a mark at a 1-based line and column.
    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    /// The start of a file: line 1, column 1.
    public static let start = SourceMark(line: 1, column: 1)

    /// Whether `a` comes before `b` in the file: an earlier line, or the same line and an earlier column.
    public static func < (a: SourceMark, b: SourceMark) -> Bool {
        (a.line, a.column) < (b.line, b.column)
    }

    /// `line:column`.
    public var description: String { "\(line):\(column)" }
}
