import Foundation
import Synchronization

/// How cxm ends early, on every path that can be handled: a signal (Ctrl-C, a closed terminal,
/// `kill`) or an output that cannot be written. Either way the temporary files being written
/// are removed, a profile lock is released, and the process ends with the conventional status.
///
/// SIGINT, SIGTERM and SIGHUP are blocked in every thread and taken by one thread of their own
/// (`sigwait`), so that the clean-up is ordinary code under a lock rather than a signal handler:
/// a file being renamed into place is either in place or removed, never half of each. SIGPIPE is
/// ignored, so that a write to a closed pipe fails (and ends cxm through ``brokenPipe()``)
/// instead of killing it before it can clean up.
enum Termination {
    private struct State {
        /// Temporary files being written, to remove.
        var temporaryFiles: Set<String> = []
        /// Lock files held, to remove before their lock is released by the exit.
        var lockFiles: Set<String> = []
        /// What to say on standard error when a signal ends cxm (where the work so far is).
        var farewell = ""
    }

    private static let state = Mutex(State())
    /// The signals that end cxm after the clean-up.
    private static let endingSignals = [SIGINT, SIGTERM, SIGHUP]

    /// Takes over SIGINT, SIGTERM, SIGHUP and SIGPIPE; call first, before any other thread starts.
    static func start() {
        signal(SIGPIPE, SIG_IGN)
        var set = sigset_t()
        sigemptyset(&set)
        for number in endingSignals { sigaddset(&set, number) }
        pthread_sigmask(SIG_BLOCK, &set, nil)
        #if canImport(Darwin)
        var thread: pthread_t?
        #else
        var thread = pthread_t()
        #endif
        _ = pthread_create(&thread, nil, { _ in
            var set = sigset_t()
            sigemptyset(&set)
            for number in Termination.endingSignals { sigaddset(&set, number) }
            var number: Int32 = 0
            while sigwait(&set, &number) != 0 {}
            Termination.end(signal: number)
        }, nil)
    }

    /// From now on, a signal that ends cxm first prints `text` on standard error.
    static func onSignal(say text: String) {
        state.withLock { $0.farewell = text }
    }

    /// Creates a temporary file with `create` (which returns its path, or `nil` if it could not)
    /// where no signal can end cxm before the file is registered, to be removed if cxm ends before
    /// ``settle(_:_:)`` says what became of it.
    static func adopt(temporaryFile create: () -> String?) -> String? {
        state.withLock { state in
            let path = create()
            if let path { state.temporaryFiles.insert(path) }
            return path
        }
    }

    /// Runs `body` (such as renaming a temporary file into place) where no signal can end cxm
    /// half-way, then forgets the temporary file, which `body` has renamed or removed.
    static func settle<T, E: Error>(_ path: String, _ body: () throws(E) -> T) throws(E) -> T {
        try state.withLock { (state: inout State) throws(E) -> T in
            defer { state.temporaryFiles.remove(path) }
            return try body()
        }
    }

    /// Registers a lock file this process holds, removed when cxm ends.
    static func adopt(lockFile path: String) {
        state.withLock { _ = $0.lockFiles.insert(path) }
    }

    /// Removes a lock file this process holds (its lock is released when its descriptor closes).
    static func release(lockFile path: String) {
        state.withLock { state in
            if state.lockFiles.remove(path) != nil { unlink(path) }
        }
    }

    /// Ends cxm with `code` after the clean-up.
    static func exit(_ code: ExitCode) -> Never {
        state.withLock { cleanUp(&$0) }
        Foundation.exit(code.rawValue)
    }

    /// Ends cxm quietly after a write to a pipe whose reader has gone (as with `| head`): cleans
    /// up, then dies of SIGPIPE as a program that did not catch it would (status 141 in a shell).
    static func brokenPipe() -> Never {
        state.withLock { cleanUp(&$0) }
        signal(SIGPIPE, SIG_DFL)
        raise(SIGPIPE)
        _exit(128 + SIGPIPE)
    }

    /// Ends cxm after a signal: cleans up, says the farewell, and dies of the signal, so that the
    /// shell sees an interrupted program (status 130 for Ctrl-C).
    private static func end(signal number: Int32) -> Never {
        state.withLock { state in
            cleanUp(&state)
            let farewell = Array(state.farewell.utf8)
            var written = 0
            while written < farewell.count {
                let count = farewell.withUnsafeBytes { write(STDERR_FILENO, $0.baseAddress! + written, $0.count - written) }
                if count < 0 && errno == EINTR { continue }
                guard count > 0 else { break }
                written += count
            }
        }
        signal(number, SIG_DFL)
        var set = sigset_t()
        sigemptyset(&set)
        sigaddset(&set, number)
        pthread_sigmask(SIG_UNBLOCK, &set, nil)
        raise(number)
        _exit(128 + number)
    }

    private static func cleanUp(_ state: inout State) {
        for path in state.temporaryFiles { unlink(path) }
        for path in state.lockFiles { unlink(path) }
        state.temporaryFiles = []
        state.lockFiles = []
    }
}
