import Foundation

/// The CPU time the calling thread spends in `body`: a bound on it holds whatever the machine's
/// load (a busy machine gives the thread less of each second, not more work to do), where a
/// bound on wall time would fail under load.
public func cpuTime(_ body: () throws -> Void) rethrows -> Duration {
    let start = threadCPUTime()
    try body()
    return threadCPUTime() - start
}

/// The CPU time the calling thread has used so far.
private func threadCPUTime() -> Duration {
    var time = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
    return .seconds(time.tv_sec) + .nanoseconds(time.tv_nsec)
}
