import Foundation
import Testing

/// The errors about an input as a whole carry their codes, as one line on standard error with
/// the documented exit code (docs/diagnostics.md): batch input (B), pairing in `cxm compare`
/// (M), nothing to combine (C), and a rule folder that cannot be used (R), also as a JSON document.
@Suite struct InputErrorCodeTests {
    static let rules = ["--rules", CLI.packageRoot.appendingPathComponent("\(CLI.fixtures)/rules").path]

    @Test func batchInputAsAWhole() throws {
        let directory = try CLI.temporaryDirectory()
        try Data().write(to: directory.appendingPathComponent("empty.csv"))
        try Data([0xFF, 0xFE] + Array("i\0d\0\n\0".utf8)).write(to: directory.appendingPathComponent("wide.csv"))
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("none"), withIntermediateDirectories: false)
        #expect(try CLI.run(["batch", "empty.csv"] + Self.rules, in: directory) == .init(
            status: 65, stdout: "", stderr: "cxm: error[B0112]: empty.csv is empty; a CSV file of profiles starts with a header row of question ids\n"))
        #expect(try CLI.run(["batch", "wide.csv"] + Self.rules, in: directory) == .init(
            status: 65, stdout: "",
            stderr: "cxm: error[B0111]: wide.csv is in UTF-16; save it as UTF-8 (cxm reads CSV in UTF-8; spreadsheets call it \"CSV UTF-8\")\n"))
        #expect(try CLI.run(["batch", "none"] + Self.rules, in: directory) == .init(
            status: 66, stdout: "", stderr: "cxm: error[B0110]: none holds no .json profile files\n"))
    }

    @Test func compareCannotPair() throws {
        let directory = try CLI.temporaryDirectory()
        try Data("{\"id\": \"A\"}\n{\"id\": \"A\"}\n".utf8).write(to: directory.appendingPathComponent("twice.jsonl"))
        try Data("{\"id\": \"A\"}\n{\"id\": \"B\"}\n".utf8).write(to: directory.appendingPathComponent("before.jsonl"))
        try Data("{\"id\": \"C\"}\n{\"id\": \"D\"}\n".utf8).write(to: directory.appendingPathComponent("after.jsonl"))
        #expect(try CLI.run(["compare", "twice.jsonl", "after.jsonl"] + Self.rules, in: directory) == .init(
            status: 65, stdout: "", stderr: "cxm: error[M0101]: twice.jsonl holds 'A' more than once; give each firm (and segment) once to compare\n"))
        #expect(try CLI.run(["compare", "before.jsonl", "after.jsonl"] + Self.rules, in: directory) == .init(
            status: 65, stdout: "",
            stderr: "cxm: error[M0102]: no profile of before.jsonl has the id (or name and segment) of one in after.jsonl; nothing to compare\n"))
    }

    @Test func combineWithoutProfiles() throws {
        let directory = try CLI.temporaryDirectory()
        try Data("\n".utf8).write(to: directory.appendingPathComponent("empty.jsonl"))
        #expect(try CLI.run(["combine", "empty.jsonl"] + Self.rules, in: directory) == .init(
            status: 65, stdout: "",
            stderr: "cxm: error[C0104]: the input holds no profiles; give the respondents' profile files, a team file, or a file or folder that holds them\n"))
    }

    /// More profiles than compare and combine hold in memory: B0114, before any is assessed.
    @Test func tooManyProfilesToHold() throws {
        let directory = try CLI.temporaryDirectory()
        try Data(String(repeating: "{}\n", count: 10_001).utf8).write(to: directory.appendingPathComponent("all.jsonl"))
        let expected = CLI.Result(status: 65, stdout: "", stderr: "cxm: error[B0114]: all.jsonl holds more than 10,000 profiles, more than cxm holds in memory at once; "
                                  + "split it (cxm batch assesses any number, one at a time)\n")
        #expect(try CLI.run(["combine", "all.jsonl"] + Self.rules, in: directory) == expected)
        #expect(try CLI.run(["compare", "all.jsonl", "all.jsonl"] + Self.rules, in: directory) == expected)
    }

    @Test func aRuleFolderThatCannotBeUsed() throws {
        let directory = try CLI.temporaryDirectory()
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("none"), withIntermediateDirectories: false)
        #expect(try CLI.run(["rules", "check", "none"], in: directory) == .init(
            status: 66, stdout: "", stderr: "cxm: error[R0110]: none holds no .cxm rule files\n"))
        #expect(try CLI.run(["assess", "-", "--rules", "none"], stdin: "{}", in: directory) == .init(
            status: 66, stdout: "", stderr: "cxm: error[R0110]: none holds no .cxm rule files\n"))
        // As JSON, a document that says why, for editors and CI.
        #expect(try CLI.run(["rules", "check", "none", "--format", "json"], in: directory) == .init(status: 66, stdout: """
            {
              "diagnostics" : [
                {
                  "code" : "R0110",
                  "message" : "none holds no .cxm rule files",
                  "notes" : [

                  ],
                  "severity" : "error"
                }
              ],
              "errors" : 1,
              "files" : 0,
              "schemaVersion" : 1,
              "warnings" : 0
            }

            """, stderr: ""))
    }
}
