import Foundation
import Testing

/// The HTML reports in a real browser (headless Chromium): every scenario's report, default and
/// full, at 1280 and 390 px wide, and printed on A4 and Letter paper. `.ci/run` installs
/// Chromium and poppler-utils (for pdftotext) where they are missing; without them the tests are
/// skipped, except under `CI=true`, where they fail.
@Suite(.enabled(if: Browser.available || Browser.required, "needs chromium and pdftotext (bash .ci/run installs them)"))
struct BrowserTests {
    /// Every scenario's HTML report, default and full, with a fixed date; then the other pages:
    /// each team scenario combined, two comparisons, and the batch page of every scenario.
    static let reports: [(name: String, html: String)] = {
        func names(_ folder: String) -> [String] {
            let path = CLI.packageRoot.appendingPathComponent(folder).path
            return ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).filter { $0.hasSuffix(".json") }.sorted()
        }
        func page(_ arguments: [String], name: String? = nil) -> (String, String) {
            (name ?? arguments.joined(separator: " "), (try? CLI.run(arguments + ["--format", "html"]))?.stdout ?? "")
        }
        let assessed = names("scenarios").flatMap { name in
            [false, true].map { full in
                page(["assess", "scenarios/\(name)", "--date", "2026-05-04"] + (full ? ["--full"] : []), name: (full ? "full " : "") + name)
            }
        }
        let combined = names("scenarios/teams").flatMap { name in [page(["combine", "scenarios/teams/\(name)"]), page(["combine", "scenarios/teams/\(name)", "--full"])] }
        let compared = [page(["compare", "scenarios/archetype-minimalist-fast-growth.json", "scenarios/archetype-champion-clear.json", "--full"]),
                        page(["compare", "scenarios/missing-answers.json", "scenarios/trial-pump-maker.json"])]
        return assessed + combined + compared + [page(["batch", "scenarios"])]
    }()

    @Test(arguments: [1280, 390])
    func noTextUnder12PixelsAndNothingWiderThanTheScreen(width: Int) throws {
        try Browser.requireTools()
        let results = try Browser.layout(Self.reports.map(\.html), width: width)
        #expect(results.count == Self.reports.count)
        for (report, result) in zip(Self.reports, results) {
            #expect(result.scrollWidth <= width, "\(report.name) at \(width) px is \(result.scrollWidth) px wide")
            #expect(result.small.isEmpty, "\(report.name) at \(width) px: text under 12 px: \(result.small.prefix(4))")
            #expect(result.drawings > 0 && result.drawings == result.described, "\(report.name): a drawing without a text alternative")
        }
    }

    /// The trial profile and scenarios from complete to mostly unanswered, with long titles and
    /// long summaries, printed: the first page holds the title, the summary, the actions and the
    /// matrix with its legend; no page but the last is mostly blank.
    @Test(arguments: ["trial-pump-maker.json", "air-products.json", "firm-wio.json", "missing-answers.json",
                      "archetype-cherry-picker-scaling-convinced.json", "transition-fashionista-unconvinced-rich-market.json"])
    func theFirstPrintedPageHoldsTheDecision(name: String) throws {
        try Browser.requireTools()
        let html = try #require(Self.reports.first { $0.name == name }?.html)
        for paper in ["A4", "Letter"] {
            let pages = try Browser.print(html, paper: paper)
            let first = try #require(pages.first, "\(name) on \(paper): no pages")
            for words in ["CXM assessment of", "answers of 2026-05-04", "Summary", "How sure", "What to do first",
                          "on the matrix", "CXM Champion", "CXM Fashionista", "CXM scope (1 to 5)", "Today"] {
                #expect(first.text.contains(words), "\(name) on \(paper): page 1 lacks '\(words)'")
            }
            if html.contains("<ol class=\"actions\">") {
                let actions = html.components(separatedBy: "<ol class=\"actions\">")[1].components(separatedBy: "</ol>")[0]
                let last = try #require(actions.matches(of: /<span class="why">([^<]*)<\/span>/).last).1
                #expect(first.text.replacing(/\s+/, with: " ").contains(String(last.prefix(30))), "\(name) on \(paper): the last action is not on page 1")
            }
            for page in pages.dropLast() {
                #expect(page.filled >= 0.6, "\(name) on \(paper): page \(page.number) is \(Int(page.filled * 100))% filled")
            }
        }
    }
}

/// Headless Chromium and pdftotext, run with bounded time.
enum Browser {
    static let chromium = ["chromium", "chromium-browser", "google-chrome"].lazy.compactMap(find).first
    static let pdftotext = find("pdftotext")
    static var available: Bool { chromium != nil && pdftotext != nil }
    /// Under CI the browser tests must run: missing tools fail them.
    static var required: Bool { ProcessInfo.processInfo.environment["CI"] == "true" }

    struct Missing: Error, CustomStringConvertible {
        var description: String { "chromium or pdftotext is missing; bash .ci/run installs them (apt-get install chromium poppler-utils)" }
    }

    static func requireTools() throws {
        guard available else { throw Missing() }
    }

    /// A program's path on the PATH.
    static func find(_ name: String) -> String? {
        for directory in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":") {
            let path = "\(directory)/\(name)"
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return nil
    }

    struct Layout: Decodable {
        var scrollWidth: Int
        /// Text under 12 px, as "size: text".
        var small: [String]
        /// Drawings (`svg` with `role="img"`), and those with a text alternative.
        var drawings: Int
        var described: Int
    }

    /// Each page laid out in a frame `width` px wide, in one browser run: how wide it is, and its
    /// text under 12 px (SVG text at its size times the SVG's scale on the screen).
    static func layout(_ pages: [String], width: Int) throws -> [Layout] {
        let folder = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        for (index, page) in pages.enumerated() {
            try Data(page.utf8).write(to: folder.appendingPathComponent("r\(index).html"))
        }
        let harness = """
            <!doctype html><html><body style="margin:0">
            <script>
            var count = \(pages.count), results = [], pending = count;
            function check(index, frame) {
              var doc = frame.contentDocument, win = frame.contentWindow, small = [];
              doc.querySelectorAll('svg text').forEach(function (t) {
                var m = t.getScreenCTM(), scale = m ? Math.sqrt(m.a * m.a + m.b * m.b) : 1;
                var size = parseFloat(win.getComputedStyle(t).fontSize) * scale;
                if (size < 11.99) small.push(size.toFixed(1) + ': ' + t.textContent.slice(0, 30));
              });
              doc.querySelectorAll('body *').forEach(function (e) {
                if (e.closest('svg')) return;
                var text = false;
                e.childNodes.forEach(function (n) { if (n.nodeType == 3 && n.textContent.trim()) text = true; });
                var size = parseFloat(win.getComputedStyle(e).fontSize);
                if (text && size < 11.99) small.push(size + ': ' + e.textContent.trim().slice(0, 30));
              });
              results[index] = { scrollWidth: doc.documentElement.scrollWidth, small: small,
                drawings: doc.querySelectorAll('svg[role=img]').length,
                described: doc.querySelectorAll('svg[role=img][aria-label] > title:first-child').length };
              if (--pending == 0) document.body.setAttribute('data-results', JSON.stringify(results));
            }
            // Each frame is checked once its report has loaded (not the blank page before it).
            for (var index = 0; index < count; index++) {
              var frame = document.createElement('iframe');
              frame.style.cssText = 'border:0;width:\(width)px;height:600px';
              frame.onload = (function (index, frame) { return function () { check(index, frame); }; })(index, frame);
              frame.src = 'r' + index + '.html';
              document.body.appendChild(frame);
            }
            </script></body></html>
            """
        let harnessURL = folder.appendingPathComponent("harness.html")
        try Data(harness.utf8).write(to: harnessURL)
        let dom = try run(chromium!, ["--headless", "--no-sandbox", "--disable-gpu", "--allow-file-access-from-files",
                                      "--virtual-time-budget=30000", "--dump-dom", harnessURL.absoluteString], seconds: 180)
        guard let match = dom.firstMatch(of: /data-results="([^"]*)"/) else { throw Failed(message: "no results in the page") }
        let json = String(match.1).replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&lt;", with: "<")
            .replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&#39;", with: "'").replacingOccurrences(of: "&amp;", with: "&")
        return try JSONDecoder().decode([Layout].self, from: Data(json.utf8))
    }

    struct Page {
        var number: Int
        var text: String
        /// How far down the page its text reaches, from 0 (blank) to 1.
        var filled: Double
    }

    /// A page printed to PDF on A4 or Letter paper, page by page.
    static func print(_ html: String, paper: String) throws -> [Page] {
        let folder = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let page = folder.appendingPathComponent("report.html"), pdf = folder.appendingPathComponent("report.pdf")
        try Data(html.replacingOccurrences(of: "</style>", with: "@page { size: \(paper); }\n</style>").utf8).write(to: page)
        _ = try run(chromium!, ["--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
                                "--print-to-pdf=\(pdf.path)", page.absoluteString], seconds: 60)
        // Words with their boxes, page by page.
        let boxes = try run(pdftotext!, ["-bbox", pdf.path, "-"], seconds: 30)
        var pages: [Page] = []
        for (index, chunk) in boxes.components(separatedBy: "<page ").dropFirst().enumerated() {
            let height = Double(chunk.firstMatch(of: /height="([\d.]+)"/).map { String($0.1) } ?? "") ?? 1
            let words = chunk.matches(of: /yMax="([\d.]+)">([^<]*)<\/word>/)
            let bottom = words.compactMap { Double(String($0.1)) }.max() ?? 0
            pages.append(Page(number: index + 1, text: words.map { String($0.2) }.joined(separator: " ")
                                .replacingOccurrences(of: "&amp;", with: "&").replacingOccurrences(of: "&#39;", with: "'"),
                              filled: bottom / height))
        }
        return pages
    }

    struct Failed: Error, CustomStringConvertible {
        var message: String
        var description: String { message }
    }

    /// Runs a program for at most `seconds` and returns its standard output.
    static func run(_ program: String, _ arguments: [String], seconds: Double) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let timer = DispatchWorkItem { process.terminate() }
        DispatchQueue.global().asyncAfter(deadline: .now() + seconds, execute: timer)
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        timer.cancel()
        guard process.terminationReason == .exit, process.terminationStatus == 0 else {
            throw Failed(message: "\(program) failed or took longer than \(Int(seconds)) s")
        }
        return String(decoding: data, as: UTF8.self)
    }
}
