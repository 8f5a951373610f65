import LossMath
import MarginScopeCLI

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

// Before any thread allocates: every thread then shares the one heap, whose freed batches are
// reused as they are (a thread with an arena of its own would keep it).
SyntheticBatch.reuseFreedMemory()
exit(MarginScope.exitStatus())
