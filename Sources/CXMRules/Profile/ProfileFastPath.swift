/// Names looked up straight from bytes, without making strings: an open-addressing hash table
/// over the names' UTF-8 bytes and a group number (such as the option type an option id is of),
/// hashed a word at a time, at most a quarter full, so that a lookup usually hashes the name
/// once and compares it with one name, word by word.
struct NameTable: Sendable {
    /// The names, one after another.
    private var bytes: [UInt8] = []
    /// Per bucket: where the name is in `bytes`, its group, and its value; `value` -1 for an
    /// empty bucket.
    private var buckets: [Bucket]
    /// The bits of the hash that pick a bucket: its top `64 - shift`.
    private let shift: UInt64

    private struct Bucket: Sendable {
        var start: Int32
        var length: Int32
        var group: Int32
        var value: Int32
    }

    /// A table of names, each with its group and value; a name is found only in its group.
    init(_ names: [(name: String, group: Int, value: Int)]) {
        var bits: UInt64 = 3
        while 1 << bits < names.count * 4 { bits += 1 }
        shift = 64 - bits
        buckets = Array(repeating: Bucket(start: 0, length: 0, group: 0, value: -1), count: 1 << bits)
        let mask = buckets.count - 1
        for (name, group, value) in names {
            let utf8 = Array(name.utf8)
            var index = utf8.withUnsafeBufferPointer { Self.hash($0, group: group, shift: shift) }
            while buckets[index].value >= 0 { index = (index + 1) & mask }
            buckets[index] = Bucket(start: Int32(bytes.count), length: Int32(utf8.count), group: Int32(group), value: Int32(value))
            bytes += utf8
        }
    }

    /// A table of names in one group, 0.
    init(_ names: [(name: String, value: Int)]) {
        self.init(names.map { ($0.name, 0, $0.value) })
    }

    /// The bucket a name starts its search at: its group, its length and its bytes, loaded as
    /// words (see ``word(_:_:_:)``), mixed by multiplication, the top bits kept.
    @inline(__always)
    private static func hash(_ name: UnsafeBufferPointer<UInt8>, group: Int, shift: UInt64) -> Int {
        let multiplier: UInt64 = 0x9E37_79B9_7F4A_7C15
        var hash = (UInt64(name.count) | UInt64(truncatingIfNeeded: group) << 32) &* multiplier
        if let base = name.baseAddress {
            var offset = 0
            repeat {
                hash = (hash ^ word(base, name.count, offset)) &* multiplier
                offset += 8
            } while offset < name.count
        }
        return Int(truncatingIfNeeded: ((hash ^ (hash >> 29)) &* multiplier) >> shift)
    }

    /// The word of the name of `count` bytes at `base` that starts at `offset` (a multiple of
    /// 8): its next 8 bytes, or for the last word, the name's last 8 bytes (overlapping the word
    /// before) or, under 8, its first and last 4 bytes, or its first, middle and last byte.
    /// Loads only the name's own bytes.
    @inline(__always)
    private static func word(_ base: UnsafePointer<UInt8>, _ count: Int, _ offset: Int) -> UInt64 {
        let raw = UnsafeRawPointer(base)
        if offset + 8 <= count { return raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self) }
        if count >= 8 { return raw.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self) }
        if count >= 4 {
            return UInt64(raw.loadUnaligned(as: UInt32.self)) | UInt64(raw.loadUnaligned(fromByteOffset: count - 4, as: UInt32.self)) << 32
        }
        return count == 0 ? 0 : UInt64(base[0]) | UInt64(base[count / 2]) << 8 | UInt64(base[count - 1]) << 16
    }

    /// The value of the name in `name`, of group `group`, if it is in the table.
    func value(of name: UnsafeBufferPointer<UInt8>, group: Int = 0) -> Int? {
        var index = Self.hash(name, group: group, shift: shift)
        let mask = buckets.count - 1
        return buckets.withUnsafeBufferPointer { buckets in
            bytes.withUnsafeBufferPointer { bytes in
                while true {
                    let bucket = buckets[index]
                    guard bucket.value >= 0 else { return nil }
                    if Int(bucket.length) == name.count, Int(bucket.group) == group, Self.equal(name, bytes.baseAddress! + Int(bucket.start)) {
                        return Int(bucket.value)
                    }
                    index = (index + 1) & mask
                }
            }
        }
    }

    /// Whether `name` is the name of the same length at `stored`, compared word by word.
    @inline(__always)
    private static func equal(_ name: UnsafeBufferPointer<UInt8>, _ stored: UnsafePointer<UInt8>) -> Bool {
        guard let base = name.baseAddress else { return true }
        var offset = 0
        repeat {
            if word(base, name.count, offset) != word(stored, name.count, offset) { return false }
            offset += 8
        } while offset < name.count
        return true
    }

    /// The value of the name in `name`, of group `group`, if it is in the table.
    func value(of name: Slice<UnsafeBufferPointer<UInt8>>, group: Int = 0) -> Int? {
        value(of: UnsafeBufferPointer(rebasing: name), group: group)
    }
}

/// Scans bytes eight at a time (SWAR: each byte of a 64-bit word a lane), for the fast paths.
enum ByteScan {
    private static let ones: UInt64 = 0x0101_0101_0101_0101
    private static let highs: UInt64 = 0x8080_8080_8080_8080

    /// The first index in `start..<end` that holds `byte`, or `end`.
    @inline(__always)
    static func first(_ byte: UInt8, in base: UnsafePointer<UInt8>, from start: Int, to end: Int) -> Int {
        let pattern = UInt64(byte) &* ones
        let raw = UnsafeRawPointer(base)
        var index = start
        while index + 8 <= end {
            let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)) ^ pattern
            // A lane that was `byte` is now 0: the lowest such lane is the lowest flagged one.
            let found = (word &- ones) & ~word & highs
            if found != 0 { return index + found.trailingZeroBitCount / 8 }
            index += 8
        }
        while index < end, base[index] != byte { index += 1 }
        return index
    }

    /// Whether every byte is printable ASCII (0x20 to 0x7E): no control character, no DEL, no
    /// byte of a longer UTF-8 sequence.
    static func isPrintableASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return true }
        let raw = UnsafeRawPointer(base)
        var index = 0
        var flagged: UInt64 = 0
        while index + 8 <= bytes.count {
            let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
            // A lane at 0x80 or above has its high bit; under 0x20, its high bit after the
            // subtraction; 0x7F, after the addition. With no such lane nothing carries or
            // borrows between lanes, so no lane is flagged.
            flagged |= (word | (word &- 0x20 &* ones) | (word &+ ones)) & highs
            index += 8
        }
        while index < bytes.count {
            if bytes[index] < 0x20 || bytes[index] >= 0x7F { return false }
            index += 1
        }
        return flagged == 0
    }
}

/// What the fast path of profile reading looks up: question names, option ids by type, and
/// the questions' types and ranges.
struct ProfileKeys: Sendable {
    let questions: NameTable
    /// Option ids, grouped by the index of their option type.
    let options: NameTable
    let types: [ValueType]
    let ranges: [ClosedRange<Double>?]
    /// Per option type: whether a position number reads as the option at that position now,
    /// as it does for an ordered type whose options are those of version 1 (a profile without
    /// `rules_version` counts positions as in version 1).
    let positionsAsNow: [Bool]
    let optionCounts: [Int]

    init(questions: ArraySlice<ValueInfo>, optionTypes: [OptionType]) {
        self.questions = NameTable(questions.enumerated().map { ($1.name, $0) })
        options = NameTable(optionTypes.enumerated().flatMap { group, type in type.options.enumerated().map { ($1, group, $0) } })
        types = questions.map(\.type)
        ranges = questions.map(\.range)
        positionsAsNow = optionTypes.map { $0.ordered && !$0.changed(since: 1) }
        optionCounts = optionTypes.map(\.options.count)
    }
}

/// Reads the common shape of a profile straight from its bytes: one JSON object of question
/// ids and metadata, with option ids, numbers, booleans, arrays of option ids, `null`, and
/// strings without escapes. Anything else (labels, escapes, an unknown or repeated key, a value
/// out of range, any syntax error) gives `nil`, and the full reader reads the profile and
/// reports what is wrong with it, so the two always agree.
struct ProfileFastPath {
    private let bytes: UnsafeBufferPointer<UInt8>
    private let keys: ProfileKeys
    private var offset = 0

    /// Keys besides answers and metadata that the caller handles (a scenario's `expect`):
    /// their values are skipped.
    private let allowing: Set<String>
    /// Keys whose values are metadata (see ``ProfileFormat/metadataKeys``).
    private let metadataKeys: Set<String>

    static func read(_ bytes: [UInt8], keys: ProfileKeys, metadataKeys: Set<String>, allowing: Set<String> = []) -> Profile? {
        bytes.withUnsafeBufferPointer { buffer in
            var reader = ProfileFastPath(bytes: buffer, keys: keys, metadataKeys: metadataKeys, allowing: allowing)
            return reader.profile()
        }
    }

    private init(bytes: UnsafeBufferPointer<UInt8>, keys: ProfileKeys, metadataKeys: Set<String>, allowing: Set<String>) {
        self.bytes = bytes
        self.keys = keys
        self.metadataKeys = metadataKeys
        self.allowing = allowing
    }

    private mutating func profile() -> Profile? {
        // Text beyond ASCII is read here only when all of it is valid UTF-8.
        if bytes.contains(where: { $0 >= 0x80 }), String(validating: bytes, as: UTF8.self) == nil { return nil }
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { offset = 3 }
        var profile = Profile(answers: Array(repeating: nil, count: keys.types.count))
        var seen = Array(repeating: false, count: keys.types.count)
        var seenMetadata: Set<String> = []
        guard take(UInt8(ascii: "{")) else { return nil }
        if !take(UInt8(ascii: "}")) {
            repeat {
                guard let key = string(), take(UInt8(ascii: ":")) else { return nil }
                if let slot = keys.questions.value(of: bytes[key]) {
                    guard !seen[slot] else { return nil }
                    seen[slot] = true
                    if case .set(let type) = keys.types[slot], take(UInt8(ascii: "{")) {
                        guard let partial = partialAnswer(type: type) else { return nil }
                        profile.store(partial, slot: slot, optionCount: keys.optionCounts[type])
                        continue
                    }
                    guard let answer = answer(for: slot) else { return nil }
                    profile.answers[slot] = answer
                } else {
                    let name = String(decoding: bytes[key], as: UTF8.self)
                    guard seenMetadata.insert(name).inserted else { return nil }
                    if allowing.contains(name) {
                        guard skipValue(depth: 0) else { return nil }
                        continue
                    }
                    // The version of the rules the answers were given under changes how they read.
                    guard metadataKeys.contains(name), name != ProfileReader.versionKey else { return nil }
                    skipSpace()
                    if literal("null") { continue }
                    guard let text = string() else { return nil }
                    // Metadata is shown on terminals and in reports: without control characters.
                    profile.metadata[name] = String(decoding: bytes[text], as: UTF8.self).printable()
                }
            } while take(UInt8(ascii: ","))
            guard take(UInt8(ascii: "}")) else { return nil }
        }
        skipSpace()
        return offset == bytes.count ? profile : nil
    }

    /// An answer of the question's type: `.some(nil)` for `null` or an empty string.
    private mutating func answer(for slot: Int) -> Value?? {
        skipSpace()
        if literal("null") { return .some(nil) }
        switch keys.types[slot] {
        case .option(let type):
            if let text = string() {
                if text.isEmpty { return .some(nil) }
                return keys.options.value(of: bytes[text], group: type.index).map { .option(type: type, position: $0) }
            }
            guard keys.positionsAsNow[type], let number = number(), number == number.rounded(),
                  number >= 1, number <= Double(keys.optionCounts[type]) else { return nil }
            return .option(type: type, position: Int(number) - 1)
        case .set(let type):
            return answer(forSet: type)
        case .boolean:
            if literal("true") { return .boolean(true) }
            if literal("false") { return .boolean(false) }
            return nil
        case .number:
            guard let number = number() else { return nil }
            if let range = keys.ranges[slot], !range.contains(number) { return nil }
            return .number(number)
        case .text:
            // Text beyond ASCII may be blank to the full reader (no-break spaces): its to judge.
            guard let text = string(), !bytes[text].contains(where: { $0 >= 0x80 }) else { return nil }
            return text.isEmpty ? .some(nil) : .text(String(decoding: bytes[text], as: UTF8.self))
        case .list:
            return nil
        }
    }

    /// An array of option ids of type `type`.
    private mutating func answer(forSet type: OptionTypeID) -> Value?? {
        guard take(UInt8(ascii: "[")) else { return nil }
        var mask: UInt64 = 0
        if take(UInt8(ascii: "]")) { return .set(type: type, mask: 0) }
        repeat {
            guard let text = string(), let position = keys.options.value(of: bytes[text], group: type.index) else { return nil }
            mask |= 1 << UInt64(position)
        } while take(UInt8(ascii: ","))
        guard take(UInt8(ascii: "]")) else { return nil }
        return .set(type: type, mask: mask)
    }

    /// A partial answer after its `{`: `"includes"` and `"excludes"`, each at most once, with
    /// arrays of option ids that do not overlap; `nil` for anything else.
    private mutating func partialAnswer(type: OptionTypeID) -> PartialSet? {
        var masks: [UInt64?] = [nil, nil]
        if !take(UInt8(ascii: "}")) {
            repeat {
                guard let key = string(), take(UInt8(ascii: ":")) else { return nil }
                let name = bytes[key]
                let index: Int
                if name.elementsEqual(ProfileReader.partialKeys.includes.utf8) { index = 0 }
                else if name.elementsEqual(ProfileReader.partialKeys.excludes.utf8) { index = 1 }
                else { return nil }
                guard masks[index] == nil, case .set(_, let mask)? = answer(forSet: type) else { return nil }
                masks[index] = mask
            } while take(UInt8(ascii: ","))
            guard take(UInt8(ascii: "}")) else { return nil }
        }
        let (includes, excludes) = (masks[0] ?? 0, masks[1] ?? 0)
        return includes & excludes == 0 ? PartialSet(type: type, includes: includes, excludes: excludes) : nil
    }

    // MARK: Tokens

    /// Skips one JSON value, checking its syntax; `false` if it is not valid JSON.
    private mutating func skipValue(depth: Int) -> Bool {
        guard depth < 64 else { return false }
        skipSpace()
        guard offset < bytes.count else { return false }
        switch bytes[offset] {
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            let close = bytes[offset] == UInt8(ascii: "{") ? UInt8(ascii: "}") : UInt8(ascii: "]")
            offset += 1
            if take(close) { return true }
            repeat {
                if close == UInt8(ascii: "}") { guard skipString(), take(UInt8(ascii: ":")) else { return false } }
                guard skipValue(depth: depth + 1) else { return false }
            } while take(UInt8(ascii: ","))
            return take(close)
        case UInt8(ascii: "\""):
            return skipString()
        case UInt8(ascii: "t"): return literal("true")
        case UInt8(ascii: "f"): return literal("false")
        case UInt8(ascii: "n"): return literal("null")
        default: return number() != nil
        }
    }

    /// Skips a string, escapes and all.
    private mutating func skipString() -> Bool {
        guard take(UInt8(ascii: "\"")) else { return false }
        while offset < bytes.count {
            let byte = bytes[offset]
            offset += 1
            switch byte {
            case UInt8(ascii: "\""): return true
            case UInt8(ascii: "\\"):
                guard offset < bytes.count else { return false }
                let escaped = bytes[offset]
                offset += 1
                if escaped == UInt8(ascii: "u") {
                    guard offset + 4 <= bytes.count, bytes[offset..<offset + 4].allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || ($0 | 0x20 >= 0x61 && $0 | 0x20 <= 0x66) }) else { return false }
                    offset += 4
                } else if !"\"\\/bfnrt".utf8.contains(escaped) {
                    return false
                }
            case 0..<0x20, 0x7F: return false
            default: break
            }
        }
        return false
    }

    private mutating func skipSpace() {
        while offset < bytes.count, bytes[offset] == 0x20 || bytes[offset] == 0x0A || bytes[offset] == 0x0D || bytes[offset] == 0x09 {
            offset += 1
        }
    }

    private mutating func take(_ byte: UInt8) -> Bool {
        skipSpace()
        guard offset < bytes.count, bytes[offset] == byte else { return false }
        offset += 1
        return true
    }

    private mutating func literal(_ word: StaticString) -> Bool {
        let length = word.utf8CodeUnitCount
        guard offset + length <= bytes.count else { return false }
        for index in 0..<length where bytes[offset + index] != word.utf8Start[index] { return false }
        offset += length
        return true
    }

    /// A string without escapes or control characters, and without leading or trailing spaces
    /// (the full reader trims and matches labels): where its contents are.
    private mutating func string() -> Range<Int>? {
        guard take(UInt8(ascii: "\"")) else { return nil }
        let start = offset
        while offset < bytes.count {
            let byte = bytes[offset]
            if byte == UInt8(ascii: "\"") {
                offset += 1
                let range = start..<offset - 1
                if let first = range.first, bytes[first] == 0x20 || bytes[range.last!] == 0x20 { return nil }
                return range
            }
            guard byte >= 0x20, byte != 0x7F, byte != UInt8(ascii: "\\") else { return nil }
            offset += 1
        }
        return nil
    }

    /// A JSON number (RFC 8259 grammar), finite.
    private mutating func number() -> Double? {
        let start = offset
        func digits() -> Int {
            let first = offset
            while offset < bytes.count, bytes[offset] >= 0x30, bytes[offset] <= 0x39 { offset += 1 }
            return offset - first
        }
        if offset < bytes.count, bytes[offset] == UInt8(ascii: "-") { offset += 1 }
        let leading = offset
        guard digits() > 0, bytes[leading] != 0x30 || offset - leading == 1 else { return nil }
        if offset < bytes.count, bytes[offset] == UInt8(ascii: ".") {
            offset += 1
            guard digits() > 0 else { return nil }
        }
        if offset < bytes.count, bytes[offset] == UInt8(ascii: "e") || bytes[offset] == UInt8(ascii: "E") {
            offset += 1
            if offset < bytes.count, bytes[offset] == UInt8(ascii: "+") || bytes[offset] == UInt8(ascii: "-") { offset += 1 }
            guard digits() > 0 else { return nil }
        }
        guard let number = DecimalBytes.value(of: bytes[start..<offset]), number.isFinite else { return nil }
        // Numbers too small to tell from zero are left to the full reader's message.
        return number == 0 && bytes[start..<offset].contains(where: { $0 >= 0x31 && $0 <= 0x39 }) ? nil : number
    }
}
