import Foundation
import Testing

/// `cxm batch`, end to end on the fixture rule base: exact output and exit codes.
@Suite struct BatchTests {
    static let rules = ["--rules", "\(CLI.fixtures)/rules"]
    static let inputs = "\(CLI.fixtures)/batch"
    /// The CSV fields that say what an empty profile's values can still be.
    static let unanswered = "collective_goals;rivalry;switching_barriers;cx_as_advantage;journeys_end_to_end;cx_dashboards,"
        + "relieving;enabling;enriching,1..5,champion;cherry_picker;minimalist;fashionista,champion;cherry_picker;minimalist;fashionista"

    @Test func aFolderAsATable() throws {
        let result = try CLI.run(["batch", "\(Self.inputs)/profiles"] + Self.rules)
        #expect(result.status == 1)
        #expect(result.stdout == """
            Profile               1                  2  3               4               R  W
            --------------------  -------------  -----  --------------  --------------  -  -
            acme                  Relieving          4  Cherry Picker   Cherry Picker   1  0
            Bolt Fasteners        Relieving +2       5  Champion        Champion        1  0
            d-unnamed.json        none*              2  Fashionista     Fashionista     0  1

            1   Value propositions that fit your customers' goals ("CX" left out)
            2   CXM impact (1 to 5)
            3   CXM archetype today ("CXM" left out)
            4   CXM archetype to aim for ("CXM" left out)
            R   recommendations that apply
            W   warnings that apply
            *   could change with answers not given yet (--format csv names them)
            …   cut short to fit: --format csv has every value whole
            +N  N more items, not shown

            4 profiles: 3 assessed, 1 failed

            Value propositions that fit your customers' goals (rows with each)
              Relieving CX  2   67%
              Enabling CX   1   33%
              Enriching CX  1   33%
              none          1   33%

            CXM impact (1 to 5)
              mean 3.67 (3 known values)

            CXM archetype today
              CXM Champion       1   33%
              CXM Cherry Picker  1   33%
              CXM Minimalist     0    0%
              CXM Fashionista    1   33%

            CXM archetype to aim for
              CXM Champion       1   33%
              CXM Cherry Picker  1   33%
              CXM Minimalist     0    0%
              CXM Fashionista    1   33%

            """)
        #expect(result.stderr == """
            \(Self.inputs)/profiles/c-broken.json:1:22: error[P0104]: unknown question 'rivalyr'; did you mean 'rivalry'?
             1 | {"name": "Crane Co", "rivalyr": "agree"}
               |                      ^~~~~~~~~

            """)
    }

    /// When every record fails, the failures and the summary are shown, not an empty table.
    @Test func aBatchInWhichEveryRecordFailsPrintsNoEmptyTable() throws {
        let result = try CLI.run(["batch", "-"] + Self.rules, stdin: "{\"rivalry\": \"x\"}\n{\"rivalry\": \"y\"}\n")
        #expect(result.status == 1)
        #expect(result.stdout == "2 profiles: 0 assessed, 2 failed\n")
        #expect(result.stderr.components(separatedBy: ": error[P0207]: ").count - 1 == 2)
    }

    @Test func theScenariosTableFitsEightyColumnsWithALinePerProfile() throws {
        let result = try CLI.run(["batch", "scenarios/"])
        #expect(result.status == 0)
        let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.filter { $0.count > 80 }.isEmpty)
        // The titles, the rule, then a line per profile until the blank line before the legend.
        #expect(lines.firstIndex(of: "") == 2 + (try CLI.scenarioCount()))
        // A long id is cut in the middle, so that segments of one firm stay apart; a value cut
        // short keeps its mark: the label is cut, not the '*'.
        #expect(lines.contains("Air Pro…rs)  Relieving          4  2.22*  Cherry Pick…*  Cherry Pick…*    7    0"))
        #expect(lines.contains("Air Pro…t))  Relieving +2       4   2.44  Cherry Picker  Champion*       13    1"))
        #expect(lines.contains("Champio…ion  ?                4.5   4.56  Champion       Champion         6    0"))
        #expect(lines.contains("Hydra Pumps  Relieving +1      3*   2.23  Minimalist*    Minimalist*     18    7"))
    }

    /// On a terminal wider than 80 columns, the table takes its width, so that the ids and labels
    /// cut to fit 80 columns show whole, or nearly (through util-linux's `script`, which gives
    /// cxm a terminal as wide as `stty` sets it). Into a pipe or a file, it stays 80 wide.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/script")))
    func onAWideTerminalTheTableTakesItsWidth() throws {
        #if os(Linux)
        let result = try CLI.shell(#"script -qec 'stty cols 132 rows 40; "$CXM" batch scenarios/' /dev/null"#)
        #expect(result.status == 0)
        let lines = result.stdout.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.filter { $0.count > 132 }.isEmpty)
        #expect(lines.first == "Profile                                   1                                    2      3  4               5                 R    W")
        #expect(lines.contains("Air Products (Small and me…ed customers)  Relieving                            4  2.22*  Cherry Picker*  Cherry Picker*    7    0"))
        #expect(lines.contains("Champion, clear-cut, stays Champion       ?                                  4.5   4.56  Champion        Champion          6    0"))
        let ids = lines.dropFirst(2).prefix(try CLI.scenarioCount()).map { $0.prefix(40) }
        #expect(Set(ids).count == ids.count, "every profile's id stays apart")
        #endif
    }

    @Test func aFileThatCannotBeReadIsNamedAndTheBatchGoesOn() throws {
        let folder = try CLI.temporaryDirectory()
        let profile = try Data(contentsOf: CLI.packageRoot.appendingPathComponent("\(Self.inputs)/profiles/a-acme.json"))
        try profile.write(to: folder.appendingPathComponent("a.json"))
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("b.json").path, withDestinationPath: "nowhere")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("c.json"), withIntermediateDirectories: false)
        let locked = folder.appendingPathComponent("d.json")
        try profile.write(to: locked)
        try FileManager.default.setAttributes([.posixPermissions: 0], ofItemAtPath: locked.path)
        let result = try CLI.run(["batch", folder.path, "--format", "csv"] + Self.rules)
        #expect(result.status == 1)
        // A folder named like a profile is no profile: skipped, with a warning, not a failure.
        var errors = """
            warning[B0101]: \(folder.path)/c.json is a folder, not a profile file; skipped
            error[B0102]: cannot read \(folder.path)/b.json: No such file or directory

            """
        // Permissions do not keep root from reading a file.
        if geteuid() != 0 { errors += "error[B0102]: cannot read \(folder.path)/d.json: Permission denied\n" }
        #expect(result.stderr.hasPrefix(errors + "\n3 profiles: "))
        if geteuid() != 0 {
            try FileManager.default.setAttributes([.posixPermissions: 0o300], ofItemAtPath: folder.path)
            let closed = try CLI.run(["batch", folder.path] + Self.rules)
            #expect(closed == .init(status: 66, stdout: "", stderr: "cxm: error: cannot read \(folder.path): Permission denied\n"))
        }
    }

    @Test func jsonLinesWithBadLinesGoOnAndNameTheLines() throws {
        let result = try CLI.run(["batch", "\(Self.inputs)/firms.jsonl", "--format", "jsonl"] + Self.rules)
        #expect(result.status == 1)
        #expect(result.stdout == """
            {"id":"acme","value_propositions":["relieving"],"impact_score":4,"archetype":"cherry_picker","target_archetype":"cherry_picker","recommendations":1,"warnings":0,"missingAnswers":[],"candidates":{}}
            {"id":"Dyson Ltd","value_propositions":["enriching"],"impact_score":2,"archetype":"fashionista","target_archetype":"fashionista","recommendations":1,"warnings":1,"missingAnswers":[],"candidates":{}}
            {"id":"line 6","value_propositions":[],"impact_score":null,"archetype":null,"target_archetype":null,"recommendations":0,"warnings":0,"missingAnswers":["collective_goals","switching_barriers","cx_as_advantage","journeys_end_to_end","cx_dashboards"],"candidates":{"value_propositions":{"surely":[],"perhaps":["relieving","enabling","enriching"]},"impact_score":[2,4.67],"archetype":["champion","cherry_picker","minimalist","fashionista"],"target_archetype":["champion","cherry_picker","minimalist"]}}

            """)
        #expect(result.stderr == """
            \(Self.inputs)/firms.jsonl:3:27: error[P0207]: 'rivalry': 'agre' is not an option of 'agreement'; did you mean 'agree'?
             3 | {"id": "bolt", "rivalry": "agre", "switching_barriers": "disagree"}
               |                           ^~~~~~
            note: the options of 'agreement' are strongly_disagree ("Strongly disagree"), disagree ("Disagree"), neutral ("Neither agree nor disagree"), agree ("Agree"), strongly_agree ("Strongly agree") (or their positions, 1 to 5)
            \(Self.inputs)/firms.jsonl:4:55: error[J0107]: expected a key in double quotes
             4 | {"id": "crane", "rivalry": 4, "switching_barriers": 2,
               |                                                       ^

            5 profiles: 3 assessed, 2 failed

            Value propositions that fit your customers' goals (rows with each)
              Relieving CX  1   33%
              Enabling CX   0    0%
              Enriching CX  1   33%
              none          1   33%

            CXM impact (1 to 5)
              mean 3 (2 known values, 1 unknown)

            CXM archetype today
              CXM Champion       0    0%
              CXM Cherry Picker  1   33%
              CXM Minimalist     0    0%
              CXM Fashionista    1   33%
              unknown            1   33%

            CXM archetype to aim for
              CXM Champion       0    0%
              CXM Cherry Picker  1   33%
              CXM Minimalist     0    0%
              CXM Fashionista    1   33%
              unknown            1   33%

            """)
    }

    @Test func aRecordTooLongToBeAProfileFailsAndTheBatchGoesOn() throws {
        let directory = try CLI.temporaryDirectory()
        let long = String(repeating: "x", count: 2 << 20)
        let jsonl = directory.appendingPathComponent("long.jsonl")
        try Data("{\"id\": \"\(long)\"}\n{\"id\": \"after\"}\n".utf8).write(to: jsonl)
        let lines = try CLI.run(["batch", jsonl.path, "--format", "csv"] + Self.rules)
        #expect(lines.status == 1)
        #expect(lines.stdout.hasSuffix("\r\nafter,,,,,0,0,\(Self.unanswered)\r\n"))
        #expect(lines.stderr.hasPrefix("""
            \(jsonl.path):1:1: error[B0103]: the line is 2 MiB long, more than the 1 MiB a profile may take
             1 | {"id": "\(long.prefix(92))…
               | ^

            2 profiles: 1 assessed, 1 failed

            """))
        let csv = directory.appendingPathComponent("long.csv")
        try Data("id,rivalry\nlong,\(long)\nafter,agree\n".utf8).write(to: csv)
        let rows = try CLI.run(["batch", csv.path, "--format", "csv"] + Self.rules)
        #expect(rows.status == 1)
        #expect(rows.stdout.hasSuffix("\r\nafter,,,,,0,0,collective_goals;switching_barriers;cx_as_advantage;journeys_end_to_end;cx_dashboards,"
                                      + "relieving;enabling;enriching,2..4.67,champion;cherry_picker;minimalist;fashionista,champion;cherry_picker;minimalist\r\n"))
        #expect(rows.stderr.hasPrefix("\(csv.path):2:1: error[B0103]: the record is 2 MiB long, more than the 1 MiB a profile may take\n"))
    }

    @Test func csvWithLabelsQuotesAndBadRows() throws {
        let result = try CLI.run(["batch", "\(Self.inputs)/survey.csv", "--format", "csv"] + Self.rules)
        #expect(result.status == 1)
        #expect(result.stdout == [
            "id,value_propositions,impact_score,archetype,target_archetype,recommendations,warnings,missing_answers,value_propositions_candidates,impact_score_candidates,archetype_candidates,target_archetype_candidates",
            "acme,relieving,4,cherry_picker,cherry_picker,1,0,,,,,",
            "bolt,relieving;enabling;enriching,5,champion,champion,1,0,,,,,",
            "Eiffel,enriching,2,fashionista,fashionista,1,1,,,,,",
        ].map { $0 + "\r\n" }.joined())
        #expect(result.stderr.hasPrefix("""
            \(Self.inputs)/survey.csv:5:16: error[P0207]: 'rivalry': 'agre' is not an option of 'agreement'; did you mean 'agree'?
             5 | crane,Crane Co,agre,disagree,agree,disagree,disagree,
               |                ^~~~
            note: the options of 'agreement' are strongly_disagree ("Strongly disagree"), disagree ("Disagree"), neutral ("Neither agree nor disagree"), agree ("Agree"), strongly_agree ("Strongly agree") (or their positions, 1 to 5)
            \(Self.inputs)/survey.csv:6:31: error[B0108]: the row has 4 fields, but the header has 8 columns
             6 | dyson,Dyson Ltd,disagree,agree
               |                               ^

            5 profiles: 3 assessed, 2 failed

            Value propositions that fit your customers' goals (rows with each)
              Relieving CX  2   67%
              Enabling CX   1   33%
              Enriching CX  2   67%

            """))
    }

    @Test func aJSONDocumentWithRowsSummaryAndFailures() throws {
        let result = try CLI.run(["batch", "\(Self.inputs)/firms.jsonl", "--format", "json"] + Self.rules)
        #expect(result.status == 1)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(document["schemaVersion"] as? Int == 2)
        let rows = try #require(document["rows"] as? [[String: Any]])
        #expect(rows.map { $0["id"] as? String } == ["acme", "Dyson Ltd", "line 6"])
        #expect(rows[0]["archetype"] as? String == "cherry_picker")
        #expect(rows[0]["value_propositions"] as? [String] == ["relieving"])
        #expect(rows[2]["impact_score"] is NSNull)
        #expect(rows[0]["missingAnswers"] as? [String] == [] && (rows[0]["candidates"] as? [String: Any])?.isEmpty == true)
        #expect((rows[2]["candidates"] as? [String: Any])?["impact_score"] as? [Double] == [2, 4.67])
        let summary = try #require(document["summary"] as? [String: Any])
        #expect(summary["records"] as? Int == 5 && summary["assessed"] as? Int == 3 && summary["failed"] as? Int == 2)
        let failures = try #require(document["failures"] as? [[String: Any]])
        #expect(failures.map { $0["line"] as? Int } == [3, 4])
        let error = try #require((failures[1]["errors"] as? [[String: Any]])?.first)
        #expect(error["line"] as? Int == 4 && error["column"] as? Int == 55)
        #expect(error["message"] as? String == "expected a key in double quotes")
        // The summary goes in the document; only the errors go to standard error.
        #expect(result.stderr.hasSuffix("   |                                                       ^\n"))
    }

    @Test func standardInputIsJSONLines() throws {
        let input = #"{"rivalry": "agree", "switching_barriers": "agree", "cx_as_advantage": "agree"}"# + "\n\n" + #"{"id": "b"}"#
        let result = try CLI.run(["batch", "-", "--format", "csv"] + Self.rules, stdin: input)
        #expect(result.status == 0)
        #expect(result.stdout == "id,value_propositions,impact_score,archetype,target_archetype,recommendations,warnings,missing_answers,value_propositions_candidates,impact_score_candidates,archetype_candidates,target_archetype_candidates\r\n"
            + "line 1,,3.33,,,0,0,collective_goals;journeys_end_to_end;cx_dashboards,relieving;enabling;enriching,,champion;cherry_picker,champion;cherry_picker\r\n"
            + "b,,,,,0,0,collective_goals;rivalry;switching_barriers;cx_as_advantage;journeys_end_to_end;cx_dashboards,relieving;enabling;enriching,1..5,"
            + "champion;cherry_picker;minimalist;fashionista,champion;cherry_picker;minimalist;fashionista\r\n")
        #expect(result.stderr.hasPrefix("2 profiles: 2 assessed, 0 failed\n"))
    }

    @Test func standardInputIsCSVWhenSaid() throws {
        let survey = try String(contentsOfFile: CLI.packageRoot.appendingPathComponent("\(Self.inputs)/survey.csv").path, encoding: .utf8)
        let file = try CLI.run(["batch", "\(Self.inputs)/survey.csv", "--format", "jsonl"] + Self.rules)
        let piped = try CLI.run(["batch", "-", "--input-format", "csv", "--format", "jsonl"] + Self.rules, stdin: survey)
        #expect(piped.status == 1)
        #expect(piped.stdout == file.stdout)
        #expect(piped.stderr == file.stderr.replacingOccurrences(of: "\(Self.inputs)/survey.csv", with: "<stdin>"))
        // Read as JSON Lines, every line fails, and the first one says how to read CSV.
        let unsaid = try CLI.run(["batch", "-", "--format", "jsonl"] + Self.rules, stdin: survey)
        #expect(unsaid.status == 1)
        #expect(unsaid.stderr.hasPrefix("""
            <stdin>:1:1: error[B0104]: a profile must be a JSON object of question ids and answers, starting with '{'
             1 | id,name,rivalry,switching_barriers,cx_as_advantage,journeys_end_to_end,cx_dashboards,collective_goal…
               | ^
            note: <stdin> is read as JSON Lines, one JSON object per line; if it is CSV, add --input-format csv
            <stdin>:2:1: error[B0104]: a profile must be a JSON object of question ids and answers, starting with '{'

            """))
        #expect(unsaid.stderr.components(separatedBy: "note: <stdin> is read as JSON Lines").count == 2)
    }

    @Test func aCSVFileWithSemicolonsIsReadAsSuch() throws {
        let directory = try CLI.temporaryDirectory()
        let csv = directory.appendingPathComponent("survey.csv")
        try Data("""
            id;name;rivalry;switching_barriers;cx_as_advantage;journeys_end_to_end;cx_dashboards;collective_goals\r
            acme;"Acme; Inc.";Agree;Disagree;agree;Disagree;disagree;Efficiency\r
            bolt;Bolt, Fasteners;Strongly agree;strongly disagree;5;4;5;"efficiency; differentiation; association"\r
            crane;Crane Co;agree;disagree\r

            """.utf8).write(to: csv)
        let result = try CLI.run(["batch", csv.path, "--format", "csv"] + Self.rules)
        #expect(result.status == 1)
        #expect(result.stdout == [
            "id,value_propositions,impact_score,archetype,target_archetype,recommendations,warnings,missing_answers,value_propositions_candidates,impact_score_candidates,archetype_candidates,target_archetype_candidates",
            "acme,relieving,4,cherry_picker,cherry_picker,1,0,,,,,",
            "bolt,relieving;enabling;enriching,5,champion,champion,1,0,,,,,",
        ].map { $0 + "\r\n" }.joined())
        #expect(result.stderr.hasPrefix("\(csv.path):4:30: error[B0108]: the row has 4 fields, but the header has 8 columns\n"))
    }

    @Test func outputGoesToAFileOnlyWhenComplete() throws {
        let directory = try CLI.temporaryDirectory()
        let path = directory.appendingPathComponent("rows.jsonl").path
        let result = try CLI.run(["batch", "\(Self.inputs)/profiles", "--format", "jsonl", "--output", path] + Self.rules)
        #expect(result.status == 1)
        #expect(result.stdout == "")
        #expect(result.stderr.hasSuffix("Wrote 3 rows to \(path).\n"))
        let written = try String(contentsOfFile: path, encoding: .utf8)
        #expect(written == (try CLI.run(["batch", "\(Self.inputs)/profiles", "--format", "jsonl"] + Self.rules)).stdout)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["rows.jsonl"])
        // A batch that cannot start leaves the file as it was.
        let csv = directory.appendingPathComponent("bad.csv")
        try Data("id,rivalyr\n1,agree\n".utf8).write(to: csv)
        let failed = try CLI.run(["batch", csv.path, "--output", path] + Self.rules)
        #expect(failed.status == 65)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == written)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted() == ["bad.csv", "rows.jsonl"])
    }

    @Test func anUnknownCSVColumnStopsTheBatchBeforeAnyRow() throws {
        let directory = try CLI.temporaryDirectory()
        let csv = directory.appendingPathComponent("survey.csv")
        try Data("id,rivalyr,Name,rivalry\n1,agree,x,agree\n".utf8).write(to: csv)
        let result = try CLI.run(["batch", csv.path] + Self.rules)
        #expect(result == .init(status: 65, stdout: "", stderr: """
            \(csv.path):1:4: error[P0104]: unknown question 'rivalyr'; did you mean 'rivalry'?
             1 | id,rivalyr,Name,rivalry
               |    ^~~~~~~
            \(csv.path):1:12: error[P0104]: unknown question 'Name'; did you mean 'name'?
             1 | id,rivalyr,Name,rivalry
               |            ^~~~
            cxm: error: the header row of \(csv.path) has 2 problems; fix it and try again (a misspelt column would lose its answers)

            """))
    }

    @Test func errorsAreCappedButAllCounted() throws {
        let input = String(repeating: "{\"rivalry\": \"maybe\"}\n", count: 25) + "{}\n"
        let result = try CLI.run(["batch", "-", "--format", "jsonl"] + Self.rules, stdin: input)
        #expect(result.status == 1)
        #expect(result.stdout == #"{"id":"line 26","value_propositions":[],"impact_score":null,"archetype":null,"target_archetype":null,"recommendations":0,"warnings":0,"#
                + #""missingAnswers":["collective_goals","rivalry","switching_barriers","cx_as_advantage","journeys_end_to_end","cx_dashboards"],"#
                + #""candidates":{"value_propositions":{"surely":[],"perhaps":["relieving","enabling","enriching"]},"impact_score":[1,5],"#
                + #""archetype":["champion","cherry_picker","minimalist","fashionista"],"target_archetype":["champion","cherry_picker","minimalist","fashionista"]}}"# + "\n")
        #expect(result.stderr.components(separatedBy: ": error[P0207]: ").count - 1 == 20)
        #expect(result.stderr.contains("<stdin>:20:13: error[P0207]: 'rivalry': 'maybe' is not an option of 'agreement'"))
        #expect(result.stderr.contains("\n… and 5 more records that failed (not shown)\n\n26 profiles: 1 assessed, 25 failed\n"))
    }

    @Test(arguments: [
        (["batch"], 64, "cxm: error: give the profiles to assess: a folder, a .jsonl or .csv file, or - for standard input\nRun 'cxm batch --help' for usage.\n"),
        (["batch", "nowhere.csv"], 66, "cxm: error: no such file or folder: nowhere.csv\n"),
        (["batch", "Tests/cxmTests/Fixtures/profiles/air-products.json"], 64,
         "cxm: error: cannot tell what Tests/cxmTests/Fixtures/profiles/air-products.json holds: give a folder of .json profiles, a JSON Lines file (.jsonl, .ndjson) or a CSV file (.csv), or say which it is with --input-format; for one profile, use 'cxm assess Tests/cxmTests/Fixtures/profiles/air-products.json'\nRun 'cxm batch --help' for usage.\n"),
        (["batch", "Tests/cxmTests/Fixtures/batch/profiles", "--input-format", "csv"], 64,
         "cxm: error: an input format is for a file or standard input; the profiles of a folder such as Tests/cxmTests/Fixtures/batch/profiles are its .json files\nRun 'cxm batch --help' for usage.\n"),
        (["batch", "-", "--input-format", "tsv"], 64, "cxm: error: --input-format must be one of csv, jsonl, not 'tsv'\nRun 'cxm batch --help' for usage.\n"),
        (["batch", "-", "--format", "yaml"], 64, "cxm: error: --format must be one of table, csv, jsonl, json, html, not 'yaml'\nRun 'cxm batch --help' for usage.\n"),
        (["batch", "-", "--output", "/nonexistent/folder/rows.csv"], 73, "cxm: error: cannot write /nonexistent/folder/rows.csv: there is no folder /nonexistent/folder\n"),
    ])
    func unusableCallsExitWithTheirCode(arguments: [String], status: Int32, message: String) throws {
        #expect(try CLI.run(arguments + Self.rules) == .init(status: status, stdout: "", stderr: message))
    }

    @Test func helpFitsEightyColumnsAndEndsWithTheExitCodes() throws {
        let result = try CLI.run(["batch", "--help"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("Usage: cxm batch INPUT [--format FORMAT] [--input-format csv|jsonl]\n"))
        #expect(result.stdout.contains("  cxm batch scenarios/\n"))
        let wide = result.stdout.split(separator: "\n").filter { $0.count > 80 }.map(String.init)
        #expect(wide.isEmpty, "lines over 80 columns: \(wide)")
        #expect(result.stdout.hasSuffix("""

            Exit codes:
              0   every record was assessed
              1   some records failed (each is reported on standard error)
              64  usage error
              65  unusable input, such as a CSV header row with an unknown column
              66  missing or unreadable input
              70  the results cannot be written as JSON (an internal error)
              73  the output file cannot be created, or is the input
              74  the output cannot be written, such as on a full disk (a closed
                  pipe ends cxm quietly)

            """))
    }

    @Test func anOutputFolderIsRefusedBeforeAnyWork() throws {
        let directory = try CLI.temporaryDirectory()
        let result = try CLI.run(["batch", "\(CLI.fixtures)/batch/firms.jsonl", "--output", directory.path, "--rules", "\(CLI.fixtures)/rules"])
        #expect(result == .init(status: 73, stdout: "", stderr: "cxm: error: \(directory.path) is a folder; give a file name, such as --output \(directory.path)/results.csv\n"))
    }

    @Test func segmentsOfOneFirmAreTwoRows() throws {
        let result = try CLI.run(["batch", "-", "--format", "jsonl", "--rules", "\(CLI.fixtures)/rules"],
                                 stdin: #"{"name": "Acme", "segment": "SMEs"}"# + "\n" + #"{"name": "Acme", "segment": "Key accounts"}"# + "\n")
        #expect(result.stdout.split(separator: "\n").map { String($0.prefix { $0 != "," }) } == [#"{"id":"Acme (SMEs)""#, #"{"id":"Acme (Key accounts)""#])
    }

    @Test func anOversizedFileInAFolderFailsAloneAndIsNotReadWhole() throws {
        let directory = try CLI.temporaryDirectory()
        try Data(repeating: 0x20, count: 2 << 20).write(to: directory.appendingPathComponent("a.json"))
        try Data(#"{"name": "Acme"}"#.utf8).write(to: directory.appendingPathComponent("b.json"))
        let result = try CLI.run(["batch", directory.path, "--format", "jsonl", "--rules", "\(CLI.fixtures)/rules"])
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("error[B0103]: \(directory.path)/a.json is 2 MiB long, more than the 1 MiB a profile may take\n"))
        #expect(result.stdout.hasPrefix(#"{"id":"Acme","#))
    }
    /// A survey export of version 1 of the questionnaire, with its column names, option ids and
    /// scale positions, gives the rows the same answers give in version 2's (issue 11): a renamed
    /// column and option are read under their new ids, positions as version 1 counted them.
    @Test func aCSVExportOfVersionOneGivesTheSameRowsAsVersionTwo() throws {
        let answers = "Agree,Disagree,Agree,Agree,indirect"
        let more = "cx_touchpoints,journey_stages,cx_units,cx_measures,cx_technologies,offering_importance,relationship_significance,"
            + "cx_distinctive_capabilities,external_access"
        let moreAnswers = "sales_people; service_support,operations,sales,complaints,crm,Agree,Agree,Agree,Agree"
        let old = "id,rivalry,switching_barriers,cx_as_advantage,cx_investment_returns,sales_channels,ecosystem_position,"
            + "cx_stakeholders,cx_anchor,competitive_strategy,competitors_compete_on_cx,cx_resources,\(more)\n"
            + "F,\(answers),2,purchasing; partners,4,customer_experience,yes,ample,\(moreAnswers)\n"
        let new = "id,rules_version,rivalry,switching_barriers,cx_as_advantage,cx_investment_returns,sales_channels,ecosystem_position,"
            + "cx_stakeholders,cx_anchor,competitive_strategy,competitors_on_cx,cx_resources,\(more)\n"
            + "F,2,\(answers),3,purchasing; channel_partners,5,customer_experience,most,ample,\(moreAnswers)\n"
        let explain = ["--input-format", "csv", "--format", "jsonl"]
        let before = try CLI.run(["batch", "-"] + explain, stdin: old)
        let after = try CLI.run(["batch", "-"] + explain, stdin: new)
        #expect(before.status == 0 && after.status == 0)
        #expect(before.stdout == after.stdout)
        #expect(before.stdout.contains(#""target_archetype":"champion""#))
        // Both names of one question in one header would answer it twice.
        let both = try CLI.run(["batch", "-", "--input-format", "csv"], stdin: "id,competitors_compete_on_cx,competitors_on_cx\nF,yes,most\n")
        #expect(both.status == 65)
        #expect(both.stderr.contains("error[P0107]: 'competitors_on_cx' is answered twice: 'competitors_compete_on_cx' is the former id of 'competitors_on_cx'; keep one of them"))
    }
}
