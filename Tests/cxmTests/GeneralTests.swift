import Testing

/// Help, version, and mistakes in how `cxm` is called.
@Suite struct GeneralTests {
    @Test func version() throws {
        #expect(try CLI.run(["--version"]) == .init(status: 0, stdout: "cxm 0.1.0\n", stderr: ""))
    }

    @Test func overviewWithoutArguments() throws {
        let result = try CLI.run([])
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("cxm 0.1.0: a rule-based CXM strategy advisor for B2B firms.\n"))
        #expect(try CLI.run(["--help"]) == result)
    }

    /// Every command has help with its usage, examples and exit codes, within 80 columns.
    @Test(arguments: [["ask"], ["assess"], ["explain"], ["whatif"], ["batch"], ["combine"], ["compare"], ["test"], ["questions"], ["rules", "check"],
                      ["rules"], ["assess", "x.json", "-h"]])
    func helpOnEveryCommand(arguments: [String]) throws {
        let result = try CLI.run(arguments + (arguments.contains("-h") ? [] : ["--help"]))
        #expect(result.status == 0)
        #expect(result.stdout.contains("Usage: cxm \(arguments[0])"))
        #expect(result.stdout.contains("Examples:"))
        #expect(result.stdout.contains("Exit codes:"))
        #expect(result.stdout.split(separator: "\n").allSatisfy { $0.count <= 80 }, "\(arguments)")
        #expect(result.stderr.isEmpty)
    }

    @Test func overviewFitsIn80Columns() throws {
        #expect(try CLI.run(["--help"]).stdout.split(separator: "\n").allSatisfy { $0.count <= 80 })
    }

    @Test(arguments: [
        (["asess", "x.json"], "cxm: error: unknown command 'asess'; did you mean 'assess'?\nRun 'cxm --help' for the commands.\n"),
        (["rules"], "cxm: error: 'cxm rules' needs a subcommand: rules check\nRun 'cxm --help' for the commands.\n"),
        (["assess"], "cxm: error: give the profile to assess (a JSON file, or - for standard input)\nRun 'cxm assess --help' for usage.\n"),
        (["assess", "a.json", "b.json"], "cxm: error: give one profile at a time\nRun 'cxm assess --help' for usage.\n"),
        (["assess", "a.json", "--formt", "json"], "cxm: error: unknown option '--formt'; did you mean '--format'?\nRun 'cxm assess --help' for usage.\n"),
        (["assess", "a.json", "--format", "yaml"], "cxm: error: --format must be one of text, markdown, json, html, not 'yaml'\nRun 'cxm assess --help' for usage.\n"),
        (["assess", "a.json", "--trace", "--trace"], "cxm: error: --trace is given twice; give it once\nRun 'cxm assess --help' for usage.\n"),
        (["assess", "a.json", "--format"], "cxm: error: --format needs a value\nRun 'cxm assess --help' for usage.\n"),
        (["rules", "check", "a", "b"], "cxm: error: give at most one rule folder\nRun 'cxm rules check --help' for usage.\n"),
    ])
    func usageErrorsExitWith64(arguments: [String], message: String) throws {
        #expect(try CLI.run(arguments) == .init(status: 64, stdout: "", stderr: message))
    }

    @Test func missingFilesExitWith66() throws {
        #expect(try CLI.run(["assess", "no-such.json"]) == .init(status: 66, stdout: "", stderr: "cxm: error: no such file: no-such.json\n"))
        #expect(try CLI.run(["assess", "scenarios"]) == .init(status: 66, stdout: "", stderr: "cxm: error: scenarios is a folder; give a profile file\n"))
        #expect(try CLI.run(["rules", "check", "no-such-dir"]) == .init(status: 66, stdout: "", stderr: "cxm: error[R0107]: no such folder: no-such-dir\n"))
        #expect(try CLI.run(["assess", "-", "--rules", "no-such-dir"], stdin: "{}") == .init(status: 66, stdout: "", stderr: "cxm: error[R0107]: no such folder: no-such-dir\n"))
    }
}
