#ifndef MARGINSCOPE_CNCURSES_SHIM_H
#define MARGINSCOPE_CNCURSES_SHIM_H
// SwiftPM drops the -D_XOPEN_SOURCE flags of ncursesw's pkg-config file; without
// this define the wide-character API (get_wch, cchar_t, setcchar) is not declared.
#define NCURSES_WIDECHAR 1
#include <errno.h>
#include <fcntl.h>
#include <langinfo.h>
#include <locale.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>
#include <ncursesw/curses.h>
#include <ncursesw/term.h>

// Swift cannot import function-like macros, macros built from casts, or (in
// Swift 6 mode) C global variables such as `stdout`, `stdscr`, `COLOR_PAIRS`.
// Each one the backend needs is wrapped here in a `static inline` function.

// MARK: - Attributes

static inline attr_t ms_attr_bold(void) { return A_BOLD; }
static inline attr_t ms_attr_reverse(void) { return A_REVERSE; }
static inline attr_t ms_attr_underline(void) { return A_UNDERLINE; }
static inline attr_t ms_attr_dim(void) { return A_DIM; }
static inline attr_t ms_attr_normal(void) { return A_NORMAL; }

// MARK: - Globals Swift 6 rejects

static inline WINDOW *ms_stdscr(void) { return stdscr; }
static inline FILE *ms_stdout(void) { return stdout; }
static inline FILE *ms_stdin(void) { return stdin; }
static inline int ms_color_pairs(void) { return COLOR_PAIRS; }
static inline int ms_colors(void) { return COLORS; }
static inline WINDOW *ms_curscr(void) { return curscr; }

/// The columns the C library gives a character in the current locale (-1 when
/// it cannot be printed). glibc declares wcwidth only under _XOPEN_SOURCE,
/// which SwiftPM drops.
extern int wcwidth(wchar_t);
static inline int ms_wcwidth(wchar_t c) { return wcwidth(c); }

/// Whether the current locale encodes characters as UTF-8.
static inline int ms_locale_is_utf8(void) { return strcmp(nl_langinfo(CODESET), "UTF-8") == 0; }

// MARK: - Terminal

/// Writes terminfo capability `name` (such as "smcup") straight to `fd`, if the terminal has it.
static inline void ms_write_capability(int fd, const char *name) {
    char *s = tigetstr(name);
    if (s == NULL || s == (char *)-1) return;
    size_t left = strlen(s);
    while (left > 0) {
        ssize_t n = write(fd, s, left);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return;
        s += n;
        left -= (size_t)n;
    }
}

/// The size of terminal `fd` as the kernel knows it (0 on success).
static inline int ms_terminal_size(int fd, int *height, int *width) {
    struct winsize size;
    if (ioctl(fd, TIOCGWINSZ, &size) != 0 || size.ws_row == 0 || size.ws_col == 0) return -1;
    *height = size.ws_row;
    *width = size.ws_col;
    return 0;
}

/// The real-time signal range (glibc reserves the first few; Swift cannot import the macros).
static inline int ms_sigrtmin(void) { return SIGRTMIN; }
static inline int ms_sigrtmax(void) { return SIGRTMAX; }

// MARK: - Terminal type

/// Whether terminfo knows `name`, tested without side effects on the current
/// terminal (setupterm with an error out-parameter never exits the process,
/// unlike initscr).
static inline int ms_terminfo_knows(const char *name, int fd) {
    int error = 0;
    TERMINAL *previous = cur_term;
    int ok = setupterm(name, fd, &error) == OK && error == 1;
    TERMINAL *probed = set_curterm(previous);
    if (probed != NULL && probed != previous) del_curterm(probed);
    return ok;
}

/// Appends terminfo capability `name` of the current terminal to `buffer`
/// (of `capacity` bytes, `*length` used), or `fallback` when the terminal lacks
/// it or `name` is NULL.
static inline void ms_append_capability(char *buffer, int capacity, int *length,
                                        const char *name, const char *fallback) {
    const char *s = name != NULL ? tigetstr(name) : NULL;
    if (s == NULL || s == (char *)-1) s = fallback;
    if (s == NULL) return;
    size_t n = strlen(s);
    if (*length + (int)n >= capacity) return;
    memcpy(buffer + *length, s, n);
    *length += (int)n;
}

// MARK: - Restoring the terminal from a signal handler

/// Everything a signal handler needs to put the terminal back, prepared in
/// advance so the handler only calls write(2), tcsetattr(3), sigaction(2) and
/// raise(3), which are async-signal-safe.
typedef struct ms_restore_state {
    /// Non-zero while the full-screen mode is on; the handler does nothing otherwise.
    volatile sig_atomic_t active;
    /// The terminal written to and whose modes are restored.
    int fd;
    int has_termios;
    struct termios termios;
    /// Leave the alternate screen, show the cursor, stop mouse reports, reset attributes.
    char bytes[512];
    int length;
    /// While full-screen, standard error goes to this unlinked file (-1: not
    /// captured) and `saved_stderr` keeps the terminal; see ms_capture_stderr.
    int capture_fd;
    int saved_stderr;
    /// The dispositions in place before ours, reinstated before re-raising.
    struct sigaction previous[65];
    int installed[65];
    /// Crash signals raised by the program itself go to the previous handler
    /// (the Swift backtracer) only when this is set (SWIFT_BACKTRACE was given);
    /// otherwise, and always for signals sent by another process, to the default action.
    int backtrace;
    /// Set when the program continues after a stop (SIGTSTP, SIGSTOP) while
    /// full-screen; the input loop takes the terminal back and repaints.
    volatile sig_atomic_t resumed;
    /// Set by SIGWINCH; the input loop reads the new size.
    volatile sig_atomic_t resized;
    /// A pipe the handlers write a byte to, so that the input loop's poll
    /// wakes up for a signal even if it arrives just before the poll starts.
    int wake_read;
    int wake_write;
} ms_restore_state;

static inline void ms_restore_init(ms_restore_state *s, int fd) {
    memset(s, 0, sizeof *s);
    s->fd = fd;
    s->capture_fd = -1;
    s->saved_stderr = -1;
    s->wake_read = -1;
    s->wake_write = -1;
    s->has_termios = tcgetattr(fd, &s->termios) == 0;
}

/// Writes the restore sequence and the saved terminal modes once.
static inline void ms_restore_terminal(ms_restore_state *s) {
    if (!s->active) return;
    s->active = 0;
    const char *p = s->bytes;
    int left = s->length;
    while (left > 0) {
        ssize_t n = write(s->fd, p, (size_t)left);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) break;
        p += n;
        left -= (int)n;
    }
    if (s->has_termios) tcsetattr(s->fd, TCSANOW, &s->termios);
}

/// Sends standard error to a temporary file while the screen is full-screen,
/// when it is the terminal: anything written there (a Swift "Fatal error:"
/// message just before a trap) would land on the alternate screen and vanish
/// with it. ms_release_stderr writes it out again after the screen is restored.
static inline void ms_capture_stderr(ms_restore_state *s) {
    if (s->capture_fd >= 0 || !isatty(STDERR_FILENO)) return;
    FILE *file = tmpfile();
    if (file == NULL) return;
    int capture = dup(fileno(file));
    fclose(file);
    if (capture < 0) return;
    int saved = dup(STDERR_FILENO);
    if (saved < 0 || dup2(capture, STDERR_FILENO) < 0) {
        if (saved >= 0) close(saved);
        close(capture);
        return;
    }
    s->saved_stderr = saved;
    s->capture_fd = capture;
}

/// Points standard error back at the terminal and replays what was captured.
/// Uses only dup2, lseek, read, write and close: safe in a signal handler.
static inline void ms_release_stderr(ms_restore_state *s) {
    int capture = s->capture_fd;
    if (capture < 0) return;
    s->capture_fd = -1;
    dup2(s->saved_stderr, STDERR_FILENO);
    close(s->saved_stderr);
    s->saved_stderr = -1;
    char buffer[1024];
    if (lseek(capture, 0, SEEK_SET) == 0) {
        for (;;) {
            ssize_t n = read(capture, buffer, sizeof buffer);
            if (n < 0 && errno == EINTR) continue;
            if (n <= 0) break;
            const char *p = buffer;
            while (n > 0) {
                ssize_t w = write(STDERR_FILENO, p, (size_t)n);
                if (w < 0 && errno == EINTR) continue;
                if (w <= 0) { n = 0; break; }
                p += w;
                n -= w;
            }
        }
    }
    close(capture);
}

/// Installs `handler` for `sig`, keeping the previous disposition. `mode` 0
/// always installs (crash signals); 1 leaves a signal that is ignored alone
/// (as under nohup); 2 installs only over the default action, leaving any
/// handler another part of the program set up.
static inline int ms_install_handler(ms_restore_state *s, int sig,
                                     void (*handler)(int, siginfo_t *, void *),
                                     int mode) {
    if (sig <= 0 || sig >= 65) return -1;
    struct sigaction old;
    if (sigaction(sig, NULL, &old) != 0) return -1;
    int custom = (old.sa_flags & SA_SIGINFO) || (old.sa_handler != SIG_DFL && old.sa_handler != SIG_IGN);
    if (mode >= 1 && !(old.sa_flags & SA_SIGINFO) && old.sa_handler == SIG_IGN) return 0;
    if (mode == 2 && custom) return 0;
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sigemptyset(&sa.sa_mask);
    sa.sa_sigaction = handler;
    // SA_ONSTACK: a stack overflow (SIGSEGV) can only be handled on the alternate stack.
    sa.sa_flags = SA_SIGINFO | SA_ONSTACK;
    if (sigaction(sig, &sa, &s->previous[sig]) != 0) return -1;
    s->installed[sig] = 1;
    return 0;
}

/// Puts back every disposition ms_install_handler replaced.
static inline void ms_uninstall_handlers(ms_restore_state *s) {
    for (int sig = 1; sig < 65; sig++) {
        if (s->installed[sig]) {
            sigaction(sig, &s->previous[sig], NULL);
            s->installed[sig] = 0;
        }
    }
}

/// Makes sure this thread has an alternate signal stack (the Swift runtime may
/// already have set one up for its backtracer; then it is kept).
static inline void ms_ensure_alternate_stack(void) {
    stack_t current;
    if (sigaltstack(NULL, &current) != 0) return;
    if (!(current.ss_flags & SS_DISABLE) && current.ss_sp != NULL) return;
    size_t size = 64 * 1024;
    void *memory = malloc(size);
    if (memory == NULL) return;
    stack_t stack;
    stack.ss_sp = memory;
    stack.ss_size = size;
    stack.ss_flags = 0;
    if (sigaltstack(&stack, NULL) != 0) free(memory);
}

/// Opens the wake-up pipe (both ends non-blocking, closed on exec); once per process.
static inline void ms_open_wake_pipe(ms_restore_state *s) {
    if (s->wake_read >= 0) return;
    int fds[2];
    if (pipe(fds) != 0) return;
    for (int i = 0; i < 2; i++) {
        fcntl(fds[i], F_SETFL, fcntl(fds[i], F_GETFL) | O_NONBLOCK);
        fcntl(fds[i], F_SETFD, FD_CLOEXEC);
    }
    s->wake_read = fds[0];
    s->wake_write = fds[1];
}

/// Wakes the input loop (async-signal-safe: one write).
static inline void ms_wake(ms_restore_state *s) {
    if (s->wake_write < 0) return;
    char byte = 1;
    ssize_t ignored = write(s->wake_write, &byte, 1);
    (void)ignored;
}

/// Stops the program the way a full-screen program should: gives the
/// terminal back, stops (default SIGTSTP), and on SIGCONT puts this handler
/// back and flags the resume for the input loop, which takes the terminal
/// again (ncurses calls are not safe here).
static inline void ms_handle_stop(ms_restore_state *s) {
    int was_active = s->active;
    ms_restore_terminal(s);
    struct sigaction stop, mine;
    memset(&stop, 0, sizeof stop);
    stop.sa_handler = SIG_DFL;
    sigemptyset(&stop.sa_mask);
    sigaction(SIGTSTP, &stop, &mine);
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGTSTP);
    sigprocmask(SIG_UNBLOCK, &set, NULL);
    raise(SIGTSTP);  // stopped here until SIGCONT
    sigaction(SIGTSTP, &mine, NULL);
    if (was_active) s->resumed = 1;
    ms_wake(s);
}

/// Waits up to `timeout` ms (-1: without limit) for input on `fd` or a
/// wake-up: 1 input is ready, 2 a signal woke the loop, 0 the time ran out,
/// -1 the terminal hung up.
static inline int ms_wait_for_input(ms_restore_state *s, int fd, int timeout) {
    struct pollfd p[2] = {{fd, POLLIN, 0}, {s->wake_read, POLLIN, 0}};
    int n = poll(p, s->wake_read >= 0 ? 2 : 1, timeout);
    if (n < 0) return errno == EINTR ? 2 : -1;
    int woken = 0;
    if (s->wake_read >= 0 && (p[1].revents & POLLIN)) {
        char buffer[64];
        while (read(s->wake_read, buffer, sizeof buffer) > 0) {}
        woken = 1;
    }
    if (p[0].revents & POLLIN) return 1;  // a hang-up with data left reads the data first
    if (p[0].revents & (POLLHUP | POLLERR | POLLNVAL)) return -1;
    return woken ? 2 : 0;
}

/// Takes the resize flag (set by SIGWINCH).
static inline int ms_take_resized(ms_restore_state *s) {
    int value = s->resized;
    s->resized = 0;
    return value;
}

/// Takes the resume flag (see ms_handle_stop).
static inline int ms_take_resumed(ms_restore_state *s) {
    int value = s->resumed;
    s->resumed = 0;
    return value;
}

/// The whole signal handler once the state is known: restore the terminal,
/// reinstate the previous disposition (the default, or the Swift runtime's
/// backtracer for crash signals) and deliver the signal to it again.
///
/// A fault raised by the CPU (SIGSEGV, SIGBUS, SIGILL, SIGFPE with a positive
/// si_code) is re-delivered by returning: the faulting instruction runs again
/// and the previous handler sees the original context. Signals sent by a
/// process, SIGABRT and SIGTRAP (x86's int3 leaves the pc past the trap) are
/// raised again and delivered when this handler returns.
static inline void ms_handle_signal(ms_restore_state *s, int sig, siginfo_t *info) {
    int saved_errno = errno;
    if (sig == SIGTSTP) {
        ms_handle_stop(s);
        errno = saved_errno;
        return;
    }
    if (sig == SIGCONT) {
        s->resumed = 1;
        ms_wake(s);
        errno = saved_errno;
        return;
    }
    if (sig == SIGWINCH) {
        s->resized = 1;
        ms_wake(s);
        errno = saved_errno;
        return;
    }
    ms_restore_terminal(s);
    ms_release_stderr(s);
    // Sent by `kill` from elsewhere: no backtrace, no interactive prompt;
    // the default action at once, so the exit status names the signal.
    int external = info != NULL && info->si_code <= 0 && info->si_pid != getpid();
    if (sig > 0 && sig < 65 && s->installed[sig] && s->backtrace && !external) {
        sigaction(sig, &s->previous[sig], NULL);
        s->installed[sig] = 0;
    } else {
        signal(sig, SIG_DFL);
        if (sig > 0 && sig < 65) s->installed[sig] = 0;
    }
    int fault = info != NULL && info->si_code > 0 &&
        (sig == SIGSEGV || sig == SIGBUS || sig == SIGILL || sig == SIGFPE);
    if (!fault) raise(sig);
    errno = saved_errno;
}

#endif
