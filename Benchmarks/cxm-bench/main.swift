/// cxm-bench: how fast the rule engine checks and evaluates rule bases.
///
///     swift run -c release cxm-bench [--json] [--filter TEXT] [--scaling] [--emit-rules] [--emit-profiles N]
///
/// Measures parse+check of the bundled rule base and of a generated 1,000-rule base, and
/// evaluations per second of both on one thread and on all cores (every thread shares one
/// immutable `RuleBase`), with and without tracing, JSON profile reading plus evaluation, and
/// `cxm batch` over JSON Lines and CSV files: rows per second and the memory a large run needs.
import AllocationCounter
import CXMAdvisor
import CXMRules
import Foundation

let usage = """
    usage: cxm-bench [--json] [--filter TEXT] [--scaling] [--items N] [--emit-rules] [--emit-profiles N]
      --json             print the figures as JSON instead of a table
      --filter TEXT      run only the benchmarks whose name contains TEXT (or one of several: A|B)
      --items N          make one pass over N items per rate, for counting instructions:
                         valgrind --tool=callgrind --toggle-collect='*countedPass*' \\
                           cxm-bench --filter NAME --items N   (instructions ÷ N per item)
      --emit-rules       print the generated rule base and exit
      --emit-profiles N  print N generated profiles for the bundled rules as JSON Lines and exit
      --scaling          only the figures of one thread against all cores (evaluation, and batches
                         of 20,000 and 100,000 rows), each with the speed-up by wall time and by
                         CPU time per item (which other work on the machine does not change), from
                         21 pairs of runs (7 otherwise, and for 100,000 rows); a batch's also with
                         the speed-up by wall time of as many separate one-thread batches run at
                         once (what the machine allows threads that share nothing); the 100,000-row
                         batches run only when the filter names them ("batch 100,000")
    """
let arguments = Array(CommandLine.arguments.dropFirst())
var filter: String?
var json = false
var emitRules = false
var emitProfiles: Int?
var fixedItems: Int?
var scalingPairs: Int?
var position = 0
while position < arguments.count {
    switch arguments[position] {
    case "--json": json = true
    case "--emit-rules": emitRules = true
    case "--scaling":
        filter = "evaluate bundled,|evaluate generated,|batch 20,000|batch 100,000"
        scalingPairs = 21
    case "--emit-profiles" where position + 1 < arguments.count && Int(arguments[position + 1]) != nil:
        position += 1
        emitProfiles = Int(arguments[position])
    case "--items" where position + 1 < arguments.count && Int(arguments[position + 1]).map({ $0 > 0 }) == true:
        position += 1
        fixedItems = Int(arguments[position])
    case "--filter" where position + 1 < arguments.count:
        position += 1
        filter = arguments[position]
    case "-h", "--help":
        print(usage)
        exit(0)
    default:
        try? FileHandle.standardError.write(contentsOf: Data("cxm-bench: unknown argument '\(arguments[position])'\n\(usage)\n".utf8))
        exit(2)
    }
    position += 1
}

/// The rule base of these files; prints the diagnostics and exits if there are errors.
func checked(_ files: [SourceFile]) -> RuleBase {
    let (ruleBase, diagnostics) = RuleBase.check(files: files, format: Advisor.profileFormat)
    let errors = diagnostics.filter { $0.severity == .error }
    guard let ruleBase, errors.isEmpty else {
        let text = DiagnosticRenderer(files: files).render(diagnostics)
        try? FileHandle.standardError.write(contentsOf: Data("cxm-bench: \(errors.count) errors in \(files.map(\.path))\n\(text)".utf8))
        exit(1)
    }
    return ruleBase
}

/// Parses and checks files; returns a digest of the result.
func checkDigest(_ files: [SourceFile]) -> Int {
    let (ruleBase, diagnostics) = RuleBase.check(files: files, format: Advisor.profileFormat)
    return (ruleBase?.rules.count ?? -1) &+ diagnostics.count
}

/// Evaluates the profiles in `range` in one frame (the compact result: values, verdicts and
/// advice counts, no texts rendered), or with a trace through the reference evaluator; returns
/// a digest of the results.
func evaluate(_ ruleBase: RuleBase, _ profiles: [[Value?]], _ range: Range<Int>, trace: Bool = false) -> Int {
    var digest = 0
    guard !trace else {
        for index in range {
            let evaluation = ruleBase.evaluate(profiles[index], trace: true)
            digest &+= evaluation.recommendations.count &* 31 &+ evaluation.warnings.count &* 7 &+ evaluation.trace.count
        }
        return digest
    }
    var frame = ruleBase.makeFrame()
    for index in range {
        ruleBase.evaluate(profiles[index], into: &frame)
        let counts = frame.adviceCounts
        digest &+= counts.recommendations &* 31 &+ counts.warnings &* 7
    }
    return digest
}

/// Reads the JSON profiles in `range` and evaluates them; returns a digest of the results.
func readAndEvaluate(_ ruleBase: RuleBase, _ documents: [[UInt8]], _ range: Range<Int>) -> Int {
    let reader = ProfileReader(ruleBase: ruleBase)
    var frame = ruleBase.makeFrame()
    var digest = 0
    for index in range {
        guard let profile = reader.read(documents[index]).0 else { return -1 }
        ruleBase.evaluate(profile.answers, into: &frame)
        digest &+= frame.adviceCounts.recommendations
    }
    return digest
}

/// Heap allocations per evaluation once a frame has warmed up: every profile evaluated
/// `rounds` times into one frame, counting the process's allocations around it.
func allocationsPerEvaluation(_ ruleBase: RuleBase, _ profiles: [[Value?]], rounds: Int) -> (perEvaluation: Double, total: Int, evaluations: Int)? {
    var frame = ruleBase.makeFrame()
    for answers in profiles { ruleBase.evaluate(answers, into: &frame) }
    let before = cxm_allocation_count()
    guard before >= 0 else { return nil }
    for _ in 0..<rounds {
        for answers in profiles { ruleBase.evaluate(answers, into: &frame) }
    }
    let total = cxm_allocation_count() - before
    let evaluations = rounds * profiles.count
    return (Double(total) / Double(evaluations), total, evaluations)
}

/// The possible values of the headline values for the profiles in `range`, in one frame, as
/// `cxm batch` works them out for a row with missing answers; returns a digest of the results.
func possibleHeadlineValues(_ ruleBase: RuleBase, _ plan: PossibilityPlan, _ profiles: [[Value?]], _ range: Range<Int>) -> Int {
    var frame = ruleBase.makePossibilityFrame(for: plan)
    var digest = 0
    for index in range {
        ruleBase.possibleValues(for: profiles[index], into: &frame, selecting: .all)
        for slot in plan.slots { digest &+= frame.possibleValue(of: slot).canBeUnknown ? 1 : 0 }
    }
    return digest
}

/// Heap allocations per possible-values run of the headline values once a frame has warmed
/// up: every profile run `rounds` times into one frame, counting the process's allocations
/// around it (the runs only, not reading their results).
func allocationsPerPossibilityRun(_ ruleBase: RuleBase, _ plan: PossibilityPlan, _ profiles: [[Value?]], rounds: Int) -> (perRun: Double, total: Int, runs: Int)? {
    var frame = ruleBase.makePossibilityFrame(for: plan)
    for answers in profiles { ruleBase.possibleValues(for: answers, into: &frame, selecting: .all) }
    let before = cxm_allocation_count()
    guard before >= 0 else { return nil }
    for _ in 0..<rounds {
        for answers in profiles { ruleBase.possibleValues(for: answers, into: &frame, selecting: .all) }
    }
    let total = cxm_allocation_count() - before
    let runs = rounds * profiles.count
    return (Double(total) / Double(runs), total, runs)
}

/// What the header says about a rule base, with averages over the profiles.
func summary(_ name: String, _ files: [SourceFile], _ ruleBase: RuleBase, _ profiles: [[Value?]]) -> RuleBaseSummary {
    let evaluations = profiles.map { ruleBase.evaluate($0) }
    func average(_ count: (Evaluation) -> Int) -> Double { Double(evaluations.map(count).reduce(0, +)) / Double(profiles.count) }
    return RuleBaseSummary(
        name: name, files: files.count, lines: files.map { $0.bytes.count { $0 == UInt8(ascii: "\n") } }.reduce(0, +),
        questions: ruleBase.questions.count, tables: ruleBase.tables.count, rules: ruleBase.rules.count,
        firedRules: average { $0.ruleVerdicts.count { $0.fired == true } },
        recommendations: average(\.recommendations.count), warnings: average(\.warnings.count))
}

// MARK: Setup

var generator = RuleBaseGenerator(seed: 2025)
let generatedFiles = [SourceFile(path: "generated/bench.cxm", text: generator.generate(tables: 20, rules: 1_000))]
if emitRules {
    print(String(decoding: generatedFiles[0].bytes, as: UTF8.self), terminator: "")
    exit(0)
}
let bundledFiles = Advisor.bundledFiles
if let emitProfiles {
    writeJSONLines(ruleBase: checked(bundledFiles), count: emitProfiles, seed: 3, to: FileHandle.standardOutput)
    exit(0)
}
let profileCount = 1_024
let ruleBases = [
    (name: "bundled", files: bundledFiles, seed: UInt64(1)),
    (name: "generated", files: generatedFiles, seed: UInt64(2)),
].map { base in
    let ruleBase = checked(base.files)
    let profiles = makeProfiles(for: ruleBase, count: profileCount, seed: base.seed)
    let documents = profiles.enumerated().map { profileJSON($1, id: $0, ruleBase: ruleBase) }
    if readAndEvaluate(ruleBase, documents, documents.indices) < 0 {
        try? FileHandle.standardError.write(contentsOf: Data("cxm-bench: a generated JSON profile does not read back\n".utf8))
        exit(1)
    }
    return (name: base.name, files: base.files, ruleBase: ruleBase, profiles: profiles, documents: documents,
            summary: summary(base.name, base.files, ruleBase, profiles))
}
let machine = Machine.current()
let profilesText = "\(Report.grouped(profileCount)) per rule base, seeded pseudo-random, about 10% of answers missing"
if !json {
    print(Report.header(machine, ruleBases.map(\.summary), profiles: profilesText))
}

// MARK: Benchmarks

var bench = Bench(filter: filter, json: json, fixedItems: fixedItems)
if let scalingPairs { bench.pairs = scalingPairs }
let cpuAtStart = CPUTimes.now()
bench.time("parse+check bundled", runs: 50) {
    checkDigest(bundledFiles)
}
bench.time("parse+check generated (1,000 rules)", runs: 20, note: { "aim < 100 ms: \($0 < 0.1 ? "met" : "MISSED")" }) {
    checkDigest(generatedFiles)
}
let cores = machine.cores
for base in ruleBases {
    let (ruleBase, profiles, documents) = (base.ruleBase, base.profiles, base.documents)
    if cores > 1 {
        // One thread and all cores in turn: their ratio is taken pair by pair.
        bench.rates(("evaluate \(base.name), 1 thread", "evaluate \(base.name), \(cores) threads"), unit: "evals/s",
                    items: profiles.count, threads: cores) { evaluate(ruleBase, profiles, $0) }
    } else {
        bench.rate("evaluate \(base.name), 1 thread", unit: "evals/s", items: profiles.count, threads: 1) {
            evaluate(ruleBase, profiles, $0)
        }
    }
    bench.count("allocations per evaluation, \(base.name)", unit: "allocs") {
        allocationsPerEvaluation(ruleBase, profiles, rounds: 50).map {
            ($0.perEvaluation, "\(Report.grouped($0.total)) allocations in \(Report.grouped($0.evaluations)) evaluations into one frame")
        } ?? (-1, "not counted: the C library is not glibc")
    }
    bench.rate("evaluate \(base.name) with trace, 1 thread", unit: "evals/s", items: profiles.count, threads: 1) {
        evaluate(ruleBase, profiles, $0, trace: true)
    }
    bench.rate("read JSON + evaluate \(base.name), 1 thread", unit: "profiles/s", items: documents.count, threads: 1) {
        readAndEvaluate(ruleBase, documents, $0)
    }
}

let bundled = ruleBases[0]
let headlinePlan = bundled.ruleBase.possibilityPlan(for: bundled.ruleBase.headlineSlots)
bench.rate("possible headline values bundled, 1 thread", unit: "runs/s", items: bundled.profiles.count, threads: 1) {
    possibleHeadlineValues(bundled.ruleBase, headlinePlan, bundled.profiles, $0)
}
bench.count("allocations per possible-values run, bundled", unit: "allocs") {
    allocationsPerPossibilityRun(bundled.ruleBase, headlinePlan, bundled.profiles, rounds: 20).map {
        ($0.perRun, "\(Report.grouped($0.total)) allocations in \(Report.grouped($0.runs)) runs of the headline values into one frame")
    } ?? (-1, "not counted: the C library is not glibc")
}

// MARK: Batch

/// A generated file of `count` profiles for the bundled rules, in the temporary folder: JSON
/// Lines, or (`csv`) a survey CSV of the same profiles.
func profilesFile(_ count: Int, csv: Bool = false) -> (path: String, mebibytes: Double) {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("cxm-bench-\(count).\(csv ? "csv" : "jsonl")").path
    guard FileManager.default.createFile(atPath: path, contents: nil), let handle = FileHandle(forWritingAtPath: path) else {
        try? FileHandle.standardError.write(contentsOf: Data("cxm-bench: cannot write \(path)\n".utf8))
        exit(1)
    }
    if csv {
        writeCSV(ruleBase: ruleBases[0].ruleBase, count: count, seed: 3, to: handle)
    } else {
        writeJSONLines(ruleBase: ruleBases[0].ruleBase, count: count, seed: 3, to: handle)
    }
    let size = (try? handle.offset()) ?? 0
    try? handle.close()
    return (path, Double(size) / 1_048_576)
}

// A rule base for each thread, checked before the runs as `cxm batch` checks them while it
// loads the rules (at the same time as its own): a batch's threads do not spend time on them.
let batchAdvisors = [Advisor(ruleBase: ruleBases[0].ruleBase)] + BatchWorker.advisors(cores - 1) { Advisor(ruleBase: checked(bundledFiles)) }
// The same profiles as JSON Lines written as JSON Lines, and as a survey CSV written as CSV: a
// batch of 20,000, and (only when the filter names it, as `--scaling` does) one of 100,000, in
// which what a run does once (starting threads, making each thread's tools, reading the first
// window) weighs a fifth as much; its runs take five times as long, so there are only seven of
// each.
let smallBatch = 20_000
for count in [smallBatch, 100_000] where count == smallBatch || filter?.contains("batch \(Report.grouped(count))") == true {
    for (kind, csv) in [("JSONL records", false), ("CSV rows", true)] where bench.wants("batch \(Report.grouped(count)) \(kind)") {
        timeBatches(count: count, kind: kind, csv: csv, runs: count == smallBatch ? bench.pairs : Bench.trials)
    }
}

/// Times batches of `count` generated profiles (`kind`, in CSV or JSON Lines) on one thread
/// and, in turn with it, `runs` times, on all cores and as separate one-thread batches at once.
@MainActor
func timeBatches(count: Int, kind: String, csv: Bool, runs: Int) {
    let file = profilesFile(count, csv: csv)
    defer { try? FileManager.default.removeItem(atPath: file.path) }
    let format: BatchFormatter.Format = csv ? .csv : .jsonl
    let name = "batch \(Report.grouped(count)) \(kind)"
    let oneThread = { runBatch(file.path, advisors: batchAdvisors, threads: 1, format: format) }
    func rate(_ runs: [Bench.Run]) -> String {
        "\(Report.grouped(Int(Double(count) / runs.map(\.seconds).sorted()[runs.count / 2]))) rows/s"
    }
    guard cores > 1 else {
        return bench.time("\(name), 1 thread", runs: 3, warmup: 1, note: { "\(Report.grouped(Int(Double(count) / $0))) rows/s" }, oneThread)
    }
    // One thread, all cores, and as many separate one-thread batches at once, in turn: the
    // ratios are taken run by run. The separate batches share no data, so their speed-up is
    // what this machine gives threads that do not slow each other down: the ceiling of the
    // threads'.
    let names = ["\(name), 1 thread", "\(name), \(cores) threads", "\(name), \(cores) separate batches"]
    bench.timeInTurn(names, runs: runs, notes: { runs in
        [rate(runs[0]),
         rate(runs[1]) + ", " + Bench.pairedScaling(threads: cores, one: runs[0], all: runs[1]),
         "each on one thread, at once: " + Bench.independentScaling(threads: cores, one: runs[0], together: runs[2])]
    }, [oneThread,
        { runBatch(file.path, advisors: batchAdvisors, threads: cores, format: format) },
        { runBatchesAtOnce(file.path, advisors: batchAdvisors, format: format) }])
}

let largeBatch = 200_000
if bench.wants("batch \(Report.grouped(largeBatch))") {
    let file = profilesFile(largeBatch)
    let before = peakMemoryMiB()
    bench.time("batch \(Report.grouped(largeBatch)) JSONL records, \(cores) threads", runs: 1, warmup: 0, note: { seconds in
        "\(Report.grouped(Int(Double(largeBatch) / seconds))) rows/s; " + String(format: "input %.0f MiB, peak memory %.0f MiB (%.0f before)", file.mebibytes, peakMemoryMiB(), before)
    }) { runBatch(file.path, advisors: batchAdvisors, threads: cores, format: .jsonl) }
    try? FileManager.default.removeItem(atPath: file.path)
}

let othersShare = cpuAtStart.flatMap { start in CPUTimes.now().map { $0.othersShare(since: start) } }
if json {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    let results = Results(machine: machine, ruleBases: ruleBases.map(\.summary), profiles: profilesText,
                          figures: bench.figures, otherProcessesCPUShare: othersShare, sink: bench.sink)
    print(String(decoding: try encoder.encode(results), as: UTF8.self))
} else {
    print(Report.footer(othersShare: othersShare, sink: bench.sink))
}
