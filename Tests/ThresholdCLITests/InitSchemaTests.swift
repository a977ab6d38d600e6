import Foundation
import Testing

@Suite("threshold init and threshold schema")
struct InitSchemaTests {
    @Test("schema prints each schema exactly as published in Rules/schemas", arguments: ["profile", "pack"])
    func schema(_ kind: String) throws {
        let result = try CLI.run(["schema", kind])
        #expect(result.status == 0)
        let published = try String(
            contentsOf: CLI.packageRoot.appendingPathComponent("Rules/schemas/\(kind).schema.json"), encoding: .utf8)
        #expect(result.stdout == published)
        #expect(try CLI.run(["schema", "profiles"]).status == 64)
    }

    @Test("init with no file, or '-', prints the template")
    func initToStandardOutput() throws {
        let plain = try CLI.run(["init"]), dash = try CLI.run(["init", "-"])
        #expect(plain.status == 0 && dash.status == 0)
        #expect(plain.stdout == dash.stdout)
        #expect(plain.stdout.contains("training_compute: null"))
    }

    @Test("init writes a template that checks as indeterminate, and never overwrites")
    func initWritesOnce() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("lab.yaml").path
        let first = try CLI.run(["init", file])
        #expect(first.status == 0)
        let written = try String(contentsOfFile: file, encoding: .utf8)
        #expect(written == (try CLI.run(["init"])).stdout)

        let check = try CLI.run([
            "check", file, "--as-of", "2026-11-29", "--pack", "frontier-ai-proposal-2026", "--format", "json",
        ])
        #expect(check.status == 0, "\(check.stderr)")
        #expect(check.stdout.contains("\"applies\": \"indeterminate\""))
        #expect(!check.stdout.contains("\"applies\": \"yes\""))

        try "organization: {name: Mine}\n".write(toFile: file, atomically: true, encoding: .utf8)
        let second = try CLI.run(["init", file])
        #expect(second.status == 73)
        #expect(
            second.stderr.unwrapped.contains("already exists, and init never overwrites a file: nothing was written"))
        #expect(try String(contentsOfFile: file, encoding: .utf8) == "organization: {name: Mine}\n")
    }
}
