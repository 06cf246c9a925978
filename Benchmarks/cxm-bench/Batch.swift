import CXMAdvisor
import CXMRules
import Foundation
import Synchronization
import TestSupport

/// Writes `count` generated profiles (seeded, as ``makeProfile(for:random:missingShare:)`` makes
/// them) as JSON Lines, one at a time, so that memory stays flat however many; stops quietly
/// if the output cannot be written (a closed pipe, a full disk).
func writeJSONLines(ruleBase: RuleBase, count: Int, seed: UInt64, to handle: FileHandle) {
    var random = SplitMix64(seed: seed)
    var buffer: [UInt8] = []
    for id in 0..<count {
        buffer += profileJSON(makeProfile(for: ruleBase, random: &random), id: id, ruleBase: ruleBase, oneLine: true)
        if buffer.count >= 1 << 20 || id == count - 1 {
            guard (try? handle.write(contentsOf: Data(buffer))) != nil else { return }
            buffer.removeAll(keepingCapacity: true)
        }
    }
}

/// Writes the same profiles as ``writeJSONLines(ruleBase:count:seed:to:)`` as a survey CSV, as
/// `Benchmarks/profiles-to-csv.py` makes one: a header of `id` and the question ids, then a row
/// per profile (options as ids, a multi-select answer as ids separated by `;` or `none`, a
/// missing answer as an empty cell).
func writeCSV(ruleBase: RuleBase, count: Int, seed: UInt64, to handle: FileHandle) {
    var random = SplitMix64(seed: seed)
    var buffer = Array((["id"] + ruleBase.questions.map(\.name)).joined(separator: ",").utf8) + [0x0D, 0x0A]
    for id in 0..<count {
        let cells = makeProfile(for: ruleBase, random: &random).map { answer -> String in
            switch answer {
            case nil, .text?, .list?: return ""
            case .boolean(let flag)?: return flag ? "true" : "false"
            case .number(let number)?: return formatNumber(number)
            case .option(let type, let position)?: return ruleBase.optionTypes[type].options[position]
            case .set(let type, let mask)?:
                let ids = ruleBase.optionTypes[type].options.indices.filter { mask & (1 << UInt64($0)) != 0 }
                return ids.isEmpty ? "none" : ids.map { ruleBase.optionTypes[type].options[$0] }.joined(separator: ";")
            }
        }
        buffer += Array((["p\(id)"] + cells).joined(separator: ",").utf8) + [0x0D, 0x0A]
        if buffer.count >= 1 << 20 || id == count - 1 {
            guard (try? handle.write(contentsOf: Data(buffer))) != nil else { return }
            buffer.removeAll(keepingCapacity: true)
        }
    }
}

/// Runs a batch over a JSON Lines or CSV file as `cxm batch FILE --format FORMAT` does, on
/// `threads` threads (each on the rule base of one of the `advisors`, as `cxm batch` checks
/// them while it loads the rules), discarding the output; returns a digest (the output's size
/// and the failures). The calling thread reads the input and writes the rows while the other
/// threads assess.
func runBatch(_ path: String, advisors: [Advisor], threads: Int, format: BatchFormatter.Format) -> Int {
    let advisor = advisors[0]
    guard var records = try? BatchInput.open(path, ruleBase: advisor.ruleBase, allowing: []) else { return -1 }
    let workers = BatchWorker.make(advisors: Array(advisors.prefix(threads)), allowing: [], format: format)
    var summary = BatchSummary(ruleBase: advisor.ruleBase)
    var bytes = 0
    do {
        try BatchRunner(workers: workers).run(
            next: { () throws(BatchInputError) -> BatchRecord? in try records.next() },
            weight: { $0.length },
            transform: { $0.process($1, appendingTo: &$2) },
            emit: { (result: BatchResult, appended: UnsafeBufferPointer<UInt8>) throws(BatchInputError) in
                summary.add(result, bytes: appended)
                bytes += result.row(appended).count
            })
    } catch {
        return -1
    }
    return bytes &+ summary.failed &* 1_000_003
}

/// Runs one one-thread batch per advisor over the file (as ``runBatch(_:advisors:threads:format:)``
/// on one thread), all at once, each on a thread of its own with a rule base of its own: work
/// that shares no data between the threads, whose speed-up over one batch is what the machine
/// gives as many threads at best. Returns the sum of their digests.
func runBatchesAtOnce(_ path: String, advisors: [Advisor], format: BatchFormatter.Format) -> Int {
    let digests = Mutex(0)
    let done = DispatchGroup()
    for advisor in advisors {
        done.enter()
        Thread {
            let digest = runBatch(path, advisors: [advisor], threads: 1, format: format)
            digests.withLock { $0 &+= digest }
            done.leave()
        }.start()
    }
    done.wait()
    return digests.withLock { $0 }
}

/// The most memory this process has held at once (resident set size, from getrusage), in MiB.
func peakMemoryMiB() -> Double {
    var usage = rusage()
    #if os(Linux)
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_maxrss) / 1024  // kilobytes
    #else
    getrusage(RUSAGE_SELF, &usage)
    return Double(usage.ru_maxrss) / 1_048_576  // bytes
    #endif
}
