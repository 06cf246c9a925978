/// The layout the HTML pages' bar charts share (``HTMLChart`` for a report's chart, ``HTMLBars``
/// for a batch's counts): rows drawn top to bottom, each a label wrapped over lines above a bar
/// on a grey track. Drawn about as wide as a phone's screen, so that the text stays as large as
/// the page's when the drawing is scaled to fit.
struct SVGBarRows {
    /// The drawing's width, a line of text's height and a bar's, in SVG units.
    static let width = 356.0, lineHeight = 18.0, barHeight = 14.0
    /// About how many characters fit on a line across the drawing.
    static let characters = 44

    /// The drawing so far.
    private(set) var body = ""
    /// Where the next row starts, from the top.
    private(set) var y = 0.0

    /// Text wrapped over lines, each below the last.
    mutating func lines(_ text: String, class name: String? = nil) {
        for line in HTML.lines(text, width: Self.characters) {
            y += Self.lineHeight
            body += SVG.text(line, x: 0, y: y - 4, class: name)
        }
    }

    /// A bar at the current height: a `track` units long track and, over it, `share` of it
    /// filled. Leaves the height where it is.
    mutating func bar(share: Double, track: Double) {
        body += SVG.rect(x: 0, y: y, width: track, height: Self.barHeight, class: "track")
        body += SVG.rect(x: 0, y: y, width: share * track, height: Self.barHeight, class: "bar")
    }

    /// Adds an element the rows do not draw themselves.
    mutating func append(_ element: String) {
        body += element
    }

    /// Moves the next row down.
    mutating func advance(by height: Double) {
        y += height
    }

    /// The drawing in its figure, with its title as caption and its description for screen
    /// readers.
    func figure(title: String, description: String) -> String {
        "<figure class=\"chart\">\n<figcaption>\(HTML.escape(title))</figcaption>\n"
            + SVG.open(width: Self.width, height: y, description: description) + body + "</svg>\n</figure>\n"
    }
}
