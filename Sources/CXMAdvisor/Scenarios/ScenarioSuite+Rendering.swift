import CXMRules

extension ScenarioSuite {
    /// The results as `cxm test` prints them: PASS or FAIL per path with what differed (or the
    /// file's errors, rendered like a compiler's), the coverage when a scenario ran, and a last
    /// line `N passed, N failed`.
    public func text() -> String {
        var out = ""
        for entry in entries {
            out += "\(entry.passed ? "PASS" : "FAIL")  \(entry.path.printable())\(entry.name.map { "  \($0)" } ?? "")"
            out += entry.expectsNothing ? "  (no expectations)\n" : "\n"
            if !entry.errors.isEmpty {
                let rendered = DiagnosticRenderer(files: entry.file.map { [$0] } ?? []).render(entry.errors)
                out += rendered.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map { "      \($0)\n" }.joined()
            } else {
                for failure in entry.failures { out += "      \(failure)\n" }
            }
        }
        if scenariosRun > 0 {
            out += "\nCoverage: \(rules - rulesNeverFired.count) of \(rules) rules fired, "
                + "\(tableRows - rowsNeverMatched.count) of \(tableRows) table rows matched\n"
            if !rulesNeverFired.isEmpty {
                out += TextLayout.wrap("rules never fired: \(rulesNeverFired.joined(separator: ", "))", indent: "  ", hanging: "    ")
            }
            if !rowsNeverMatched.isEmpty {
                out += TextLayout.wrap("table rows never matched: \(rowsNeverMatched.map { "\($0.table)\u{00A0}row\u{00A0}\($0.row)" }.joined(separator: ", "))",
                                       indent: "  ", hanging: "    ")
            }
        }
        out += "\n\(passed) passed, \(failed) failed\n"
        return out
    }

    /// The results as the JSON document `cxm test --format json` prints (schema 1).
    public var document: Document {
        Document(
            schemaVersion: 1,
            scenarios: entries.map {
                Document.Entry(file: $0.path, name: $0.name, passed: $0.passed, failures: $0.failures,
                               errors: DiagnosticRenderer(files: $0.file.map { [$0] } ?? []).located($0.errors))
            },
            coverage: Document.Coverage(
                rules: rules, rulesFired: rules - rulesNeverFired.count, rulesNeverFired: rulesNeverFired,
                tableRows: tableRows, tableRowsMatched: tableRows - rowsNeverMatched.count,
                tableRowsNeverMatched: rowsNeverMatched.map { Document.Row(table: $0.table, row: $0.row) }),
            passed: passed, failed: failed)
    }

    /// ``document`` as JSON: pretty, with sorted keys, ending in a newline.
    ///
    /// - Throws: ``JSONEncodingFailure`` if a value cannot be written as JSON.
    public func json() throws(JSONEncodingFailure) -> String {
        try JSONText.encode(document)
    }

    /// The JSON document of a run (schema 1): every entry, the coverage (also when no scenario
    /// ran) and the counts.
    public struct Document: Codable, Sendable {
        public var schemaVersion: Int
        public var scenarios: [Entry]
        public var coverage: Coverage
        public var passed: Int
        public var failed: Int

        /// One entry: its file, its scenario's name, and what failed.
        public struct Entry: Codable, Sendable {
            public var file: String
            public var name: String?
            public var passed: Bool
            /// What failed, one line each (for a file that could not be read as a scenario,
            /// the messages of ``errors``).
            public var failures: [String]
            /// The errors that kept the file from being read as a scenario, with their codes
            /// (S, P, J) and positions; empty otherwise.
            public var errors: [LocatedDiagnostic]
        }

        /// The rules and table rows exercised, of all.
        public struct Coverage: Codable, Sendable {
            public var rules: Int
            public var rulesFired: Int
            public var rulesNeverFired: [String]
            public var tableRows: Int
            public var tableRowsMatched: Int
            public var tableRowsNeverMatched: [Row]
        }

        /// A table row, numbered from 1.
        public struct Row: Codable, Sendable {
            public var table: String
            public var row: Int
        }
    }
}
