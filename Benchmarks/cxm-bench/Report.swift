import Foundation

/// A rule base the benchmark uses, as summarised in the header and the JSON output.
struct RuleBaseSummary: Codable {
    var name: String
    var files: Int
    var lines: Int
    var questions: Int
    var tables: Int
    var rules: Int
    /// Per evaluated profile, on average (no trace).
    var firedRules: Double
    var recommendations: Double
    var warnings: Double
}

/// Everything `--json` prints.
struct Results: Codable {
    var machine: Machine
    var ruleBases: [RuleBaseSummary]
    var profiles: String
    var figures: [Figure]
    /// The share of the machine's CPU time that other processes used while the benchmarks ran.
    var otherProcessesCPUShare: Double?
    var sink: Int
}

/// The text output: a header and one aligned row per figure.
enum Report {
    static func header(_ machine: Machine, _ ruleBases: [RuleBaseSummary], profiles: String) -> String {
        var lines = [
            "cxm-bench (\(machine.build) build)",
            "machine:    \(machine.cores) cores, \(machine.cpu), \(format(machine.memoryGiB, decimals: 1)) GiB",
            "os:         \(machine.os)\(machine.kernel.map { ", kernel \($0)" } ?? "")",
            "toolchain:  \(machine.toolchain)",
            "profiles:   \(profiles)",
        ]
        for base in ruleBases {
            lines.append("rule base:  \(base.name): \(base.files) file\(base.files == 1 ? "" : "s"), \(grouped(base.lines)) lines, \(base.questions) questions, "
                + "\(base.tables) tables, \(grouped(base.rules)) rules; per profile \(format(base.firedRules, decimals: 1)) rules fire, "
                + "\(format(base.recommendations, decimals: 1)) recommendations, \(format(base.warnings, decimals: 1)) warnings")
        }
        lines.append("")
        lines.append(row(["benchmark", "median", "best", "unit", "µs/item", "note"]))
        lines.append(String(repeating: "-", count: lines.last!.count))
        return lines.joined(separator: "\n")
    }

    static func footer(othersShare: Double?, sink: Int) -> String {
        var lines = [
            "",
            "Times are per parse+check; rates are per second of wall time, median and best of \(Bench.trials) trials.",
            "µs/item is wall time per item at the median rate; with n threads each item takes n times that.",
        ]
        if let othersShare {
            let verdict = othersShare > 0.1 ? ": the machine was busy, so the figures are low and noisy" : ""
            lines.append("Other processes used \(format(othersShare * 100, decimals: 0))% of the machine's CPU time during the run\(verdict).")
        }
        lines.append("sink \(sink) (a digest of every result, so that no work is optimised away)")
        return lines.joined(separator: "\n")
    }

    static func row(_ figure: Figure) -> String {
        let rate = figure.microsecondsPerItem != nil
        return row([
            figure.name,
            rate ? grouped(Int(figure.median.rounded())) : format(figure.median, decimals: 2),
            rate ? grouped(Int(figure.best.rounded())) : format(figure.best, decimals: 2),
            figure.unit,
            figure.microsecondsPerItem.map { format($0, decimals: 2) } ?? "",
            figure.note ?? "",
        ])
    }

    /// Name left-aligned; median, best and µs/item right-aligned; unit and note left-aligned.
    private static func row(_ cells: [String]) -> String {
        func left(_ text: String, _ width: Int) -> String { text.padding(toLength: max(width, text.count), withPad: " ", startingAt: 0) }
        func right(_ text: String, _ width: Int) -> String { String(repeating: " ", count: max(0, width - text.count)) + text }
        let line = left(cells[0], 46) + right(cells[1], 11) + right(cells[2], 12) + "  " + left(cells[3], 10)
            + right(cells[4], 8) + "  " + cells[5]
        return line.trimmingCharacters(in: .whitespaces)
    }

    static func format(_ value: Double, decimals: Int) -> String {
        String(format: "%.\(decimals)f", value)
    }

    /// `1234567` → "1,234,567".
    static func grouped(_ value: Int) -> String {
        var digits = String(value.magnitude)
        var groups: [Substring] = []
        while digits.count > 3 {
            groups.insert(digits.suffix(3), at: 0)
            digits.removeLast(3)
        }
        groups.insert(Substring(digits), at: 0)
        return (value < 0 ? "-" : "") + groups.joined(separator: ",")
    }
}
