#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The distinct names of a rule file, each made into a `String` once and numbered in the order
/// they first appear. The lexer finds a name's number from its bytes (an FNV-1a hash, buckets
/// probed in turn), without making a string; the tokens hold the numbers. A table starts with
/// the ``Word``s, numbered as ``Word/allCases`` lists them (``words``), so that a name is a
/// word exactly when its number is below the count of words.
struct NameInterner {
    /// The names by number.
    private(set) var names: [String] = []
    /// Each name's hash, by number.
    private var hashes: [UInt64] = []
    /// The bytes of every name, one after another; name `n` ends at `ends[n]`.
    private var spellings: [UInt8] = []
    private var ends: [Int] = []
    /// A name's number plus one in each used bucket, 0 in a free one; a power of two, at least
    /// twice as many as names.
    private var buckets = [Int](repeating: 0, count: 256)

    /// A table of the words the parser looks for, numbered as ``Word/allCases`` lists them.
    static let words: NameInterner = {
        var table = NameInterner()
        for word in Word.allCases {
            let number = Array(word.rawValue.utf8).withUnsafeBufferPointer { table.number(of: $0) }
            assert(number == table.names.count - 1, "the word '\(word)' is listed twice")
        }
        return table
    }()

    /// The number of a name, given as its UTF-8 bytes; a new name is added.
    mutating func number(of name: UnsafeBufferPointer<UInt8>) -> Int {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in name { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01B3 }
        let mask = buckets.count - 1
        var bucket = Int(truncatingIfNeeded: hash) & mask
        while buckets[bucket] != 0 {
            let number = buckets[bucket] - 1
            if hashes[number] == hash && isSpelled(number, as: name) { return number }
            bucket = (bucket + 1) & mask
        }
        names.append(String(decoding: name, as: UTF8.self))
        hashes.append(hash)
        spellings.append(contentsOf: name)
        ends.append(spellings.count)
        buckets[bucket] = names.count
        if names.count * 2 > buckets.count { rehash(into: buckets.count * 2) }
        return names.count - 1
    }

    /// Whether name `number` is spelled with these bytes.
    private func isSpelled(_ number: Int, as name: UnsafeBufferPointer<UInt8>) -> Bool {
        let start = number == 0 ? 0 : ends[number - 1]
        guard ends[number] - start == name.count else { return false }
        return spellings.withUnsafeBufferPointer { spelled in
            name.isEmpty || memcmp(spelled.baseAddress! + start, name.baseAddress!, name.count) == 0
        }
    }

    private mutating func rehash(into count: Int) {
        buckets = [Int](repeating: 0, count: count)
        let mask = count - 1
        for (number, hash) in hashes.enumerated() {
            var bucket = Int(truncatingIfNeeded: hash) & mask
            while buckets[bucket] != 0 { bucket = (bucket + 1) & mask }
            buckets[bucket] = number + 1
        }
    }
}
