#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Memory that could not be had for one of the large buffers: exit status 71 (`EX_OSERR`).
///
/// Swift ends the process (SIGABRT, nothing printed) when an allocation fails, so the
/// buffers whose size the user chooses (a batch's cosines, its B×C gradient, a synthetic
/// batch's features) are tried first with `check`, which allocates and releases the bytes.
/// Under `ulimit -v` or without enough memory and swap the trial fails and the user is told
/// which buffer, how large, and what to change.
struct MemoryShortage: Error, Equatable {
    /// What the memory was for, e.g. "the 4096×10000 gradient".
    var purpose: String
    var bytes: Int
    /// What the user can change, e.g. "leave out --gradients or use a smaller batch".
    var advice: String

    var message: String {
        let megabytes = (Double(bytes) / 1_000_000).rounded(.up)
        return "not enough memory for \(purpose) (\(Int(megabytes)) MB); \(advice)."
    }

    /// Throws unless `bytes` can be allocated now.
    ///
    /// The trial allocation is released at once; the caller allocates right after, in the
    /// same thread, so what was available a moment ago is what it gets (large blocks are
    /// mapped and unmapped whole, so releasing one gives its address space back).
    static func check(bytes: Int, for purpose: String, advice: String) throws {
        guard bytes > 0 else { return }
        guard let trial = malloc(bytes) else {
            throw MemoryShortage(purpose: purpose, bytes: bytes, advice: advice)
        }
        free(trial)
    }
}

extension Array {
    /// Makes room for `extra` more elements, doubling the capacity when it runs out, after
    /// checking that the new block can be had (the old one is still held while it is copied).
    ///
    /// - Throws: `MemoryShortage` for `purpose`, with `advice`, when it cannot.
    mutating func reserveChecked(extra: Int, for purpose: @autoclosure () -> String, advice: String) throws {
        guard count + extra > capacity else { return }
        let grown = Swift.max(count + extra, 2 * capacity, 1024)
        try MemoryShortage.check(bytes: grown * MemoryLayout<Element>.stride, for: purpose(), advice: advice)
        reserveCapacity(grown)
    }
}
