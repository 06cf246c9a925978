import Foundation
import Testing

/// `cxm explain` and `cxm whatif` fit a terminal of 80 columns: their help, and what they say
/// about every bundled scenario.
@Suite struct ExplainWhatifWidthTests {
    static let scenarios = ((try? FileManager.default.contentsOfDirectory(atPath: CLI.packageRoot.appendingPathComponent("scenarios").path)) ?? [])
        .filter { $0.hasSuffix(".json") }.sorted()

    /// The lines longer than 80 characters.
    static func longLines(_ text: String) -> [String] {
        text.split(separator: "\n").filter { $0.count > 80 }.map(String.init)
    }

    @Test(arguments: ["explain", "whatif"])
    func helpFitsAndEndsWithTheExitCodes(command: String) throws {
        let help = try CLI.run([command, "--help"])
        #expect(help.status == 0)
        #expect(Self.longLines(help.stdout) == [])
        let exitCodes = try #require(help.stdout.range(of: "\nExit codes: "))
        let last = help.stdout[exitCodes.upperBound...]
        #expect(!last.contains("\n\n"), "the exit codes come last")
        for code in ["0 done", "64 usage error", "65 ", "66 "] { #expect(last.contains(code)) }
    }

    @Test(arguments: ["explain", "whatif"])
    func everyScenarioFits(command: String) throws {
        #expect(Self.scenarios.count > 20)
        for scenario in Self.scenarios {
            let result = try CLI.run([command, "scenarios/\(scenario)"])
            #expect(result.status == 0, "\(scenario): \(result.stderr)")
            #expect(Self.longLines(result.stdout) == [], "\(command) \(scenario)")
        }
    }
}
