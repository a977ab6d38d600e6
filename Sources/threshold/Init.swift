import ArgumentParser
import ThresholdKit
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `threshold init [FILE]`: writes the commented profile template, never over an existing file.
struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a commented lab profile template to fill in.",
        discussion: """
        The template lists every profile key with comments on units, estimates and unknown facts. \
        It never overwrites: when FILE exists, nothing is written and the exit status is 2. With no \
        FILE, or '-', the template goes to standard output.
        """)

    @Argument(help: ArgumentHelp("The profile to create; '-' or nothing prints the template.", valueName: "file"))
    var file: String?

    func run() throws {
        guard let file, file != "-" else {
            Console.out(ProfileTemplate.text)
            return
        }
        // O_EXCL: refuse atomically if anything (a file, a symlink, even a dangling one) has the name.
        let fd = open(file, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        if fd < 0 {
            let code = errno
            if code == EEXIST {
                Console.error("threshold init: \(file) already exists; it was left as it is (choose another name, or remove it first)")
            } else {
                Console.error("threshold init: cannot create \(file): \(String(cString: strerror(code)))")
            }
            throw ExitCode(2)
        }
        var text = ProfileTemplate.text
        let failure: Int32? = text.withUTF8 { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return errno
                }
                offset += written
            }
            return nil
        }
        let closed = close(fd)
        if let code = failure ?? (closed != 0 ? errno : nil) {
            unlink(file)  // the half-written file is ours: O_EXCL created it
            Console.error("threshold init: cannot write \(file): \(String(cString: strerror(code)))")
            throw ExitCode(2)
        }
        Console.error("threshold init: wrote \(file); fill it in, then run: threshold check \(file)")
    }
}
