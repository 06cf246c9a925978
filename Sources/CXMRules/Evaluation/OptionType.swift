/// A scale (ordered) or enumeration (unordered) of options.
public struct OptionType: Sendable {
    /// The type's name, as declared.
    public let name: String
    /// Whether the options are ordered (a scale).
    public let ordered: Bool
    /// The options' ids, in declaration order.
    public let options: [String]
    /// The options' labels as shown to people; the id where no label was given.
    public let labels: [String]
    /// The ids options had in earlier versions of the rules (`formerly`), with the position of
    /// the option each now names.
    public let formerIds: [String: Int]
    /// For each option, the version of the rules that added it (`since N`; 1 where not said).
    public let since: [Int]

    /// The position of an option, by id or, case-insensitively, by label; or by an id it had in
    /// an earlier version of the rules.
    public func position(of text: String) -> Int? {
        currentPosition(of: text) ?? formerPosition(of: text)
    }

    /// The position of an option by its id or label, not by a former id.
    public func currentPosition(of text: String) -> Int? {
        if let index = options.firstIndex(of: text) { return index }
        let lowered = text.lowercased()
        return labels.firstIndex { $0.lowercased() == lowered }
            ?? options.firstIndex { $0.lowercased() == lowered }
    }

    /// The option that position `number` (counted from 1) named in version `version` of the
    /// rules, which lacked the options added since; `nil` when that version had no such
    /// position.
    public func position(number: Int, inVersion version: Int) -> Int? {
        var count = 0
        for (position, added) in since.enumerated() where added <= version {
            count += 1
            if count == number { return position }
        }
        return nil
    }

    /// How many options version `version` of the rules had.
    public func optionCount(inVersion version: Int) -> Int {
        since.count { $0 <= version }
    }

    /// Whether options were added to the type after version `version` (so that position
    /// numbers count differently then).
    public func changed(since version: Int) -> Bool {
        since.contains { $0 > version }
    }

    /// The position of the option that `text` named in an earlier version of the rules (as
    /// `formerly` says), in any case; `nil` if it names none.
    public func formerPosition(of text: String) -> Int? {
        guard !formerIds.isEmpty else { return nil }
        if let position = formerIds[text] { return position }
        let lowered = text.lowercased()
        return formerIds.first { $0.key.lowercased() == lowered }?.value
    }
}

extension Array {
    /// The entry for the option type `id`, in an array with one entry per option type.
    @inline(__always) subscript(_ id: OptionTypeID) -> Element { self[id.index] }
}

extension Array where Element == OptionType {
    /// The option type that `id` names (``RuleBase/optionTypes``, indexed by ``OptionTypeID``).
    public subscript(id: OptionTypeID) -> OptionType { self[id.index] }
}
