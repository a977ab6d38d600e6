internal import CYAML
import ThresholdPlatform

/// Reads YAML streams into trees of ``YAMLNode``s, through libyaml's event API.
///
/// ```swift
/// let document = try YAMLParser.parseDocument(bytes, path: "lab.yaml")
/// let name = document.root["organization"]?["name"]?.text
/// ```
///
/// Every function throws ``YAMLError`` only, with a position: a libyaml error, a limit from
/// ``YAMLLimits``, an unknown alias, a duplicate key, an unsupported tag, or a stream that does not
/// hold exactly one document when one is wanted.
package enum YAMLParser {
    /// Every document of a stream.
    package static func parseStream(
        _ bytes: [UInt8], path: String? = nil, options: YAMLOptions = .default
    ) throws -> [YAMLDocument] {
        let source = try prepare(bytes, path: path, options: options)
        var documents: [YAMLDocument] = []
        try run(source, options: options) { documents.append($0) }
        return documents
    }

    /// The one document of a stream; an empty stream or a second document is an error.
    package static func parseDocument(
        _ bytes: [UInt8], path: String? = nil, options: YAMLOptions = .default
    ) throws -> YAMLDocument {
        let source = try prepare(bytes, path: path, options: options)
        var first: YAMLDocument?
        try run(source, options: options) { document in
            if let first {
                throw source.error(
                    .composer, "expected a single document in the stream, found a second one",
                    at: document.mark, notes: ["the first document starts at line \(first.mark.line)"])
            }
            first = document
        }
        guard let first else {
            throw source.error(.composer, "the stream is empty: expected a YAML document", at: .start)
        }
        return first
    }

    /// The one document in a string.
    package static func parseDocument(
        string: String, path: String? = nil, options: YAMLOptions = .default
    ) throws -> YAMLDocument {
        try parseDocument(Array(string.utf8), path: path, options: options)
    }

    /// Reads a file's bytes, refusing directories and files larger than `limits.maxFileBytes`.
    /// The file is opened read-only.
    ///
    /// - Parameter regularOnly: refuse anything but a regular file, without ever blocking on a FIFO
    ///   or device.
    /// - Throws: `YAMLError` of kind `reader` (cannot open, cannot read, a directory, not a regular
    ///   file) or `limit` (larger than `limits.maxFileBytes`), naming the file.
    public static func readFile(
        atPath path: String, limits: YAMLLimits = .default, regularOnly: Bool = false
    ) throws -> [UInt8] {
        let contents: FileReader.Contents
        do {
            contents = try FileReader.read(atPath: path, limit: limits.maxFileBytes, regularOnly: regularOnly)
        } catch {
            throw ioError(path, error.problem)
        }
        switch contents {
        case .bytes(let bytes): return bytes
        case .directory: throw ioError(path, "is a directory, not a YAML file")
        case .notRegularFile: throw ioError(path, "is not a regular file (a FIFO, socket or device); not read")
        case .tooLarge:
            throw YAMLError(
                kind: .limit,
                problem:
                    "the file is larger than the limit of \(limits.maxFileBytes) bytes "
                    + "(\(limits.advice(.maxFileBytes)))",
                mark: .start, file: path)
        }
    }

    /// Runs libyaml's bare event loop over `bytes` and returns the number of events: the floor that
    /// every other way of reading YAML is measured against. Builds nothing.
    package static func countEvents(_ bytes: [UInt8]) throws -> Int {
        try bytes.withUnsafeBufferPointer { input in
            let parser = EventParser(input)
            var count = 0
            var event = yaml_event_t()
            while true {
                guard yaml_parser_parse(parser.parser, &event) == 1 else {
                    throw parser.error(source: SourceBytes(bytes, path: nil))
                }
                let done = event.type == YAML_STREAM_END_EVENT
                yaml_event_delete(&event)
                count += 1
                if done { return count }
            }
        }
    }

    // MARK: - Implementation

    static func ioError(_ path: String, _ problem: String) -> YAMLError {
        YAMLError(kind: .reader, problem: problem, mark: .start, file: path)
    }

    /// Checks the size, and turns UTF-16 (which libyaml also reads) into UTF-8, so that every mark
    /// and excerpt is computed on one encoding.
    static func prepare(_ bytes: [UInt8], path: String?, options: YAMLOptions) throws -> SourceBytes {
        let limit = options.limits.maxFileBytes
        if bytes.count > limit {
            throw YAMLError(
                kind: .limit,
                problem:
                    "the input is larger than the limit of \(limit) bytes (\(options.limits.advice(.maxFileBytes)))",
                mark: .start, file: path)
        }
        if bytes.count >= 2, (bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF) {
            return SourceBytes(try transcodeUTF16(bytes, littleEndian: bytes[0] == 0xFF, path: path), path: path)
        }
        // libyaml skips a leading UTF-8 byte order mark without counting it as a column; dropping
        // it here keeps byte offsets (reader errors) and excerpts in step with libyaml's marks.
        if bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF {
            return SourceBytes(Array(bytes[3...]), path: path)
        }
        return SourceBytes(bytes, path: path)
    }

    static func transcodeUTF16(_ bytes: [UInt8], littleEndian: Bool, path: String?) throws -> [UInt8] {
        var units: [UInt16] = []
        units.reserveCapacity(bytes.count / 2)
        var i = 2
        while i + 1 < bytes.count {
            let a = UInt16(bytes[i]), b = UInt16(bytes[i + 1])
            units.append(littleEndian ? a | b << 8 : a << 8 | b)
            i += 2
        }
        var out: [UInt8] = []
        out.reserveCapacity(units.count)
        var decoder = UTF16()
        var iterator = units.makeIterator()
        loop: while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar):
                UTF8.encode(scalar) { out.append($0) }
            case .emptyInput:
                break loop
            case .error:
                // Shown like a UTF-8 reader error: the whole line, the bad unit as U+FFFD.
                let text = Array(String(decoding: units, as: UTF16.self).utf8)
                throw utf16Error("an unpaired surrogate", atOffset: out.count, in: text, path: path)
            }
        }
        if bytes.count % 2 == 1 {
            throw utf16Error(
                "the input ends in half a code unit", atOffset: out.count, in: out + Array("\u{FFFD}".utf8), path: path)
        }
        return out
    }

    /// A reader error for invalid UTF-16 at byte `offset` of `text`, the input decoded to UTF-8 with
    /// U+FFFD for what cannot be decoded, positioned and excerpted in that text.
    private static func utf16Error(
        _ problem: String, atOffset offset: Int, in text: [UInt8], path: String?
    ) -> YAMLError {
        let mark = text.withUnsafeBufferPointer { markOfOffset(offset, in: $0) }
        return SourceBytes(text, path: path).error(.reader, "invalid UTF-16: " + problem, at: mark)
    }

    /// Parses `source`, calling `body` with each document as it completes.
    static func run(_ source: SourceBytes, options: YAMLOptions, _ body: (YAMLDocument) throws -> Void) throws {
        try source.bytes.withUnsafeBufferPointer { input in
            let parser = EventParser(input)
            var builder = TreeBuilder(source: source, options: options)
            var event = yaml_event_t()
            var documents = 0
            while true {
                guard yaml_parser_parse(parser.parser, &event) == 1 else {
                    throw parser.error(source: source)
                }
                defer { yaml_event_delete(&event) }
                let mark = source.clamped(
                    SourceMark(line: Int(event.start_mark.line) + 1, column: Int(event.start_mark.column) + 1))
                switch event.type {
                case YAML_STREAM_START_EVENT:
                    break
                case YAML_STREAM_END_EVENT:
                    return
                case YAML_DOCUMENT_START_EVENT:
                    documents += 1
                    if documents > options.limits.maxDocuments {
                        throw source.error(
                            .limit,
                            "the stream has more than \(options.limits.maxDocuments) documents "
                                + "(\(options.limits.advice(.maxDocuments)))",
                            at: mark)
                    }
                    if let version = event.data.document_start.version_directive,
                        version.pointee.major != 1 || version.pointee.minor != 2
                    {
                        // A 1.1 document means other rules (`0500` octal, `no` false): reading it
                        // under 1.2's would be a guess at what the author meant.
                        throw source.error(
                            .composer,
                            "%YAML \(version.pointee.major).\(version.pointee.minor): Threshold reads YAML 1.2 only, "
                                + "where 'no' is a string and 0500 is five hundred, not octal; remove the %YAML "
                                + "line, or write %YAML 1.2 once the file reads the same under 1.2",
                            at: mark)
                    }
                    builder.startDocument(at: mark)
                case YAML_DOCUMENT_END_EVENT:
                    try body(builder.finishDocument())
                case YAML_SCALAR_EVENT:
                    let scalar = event.data.scalar
                    try builder.scalar(
                        UnsafeBufferPointer(start: scalar.value, count: Int(scalar.length)),
                        style: ScalarStyle(libyaml: scalar.style),
                        tag: scalar.tag, anchor: scalar.anchor, at: mark)
                case YAML_SEQUENCE_START_EVENT:
                    let start = event.data.sequence_start
                    try builder.startCollection(.sequence, tag: start.tag, anchor: start.anchor, at: mark)
                case YAML_MAPPING_START_EVENT:
                    let start = event.data.mapping_start
                    try builder.startCollection(.mapping, tag: start.tag, anchor: start.anchor, at: mark)
                case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                    try builder.endCollection()
                case YAML_ALIAS_EVENT:
                    try builder.alias(event.data.alias.anchor, at: mark)
                default:
                    break
                }
            }
        }
    }
}

extension ScalarStyle {
    init(libyaml style: yaml_scalar_style_t) {
        switch style {
        case YAML_SINGLE_QUOTED_SCALAR_STYLE: self = .singleQuoted
        case YAML_DOUBLE_QUOTED_SCALAR_STYLE: self = .doubleQuoted
        case YAML_LITERAL_SCALAR_STYLE: self = .literal
        case YAML_FOLDED_SCALAR_STYLE: self = .folded
        default: self = .plain
        }
    }
}

/// Owns a libyaml parser; frees it in `deinit`. The input must outlive it.
final class EventParser {
    let parser: UnsafeMutablePointer<yaml_parser_t>

    init(_ input: UnsafeBufferPointer<UInt8>) {
        parser = .allocate(capacity: 1)
        yaml_parser_initialize(parser)
        // libyaml reads a zero-length string fine, but wants a non-null pointer.
        let empty: StaticString = ""
        yaml_parser_set_input_string(parser, input.baseAddress ?? empty.utf8Start, input.count)
    }

    deinit {
        yaml_parser_delete(parser)
        parser.deallocate()
    }

    /// The parser's error as a ``YAMLError``.
    func error(source: SourceBytes) -> YAMLError {
        let p = parser.pointee
        let problem = p.problem.map { String(cString: $0) } ?? "unknown error"
        let kind: YAMLError.Kind
        var mark = SourceMark(line: Int(p.problem_mark.line) + 1, column: Int(p.problem_mark.column) + 1)
        switch p.error {
        case YAML_READER_ERROR:
            kind = .reader
            mark = source.bytes.withUnsafeBufferPointer { bytes in
                var offset = min(Int(p.problem_offset), bytes.count)
                // libyaml gives the offset of a bad trailing byte; the character that it breaks,
                // shown as U+FFFD in the excerpt, starts at the sequence's leading byte.
                if problem == "invalid trailing UTF-8 octet" {
                    while offset > 0 && bytes[offset - 1] & 0xC0 == 0x80 { offset -= 1 }
                    if offset > 0 { offset -= 1 }
                }
                return markOfOffset(offset, in: bytes)
            }
            var text = problem
            if p.problem_value >= 0 {
                let value = String(p.problem_value, radix: 16, uppercase: true)
                text +=
                    problem.contains("UTF-8")
                    ? " (byte 0x\(value.count < 2 ? "0" + value : value))" : " (#x\(value))"
            }
            return source.error(.reader, text, at: mark)
        case YAML_SCANNER_ERROR: kind = .scanner
        case YAML_PARSER_ERROR: kind = .parser
        case YAML_MEMORY_ERROR: kind = .limit
        default: kind = .composer
        }
        var error = source.error(kind, problem, at: mark)
        if let context = p.context {
            error.context = String(cString: context)
            error.contextMark = source.clamped(
                SourceMark(line: Int(p.context_mark.line) + 1, column: Int(p.context_mark.column) + 1))
        }
        return error
    }
}

/// The 1-based line and column of a byte offset in UTF-8 text (columns in scalars, lines broken
/// where libyaml breaks them).
func markOfOffset(_ offset: Int, in bytes: UnsafeBufferPointer<UInt8>) -> SourceMark {
    var line = 1, column = 1
    var i = 0
    let end = min(offset, bytes.count)
    while i < end {
        let byte = bytes[i]
        if byte < 0x80 && byte != 0x0A && byte != 0x0D {
            column += 1
            i += 1
            continue
        }
        let breakLength = lineBreakLength(bytes, at: i)
        if breakLength > 0 {
            line += 1
            column = 1
            i += breakLength
        } else {
            if byte & 0xC0 != 0x80 { column += 1 }
            i += 1
        }
    }
    return SourceMark(line: line, column: column)
}

extension SourceBytes {
    func error(_ kind: YAMLError.Kind, _ problem: String, at mark: SourceMark, notes: [String] = []) -> YAMLError {
        let mark = clamped(mark)
        return YAMLError(kind: kind, problem: problem, mark: mark, file: path, excerpt: excerpt(at: mark), notes: notes)
    }
}
