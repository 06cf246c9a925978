import CXMAdvisor
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing

/// The HTML report: escaped, self-contained, well-formed, and with the matrix drawn where the
/// numbers say.
@Suite struct HTMLReportTests {
    static func html(_ assessment: Assessment) throws -> String {
        try ReportRenderer(full: true).render(assessment, as: .html)
    }

    @Test func textFromProfilesAndRulesIsEscaped() throws {
        let json = #"{"name": "<script>alert(\"x\")</script> & Co", "segment": "O'Brien's <b>key</b> accounts", "rivalry": "agree"}"#
        let (profile, problems) = AssessmentTests.advisor.readProfile(Array(json.utf8))
        var assessment = AssessmentTests.advisor.assess(try #require(profile, "\(problems)")).assessment()
        // Labels from rules, drawn inside SVG <text> and described in <title> and aria-label.
        assessment.matrix?.quadrants[0].label = "A<B> & \"C\""
        assessment.matrix?.y.label = "Impact <1 & 5>"
        assessment.steps[1].charts[0].title = "Scores & <more>"
        assessment.steps[1].charts[0].bars[0].label = "Bar 'one' <1>"
        let html = try Self.html(assessment)
        #expect(!html.contains("<script"))
        #expect(!html.contains("<b>"))
        #expect(html.contains("<title>CXM assessment of &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co "
                              + "(segment: O&#39;Brien&#39;s &lt;b&gt;key&lt;/b&gt; accounts)</title>"))
        #expect(html.contains("<h1>CXM assessment of &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co"))
        #expect(html.contains(">A&lt;B&gt; &amp; &quot;C&quot;</text>"))
        #expect(html.contains(">Impact &lt;1 &amp; 5&gt;</text>"))
        #expect(html.contains("aria-label=\"CXM archetype today: not known yet;"))
        #expect(html.contains("top left A&lt;B&gt; &amp; &quot;C&quot;, top right"))
        #expect(html.contains("<figcaption>Scores &amp; &lt;more&gt;</figcaption>"))
        #expect(html.contains(">Bar &#39;one&#39; &lt;1&gt;</text>"))
        #expect(try WellFormed.check(html) == [])
    }

    /// Nothing to load and nothing to run, for every scenario.
    @Test func selfContained() throws {
        for name in ScenarioTests.scenarioNames {
            let html = try Self.html(try AssessmentTests.assessment(name))
            for forbidden in ["<script", "<link", "<img", "<iframe", "<object", "src=", "href=", "url(", "@import", "http://", "https://"] {
                #expect(!html.contains(forbidden), "\(name) contains \(forbidden)")
            }
            #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n<meta name=\"viewport\""))
        }
    }

    /// Every scenario's report parses as XML, and every drawing is an image described in words.
    @Test func wellFormedWithDescribedDrawings() throws {
        for broken in ["<p><b>unclosed</p>", "<p>", "<p>a & b</p>", "<p><svg role=\"img\" aria-label=\"x\"><rect/></svg></p>"] {
            #expect(try WellFormed.check(broken) != [], "\(broken)")
        }
        for name in ScenarioTests.scenarioNames {
            #expect(try WellFormed.check(try Self.html(try AssessmentTests.assessment(name))) == [], "\(name)")
        }
    }

    /// The dot lies inside the quadrant labelled with the as-is option, also on a split (on the
    /// side the rules concluded: an impact of exactly 3 is low, a scope of exactly 3 broad); an
    /// arrow points to the target when it is another quadrant.
    @Test(arguments: ["air-products.json", "archetype-impact-just-high.json", "archetype-impact-just-low.json",
                      "archetype-impact-neutral.json", "trial-pump-maker.json",
                      "archetype-scope-just-broad.json", "archetype-scope-just-narrow.json", "archetype-near-both.json",
                      "archetype-potential-at-threshold.json", "transition-minimalist-unconvinced-rich-market.json",
                      "transition-champion-cost-leader-to-cherry-picker.json", "broad-but-low-impact.json"])
    func dotLiesInTheAsIsQuadrant(name: String) throws {
        let assessment = try AssessmentTests.assessment(name)
        let matrix = try #require(assessment.matrix)
        let label = try #require(matrix.asIs.label)
        let html = try Self.html(assessment)
        let dot = try #require(html.firstMatch(of: /<circle class="dot" cx="([\d.]+)" cy="([\d.]+)" r="([\d.]+)"\/>/))
        let (cx, cy, r) = (Double(dot.1)!, Double(dot.2)!, Double(dot.3)!)
        let quadrants = html.matches(of: /<rect class="quadrant q\d" x="([\d.]+)" y="([\d.]+)" width="([\d.]+)" height="([\d.]+)"\/>\n<text class="quadrant-label" x="[\d.]+" y="[\d.]+">([^<]*)<\/text>/)
        #expect(quadrants.count == 4)
        let quadrant = try #require(quadrants.first { $0.5 == label }, "\(name): no quadrant labelled \(label)")
        let (x, y, width, height) = (Double(quadrant.1)!, Double(quadrant.2)!, Double(quadrant.3)!, Double(quadrant.4)!)
        #expect(x + r < cx && cx < x + width - r && y + r < cy && cy < y + height - r,
                "\(name): the dot (\(cx), \(cy)) is not inside \(label) at (\(x), \(y), \(width), \(height))")
        #expect(html.contains("<polygon class=\"arrow\"") == (matrix.toBe?.option != nil && matrix.toBe?.option != matrix.asIs.option), "\(name)")
    }

    @Test func missingPositionsAreSaidInWords() throws {
        let (profile, _) = AssessmentTests.advisor.readProfile(Array(#"{"rivalry": "agree"}"#.utf8))
        let html = try Self.html(AssessmentTests.advisor.assess(try #require(profile)).assessment())
        #expect(html.matches(of: /<circle class="dot"/).count == 0, "no dot, and the legend's key is the dotted outline")
        #expect(html.contains("<li>Today: not known yet</li>"))
        #expect(html.contains("</svg>CXM archetype to aim for: CXM Champion, CXM Cherry Picker or CXM Minimalist</li>"))
        #expect(html.matches(of: /<rect class="maybe"/).count == 0, "any quadrant is possible: none is outlined")
        // Where two quadrants are possible, both are outlined.
        let (narrow, _) = AssessmentTests.advisor.readProfile(Array(#"{"cx_as_advantage": "agree", "cx_investment_returns": "agree", "cx_touchpoints": []}"#.utf8))
        let assessment = AssessmentTests.advisor.assess(try #require(narrow)).assessment()
        let two = try Self.html(assessment)
        #expect(assessment.matrix?.asIs.candidates == ["champion", "cherry_picker"])
        #expect(two.contains("</svg>Perhaps today: CXM Champion or CXM Cherry Picker</li>"))
        #expect(two.matches(of: /<rect class="maybe"/).count == 2 + 1, "the two quadrants it may stand in, and the legend's key")
    }
}

/// Parses a page as XML and lists what is wrong: a parse error, an element left open or closed
/// out of turn (checked here, as XMLParser on Linux lets some pass), or an `<svg>` that is
/// neither an image described in words (`role="img"`, `aria-label` and a `<title>` first) nor
/// hidden.
final class WellFormed: NSObject, XMLParserDelegate {
    private var problems: [String] = []
    private var open: [String] = []
    private var rootClosed = false
    private var awaitingTitle = false

    static func check(_ html: String) throws -> [String] {
        let checker = WellFormed()
        let parser = XMLParser(data: Data(html.utf8))
        parser.delegate = checker
        if !parser.parse() && checker.problems.isEmpty { checker.problems.append("line \(parser.lineNumber): parse error") }
        if !checker.open.isEmpty || !checker.rootClosed { checker.problems.append("unclosed: \(checker.open.joined(separator: ", "))") }
        return checker.problems
    }

    func parser(_ parser: XMLParser, parseErrorOccurred parseError: any Error) {
        problems.append("line \(parser.lineNumber): \(parseError)")
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        open.append(name)
        if awaitingTitle && name != "title" { problems.append("line \(parser.lineNumber): an <svg> without a <title> first") }
        awaitingTitle = false
        guard name == "svg", attributes["aria-hidden"] != "true" else { return }
        if attributes["role"] != "img" || (attributes["aria-label"] ?? "").isEmpty {
            problems.append("line \(parser.lineNumber): an <svg> without role=\"img\" and an aria-label")
        }
        awaitingTitle = true
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        if open.popLast() != name { problems.append("line \(parser.lineNumber): </\(name)> closes another element") }
        if open.isEmpty { rootClosed = true }
    }
}
