import CXMRules
import Foundation
import Testing
@testable import CXMAdvisor
import TestSupport

/// The fast path of reading CSV rows (``ProfileCells``, straight from the row's bytes) against
/// the full reader (cells as strings in a profile document): on the scenarios and on seeded
/// random rows, good and bad, the fast path gives what the full reader gives, or leaves the row
/// to it; a row it leaves gets the full reader's diagnostics.
@Suite struct CSVFastPathTests {
    static let advisor = try! Advisor.bundled()
    static var ruleBase: RuleBase { advisor.ruleBase }
    static let metadata = ["id", "name", "segment"]
    static var header: [String] { metadata + ruleBase.questions.map(\.name) }

    /// A CSV field: quoted when it holds a separator, a quote or a line break, or at random.
    static func field(_ text: String, quote: Bool = false) -> String {
        guard quote || text.contains(where: { ",\"\n\r".contains($0) }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// A cell holding an answer as a survey export would.
    static func cell(_ value: Value?) -> String {
        switch value {
        case nil: return ""
        case .set(let type, let mask)?:
            let ids = ruleBase.optionTypes[type].options.indices.filter { mask & (1 << UInt64($0)) != 0 }.map { ruleBase.optionTypes[type].options[$0] }
            return ids.isEmpty ? "none" : ids.joined(separator: ";")
        case .number(let number)?: return formatNumber(number)
        case .boolean(let flag)?: return flag ? "yes" : "no"
        case let value?: return ruleBase.identifier(value)
        }
    }

    /// A random cell for the question in `slot`: mostly answers, often written loosely (labels,
    /// spaces, other separators, case), sometimes wrong.
    static func randomCell(slot: Int, clean: Bool, using random: inout SplitMix64) -> String {
        let info = ruleBase.values[slot]
        if clean { return cleanCell(slot: slot, using: &random) }
        switch Int.random(in: 0..<20, using: &random) {
        case 0: return ""
        case 1: return ["zzz", "  ", "?", "none?", "1e400", "-", "\u{00A0}", "caf\u{00E9}", "a\tb", "=1+1"].randomElement(using: &random)!
        default: break
        }
        switch info.type {
        case .option(let type):
            let options = ruleBase.optionTypes[type]
            let position = Int.random(in: 0..<options.options.count, using: &random)
            switch Int.random(in: 0..<(clean ? 200 : 6), using: &random) {
            case 0: return options.labels[position]
            case 1: return " \(options.options[position]) "
            case 2: return String(position + 1)
            case 3: return options.options[position].uppercased()
            default: return options.options[position]
            }
        case .set(let type):
            let options = ruleBase.optionTypes[type]
            let chosen = options.options.indices.filter { _ in Bool.random(using: &random) }
            if chosen.isEmpty { return Bool.random(using: &random) ? "none" : "NONE" }
            let names = chosen.map { Int.random(in: 0..<(clean ? 200 : 8), using: &random) == 0 ? options.labels[$0] : options.options[$0] }
            let separator = ["; ", ";", ",", " , ", ";;"].randomElement(using: &random)!
            let partial = Int.random(in: 0..<6, using: &random) == 0 ? [";?", " ?", ", ?", "?"].randomElement(using: &random)! : ""
            return names.joined(separator: separator) + partial
        case .number:
            let range = info.range ?? 0...100
            switch Int.random(in: 0..<5, using: &random) {
            case 0: return String(Double.random(in: range.lowerBound - 2...range.upperBound + 2, using: &random))
            case 1: return "+\(Int(range.upperBound))"
            default: return formatNumber((Double.random(in: range, using: &random) * 4).rounded() / 4)
            }
        case .boolean:
            return ["yes", "no", "Y", "n", "TRUE", "false", "maybe"].randomElement(using: &random)!
        case .text:
            return ["a note", "  spaced  ", "Ünïcode", "x,y"].randomElement(using: &random)!
        case .list:
            return "a;b"
        }
    }

    /// A random answer to the question in `slot` as the fast path reads it: ids (a set's
    /// separated by `;` or `,`, with spaces, or a partial one), numbers in range, yes/no.
    static func cleanCell(slot: Int, using random: inout SplitMix64) -> String {
        let info = ruleBase.values[slot]
        let padding = Int.random(in: 0..<8, using: &random) == 0 ? " " : ""
        switch info.type {
        case .option(let type):
            return padding + ruleBase.optionTypes[type].options.randomElement(using: &random)! + padding
        case .set(let type):
            let options = ruleBase.optionTypes[type].options
            let chosen = options.filter { _ in Bool.random(using: &random) }
            if chosen.isEmpty { return ["none", "None", ""].randomElement(using: &random)! }
            return chosen.joined(separator: ["; ", ";", " ;"].randomElement(using: &random)!) + (Int.random(in: 0..<8, using: &random) == 0 ? "; ?" : padding)
        case .number:
            let range = info.range ?? 0...100
            return formatNumber((Double.random(in: range, using: &random) * 4).rounded() / 4)
        case .boolean:
            return ["yes", "no", "TRUE", "false"].randomElement(using: &random)!
        case .text, .list:
            return ""
        }
    }

    /// Reads `csv` and checks every row: the fast path's profile is the full reader's, and a
    /// row it leaves is read (or reported) by the full reader. Returns how many rows each took.
    @discardableResult
    static func check(_ csv: String, _ what: String) throws -> (fast: Int, full: Int) {
        var reader = CSVReader(ChunkedReader(bytes: Array(csv.utf8), chunkSize: 97))
        let header = try #require(try reader.next())
        let columns = try CSVColumns(header: header, file: SourceFile(path: "t.csv", bytes: header.text), ruleBase: ruleBase, allowing: [])
        let fastPath = try #require(columns.fastPath, "the columns of \(what) can be read fast")
        let full = ProfileReader(ruleBase: ruleBase)
        var counts = (fast: 0, full: 0)
        // One profile every row is read into, as a batch's thread reads them.
        var reused = Profile(answers: [])
        while let row = try reader.next() {
            let readable = row.problem == nil && row.fieldRanges.count == columns.names.count
            // A row without quotes reads in one pass as it reads split into its fields.
            if !row.text.contains(UInt8(ascii: "\"")) {
                let once = fastPath.read(row: row.text, separator: UInt8(ascii: ","))
                let split = readable ? fastPath.read(row.values, cells: row.valueRanges) : nil
                #expect(once?.answers == split?.answers && once?.metadata == split?.metadata && once?.partial == split?.partial,
                        "\(what), line \(row.line), in one pass")
                let read = fastPath.read(row: row.text, separator: UInt8(ascii: ","), into: &reused)
                #expect(read == (once != nil) && (!read || reused.answers == once?.answers && reused.metadata == once?.metadata && reused.partial == once?.partial),
                        "\(what), line \(row.line), read into the profile of the rows before")
            }
            guard readable else { continue }
            let (expected, diagnostics) = full.read(columns.document(row.fields, length: row.text.count))
            let record = BatchRecord(source: SourceFile(path: "t.csv", bytes: row.text, firstLine: row.line), fallbackID: "line \(row.line)", content: .csv(row, columns))
            let (read, readDiagnostics) = record.profile(full, allowing: [])
            if let fast = fastPath.read(row.values, cells: row.valueRanges) {
                counts.fast += 1
                let same = expected.map { $0.answers == fast.answers && $0.metadata == fast.metadata && $0.partial == fast.partial && $0.renamed.isEmpty } ?? false
                #expect(same, "\(what), line \(row.line): \(String(decoding: row.text, as: UTF8.self))")
            } else {
                counts.full += 1
                #expect(readDiagnostics.map(\.message) == diagnostics.map(\.message), "\(what), line \(row.line)")
            }
            #expect((read == nil) == (expected == nil) && read?.answers == expected?.answers, "\(what), line \(row.line)")
        }
        return counts
    }

    @Test func everyScenarioReadsAsTheFullReaderReadsIt() throws {
        let folder = packageRoot.appendingPathComponent("scenarios")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".json") }.sorted()
        var csv = Self.header.joined(separator: ",") + "\r\n"
        for file in files {
            let bytes = try [UInt8](Data(contentsOf: folder.appendingPathComponent(file)))
            guard let profile = ProfileReader(ruleBase: Self.ruleBase).read(bytes, allowing: Scenario.keys).0, profile.partial.isEmpty else { continue }
            let cells = Self.metadata.map { profile.metadata[$0] ?? "" } + profile.answers.map(Self.cell)
            csv += cells.map { Self.field($0) }.joined(separator: ",") + "\r\n"
        }
        let counts = try Self.check(csv, "the scenarios")
        #expect(counts.fast > files.count / 2, "the fast path reads most scenarios (\(counts))")
    }

    @Test func seededRandomRowsGoodAndBadReadAsTheFullReaderReadsThem() throws {
        var fast = 0
        for seed in 1...4 {
            var random = SplitMix64(seed: UInt64(seed))
            var csv = Self.header.map { Self.field($0) }.joined(separator: ",") + "\n"
            for index in 0..<250 {
                let clean = Bool.random(using: &random)
                let metadata = ["r\(index)", Bool.random(using: &random) ? "Acme, Inc." : "", Int.random(in: 0..<4, using: &random) == 0 && !clean ? "Nörd" : "north"]
                let answers = Self.ruleBase.questions.indices.map { Self.randomCell(slot: $0, clean: clean, using: &random) }
                csv += (metadata + answers).map { Self.field($0, quote: Int.random(in: 0..<10, using: &random) == 0) }.joined(separator: ",") + "\n"
            }
            fast += try Self.check(csv, "seed \(seed)").fast
        }
        #expect(fast > 100, "the fast path reads clean rows")
    }

    @Test func aFormerColumnOrTheRulesVersionLeavesEveryRowToTheFullReader() throws {
        // competitors_compete_on_cx is the version-1 id of competitors_on_cx.
        for header in [["id", ProfileReader.versionKey], ["id", "competitors_compete_on_cx"]] {
            #expect(ProfileCells(columns: header, ruleBase: Self.ruleBase) == nil, "\(header)")
        }
    }
}
