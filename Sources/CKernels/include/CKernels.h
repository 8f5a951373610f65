// Row kernels of the batch losses, in C so that they can be compiled for AVX2 + FMA
// and chosen at run time: the package itself is built for baseline x86-64, and a
// binary built with -mavx2 would stop with SIGILL on a CPU without it.
//
// Called only through LossMath's RowKernel, which keeps a pure Swift path for other
// CPUs and architectures. Every function reads and writes only the memory it is given.
#ifndef CKERNELS_H
#define CKERNELS_H

#include <stddef.h>

/// 1 when this CPU (and its OS) runs AVX2 and FMA instructions, else 0.
int ck_has_avx2_fma(void);

/// 1 when this CPU (and its OS) also runs AVX-512 F, DQ and VL, else 0.
int ck_has_avx512(void);

/// The largest of `count` doubles but the one at `exclude` (−∞ when there is none), the first
/// position holding it (−1 when no value exceeds −∞), and how many exceed `threshold`. `exclude`
/// is a position (the target class) or −1 for none. NaN is never the maximum; the maximum is the
/// value at that first position (of −0 and +0, the one that comes first). Requires ck_has_avx2_fma().
void ck_maximum_and_count_avx2(const double *values, ptrdiff_t count, ptrdiff_t exclude, double threshold,
                               double *maximum, ptrdiff_t *above, ptrdiff_t *index);
/// ck_maximum_and_count_avx2 in AVX-512: the same three results. Requires ck_has_avx512().
void ck_maximum_and_count_avx512(const double *values, ptrdiff_t count, ptrdiff_t exclude, double threshold,
                                 double *maximum, ptrdiff_t *above, ptrdiff_t *index);

/// e_j = exp(scale·(x_j − shift)) for `count` doubles but the one at `exclude` (−1: none), whose
/// e_j is 0: their sum and the sum of their squares as eight lane partials (lane l holds the
/// elements j ≡ l mod 8), each e_j also written to `output` when it is not NULL (0 at `exclude`).
/// Requires ck_has_avx2_fma().
///
/// exp: the same reduction (k = round(16x/ln 2), a 16-entry table of 2^(j/16)) and degree-6
/// polynomial as LossMath's VectorExp, with fused multiply-adds; within 1.1 ulp.
void ck_exponential_sums_avx2(const double *values, ptrdiff_t count, ptrdiff_t exclude, double shift, double scale,
                              double *output, double sum[8], double square_sum[8]);

/// ck_exponential_sums_avx2 with eight lanes per instruction: every lane is computed by the
/// same operations in the same order, so the outputs and the eight partials are bit-for-bit
/// those of the AVX2 function. Requires ck_has_avx512().
void ck_exponential_sums_avx512(const double *values, ptrdiff_t count, ptrdiff_t exclude, double shift, double scale,
                                double *output, double sum[8], double square_sum[8]);

/// One row of the batch loss in one call: the maximum of the `count` values but the one at `exclude`
/// (−1: none), its first position and the number of those values above `threshold`, exactly as
/// ck_maximum_and_count_avx2 gives them; then, shifted by that maximum, the exponential pass of
/// ck_exponential_sums_avx2 (the same outputs and partials, bit for bit), also prefetching the
/// `prefetch_count` doubles at `prefetch` (the next row) a cache line per eight values, so that
/// its read from memory overlaps this pass's arithmetic, and also
/// writes copy_target[j] = copy_source[j]·copy_factor for j < copy_count (another row: the previous
/// row's gradient) with the products and stores of ck_scaled_copy_avx2 (streaming when copy_streaming
/// is non-zero), interleaved with the exponentials, but without its fence: call ck_store_fence()
/// before the target is read or handed to another thread. NULLs allowed for output, prefetch and
/// copy. totals[0] and totals[1] are the eight partials of each sum added in lane order from −0 (what
/// Swift's SIMD8.sum() gives), taken from the registers. The _avx512 version gives the same bits (each lane does the same operations) with a
/// cheaper maximum pass, the count taken in the exponential pass. Require ck_has_avx2_fma() /
/// ck_has_avx512().
void ck_row_statistics_avx2(const double *values, ptrdiff_t count, ptrdiff_t exclude, double threshold, double scale,
                            double *output, const double *prefetch, ptrdiff_t prefetch_count,
                            const double *copy_source, ptrdiff_t copy_count, double copy_factor, double *copy_target,
                            int copy_streaming, double *maximum, ptrdiff_t *index, ptrdiff_t *above, double sum[8],
                            double square_sum[8], double totals[2]);
void ck_row_statistics_avx512(const double *values, ptrdiff_t count, ptrdiff_t exclude, double threshold, double scale,
                              double *output, const double *prefetch, ptrdiff_t prefetch_count,
                              const double *copy_source, ptrdiff_t copy_count, double copy_factor, double *copy_target,
                              int copy_streaming, double *maximum, ptrdiff_t *index, ptrdiff_t *above, double sum[8],
                              double square_sum[8], double totals[2]);

/// Orders the streaming stores before every later store (sfence; nothing off x86).
void ck_store_fence(void);

/// target[j] = source[j] · factor for `count` doubles. With `streaming` non-zero, non-temporal
/// stores (fenced): a B×C gradient larger than the cache is written once and not read back soon,
/// so it goes straight to memory instead of first being read into the cache line by line. A
/// gradient that fits in the cache is better stored normally (it stays there; streaming stores
/// would send it to memory). The same bits either way. Requires ck_has_avx2_fma().
void ck_scaled_copy_avx2(const double *source, ptrdiff_t count, double factor, double *target, int streaming);

/// Has glibc's malloc serve large blocks from the heap and keep freed memory (mallopt
/// M_MMAP_MAX = 0, M_TRIM_THRESHOLD = INT_MAX) and serve every thread from that one heap
/// (M_ARENA_MAX = 1), so a new large array reuses pages already touched instead of fresh ones
/// the kernel must zero, whichever thread allocates it. Process-wide, best called before
/// threads allocate (a thread that already has an arena of its own keeps it); nothing without glibc.
void ck_reuse_freed_memory(void);

/// The cosines of synthetic batch rows [first_row, end_row): for every such sample i and
/// class j < classes, cosines[i·classes + j] = min(1, max(−1, (Σ_t x_it·w_jt) / norms[i])),
/// with x = features (row-major, `dimension` per sample) and the class directions w in panels
/// of 16 classes: coordinate t of class j at direction_panels[(j / 16)·16·dimension + 16·t + j mod 16]
/// (⌈classes/16⌉ panels; the padding classes of the last panel read but never stored). Each sum runs
/// t = 0, 1, … with the multiply and the add rounded separately, so the result is bit-for-bit that
/// of the plain scalar loop. Requires ck_has_avx2_fma().
void ck_cosine_rows_avx2(const double *features, const double *norms, ptrdiff_t dimension,
                         const double *direction_panels, ptrdiff_t classes, ptrdiff_t first_row, ptrdiff_t end_row,
                         double *cosines);

/// ck_cosine_rows_avx2 with eight lanes per instruction (eight samples × sixteen classes per
/// pass over d): the same sums in the same order, so bit-for-bit the same cosines. Requires
/// ck_has_avx512().
void ck_cosine_rows_avx512(const double *features, const double *norms, ptrdiff_t dimension,
                           const double *direction_panels, ptrdiff_t classes, ptrdiff_t first_row, ptrdiff_t end_row,
                           double *cosines);

/// A job for ck_pool_run: called once for each chunk 0…chunks−1.
typedef void (*ck_pool_body)(void *context, ptrdiff_t chunk);

/// Runs body(context, chunk) for every chunk 0…chunks−1, each exactly once, on the calling thread
/// and up to `workers` of the pool's threads (one per core but the first, started on first use),
/// which take the chunks one at a time in any order; returns when all are done (1). Returns 0 at
/// once, having run nothing, when the pool is busy with another caller's job or has no threads:
/// the caller then does the work some other way. Between jobs the workers spin for half a millisecond
/// before they sleep, so a burst of short jobs does not pay a thread wake-up for each.
int ck_pool_run(ptrdiff_t chunks, int workers, ck_pool_body body, void *context);

/// The number of the pool's threads (0 on a single core), starting them if needed.
int ck_pool_workers(void);

#endif
