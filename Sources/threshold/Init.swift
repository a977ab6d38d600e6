import ArgumentParser
import ThresholdKit
import ThresholdPlatform

/// `threshold init [FILE]`: writes the commented profile template, never over an existing file.
struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Write a commented lab profile template to fill in.",
        discussion: """
            The template lists every profile key with comments on units, estimates and unknown facts. \
            It never overwrites: when FILE exists, nothing is written and the exit code is 73. With no \
            FILE, or '-', the template goes to standard output.

            Examples:
              threshold init lab.yaml
              threshold init > lab.yaml

            \(ExitStatus.table("  0   the template was written", ExitStatus.usage,
                         "  73  FILE exists (it is never overwritten) or cannot be created\n      (EX_CANTCREAT)"))
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
                Console.message(
                    "threshold init: \(file.escapedForTerminal()) already exists, and init never overwrites a file: "
                        + "nothing was written (choose another name, or remove it first)"
                )
            } else {
                Console.message(
                    "threshold init: cannot create \(file.escapedForTerminal()): "
                        + "\(String(cString: strerror(code)).lowercased())"
                )
            }
            throw ExitCode.cannotCreate
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
            Console.message(
                "threshold init: cannot write \(file.escapedForTerminal()): "
                    + "\(String(cString: strerror(code)).lowercased())"
            )
            throw ExitCode.cannotCreate
        }
        Console.message(
            "threshold init: wrote \(file.escapedForTerminal()); fill it in, then run: threshold check "
                + "\(file.escapedForTerminal())"
        )
    }
}
