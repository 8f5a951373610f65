/// A command's end with a message: the line for standard error and the exit status.
///
/// Commands throw this rather than printing, so that every message leaves through the
/// entry point (`MarginScope.exitStatus`), which escapes it and writes it once.
struct CommandFailure: Error, Equatable {
    /// The whole line, prefix included ("marginscope compute: --scale: …"), without its line end.
    var message: String
    var status: Int32

    init(_ message: String, status: Int32) {
        self.message = message
        self.status = status
    }
}
