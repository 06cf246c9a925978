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
        options = NameTable(groups: optionTypes.map { type in type.options.enumerated().map { ($1, $0) } })
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

    /// Reads the profile in `bytes` into `profile`, reusing its storage; `false` where the full
    /// reader must read it (`profile` is then unfinished).
    static func read(_ bytes: [UInt8], keys: ProfileKeys, metadataKeys: Set<String>, allowing: Set<String> = [], into profile: inout Profile) -> Bool {
        bytes.withUnsafeBufferPointer { buffer in
            var reader = ProfileFastPath(bytes: buffer, keys: keys, metadataKeys: metadataKeys, allowing: allowing)
            return reader.read(into: &profile)
        }
    }

    private init(bytes: UnsafeBufferPointer<UInt8>, keys: ProfileKeys, metadataKeys: Set<String>, allowing: Set<String>) {
        self.bytes = bytes
        self.keys = keys
        self.metadataKeys = metadataKeys
        self.allowing = allowing
    }

    private mutating func read(into profile: inout Profile) -> Bool {
        // Text beyond ASCII is read here only when all of it is valid UTF-8.
        if !ByteScan.isASCII(bytes), String(validating: bytes, as: UTF8.self) == nil { return false }
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { offset = 3 }
        profile.reuse(questions: keys.types.count, clearing: keys.types.indices)
        var seen = Array(repeating: false, count: keys.types.count)
        var seenMetadata: Set<String> = []
        guard take(UInt8(ascii: "{")) else { return false }
        if !take(UInt8(ascii: "}")) {
            repeat {
                guard let key = string(), take(UInt8(ascii: ":")) else { return false }
                if let slot = keys.questions.value(of: key, in: bytes) {
                    guard !seen[slot] else { return false }
                    seen[slot] = true
                    if case .set(let type) = keys.types[slot], take(UInt8(ascii: "{")) {
                        guard let partial = partialAnswer(type: type) else { return false }
                        profile.store(partial, slot: slot, optionCount: keys.optionCounts[type])
                        continue
                    }
                    guard let answer = answer(for: slot) else { return false }
                    profile.answers[slot] = answer
                } else {
                    let name = String(decoding: bytes[key], as: UTF8.self)
                    guard seenMetadata.insert(name).inserted else { return false }
                    if allowing.contains(name) {
                        guard skipValue(depth: 0) else { return false }
                        continue
                    }
                    // The version of the rules the answers were given under changes how they read.
                    guard metadataKeys.contains(name), name != ProfileReader.versionKey else { return false }
                    skipSpace()
                    if literal("null") { continue }
                    guard let text = string() else { return false }
                    // Metadata is shown on terminals and in reports: without control characters.
                    profile.metadata[name] = String(decoding: bytes[text], as: UTF8.self).printable()
                }
            } while take(UInt8(ascii: ","))
            guard take(UInt8(ascii: "}")) else { return false }
        }
        skipSpace()
        return offset == bytes.count
    }

    /// An answer of the question's type: `.some(nil)` for `null` or an empty string.
    private mutating func answer(for slot: Int) -> Value?? {
        skipSpace()
        if literal("null") { return .some(nil) }
        switch keys.types[slot] {
        case .option(let type):
            if let text = string() {
                if text.isEmpty { return .some(nil) }
                return keys.options.value(of: text, in: bytes, group: type.index).map { .option(type: type, position: $0) }
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
            guard let text = string(), let position = keys.options.value(of: text, in: bytes, group: type.index) else { return nil }
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
        // `<= 0x20` first: most bytes are not space, and one comparison says so.
        while offset < bytes.count, bytes[offset] <= 0x20, bytes[offset] == 0x20 || bytes[offset] == 0x0A || bytes[offset] == 0x0D || bytes[offset] == 0x09 {
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
    /// (the full reader trims and matches labels): where its contents are. Its end is found a
    /// word at a time; only a string with a byte that is not printable ASCII near it is checked
    /// byte by byte (text beyond ASCII is allowed).
    private mutating func string() -> Range<Int>? {
        guard take(UInt8(ascii: "\"")), let base = bytes.baseAddress else { return nil }
        let start = offset
        var unprintable: UInt64 = 0
        let end = ByteScan.first(UInt8(ascii: "\""), or: UInt8(ascii: "\\"), in: base, from: start, to: bytes.count, readable: bytes.count,
                                 unprintable: &unprintable)
        let range = start..<end
        guard end < bytes.count, bytes[end] == UInt8(ascii: "\""),
              unprintable == 0 || !bytes[range].contains(where: { $0 < 0x20 || $0 == 0x7F }) else {
            // Nothing after a string this path cannot read is read either.
            offset = bytes.count
            return nil
        }
        offset = end + 1
        if let first = range.first, bytes[first] == 0x20 || bytes[range.last!] == 0x20 { return nil }
        return range
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
