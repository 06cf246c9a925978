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
