// A small pool of worker threads that wait for the next job by spinning a little before they
// sleep (see include/CKernels.h, ck_pool_run).
//
// Why not Dispatch's concurrentPerform: it wakes a sleeping thread for every call, which costs
// tens of microseconds, as much as the whole of a 256×1000 batch loss on the second core. Kept
// spinning for half a millisecond after each job (as OpenMP runtimes do, for longer), a worker starts
// the next job of a burst (a key held down, a benchmark loop) within a fraction of a microsecond.
//
// The job: `chunks` calls body(context, chunk), chunk = 0…chunks−1, each made exactly once, by
// the caller or a worker, in any order. Claims and completion go through two atomics:
// - `claim`: the job's generation in the high 32 bits and the next chunk in the low 32, so a
//   worker that arrives late (after the job is done, or during the next one) cannot claim a
//   chunk of a job it did not read: its compare-and-swap names the generation it read.
// - `completed`: chunks finished; the caller returns when it reaches `chunks`, so it never
//   waits for a worker that has not woken up yet (that worker then finds nothing to claim).
#if defined(__linux__) && !defined(_GNU_SOURCE)
#define _GNU_SOURCE  // pthread_setname_np
#endif
#include "CKernels.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <unistd.h>
#include <sched.h>
#include <signal.h>
#include <time.h>

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#define CPU_RELAX() _mm_pause()
#elif defined(__aarch64__)
#define CPU_RELAX() __asm__ __volatile__("yield")
#else
#define CPU_RELAX() do {} while (0)
#endif

enum { max_workers = 63 };
// How long a worker spins after a job before it sleeps: longer than the gap between two jobs of one
// keypress or of a benchmark loop (a 240×70 frame is drawn between two in ≈ 0.5 ms), far shorter
// than any human pause. Measured by the clock, since a pause instruction takes 10–140 cycles
// depending on the CPU.
static const long spin_nanoseconds = 500000;

static pthread_once_t pool_once = PTHREAD_ONCE_INIT;
static int worker_count;
static _Atomic int pool_busy;

static _Atomic uint64_t claim;            // generation << 32 | next chunk
static _Atomic uint64_t completed;
static _Atomic(ck_pool_body) job_body;
static _Atomic(void *) job_context;
static _Atomic int64_t job_chunks;
static _Atomic int job_workers;           // workers 1…job_workers take part (the caller is 0)

static pthread_mutex_t sleep_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t sleep_signal = PTHREAD_COND_INITIALIZER;
static _Atomic int sleepers;

static inline uint32_t generation_of(uint64_t value) { return (uint32_t)(value >> 32); }

// Claims and runs chunks of generation `generation` until none is left to claim, or another job
// has begun.
static void work_on(uint32_t generation) {
    for (;;) {
        uint64_t value = atomic_load_explicit(&claim, memory_order_acquire);
        if (generation_of(value) != generation) return;
        const int64_t chunks = atomic_load_explicit(&job_chunks, memory_order_relaxed);
        const ck_pool_body body = atomic_load_explicit(&job_body, memory_order_relaxed);
        void *const context = atomic_load_explicit(&job_context, memory_order_relaxed);
        const int64_t chunk = (int64_t)(uint32_t)value;
        if (chunk >= chunks) return;
        // Succeeds only while the job is still this generation's with this chunk unclaimed, so
        // the fields read above are this job's (they change only after every chunk completed).
        if (!atomic_compare_exchange_weak_explicit(&claim, &value, value + 1, memory_order_acq_rel,
                                                   memory_order_acquire))
            continue;
        body(context, (ptrdiff_t)chunk);
        atomic_fetch_add_explicit(&completed, 1, memory_order_release);
    }
}

static void *worker_main(void *argument) {
    const int index = (int)(intptr_t)argument;
#if defined(__linux__)
    pthread_setname_np(pthread_self(), "ms-pool");  // what `top -H` and /proc/…/task/…/comm show
#endif
    uint32_t seen = 0;
    for (;;) {
        uint32_t generation = seen;
        struct timespec start, now;
        clock_gettime(CLOCK_MONOTONIC, &start);
        for (unsigned spin = 1;; spin++) {
            generation = generation_of(atomic_load_explicit(&claim, memory_order_acquire));
            if (generation != seen) break;
            CPU_RELAX();
            if (spin % 64 == 0) {
                clock_gettime(CLOCK_MONOTONIC, &now);
                const long elapsed = (now.tv_sec - start.tv_sec) * 1000000000L + (now.tv_nsec - start.tv_nsec);
                if (elapsed > spin_nanoseconds) break;
            }
        }
        if (generation == seen) {
            // Sleep until a new generation. The counter and the generation are both sequentially
            // consistent, so a caller that publishes a job either sees this sleeper (and signals
            // under the lock) or this thread sees the new generation before it waits.
            pthread_mutex_lock(&sleep_lock);
            atomic_fetch_add(&sleepers, 1);
            while ((generation = generation_of(atomic_load(&claim))) == seen) pthread_cond_wait(&sleep_signal, &sleep_lock);
            atomic_fetch_sub(&sleepers, 1);
            pthread_mutex_unlock(&sleep_lock);
        }
        seen = generation;
        if (index <= atomic_load_explicit(&job_workers, memory_order_relaxed)) work_on(generation);
    }
    return NULL;
}

static void start_workers(void) {
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    int wanted = cores > 1 ? (int)(cores - 1) : 0;
    if (wanted > max_workers) wanted = max_workers;
    pthread_attr_t attributes;
    pthread_attr_init(&attributes);
    pthread_attr_setdetachstate(&attributes, PTHREAD_CREATE_DETACHED);
    // The workers take no asynchronous signal (resize, stop, continue, interrupt…): those stay with the
    // threads that took them before the pool existed, as Dispatch's threads block them too. Faults
    // raised by a worker's own instructions still reach the handlers.
    sigset_t blocked, previous;
    sigfillset(&blocked);
    sigdelset(&blocked, SIGSEGV);
    sigdelset(&blocked, SIGBUS);
    sigdelset(&blocked, SIGILL);
    sigdelset(&blocked, SIGFPE);
    sigdelset(&blocked, SIGTRAP);
    sigdelset(&blocked, SIGABRT);
    pthread_sigmask(SIG_BLOCK, &blocked, &previous);  // inherited by the threads created here
    for (int i = 1; i <= wanted; i++) {
        pthread_t thread;
        if (pthread_create(&thread, &attributes, worker_main, (void *)(intptr_t)i) != 0) break;
        worker_count = i;
    }
    pthread_sigmask(SIG_SETMASK, &previous, NULL);
    pthread_attr_destroy(&attributes);
}

int ck_pool_workers(void) {
    pthread_once(&pool_once, start_workers);
    return worker_count;
}

int ck_pool_run(ptrdiff_t chunks, int workers, ck_pool_body body, void *context) {
    if (chunks <= 0) return 1;
    if (chunks > UINT32_MAX / 2 || ck_pool_workers() == 0) return 0;
    // One job at a time: a second caller (another thread) is told to do its work some other way.
    if (atomic_exchange_explicit(&pool_busy, 1, memory_order_acquire)) return 0;
    atomic_store_explicit(&job_body, body, memory_order_relaxed);
    atomic_store_explicit(&job_context, context, memory_order_relaxed);
    atomic_store_explicit(&job_chunks, chunks, memory_order_relaxed);
    atomic_store_explicit(&job_workers, workers < worker_count ? workers : worker_count, memory_order_relaxed);
    atomic_store_explicit(&completed, 0, memory_order_relaxed);
    const uint32_t generation = generation_of(atomic_load_explicit(&claim, memory_order_relaxed)) + 1;
    atomic_store(&claim, (uint64_t)generation << 32);   // publishes the fields above
    if (atomic_load(&sleepers) > 0) {
        pthread_mutex_lock(&sleep_lock);
        pthread_cond_broadcast(&sleep_signal);
        pthread_mutex_unlock(&sleep_lock);
    }
    work_on(generation);
    // Every chunk is claimed; wait for the ones still running on the workers.
    for (unsigned spin = 0; atomic_load_explicit(&completed, memory_order_acquire) < (uint64_t)chunks; spin++) {
        if (spin < 1u << 16) CPU_RELAX();
        else sched_yield();
    }
    atomic_store_explicit(&pool_busy, 0, memory_order_release);
    return 1;
}
