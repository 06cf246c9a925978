import Foundation
import Testing

/// No text from a file, a profile, a file name or the keyboard can restyle a terminal or carry
/// a formula into a spreadsheet, and a rule folder shows nothing from outside it (findings 15,
/// 16 and 17), end to end through the binary.
@Suite struct SanitizingTests {
    static let rules = CLI.packageRoot.appendingPathComponent("\(CLI.fixtures)/rules").path

    /// Escape sequences and control characters as an attacker would plant them: clear the screen,
    /// write the clipboard (OSC 52), a hidden link (OSC 8), a C1 CSI, a carriage return, a NUL.
    static let hostile = "Acme\u{1B}[2J\u{1B}]52;c;aGk=\u{07}\u{1B}]8;;http://x\u{1B}\\link\u{1B}]8;;\u{1B}\\\u{9B}31m\rEvil\u{0}"

    /// The control characters in text: C0 but line ends (LF, and CRLF as CSV has them), DEL and C1.
    static func controls(_ text: String) -> [Unicode.Scalar] {
        var scalars = Array(text.unicodeScalars)
        scalars.indices.reversed().filter { scalars[$0] == "\r" && $0 + 1 < scalars.count && scalars[$0 + 1] == "\n" }.forEach { scalars.remove(at: $0) }
        return scalars.filter { ($0.value < 0x20 && $0 != "\n") || (0x7F...0x9F).contains($0.value) }
    }

    static func writeProfile(in directory: URL, name: String = "p.json") throws -> URL {
        let file = directory.appendingPathComponent(name)
        let profile: [String: Any] = ["name": hostile, "segment": hostile, "id": hostile, "rivalry": "agree", "switching_barriers": "disagree",
                                      "cx_as_advantage": "agree", "journeys_end_to_end": "agree", "cx_dashboards": "disagree",
                                      "collective_goals": ["efficiency"]]
        try JSONSerialization.data(withJSONObject: profile).write(to: file)
        return file
    }

    /// Every text output of every command that shows profile data: no control character passes.
    @Test func profileDataNeverReachesATerminalRaw() throws {
        let directory = try CLI.temporaryDirectory()
        let profile = try Self.writeProfile(in: directory).path
        let runs: [[String]] = [
            ["assess", profile], ["assess", profile, "--format", "markdown"], ["assess", profile, "--trace"],
            ["explain", profile, "archetype"], ["whatif", profile, "--value", "archetype"], ["test", profile],
            ["batch", directory.path], ["batch", directory.path, "--format", "csv"],
        ]
        for arguments in runs {
            let result = try CLI.run(arguments + ["--rules", Self.rules])
            #expect(Self.controls(result.stdout).isEmpty && Self.controls(result.stderr).isEmpty, "\(arguments): \(Self.controls(result.stdout + result.stderr))")
            #expect(result.stdout.contains("Acme"), "\(arguments)")
        }
    }

    /// JSON output holds no raw control character: profile data has none left, and what else
    /// has (a file name in the failures of `batch --format json`) is escaped, C1 included.
    @Test func jsonEscapesC1Controls() throws {
        let directory = try CLI.temporaryDirectory()
        let profile = try Self.writeProfile(in: directory).path
        let line = try String(decoding: JSONSerialization.data(withJSONObject: ["id": "x\u{9B}2J\u{85}y", "rivalry": "agree"]), as: UTF8.self)
        for (arguments, stdin) in [(["assess", profile, "--format", "json"], ""), (["batch", "-", "--format", "jsonl"], line + "\n"),
                                   (["batch", "-", "--format", "json"], line + "\n"), (["explain", profile, "--format", "json"], "")] {
            let result = try CLI.run(arguments + ["--rules", Self.rules], stdin: stdin)
            #expect(result.stdout.contains("Acme") || result.stdout.contains("x\u{FFFD}2J\u{FFFD}y"), "\(arguments)")
            #expect(Self.controls(result.stdout).isEmpty, "\(arguments)")
        }
        try Data(#"{"rivalry": "agre"}"#.utf8).write(to: directory.appendingPathComponent("bad\u{9B}1m.json"))
        let failures = try CLI.run(["batch", directory.path, "--format", "json", "--rules", Self.rules])
        #expect(failures.status == 1)
        #expect(failures.stdout.contains(#"bad\u009b1m.json""#) && Self.controls(failures.stdout).isEmpty)
        let document = try JSONSerialization.jsonObject(with: Data(failures.stdout.utf8)) as? [String: Any]
        let failed = try #require((document?["failures"] as? [[String: Any]])?.first)
        #expect(failed["file"] as? String == "\(directory.path)/bad\u{9B}1m.json")
    }

    /// CSV decides on Unicode scalars: a quote or comma with a combining mark after it is still
    /// a quote or a comma to a CSV reader, and `=` with one still starts a formula.
    @Test func csvCellsStayCellsAndFormulasStayText() throws {
        let ids = ["=\u{301}HYPERLINK(\"http://x\",\"y\")", "a,\u{301}b", "q\"\u{301}q", "+\u{301}1", "plain"]
        let lines = try ids.map { id in
            String(decoding: try JSONSerialization.data(withJSONObject: ["id": id, "rivalry": "agree"]), as: UTF8.self)
        }.joined(separator: "\n") + "\n"
        let result = try CLI.run(["batch", "-", "--format", "csv", "--rules", Self.rules], stdin: lines)
        let rows = CSV.records(result.stdout)
        #expect(rows.count == ids.count + 1)
        #expect(rows.allSatisfy { $0.count == rows[0].count }, "\(rows)")
        #expect(rows.dropFirst().map { $0[0] } == ["'=\u{301}HYPERLINK(\"http://x\",\"y\")", "a,\u{301}b", "q\"\u{301}q", "'+\u{301}1", "plain"])
    }

    /// File names become ids and paths in messages: without control characters either.
    @Test func fileNamesAreShownWithoutControlCharacters() throws {
        let directory = try CLI.temporaryDirectory()
        let name = "evil\u{1B}[2J\u{9B}1m.json"
        try Data(#"{"rivalry": "agree"}"#.utf8).write(to: directory.appendingPathComponent(name))
        try Data(#"{"rivalry": "agre"}"#.utf8).write(to: directory.appendingPathComponent("bad\u{1B}[31m.json"))
        for format in ["table", "csv"] {
            let result = try CLI.run(["batch", directory.path, "--format", format, "--rules", Self.rules])
            #expect(result.status == 1)
            #expect(Self.controls(result.stdout).isEmpty && Self.controls(result.stderr).isEmpty, "\(format)")
        }
        let test = try CLI.run(["test", directory.path, "--rules", Self.rules])
        #expect(Self.controls(test.stdout).isEmpty && Self.controls(test.stderr).isEmpty)
    }

    /// Rule files are text for terminals too: a string with control characters or invalid UTF-8
    /// is an error at its position, and nothing of it is printed raw.
    @Test func ruleStringsCannotHoldControlCharacters() throws {
        let folder = try Self.copyOfRules()
        let scales = folder.appendingPathComponent("scales.cxm")
        var text = try Data(contentsOf: scales)
        let label = Data(#""Strongly disagree""#.utf8)
        text.replaceSubrange(text.range(of: label)!, with: Data("\"Strongly\u{1B}[2J \u{9B}dis\u{0}agree\r".utf8) + Data([0xFF, 0x22]))
        try text.write(to: scales)
        let check = try CLI.run(["rules", "check", folder.path])
        #expect(check.status == 1)
        #expect(check.stderr.hasPrefix("\(folder.path)/scales.cxm:3:45: error[L0107]: a string cannot hold control characters or bytes that are not UTF-8; remove them, or write \\n or \\t\n"))
        #expect(Self.controls(check.stderr).isEmpty)
        for arguments in [["questions"], ["assess", "-"], ["ask", "--output", "\(folder.path)/p.json"]] {
            let result = try CLI.run(arguments + ["--rules", folder.path], stdin: "{}")
            #expect(result.status == 65, "\(arguments)")
            #expect(Self.controls(result.stdout + result.stderr).isEmpty, "\(arguments)")
        }
    }

    /// A link in a rule folder to a file outside it is refused, and no line of that file is shown.
    @Test func aRuleFolderShowsNothingFromOutsideIt() throws {
        let folder = try Self.copyOfRules()
        let outside = try CLI.temporaryDirectory().appendingPathComponent("secret.txt")
        try Data("root:x:0:0:root:/root:/bin/bash\n".utf8).write(to: outside)
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("zz.cxm").path, withDestinationPath: outside.path)
        let check = try CLI.run(["rules", "check", folder.path])
        #expect(check.status == 1)
        #expect(check.stderr == "error[R0102]: \(folder.path)/zz.cxm is a link to a file outside \(folder.path); a rule folder must hold its rule files itself, so copy the file in\n")
        let assess = try CLI.run(["assess", "-", "--rules", folder.path], stdin: "{}")
        #expect(assess.status == 65 && !assess.stderr.contains("root:"))
        // A link that stays inside the folder is read as the file it points to.
        try FileManager.default.removeItem(at: folder.appendingPathComponent("zz.cxm"))
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("shared"), withIntermediateDirectories: false)
        try FileManager.default.moveItem(at: folder.appendingPathComponent("sources.cxm"), to: folder.appendingPathComponent("shared/sources.txt"))
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("sources.cxm").path, withDestinationPath: "shared/sources.txt")
        #expect(try CLI.run(["rules", "check", folder.path]).status == 0)
    }

    /// `cxm ask` echoes what it reads without its control characters.
    @Test func askEchoesNoControlCharacters() throws {
        let directory = try CLI.temporaryDirectory()
        let result = try CLI.run(["ask", "--output", "p.json", "--rules", Self.rules], stdin: "\(Self.hostile)\n1\u{1B}[2J\n", in: directory)
        #expect(result.status == 65)
        #expect(Self.controls(result.stdout).isEmpty && Self.controls(result.stderr).isEmpty)
        let saved = try JSONSerialization.jsonObject(with: Data(contentsOf: directory.appendingPathComponent("p.json"))) as? [String: Any]
        let name = try #require(saved?["name"] as? String)
        #expect(name.hasPrefix("Acme\u{FFFD}[2J") && Self.controls(name).isEmpty)
    }

    /// A fresh copy of the fixture rules.
    static func copyOfRules() throws -> URL {
        let directory = try CLI.temporaryDirectory()
        let source = URL(fileURLWithPath: rules)
        for name in try FileManager.default.contentsOfDirectory(atPath: source.path) {
            try FileManager.default.copyItem(at: source.appendingPathComponent(name), to: directory.appendingPathComponent(name))
        }
        return directory
    }
}

/// A plain RFC 4180 reader, written from the RFC, to read back what cxm writes as a spreadsheet
/// would: fields separated by commas, records by CRLF, quoted fields with doubled quotes.
/// Decides on Unicode scalars, as CSV is bytes to a reader.
enum CSV {
    static func records(_ text: String) -> [[String]] {
        var records: [[String]] = []
        var record: [String] = []
        var field = String.UnicodeScalarView()
        var quoted = false
        var scalars = Array(text.unicodeScalars)[...]
        while let scalar = scalars.popFirst() {
            if quoted {
                if scalar == "\"" {
                    if scalars.first == "\"" { field.append(scalars.removeFirst()) } else { quoted = false }
                } else {
                    field.append(scalar)
                }
            } else if scalar == "\"" && field.isEmpty {
                quoted = true
            } else if scalar == "," {
                record.append(String(field))
                field = String.UnicodeScalarView()
            } else if scalar == "\r" && scalars.first == "\n" {
                scalars.removeFirst()
                record.append(String(field))
                records.append(record)
                record = []
                field = String.UnicodeScalarView()
            } else {
                field.append(scalar)
            }
        }
        if !field.isEmpty || !record.isEmpty { records.append(record + [String(field)]) }
        return records
    }
}
