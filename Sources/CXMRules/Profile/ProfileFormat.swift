/// The keys of a profile that are not answers, as the application that reads profiles defines
/// them: the engine reserves no key of its own.
///
/// A rule base is checked with a format (see ``RuleBase/check(files:format:)``): no question may
/// be named like one of its keys, so that a profile never leaves unclear whether a key is an
/// answer. ``ProfileReader`` keeps the values of ``metadataKeys`` in ``Profile/metadata`` and
/// reads past the ``otherKeys`` that a read allows.
public struct ProfileFormat: Hashable, Sendable {
    /// Keys whose values (text, or a number kept as text) are the profile's metadata, such as
    /// its name or the date of its answers.
    public var metadataKeys: Set<String>
    /// Other keys the application reads itself from the same files, such as the expectations of
    /// a test case.
    public var otherKeys: Set<String>

    public init(metadataKeys: Set<String> = [], otherKeys: Set<String> = []) {
        self.metadataKeys = metadataKeys
        self.otherKeys = otherKeys
    }

    /// The names no question may have: every key of the format.
    public var reservedNames: Set<String> { metadataKeys.union(otherKeys) }
}
