import Foundation
import Testing

/// `cxm batch --format html`: the portfolio page, on the scenarios and on generated inputs.
@Suite struct BatchPageTests {
    /// Every scenario on one page: the matrix with a dot for each placed profile, the ways to the
    /// quadrants to aim for, a chart per headline value, the table; Air Products' two segments
    /// drawn together and named.
    @Test func theScenariosOnOnePage() throws {
        let result = try CLI.run(["batch", "scenarios", "--format", "html"])
        #expect(result.stderr == "")
        #expect(result.status == 0)
        let page = result.stdout
        #expect(page.hasPrefix("<!DOCTYPE html>"))
        #expect(page.contains("<h1>CXM portfolio: scenarios</h1>"))
        let placed = page.components(separatedBy: "<circle class=\"pdot\"").count - 2  // less the legend's
        #expect(page.contains("<h2>CXM archetype today: \(placed) firms or segments</h2>"))
        #expect(placed > 30)
        #expect(page.contains(" from CXM Cherry Picker to aim for CXM Champion"))
        #expect(page.components(separatedBy: "<figure class=\"chart\">").count - 1 == 5)
        #expect(page.contains("<tr class=\"firm\"><th colspan=\"9\">Air Products: several segments</th></tr>"))
        #expect(page.contains("<polyline class=\"link\""))
        #expect(page.contains("Segments of one firm, joined: Air Products"))
        let rows = page.components(separatedBy: "<tr><td class=\"n\">").count - 1
        let scenarios = try FileManager.default.contentsOfDirectory(atPath: CLI.packageRoot.appendingPathComponent("scenarios").path)
        #expect(rows == scenarios.count { $0.hasSuffix(".json") })
    }

    /// The counts on the ways between quadrants hide no quadrant's label (the scenarios' way from
    /// CXM Fashionista to CXM Cherry Picker crosses the middle, where the labels are) and no other
    /// count; the table scrolls on its own where the page is too narrow for it.
    @Test func countsOnTheWaysHideNoQuadrantLabel() throws {
        let page = try CLI.run(["batch", "scenarios", "--format", "html"]).stdout
        typealias Box = (left: Double, top: Double, right: Double, bottom: Double)
        // 14px bold text is about 8.6 units a character; a count has a white outline.
        let labels = page.matches(of: #/<text class="quadrant-label" x="([0-9.-]+)" y="([0-9.-]+)">([^<]+)</text>/#).map { match -> Box in
            let (x, y) = (Double(match.output.1)!, Double(match.output.2)!)
            return (x, y - 11, x + Double(match.output.3.count) * 8.6, y + 3)
        }
        let counts = page.matches(of: #/<text class="flow-label" text-anchor="middle" x="([0-9.-]+)" y="([0-9.-]+)">([0-9]+)</text>/#).map { match -> Box in
            let (x, y, width) = (Double(match.output.1)!, Double(match.output.2)!, Double(match.output.3.count) * 8.6)
            return (x - width / 2 - 2, y - 12, x + width / 2 + 2, y + 3)
        }
        #expect(labels.count == 4)
        #expect(counts.count == 5)
        func overlap(_ a: Box, _ b: Box) -> Bool { a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom }
        for (index, count) in counts.enumerated() {
            for label in labels where overlap(count, label) { Issue.record("a count \(count) hides a quadrant's label \(label)") }
            for other in counts[(index + 1)...] where overlap(count, other) { Issue.record("counts overlap: \(count) and \(other)") }
        }
        #expect(page.contains("<div class=\"wide\"><table class=\"rows\">"))
    }

    /// The numbers beside the dots hide no dot and no other number, stay inside the figure, and
    /// dots at one place share one number ("1, 2").
    @Test func numbersBesideTheDotsDoNotOverlap() throws {
        // The first 19 scenarios (the first twice), as JSON Lines: 20 dots, numbered, many close.
        let folder = CLI.packageRoot.appendingPathComponent("scenarios")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".json") }.sorted().prefix(19)
        let lines = try names.map { name in
            let object = try #require(JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent(name))) as? [String: Any])
            return String(decoding: try JSONSerialization.data(withJSONObject: object.filter { $0.key != "expect" }), as: UTF8.self)
        }
        let result = try CLI.run(["batch", "-", "--format", "html"], stdin: ([lines[0]] + lines).joined(separator: "\n") + "\n")
        #expect(result.status == 0)
        let numbers = result.stdout.matches(of: #/<text class="pnum" x="([0-9.-]+)" y="([0-9.-]+)"(?: text-anchor="(\w+)")?>([0-9, ]+)</text>/#)
        #expect(numbers.contains { $0.output.4 == "1, 2" })
        let boxes = numbers.map { match -> (left: Double, top: Double, right: Double, bottom: Double) in
            let (x, y, width) = (Double(match.output.1)!, Double(match.output.2)!, Double(match.output.4.count) * 8.6)
            let left = match.output.3 == "end" ? x - width : match.output.3 == "middle" ? x - width / 2 : x
            return (left, y - 11, left + width, y + 3)
        }
        #expect(boxes.count >= 8)
        #expect(boxes.allSatisfy { $0.left >= 0 && $0.top >= 0 })
        for (index, a) in boxes.enumerated() {
            for b in boxes[(index + 1)...] where a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom {
                Issue.record("numbers overlap: \(a) and \(b)")
            }
        }
    }

    /// Hundreds of profiles: dots without numbers, no lines between segments, and the names
    /// escaped wherever they appear; a record that fails is counted on the page and shown on
    /// standard error.
    @Test func hundredsOfProfilesEscaped() throws {
        let data = try Data(contentsOf: CLI.packageRoot.appendingPathComponent("scenarios/archetype-champion-clear.json"))
        var base = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        base["expect"] = nil
        base["description"] = nil
        var lines: [String] = []
        for index in 0..<300 {
            base["name"] = "<script>x(\(index / 3))</script>"
            base["segment"] = "S\(index % 3)"
            base["cx_as_advantage"] = ["strongly_disagree", "disagree", "agree", "strongly_agree"][index % 4]
            lines.append(String(decoding: try JSONSerialization.data(withJSONObject: base), as: UTF8.self))
        }
        lines.append(#"{"name": "broken", "rivalry": "agre"}"#)
        let result = try CLI.run(["batch", "-", "--format", "html"], stdin: lines.joined(separator: "\n") + "\n")
        #expect(result.status == 1)
        #expect(result.stderr.contains("'rivalry': 'agre' is not an option"))
        let page = result.stdout
        #expect(!page.contains("<script>"))
        #expect(page.contains("&lt;script&gt;x(0)&lt;/script&gt; (S0)"))
        #expect(page.contains("301 profiles: 300 assessed, 1 could not be read"))
        #expect(!page.contains("class=\"pnum\""))
        #expect(page.contains("<h2>CXM archetype today: 300 firms or segments</h2>"))
        #expect(!page.contains("<polyline class=\"link\""))
        #expect(page.contains("Segments of one firm: together in the table, under the firm's name"))
    }

    /// A profile with only one of the matrix's numbers known is drawn as a line at it, across
    /// what the other can still be, and listed below the matrix with what is known; one with
    /// neither known is listed.
    @Test func profilesWithOneScoreKnownAreDrawnAndListed() throws {
        let lines = [
            #"{"id": "impact-only", "cx_as_advantage": "agree", "cx_investment_returns": "strongly_agree"}"#,
            #"{"id": "nothing", "rivalry": "agree"}"#,
        ]
        let result = try CLI.run(["batch", "-", "--format", "html"], stdin: lines.joined(separator: "\n") + "\n")
        #expect(result.status == 0)
        let page = result.stdout
        #expect(page.contains("<h2>CXM archetype today: 0 firms or segments</h2>"))
        #expect(page.contains("<p>2 profiles not placed on the matrix: missing answers leave scores unknown.</p>\n<ul class=\"unplaced\">\n"
            + "<li>1. impact-only: CXM scope (1 to 5): not known yet; CXM impact as your leaders see it (1 to 5): 4.5</li>\n"
            + "<li>2. nothing: CXM scope (1 to 5): not known yet; CXM impact as your leaders see it (1 to 5): not known yet</li>\n</ul>\n"))
        // One line, at 4.5 up, across the whole scope axis, numbered; the legend says what it is.
        let ranges = page.components(separatedBy: "<line class=\"prange\" x1=").dropFirst()
        #expect(ranges.count == 2)  // the line and the legend's
        let line = try #require(ranges.first?.prefix { $0 != ">" })
        let numbers = line.split(separator: "\"", omittingEmptySubsequences: false).enumerated().filter { $0.offset % 2 == 1 }.compactMap { Double($0.element) }
        #expect(numbers.count == 4 && numbers[1] == numbers[3] && numbers[0] < numbers[2], "horizontal: \(line)")
        #expect(page.contains("<title>1. impact-only: CXM scope (1 to 5): not known yet; CXM impact as your leaders see it (1 to 5): 4.5</title>"))
        #expect(page.contains("Where only one score is known: a line at it, across what the other can still be"))
    }

    /// The help names the format; a batch where every record fails still gives a page.
    @Test func helpAndEmptyBatch() throws {
        #expect(try CLI.run(["batch", "--help"]).stdout.contains("html: one self-contained page"))
        let result = try CLI.run(["batch", "-", "--format", "html"], stdin: "{\"rivalry\": \"agre\"}\n")
        #expect(result.status == 1)
        #expect(result.stdout.contains("1 profile: 0 assessed, 1 could not be read"))
        #expect(!result.stdout.contains("<table"))
    }
}
