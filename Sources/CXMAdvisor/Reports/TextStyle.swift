import CXMRules
/// ANSI styles for text reports, or none.
struct TextStyle {
    let enabled: Bool

    func bold(_ text: String) -> String { apply("1", text) }
    func dim(_ text: String) -> String { apply("2", text) }
    func yellow(_ text: String) -> String { apply("33", text) }
    func cyan(_ text: String) -> String { apply("1;36", text) }
    func green(_ text: String) -> String { apply("1;32", text) }

    private func apply(_ code: String, _ text: String) -> String {
        enabled ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }
}
