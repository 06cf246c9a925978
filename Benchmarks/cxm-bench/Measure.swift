import Dispatch
import Foundation

/// One measured figure: a time per run (`ms`, `µs`) or a rate (per second).
struct Figure: Codable {
    var name: String
    var unit: String
    var median: Double
    /// The least time, or the highest rate.
    var best: Double
    /// Timed runs (times) or trials (rates).
    var runs: Int
    /// For rates: microseconds per item at the median rate (wall time, so across all threads).
    var microsecondsPerItem: Double?
    /// For rates: the process's CPU time per item (all threads), median of the trials; unlike
    /// wall time, it does not grow when other work takes the cores, only when the threads slow
    /// each other down (shared cache lines, locks, reference counts).
    var cpuMicrosecondsPerItem: Double?
    var note: String?
}

/// Runs and records benchmarks, printing each figure as it is measured (unless the output is
/// JSON, printed at the end). Every timed closure returns a number that is folded into `sink`,
/// which is printed, so the optimizer cannot drop the work.
struct Bench {
    let filter: String?
    let json: Bool
    /// With `--items N`: each rate makes one pass over exactly N items and nothing else, so that
    /// an instruction count (`valgrind --tool=callgrind --toggle-collect='*countedPass*'`)
    /// divided by N is the cost of one item.
    var fixedItems: Int? = nil
    private(set) var figures: [Figure] = []
    private(set) var sink = 0
    /// Trials per rate.
    static let trials = 7
    /// Runs of each kind behind a speed-up (one thread, then all cores, and for a batch the
    /// separate batches, in turn): ``trials`` by default, more with `--scaling`, where the
    /// speed-up is the point and a minute's drift of the machine moves a median of seven by a
    /// tenth or more.
    var pairs = Bench.trials

    /// Whether a benchmark of this name runs (`--filter`: it contains one of the texts the
    /// filter separates with `|`).
    func wants(_ name: String) -> Bool {
        filter.map { $0.split(separator: "|").contains { name.localizedCaseInsensitiveContains($0) } } ?? true
    }

    /// Times `body` over `runs` runs after `warmup` runs; records the median and least time.
    mutating func time(_ name: String, runs: Int, warmup: Int = 3, note: (Double) -> String? = { _ in nil },
                       _ body: () -> Int) {
        guard wants(name) else { return }
        for _ in 0..<warmup { sink &+= body() }
        let samples = (0..<runs).map { _ in seconds { sink &+= body() } }
        record(timeFigure(name, samples, note: note))
    }

    /// One timed run of ``timeInTurn(_:runs:notes:_:)`` or trial of
    /// ``rates(_:unit:items:threads:trialSeconds:_:)``: wall seconds, and the CPU seconds of the
    /// process (all threads) and of a part only the calling thread does (none for a rate, whose
    /// calling thread shares the work), for `items` items.
    struct Run {
        var seconds: Double
        var cpu: Double
        var callerCPU: Double
        var items = 1
    }

    /// Times several ways of doing the same work in turn (see ``inTurn(_:_:)``), `runs` runs of
    /// each after a warm-up run of each. Records the median and least time of each under its
    /// name in `names`, with the notes `notes` makes from the runs of all (one list of runs per
    /// way, in the order of `bodies`).
    mutating func timeInTurn(_ names: [String], runs: Int, notes: (_ runs: [[Run]]) -> [String?], _ bodies: [() -> Int]) {
        precondition(names.count == bodies.count, "a name for each way of doing the work")
        guard names.contains(where: wants) else { return }
        var digest = 0
        func run(_ body: () -> Int) -> Run {
            let (process, caller) = (processCPUSeconds(), threadCPUSeconds())
            let elapsed = seconds { digest &+= body() }
            return Run(seconds: elapsed, cpu: processCPUSeconds() - process, callerCPU: threadCPUSeconds() - caller)
        }
        for body in bodies { _ = run(body) }
        let kinds = Bench.inTurn(runs, bodies.map { body in { run(body) } })
        sink &+= digest
        for (name, (runs, note)) in zip(names, zip(kinds, notes(kinds))) {
            record(timeFigure(name, runs.map(\.seconds), note: { _ in note }))
        }
    }

    /// The figure of a time measured in `samples` (seconds): their median and least, in µs or ms.
    private func timeFigure(_ name: String, _ samples: [Double], note: (Double) -> String?) -> Figure {
        let sorted = samples.sorted()
        let median = sorted[sorted.count / 2]
        let unit = median < 0.001 ? "µs" : "ms"
        let scale = unit == "µs" ? 1e6 : 1e3
        return Figure(name: name, unit: unit, median: median * scale, best: sorted[0] * scale, runs: sorted.count, note: note(median))
    }

    /// Runs of several kinds taken in turn — one of each, in order, `runs` times — so that a
    /// machine whose speed drifts from minute to minute (as a virtual machine's does) slows all
    /// alike and their ratios can be taken run by run; the runs of each kind.
    private static func inTurn(_ runs: Int, _ kinds: [() -> Run]) -> [[Run]] {
        var taken = Array(repeating: [Run](), count: kinds.count)
        for _ in 0..<runs {
            for (index, kind) in kinds.enumerated() { taken[index].append(kind()) }
        }
        return taken
    }

    /// Measures how many items per second `body` gets through on `threads` threads (see
    /// ``trial(items:threads:trialSeconds:_:)``): records the median and best of
    /// ``trials`` trials.
    mutating func rate(_ name: String, unit: String, items: Int, threads: Int, trialSeconds: Double = 0.35,
                       _ body: @escaping @Sendable (Range<Int>) -> Int) {
        guard wants(name) else { return }
        guard fixedItems == nil else { return countedRate(name, unit: unit, items: items, body) }
        let trial = trial(items: items, threads: threads, trialSeconds: trialSeconds, body)
        record(rateFigure(name, unit: unit, (0..<Bench.trials).map { _ in trial(&sink) }, note: nil))
    }

    /// Measures the rate of `body` (as ``rate(_:unit:items:threads:trialSeconds:_:)``) on one
    /// thread and on `threads` threads, their trials taken in turn, and notes the speed-up of the
    /// threads as the median over the pairs (see ``pairedScaling(threads:one:all:)``). Either
    /// alone if only one of `names` is wanted.
    mutating func rates(_ names: (one: String, all: String), unit: String, items: Int, threads: Int,
                        trialSeconds: Double = 0.35, _ body: @escaping @Sendable (Range<Int>) -> Int) {
        guard wants(names.one), wants(names.all), fixedItems == nil else {
            rate(names.one, unit: unit, items: items, threads: 1, trialSeconds: trialSeconds, body)
            return rate(names.all, unit: unit, items: items, threads: threads, trialSeconds: trialSeconds, body)
        }
        let oneTrial = trial(items: items, threads: 1, trialSeconds: trialSeconds, body)
        let allTrial = trial(items: items, threads: threads, trialSeconds: trialSeconds, body)
        var digest = 0
        let taken = Bench.inTurn(pairs, [{ oneTrial(&digest) }, { allTrial(&digest) }])
        sink &+= digest
        let (one, all) = (taken[0], taken[1])
        record(rateFigure(names.one, unit: unit, one, note: nil))
        record(rateFigure(names.all, unit: unit, all, note: Bench.pairedScaling(threads: threads, one: one, all: all)))
    }

    /// One pass over exactly ``fixedItems`` items (`--items`), for an instruction counter.
    private mutating func countedRate(_ name: String, unit: String, items: Int, _ body: @Sendable (Range<Int>) -> Int) {
        let fixedItems = fixedItems ?? items
        let elapsed = seconds { sink &+= countedPass { Bench.cycle(items, body, 0, fixedItems) } }
        record(Figure(name: name, unit: unit, median: Double(fixedItems) / elapsed, best: Double(fixedItems) / elapsed,
                      runs: 1, microsecondsPerItem: 1e6 * elapsed / Double(fixedItems), note: "one pass over \(fixedItems) items"))
    }

    /// Runs `body` over items `start..<end` of `items` counted cyclically.
    private static func cycle(_ items: Int, _ body: (Range<Int>) -> Int, _ start: Int, _ end: Int) -> Int {
        var sum = 0
        var next = start
        while next < end {
            let first = next % items
            let count = min(end - next, items - first)
            sum &+= body(first..<first + count)
            next += count
        }
        return sum
    }

    /// Warms up `body` (which gets ranges within `0..<items` and reads only shared immutable
    /// data) and returns a trial of it on `threads` threads: about `trialSeconds` of work
    /// (cycling through the items as often as needed), split into chunks that
    /// `DispatchQueue.concurrentPerform` hands to the threads, each trial's digest folded into
    /// the sink it is given.
    private func trial(items: Int, threads: Int, trialSeconds: Double,
                       _ body: @escaping @Sendable (Range<Int>) -> Int) -> (inout Int) -> Run {
        // Warm up and calibrate: double the work until it takes at least 50 ms.
        var calibration = (items: 1, seconds: 0.0)
        var digest = 0
        while true {
            calibration.seconds = seconds { digest &+= Bench.cycle(items, body, 0, calibration.items) }
            if calibration.seconds >= 0.05 { break }
            calibration.items *= 2
        }
        let chunks = threads == 1 ? 1 : threads * 8
        let total = max(chunks, Int(trialSeconds * Double(threads) * Double(calibration.items) / calibration.seconds))
        return { sink in
            sink &+= digest
            var results = [Int](repeating: 0, count: chunks)
            let cpuBefore = processCPUSeconds()
            let elapsed = seconds {
                results.withUnsafeMutableBufferPointer { buffer in
                    nonisolated(unsafe) let results = buffer  // each chunk writes only its own entry
                    @Sendable func work(_ chunk: Int) {
                        results[chunk] = Bench.cycle(items, body, total * chunk / chunks, total * (chunk + 1) / chunks)
                    }
                    if chunks == 1 { work(0) } else { DispatchQueue.concurrentPerform(iterations: chunks, execute: work) }
                }
            }
            sink &+= results.reduce(0, &+)
            return Run(seconds: elapsed, cpu: processCPUSeconds() - cpuBefore, callerCPU: 0, items: total)
        }
    }

    /// The figure of a rate measured in `trials`: the median and best rate, the wall time per
    /// item at the median rate, and the median CPU time per item.
    private func rateFigure(_ name: String, unit: String, _ trials: [Run], note: String?) -> Figure {
        let rates = trials.map { Double($0.items) / $0.seconds }.sorted()
        let cpu = trials.map { 1e6 * $0.cpu / Double($0.items) }.sorted()
        let median = rates[rates.count / 2]
        return Figure(name: name, unit: unit, median: median, best: rates.last!, runs: trials.count,
                      microsecondsPerItem: 1e6 / median, cpuMicrosecondsPerItem: cpu[cpu.count / 2], note: note)
    }

    /// The speed-up that `threads` threads would give on cores of their own, from CPU time, if
    /// it was measured: one thread's CPU time per item over the time each item takes when the
    /// threads share the work (their CPU time per item over `threads`, or `serial`, the CPU time
    /// of a part only one thread can do, if longer).
    static func cpuSpeedup(threads: Int, oneThreadCPU: Double, cpu: Double, serial: Double = 0) -> Double? {
        let perItem = max(cpu / Double(threads), serial)
        guard perItem > 0, oneThreadCPU > 0 else { return nil }
        return oneThreadCPU / perItem
    }

    /// Whether `speedup` meets the aim for `threads` threads: 0.9× a thread each (1.8× for two).
    static func aim(_ speedup: Double, threads: Int) -> String {
        let aim = 0.9 * Double(threads)
        return String(format: "aim ≥ %.1f×: %@", aim, speedup >= aim ? "met" : "MISSED")
    }

    /// The speed-up of `threads` threads over one from runs of each taken in turn (see
    /// ``inTurn(_:_:)``): the median over the pairs of one thread's time per item over the
    /// threads' (with the least and most), then the same by CPU time.
    static func pairedScaling(threads: Int, one: [Run], all: [Run]) -> String {
        func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }
        func perItem(_ seconds: Double, _ run: Run) -> Double { seconds / Double(run.items) }
        let wall = zip(one, all).map { perItem($0.seconds, $0) / perItem($1.seconds, $1) }
        let cpu = zip(one, all).compactMap {
            cpuSpeedup(threads: threads, oneThreadCPU: perItem($0.cpu, $0), cpu: perItem($1.cpu, $1), serial: perItem($1.callerCPU, $1))
        }
        let wallText = String(format: "%.2f× one thread (median of %d runs of each in turn, %.2f–%.2f×; %@)",
                              median(wall), wall.count, wall.min() ?? 0, wall.max() ?? 0, aim(median(wall), threads: threads))
        return wallText + (cpu.isEmpty ? "" : String(format: "; by CPU time %.2f×", median(cpu)))
    }

    /// The speed-up of `threads` batches run at once, each on one thread, over one of them
    /// alone, from runs of each taken in turn: the median over the runs of `threads` times one
    /// batch's time over the time of all at once (with the least and most).
    static func independentScaling(threads: Int, one: [Run], together: [Run]) -> String {
        let ratios = zip(one, together).map { Double(threads) * $0.seconds / $1.seconds }.sorted()
        return String(format: "%.2f× one thread (median of %d runs in turn, %.2f–%.2f×): what threads that share nothing get here",
                      ratios[ratios.count / 2], ratios.count, ratios[0], ratios[ratios.count - 1])
    }

    /// Records a count measured once, such as allocations, with a note on how it was taken.
    mutating func count(_ name: String, unit: String, _ body: () -> (value: Double, note: String)) {
        guard wants(name) else { return }
        let (value, note) = body()
        record(Figure(name: name, unit: unit, median: value, best: value, runs: 1, note: note))
    }

    @discardableResult
    private mutating func record(_ figure: Figure) -> Figure {
        figures.append(figure)
        if !json { print(Report.row(figure)) }
        return figure
    }
}

/// The work of a fixed pass (`--items`), in a function of its own so that an instruction
/// counter can count it alone.
@inline(never) func countedPass(_ body: () -> Int) -> Int { body() }

/// The CPU time this process has used (user and system, all threads), in seconds.
func processCPUSeconds() -> Double {
    var usage = rusage()
    #if os(Linux)
    getrusage(RUSAGE_SELF.rawValue, &usage)
    #else
    getrusage(RUSAGE_SELF, &usage)
    #endif
    return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) * 1e-6
}

/// The CPU time the calling thread has used, in seconds.
func threadCPUSeconds() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) * 1e-9
}

/// Seconds taken by `body`, on the monotonic clock.
func seconds(_ body: () -> Void) -> Double {
    let elapsed = ContinuousClock().measure(body)
    return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
}

/// The machine and toolchain the figures were measured on.
struct Machine: Codable {
    var cores: Int
    var cpu: String
    var memoryGiB: Double
    var os: String
    var kernel: String?
    var toolchain: String
    var build: String

    static func current() -> Machine {
        let info = ProcessInfo.processInfo
        let cpu = firstValue(in: "/proc/cpuinfo", key: "model name") ?? architecture
        let kernel = (try? String(contentsOfFile: "/proc/sys/kernel/osrelease", encoding: .utf8))?
            .trimmingCharacters(in: .whitespacesAndNewlines)
        #if DEBUG
        let build = "debug (use -c release for meaningful figures)"
        #else
        let build = "release"
        #endif
        return Machine(cores: info.activeProcessorCount, cpu: "\(cpu) (\(architecture))",
                       memoryGiB: (Double(info.physicalMemory) / 1_073_741_824 * 10).rounded() / 10,
                       os: info.operatingSystemVersionString, kernel: kernel, toolchain: toolchain(), build: build)
    }

    private static var architecture: String {
        #if arch(x86_64)
        "x86_64"
        #elseif arch(arm64)
        "arm64"
        #else
        "unknown architecture"
        #endif
    }

    private static func firstValue(in path: String, key: String) -> String? {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
        for line in text.split(separator: "\n") where line.hasPrefix(key) {
            return line.split(separator: ":", maxSplits: 1).last?.trimmingCharacters(in: .whitespaces)
        }
        return nil
    }

    /// The first line of `swift --version` when `swift` is on the PATH, otherwise the
    /// compiler version this benchmark was built with, as far as `#if compiler` tells.
    private static func toolchain() -> String {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        for directory in path.split(separator: ":") {
            let swift = "\(directory)/swift"
            guard FileManager.default.isExecutableFile(atPath: swift) else { continue }
            let process = Process()
            let pipe = Pipe()
            process.executableURL = URL(fileURLWithPath: swift)
            process.arguments = ["--version"]
            process.standardOutput = pipe
            process.standardError = FileHandle.nullDevice
            guard (try? process.run()) != nil else { break }
            let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            if let line = output.split(separator: "\n").first(where: { $0.contains("Swift version") }) {
                return line.trimmingCharacters(in: .whitespaces)
            }
            break
        }
        #if compiler(>=6.4)
        return "Swift compiler 6.4 or later"
        #elseif compiler(>=6.3)
        return "Swift compiler 6.3"
        #else
        return "Swift compiler before 6.3"
        #endif
    }
}

/// CPU time of the whole machine and of this process, to tell how much other work ran alongside
/// the benchmark (Linux only: read from `/proc`; elsewhere `nil`).
struct CPUTimes {
    /// In clock ticks.
    var machineBusy: Double
    var machineTotal: Double
    var ownProcess: Double

    static func now() -> CPUTimes? {
        // "cpu  user nice system idle iowait irq softirq steal …" and, after "pid (name) ",
        // "state ppid … utime stime …" with utime and stime as the 12th and 13th fields.
        guard let machine = try? String(contentsOfFile: "/proc/stat", encoding: .utf8),
              let own = try? String(contentsOfFile: "/proc/self/stat", encoding: .utf8),
              let line = machine.split(separator: "\n").first, line.hasPrefix("cpu "),
              let name = own.lastIndex(of: ")") else { return nil }
        let ticks = line.split(separator: " ").dropFirst().prefix(8).compactMap { Double($0) }
        let fields = own[own.index(after: name)...].split(separator: " ")
        guard ticks.count == 8, fields.count > 12, let user = Double(fields[11]), let system = Double(fields[12]) else { return nil }
        let total = ticks.reduce(0, +)
        return CPUTimes(machineBusy: total - ticks[3] - ticks[4], machineTotal: total, ownProcess: user + system)
    }

    /// The share of the machine's CPU time that other processes used since `start`.
    func othersShare(since start: CPUTimes) -> Double {
        let others = (machineBusy - start.machineBusy) - (ownProcess - start.ownProcess)
        return min(1, max(0, others / max(1, machineTotal - start.machineTotal)))
    }
}
