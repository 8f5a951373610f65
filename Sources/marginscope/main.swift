#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import MarginScopeCLI

exit(MarginScope.exitStatus())
