import Foundation
import LossMath
import Synchronization

/// Computes the batch screen's snapshots on a background thread, newest request first,
/// so that the explorer stays responsive while a large batch is made.
///
/// Changing N or C regenerates the synthetic batch, which takes seconds at N = 2048 ×
/// C = 10000. The app asks for the snapshot of each state it draws and waits a short
/// `patience` for it; a change of s, m or k finishes within that time and the screen
/// looks synchronous. A longer job keeps running while the app draws the last finished
/// snapshot marked stale, with a busy note, and goes on reading keys (q quits at once).
///
/// Requests are coalesced: only the newest state waiting is computed next, so keys
/// pressed during a long job cost one job, not one each, and a state a newer key has
/// made obsolete is dropped before it starts. A job already running is not interrupted
/// (batch generation has no cancellation point); its result is kept only as the stale
/// picture until the newest one arrives.
///
/// When a job is done and no request waits, the thread looks ahead before it ends: it has the
/// engine compute the sums for s and the rank counts for m one step either side
/// (`BatchEngine.lookAhead(from:shouldStop:)`), so that → and ← on s or m find them ready.
/// A request that comes meanwhile stops that work within a row and is computed at once; the
/// look-ahead does not count as busy.
///
/// The `BatchEngine` is touched only by the worker's thread (one at a time: no job starts a
/// thread while the last one is still looking ahead); everything else is guarded by one
/// condition lock.
public final class BatchWorker: @unchecked Sendable {
    /// What a snapshot depends on: the batch's settings and the rule (k unclamped).
    public struct Key: Hashable, Sendable {
        var samples: Int, classes: Int, spreadSteps: Int, seed: UInt64
        var rule: BoundaryRule

        init(_ state: ExplorerState) {
            samples = state.batch.samples
            classes = state.batch.classes
            spreadSteps = state.batch.spreadSteps
            seed = state.batch.seed
            rule = BatchEngine.rule(for: state, classCount: .max)
        }
    }

    /// What `request` found.
    public enum Answer {
        /// The snapshot of the state asked for.
        case ready(BatchSnapshot)
        /// Still computing `state`'s snapshot (for `seconds` so far); `stale` is the last one
        /// finished, with the state it belongs to, if any.
        case pending(stale: (snapshot: BatchSnapshot, state: ExplorerState)?, seconds: Double)
    }

    private let engine: BatchEngine
    private let condition = NSCondition()
    private var finished: (key: Key, state: ExplorerState, snapshot: BatchSnapshot)?
    private var waiting: (key: Key, state: ExplorerState)?
    private var running: Key?
    private var runningSince = ContinuousClock.now
    private var jobsStarted = 0
    /// Whether the thread is computing ahead (not busy: a request stops it).
    private var lookingAhead = false
    /// Set by a request to stop the look-ahead; read from the threads of its pass without the lock.
    private let stopLookAhead = StopFlag()
    /// Whether idle time computes ahead (on unless a test turns it off).
    private let looksAhead: Bool

    /// `lookAhead`: compute the sums and counts of the neighbouring s and m while idle.
    public init(engine: BatchEngine, lookAhead: Bool = true) {
        self.engine = engine
        self.looksAhead = lookAhead
    }

    /// Whether a job is running or waiting.
    public var isBusy: Bool {
        condition.lock()
        defer { condition.unlock() }
        return running != nil || waiting != nil
    }

    /// How many jobs have started: coalesced requests start none (read by the tests).
    public var startedJobs: Int {
        condition.lock()
        defer { condition.unlock() }
        return jobsStarted
    }

    /// The snapshot for `state`, waiting at most `patience` for it; else what is being computed.
    public func request(_ state: ExplorerState, patience: Duration) -> Answer {
        let key = Key(state)
        let deadline = Self.deadline(after: patience)
        condition.lock()
        defer { condition.unlock() }
        if let finished, finished.key == key { return .ready(finished.snapshot) }
        if running != key {
            // A newer key replaces whatever was waiting: that state is obsolete and never computed.
            waiting = (key, state)
            if lookingAhead {
                // The look-ahead thread takes this job as soon as it has stopped.
                stopLookAhead.set()
            } else if running == nil {
                startJob()
            }
        }
        while finished?.key != key, condition.wait(until: deadline) {}
        if let finished, finished.key == key { return .ready(finished.snapshot) }
        let seconds = (ContinuousClock.now - runningSince) / .seconds(1)
        return .pending(stale: finished.map { ($0.snapshot, $0.state) }, seconds: seconds)
    }

    /// Waits until a job finishes or `timeout` passes; true when one finished.
    public func waitForProgress(timeout: Duration) -> Bool {
        let deadline = Self.deadline(after: timeout)
        condition.lock()
        defer { condition.unlock() }
        let before = finished?.key
        guard running != nil || waiting != nil else { return false }
        while finished?.key == before, condition.wait(until: deadline) {}
        return finished?.key != before
    }

    /// Waits until no job runs or waits and no look-ahead runs, or `timeout` passes; true when idle
    /// (for the benchmark and the tests, which time a key after the explorer's idle work is done).
    public func waitUntilIdle(timeout: Duration) -> Bool {
        let deadline = Self.deadline(after: timeout)
        condition.lock()
        defer { condition.unlock() }
        while running != nil || waiting != nil || lookingAhead, condition.wait(until: deadline) {}
        return running == nil && waiting == nil && !lookingAhead
    }

    /// The moment `duration` from now, as `NSCondition.wait(until:)` takes it.
    private static func deadline(after duration: Duration) -> Date {
        Date().addingTimeInterval(Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18)
    }

    /// Starts the thread for the waiting job (the lock is held).
    private func startJob() {
        guard let job = waiting else { return }
        waiting = nil
        running = job.key
        runningSince = .now
        jobsStarted += 1
        let thread = Thread { [self] in
            var job = job
            while true {
                let snapshot = engine.snapshot(for: job.state)
                condition.lock()
                finished = (job.key, job.state, snapshot)
                condition.broadcast()
                if waiting == nil && looksAhead {
                    running = nil
                    lookingAhead = true
                    stopLookAhead.clear()
                    condition.unlock()
                    let stop = stopLookAhead
                    engine.lookAhead(from: job.state, shouldStop: { stop.isSet })
                    condition.lock()
                    lookingAhead = false
                    condition.broadcast()
                }
                guard let next = waiting else {
                    running = nil
                    condition.unlock()
                    return
                }
                waiting = nil
                running = next.key
                runningSince = .now
                jobsStarted += 1
                condition.unlock()
                job = next
            }
        }
        thread.stackSize = 1 << 20
        thread.start()
    }
}

/// A flag one thread sets and others poll without a lock.
private final class StopFlag: Sendable {
    private let value = Atomic<Bool>(false)
    var isSet: Bool { value.load(ordering: .acquiring) }
    func set() { value.store(true, ordering: .releasing) }
    func clear() { value.store(false, ordering: .releasing) }
}
