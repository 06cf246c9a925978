/// The option labels of a type as a table shows them, to save width: without the words at
/// their start or end that all of them share ("CXM Champion", "CXM Minimalist" → "Champion",
/// "Minimalist"), which a legend names. Every label keeps at least one word.
struct ShortLabels: Sendable {
    /// The labels, in the order of the options.
    let labels: [String]
    /// What is left out, for the legend: `"CXM" left out`; nothing if no word is.
    let leftOut: [String]

    init(_ labels: [String]) {
        let words = labels.map { $0.split(separator: " ").map(String.init) }
        // How many words all labels share at the start, then at the end, each keeping one.
        func shared(_ word: ([String], Int) -> String, keeping kept: Int) -> Int {
            var count = 0
            while words.count > 1, words.allSatisfy({ $0.count > kept + count + 1 && word($0, count) == word(words[0], count) }) {
                count += 1
            }
            return count
        }
        let leading = shared({ $0[$1] }, keeping: 0)
        let trailing = shared({ $0[$0.count - 1 - $1] }, keeping: leading)
        guard leading + trailing > 0 else {
            self.labels = labels
            leftOut = []
            return
        }
        self.labels = words.map { $0[leading..<($0.count - trailing)].joined(separator: " ") }
        let left = [words[0].prefix(leading), words[0].suffix(trailing)].filter { !$0.isEmpty }
        leftOut = ["\"" + left.map { $0.joined(separator: " ") }.joined(separator: "\", \"") + "\" left out"]
    }
}
