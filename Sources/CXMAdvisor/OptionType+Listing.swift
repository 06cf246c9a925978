import CXMRules
import Foundation

extension OptionType {
    /// The options listed in `text` (a CSV cell, a reply in `cxm ask`): separated by `;` if
    /// there is one, otherwise by commas (and, with `orSpaces`, white space). From the left,
    /// each item is the longest run of parts that, as written, names an option by id or label,
    /// so that a label with commas or spaces in it is read whole; a part that starts no such run
    /// stands alone. Trimmed, without empty items; what names no option is left as it is, for
    /// the caller to report.
    ///
    /// No run is longer than ``listingSpan`` parts (which callers that list many texts pass in,
    /// worked out once), so the time taken grows linearly with the text.
    func listed(in text: String, orSpaces: Bool = false, span: Int? = nil) -> [String] {
        let span = span ?? listingSpan
        let semicolons = text.contains(";")
        var parts: [Range<String.Index>] = []
        var start = text.startIndex
        for index in text.indices {
            let character = text[index]
            guard semicolons ? character == ";" : character == "," || (orSpaces && character.isWhitespace) else { continue }
            parts.append(start..<index)
            start = text.index(after: index)
        }
        parts.append(start..<text.endIndex)
        func run(_ first: Int, _ end: Int) -> Substring {
            var run = text[parts[first].lowerBound..<parts[end - 1].upperBound]
            while let character = run.first, character.isSpace { run.removeFirst() }
            while let character = run.last, character.isSpace { run.removeLast() }
            return run
        }
        // What `position(of:)` finds, looked up at once: ids and labels in any case, and former ones.
        let names = Set((options + labels + formerIds.keys).map { $0.lowercased() })
        // A run of several parts can name an option only if it starts as a name does: a reply of
        // a thousand numbers tries no runs at all.
        let initials = Set(names.compactMap(\.first))
        var items: [String] = []
        var first = 0
        while first < parts.count {
            var end = min(parts.count, first + span)
            if let initial = run(first, end).lowercased().first, !initials.contains(initial) { end = first + 1 }
            while end > first + 1, !names.contains(run(first, end).lowercased()) { end -= 1 }
            let item = run(first, end)
            if !item.isEmpty { items.append(String(item)) }
            first = end
        }
        return items
    }

}

extension Character {
    /// A space or a tab, as `CharacterSet.whitespaces` has them (not line breaks).
    fileprivate var isSpace: Bool {
        self == "\t" || (unicodeScalars.count == 1 && unicodeScalars.first!.properties.generalCategory == .spaceSeparator)
    }
}

extension OptionType {
    /// The most parts that an option's id or label splits into at `;`, `,` and white space: the
    /// longest run of parts that can name an option.
    var listingSpan: Int {
        (options + labels + formerIds.keys).map { $0.reduce(1) { $1 == ";" || $1 == "," || $1.isWhitespace ? $0 + 1 : $0 } }.max() ?? 1
    }
}
