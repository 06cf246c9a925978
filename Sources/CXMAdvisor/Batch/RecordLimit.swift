import CXMRules

/// How long a record of a batch input (a line of JSON Lines, a CSV record) may be. A longer one
/// is not a profile: the readers report it as a failed record, keep only how it starts, and read
/// on past it without holding it in memory, so that one bad record neither stops the batch nor
/// fills the memory.
public enum RecordLimit {
    /// The most bytes a record may hold: 1 MiB, hundreds of times what a profile needs.
    public static let maximumLength = 1 << 20

    /// How many bytes of a record that is too long are kept, to show how it starts: 240, or
    /// the limit if that is less.
    static func previewLength(_ limit: Int) -> Int {
        min(240, limit)
    }

    /// Why a record is too long, such as "the line is 30 MiB long, more than the 1 MiB a profile
    /// may take".
    static func exceeded(_ subject: String, length: Int, limit: Int) -> String {
        let shown = size(length) == size(limit) ? "\(TextLayout.grouped(length)) bytes" : size(length)
        return "\(subject) is \(shown) long, more than the \(size(limit)) a profile may take"
    }

    /// A size in bytes, KiB or MiB, with at most one decimal.
    static func size(_ bytes: Int) -> String {
        let (value, unit): (Double, String) = switch bytes {
        case ..<1024: (Double(bytes), bytes == 1 ? "byte" : "bytes")
        case ..<(1 << 20): (Double(bytes) / 1024, "KiB")
        default: (Double(bytes) / Double(1 << 20), "MiB")
        }
        return "\(formatNumber((value * 10).rounded() / 10)) \(unit)"
    }
}
