import MarginScopeCLI
import NcursesBackend
#if canImport(Glibc)
import Glibc
#endif
let args = CommandLine.arguments
if args.contains("--backend-demo") {
    var o = NcursesOptions(color: NcursesOptions.colorAllowed(environment: ProcessInfoLite.env()), ascii: args.contains("--ascii"), mouse: true)
    if args.contains("--no-color") { o.color = false }
    do { try NcursesBackend.demo(options: o, forceTrap: args.contains("--force-trap")) }
    catch { print("\(error)"); exit(1) }
    exit(0)
}
enum ProcessInfoLite { static func env() -> [String: String] { var d: [String: String] = [:]; if let v = getenv("NO_COLOR") { d["NO_COLOR"] = String(cString: v) }; return d } }
MarginScope.main()
