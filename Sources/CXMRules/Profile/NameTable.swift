/// Names looked up straight from bytes, without making strings. Each group of names (the
/// option ids of one option type, say) has a hash table of its own, keyed by the name's length
/// and two machine words, its first and its last eight bytes (which together are the whole of
/// a name up to 16 bytes); the group's multiplier is chosen when the table is built so that
/// its names fall into different buckets (a perfect hash) wherever such a multiplier is found,
/// so that a lookup usually hashes two words and compares them with one bucket's. A name longer
/// than 16 bytes is also compared byte by byte in between; names that share a bucket are found
/// by probing the next ones.
struct NameTable: Sendable {
    /// A name's length and its first and last eight bytes, little-endian, as one key; under 8
    /// bytes, its bytes in `first` and zeros above them, and `last` 0.
    fileprivate struct Key: Equatable {
        var first: UInt64
        var last: UInt64
        var length: Int
    }

    private struct Bucket: Sendable {
        var first: UInt64 = 0
        var last: UInt64 = 0
        /// The name's length; -1 for an empty bucket, so that no key matches it.
        var length: Int32 = -1
        /// The name's value; -1 for an empty bucket.
        var value: Int32 = -1
        /// Where the name is in ``NameTable/bytes``, for names over 16 bytes.
        var start: Int32 = 0
    }

    /// One group's buckets: `count` (a power of two) from `base`, picked by the top bits of the
    /// key's mix times `multiplier`.
    struct Group: Sendable {
        fileprivate var base: Int
        fileprivate var mask: Int
        fileprivate var shift: UInt64
        fileprivate var multiplier: UInt64

        /// The bucket, from `base`, a key starts its search at: its words and length mixed,
        /// times the multiplier, the top bits.
        @inline(__always)
        fileprivate func index(of key: Key) -> Int {
            let mixed = key.first ^ (key.last &* 0x9E37_79B9_7F4A_7C15) ^ UInt64(key.length)
            return Int(truncatingIfNeeded: (mixed &* multiplier) &>> shift)
        }
    }

    private var buckets: [Bucket] = []
    private var groups: [Group] = []
    /// The names, one after another.
    private var bytes: [UInt8] = []

    /// A table of names in groups numbered from 0, each name with its value; a name is found
    /// only in its group.
    init(groups names: [[(name: String, value: Int)]]) {
        for group in names {
            let keyed = group.map { name, value in
                let utf8 = Array(name.utf8)
                defer { bytes += utf8 }
                return (key: utf8.withUnsafeBufferPointer { Self.key(0..<$0.count, in: $0) }, start: bytes.count, value: value)
            }
            let table = Self.group(for: keyed.map(\.key), base: buckets.count)
            buckets += Array(repeating: Bucket(), count: table.mask + 1)
            for (key, start, value) in keyed {
                var index = table.index(of: key)
                while buckets[table.base + index].value >= 0 { index = (index + 1) & table.mask }
                buckets[table.base + index] = Bucket(first: key.first, last: key.last, length: Int32(key.length), value: Int32(value), start: Int32(start))
            }
            groups.append(table)
        }
    }

    /// A table of names in one group, 0.
    init(_ names: [(name: String, value: Int)]) {
        self.init(groups: [names])
    }

    /// The buckets of a group of names at `base`: at least twice as many as names, and the
    /// first multiplier (of a fixed sequence, so that every run builds the same table) that
    /// sends every key to its own bucket, trying up to 64 for each of three sizes; failing
    /// that (two long names alike in their first and last eight bytes), the first multiplier.
    private static func group(for keys: [Key], base: Int) -> Group {
        var bits: UInt64 = 1
        while 1 << bits < keys.count * 2 { bits += 1 }
        var state: UInt64 = 0
        var first: Group?
        for extra in 0..<UInt64(3) {
            var used = Array(repeating: false, count: 1 << (bits + extra))
            for _ in 0..<64 {
                state &+= 0x9E37_79B9_7F4A_7C15
                let candidate = Group(base: base, mask: used.count - 1, shift: 64 - bits - extra, multiplier: Self.mixed(state) | 1)
                if first == nil { first = candidate }
                for index in used.indices { used[index] = false }
                var perfect = true
                for key in keys {
                    let index = candidate.index(of: key)
                    if used[index] { perfect = false; break }
                    used[index] = true
                }
                if perfect { return candidate }
            }
        }
        return first!
    }

    /// SplitMix64's finaliser: the bits of `value` well mixed.
    private static func mixed(_ value: UInt64) -> UInt64 {
        var mixed = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        return mixed ^ (mixed >> 31)
    }

    /// The key of the name at `name` in `buffer`, loading whole words where the buffer holds
    /// them (bytes of `buffer` around the name are loaded but left out) and byte by byte where
    /// it does not.
    @inline(__always)
    private static func key(_ name: Range<Int>, in buffer: UnsafeBufferPointer<UInt8>) -> Key {
        let count = name.count
        guard count > 0, let base = buffer.baseAddress else { return Key(first: 0, last: 0, length: 0) }
        let raw = UnsafeRawPointer(base)
        if count >= 8 {
            return Key(first: ByteScan.load(raw, name.lowerBound), last: ByteScan.load(raw, name.upperBound - 8), length: count)
        }
        let unused = UInt64(64 - 8 * count)
        if name.lowerBound + 8 <= buffer.count {
            return Key(first: (ByteScan.load(raw, name.lowerBound) &<< unused) &>> unused, last: 0, length: count)
        }
        if name.upperBound >= 8 {
            return Key(first: ByteScan.load(raw, name.upperBound - 8) &>> unused, last: 0, length: count)
        }
        var word: UInt64 = 0
        for index in name.reversed() { word = word << 8 | UInt64(base[index]) }
        return Key(first: word, last: 0, length: count)
    }

    /// The value of the name at `name` in `buffer`, of group `group`, if it is in the table:
    /// a name in the bucket its key picks is found here, inline; anything else by
    /// ``search(from:_:_:in:_:)``.
    @inline(__always)
    func value(of name: Range<Int>, in buffer: UnsafeBufferPointer<UInt8>, group: Int = 0) -> Int? {
        value(of: name, in: buffer, table: table(of: group))
    }

    /// The table of group `group`, for looking up many names of one group (the options listed
    /// in one cell) with ``value(of:in:table:)``.
    @inline(__always)
    func table(of group: Int) -> Group {
        // Read through pointers: no check of the indices, which the tables were built to keep in bounds.
        groups.withUnsafeBufferPointer { $0[group] }
    }

    /// The tables of every group, by group, for looking up the names of many groups (the cells
    /// of a row) with ``value(of:in:table:)`` (valid only in `body`).
    @inline(__always)
    func withTables<Result>(_ body: (UnsafeBufferPointer<Group>) -> Result) -> Result {
        groups.withUnsafeBufferPointer(body)
    }

    /// The value of the name at `name` in `buffer`, in the group whose ``table(of:)`` is `table`.
    @inline(__always)
    func value(of name: Range<Int>, in buffer: UnsafeBufferPointer<UInt8>, table: Group) -> Int? {
        let key = Self.key(name, in: buffer)
        let index = table.index(of: key)
        let bucket = buckets.withUnsafeBufferPointer { $0[table.base &+ index] }
        if Int(bucket.length) == key.length, bucket.first == key.first, bucket.last == key.last,
           key.length <= 16 || middleEqual(name, in: buffer, Int(bucket.start)) {
            return Int(bucket.value)
        }
        return search(from: index, key, name, in: buffer, table)
    }

    /// The value of the name with `key` at `name` in `buffer`, searched from the bucket at
    /// `index` of `table` on to the first empty one.
    @inline(never)
    private func search(from index: Int, _ key: Key, _ name: Range<Int>, in buffer: UnsafeBufferPointer<UInt8>, _ table: Group) -> Int? {
        var index = index
        return buckets.withUnsafeBufferPointer { buckets in
            while true {
                let bucket = buckets[table.base + index]
                guard bucket.value >= 0 else { return nil }
                if bucket.first == key.first, bucket.last == key.last, Int(bucket.length) == key.length,
                   key.length <= 16 || middleEqual(name, in: buffer, Int(bucket.start)) {
                    return Int(bucket.value)
                }
                index = (index + 1) & table.mask
            }
        }
    }

    /// Whether the bytes of a name over 16 bytes between its first and last eight are those of
    /// the name of the same length at `stored` in ``bytes``, compared word by word (the last
    /// word overlapping the one before).
    private func middleEqual(_ name: Range<Int>, in buffer: UnsafeBufferPointer<UInt8>, _ stored: Int) -> Bool {
        bytes.withUnsafeBufferPointer { bytes in
            let (given, kept) = (UnsafeRawPointer(buffer.baseAddress!) + name.lowerBound, UnsafeRawPointer(bytes.baseAddress!) + stored)
            var offset = 8
            while offset < name.count - 8 {
                let word = min(offset, name.count - 16)
                if ByteScan.load(given, word) != ByteScan.load(kept, word) { return false }
                offset += 8
            }
            return true
        }
    }
}
