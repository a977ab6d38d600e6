/// A file of text kept outside memory until it is read back: JUnit's per-pack test cases. Falls
/// back to memory when no temporary file can be made. The file has no name (`tmpfile(3)`), so
/// nothing is left behind however the process ends.
package final class Spool {
    private var file: UnsafeMutablePointer<FILE>?
    private var memory = ""

    package init() { file = tmpfile() }

    deinit { if let file { fclose(file) } }

    package func write(_ text: String) {
        guard let file else { memory += text; return }
        var text = text
        let written = text.withUTF8 { buffer in
            buffer.isEmpty ? true : fwrite(buffer.baseAddress!, 1, buffer.count, file) == buffer.count
        }
        if !written {
            // The disk is full: carry on in memory rather than lose the report. (A partial write is
            // undone by truncating to the last complete write.)
            fseek(file, lastGoodOffset, SEEK_SET)
            var contents = ""
            drainFile(file, into: &contents, limit: lastGoodOffset)
            fclose(file)
            self.file = nil
            memory = contents + text
            return
        }
        lastGoodOffset = ftell(file)
    }

    private var lastGoodOffset = 0

    /// Writes everything spooled to `output`, in chunks cut at character boundaries.
    package func drain(into output: inout some TextOutputStream) {
        if let file {
            fflush(file)
            drainFile(file, into: &output, limit: lastGoodOffset)
        }
        if !memory.isEmpty { output.write(memory) }
    }

    private func drainFile(_ file: UnsafeMutablePointer<FILE>, into output: inout some TextOutputStream, limit: Int) {
        rewind(file)
        var remaining = limit
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        var carry: [UInt8] = []
        while remaining > 0 {
            let got = chunk.withUnsafeMutableBytes { fread($0.baseAddress, 1, min($0.count, remaining), file) }
            if got == 0 { break }
            remaining -= got
            var bytes = carry + chunk[0..<got]
            let cut = Spool.completePrefix(bytes)
            carry = Array(bytes[cut...])
            bytes.removeSubrange(cut...)
            output.write(String(decoding: bytes, as: UTF8.self))
        }
        if !carry.isEmpty { output.write(String(decoding: carry, as: UTF8.self)) }
    }

    /// The length of the longest prefix of `bytes` that does not end inside a UTF-8 sequence.
    static func completePrefix(_ bytes: [UInt8]) -> Int {
        var start = bytes.count
        var continuation = 0
        while start > 0 && continuation < 3 && (bytes[start - 1] & 0xC0) == 0x80 { start -= 1; continuation += 1 }
        guard start > 0 else { return bytes.count }
        let lead = bytes[start - 1]
        let length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1
        return length > 1 && length > bytes.count - (start - 1) ? start - 1 : bytes.count
    }
}
