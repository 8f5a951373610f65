// The matrix product behind synthetic batches (see include/CKernels.h), for AVX2.
//
// Bit-for-bit the same numbers as LossMath's Swift loop: every dot product is summed
// t = 0, 1, … with a rounded multiply and a rounded add (no fused multiply-add), then
// divided (not multiplied by a reciprocal) and clamped. Only the order in which the
// independent dot products are computed changes, which is what makes it fast: six
// samples times eight classes at a time in registers, classes in tiles that stay in cache.
#include "CKernels.h"

#include <stdlib.h>  // defines __GLIBC__ on glibc
#if defined(__GLIBC__)
#include <malloc.h>
#endif

void ck_reuse_freed_memory(void) {
#if defined(__GLIBC__)
    // No mmap for large blocks (they come from the heap), and no trimming of the heap's top.
    mallopt(M_MMAP_MAX, 0);
    mallopt(M_TRIM_THRESHOLD, 0x7fffffff);
    // One arena, the main heap, for every thread. The explorer makes its batches on a worker
    // thread, whose own arena (heaps of at most 64 MB) held each 49 MB matrix in a heap of its
    // own and gave that heap back to the kernel when the matrix was freed: every new batch then
    // faulted in (and had the kernel zero) fresh pages, a third of a keypress on N or C.
    mallopt(M_ARENA_MAX, 1);
#endif
}

// Contraction into fused multiply-adds would change the rounding of the scalar tails.
#pragma STDC FP_CONTRACT OFF

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>

#define AVX2 __attribute__((target("avx2,fma")))

// 256 classes × d = 64 doubles of directions = 128 KiB: one tile stays in L2 while every
// block of six samples passes over it.
enum { tile_classes = 256 };

// Directions come in panels of 16 classes (include/CKernels.h): coordinate t of class j is at
// (j / 16)·16·d + 16·t + j mod 16, so the 16·d doubles one pass over d reads are contiguous. (Stored
// d × C, a pass read d lines C doubles apart; at C = 5994 that stride is 48 000 bytes, a multiple of
// 4 KiB minus a little, and the d lines of one pass fell into a handful of cache sets, evicting one
// another: the product ran at a third of its arithmetic speed.)
enum { panel_classes = 16 };

// Samples per pass of the AVX2 kernel: 6 × 8 classes = 12 accumulators of the 16 registers (C harness
// on Zen 3, 1032×6144: 4 samples 15.6, 6 samples 16.5 products/ns; 2 × 16 classes 14.4).
enum { avx2_rows = 6 };
static inline const double *panel_start(const double *panels, ptrdiff_t d, ptrdiff_t j) {
    return panels + (j / panel_classes) * panel_classes * d + j % panel_classes;
}

// Stores `lanes` (1…8) cosines dot/norm, clamped to [−1, 1] as the Swift loop does.
AVX2 static inline void store_cosines(double *out, __m256d low, __m256d high, double norm, ptrdiff_t lanes) {
    const __m256d n = _mm256_set1_pd(norm);
    const __m256d lower = _mm256_set1_pd(-1.0), upper = _mm256_set1_pd(1.0);
    low = _mm256_min_pd(upper, _mm256_max_pd(lower, _mm256_div_pd(low, n)));
    high = _mm256_min_pd(upper, _mm256_max_pd(lower, _mm256_div_pd(high, n)));
    if (lanes == 8) {
        _mm256_storeu_pd(out, low);
        _mm256_storeu_pd(out + 4, high);
        return;
    }
    double lanes_out[8];
    _mm256_storeu_pd(lanes_out, low);
    _mm256_storeu_pd(lanes_out + 4, high);
    for (ptrdiff_t l = 0; l < lanes; l++) out[l] = lanes_out[l];
}

AVX2 void ck_cosine_rows_avx2(const double *features, const double *norms, ptrdiff_t dimension,
                              const double *direction_panels, ptrdiff_t classes, ptrdiff_t first_row,
                              ptrdiff_t end_row, double *cosines) {
    const ptrdiff_t d = dimension;
    for (ptrdiff_t j0 = 0; j0 < classes; j0 += tile_classes) {
        const ptrdiff_t j1 = j0 + tile_classes < classes ? j0 + tile_classes : classes;
        ptrdiff_t i = first_row;
        for (; i + avx2_rows <= end_row; i += avx2_rows) {
            const double *x = features + i * d;
            for (ptrdiff_t j = j0; j < j1; j += 8) {
                __m256d a[avx2_rows][2];
                for (int r = 0; r < avx2_rows; r++) a[r][0] = a[r][1] = _mm256_setzero_pd();
                const double *w = panel_start(direction_panels, d, j);
                for (ptrdiff_t t = 0; t < d; t++, w += panel_classes) {
                    const __m256d w0 = _mm256_loadu_pd(w), w1 = _mm256_loadu_pd(w + 4);
                    for (int r = 0; r < avx2_rows; r++) {
                        const __m256d b = _mm256_broadcast_sd(x + r * d + t);
                        a[r][0] = _mm256_add_pd(a[r][0], _mm256_mul_pd(b, w0));
                        a[r][1] = _mm256_add_pd(a[r][1], _mm256_mul_pd(b, w1));
                    }
                }
                const ptrdiff_t lanes = classes - j < 8 ? classes - j : 8;
                for (int r = 0; r < avx2_rows; r++) {
                    store_cosines(cosines + (i + r) * classes + j, a[r][0], a[r][1], norms[i + r], lanes);
                }
            }
        }
        for (; i < end_row; i++) {
            const double *x = features + i * d;
            for (ptrdiff_t j = j0; j < j1; j += 8) {
                __m256d a0 = _mm256_setzero_pd(), a1 = a0;
                const double *w = panel_start(direction_panels, d, j);
                for (ptrdiff_t t = 0; t < d; t++, w += panel_classes) {
                    const __m256d b = _mm256_set1_pd(x[t]);
                    a0 = _mm256_add_pd(a0, _mm256_mul_pd(b, _mm256_loadu_pd(w)));
                    a1 = _mm256_add_pd(a1, _mm256_mul_pd(b, _mm256_loadu_pd(w + 4)));
                }
                store_cosines(cosines + i * classes + j, a0, a1, norms[i], classes - j < 8 ? classes - j : 8);
            }
        }
    }
}

// AVX-512: eight samples × sixteen classes per pass over d (16 accumulators of the 32
// registers). Each lane does exactly what a lane of the AVX2 kernel does, so the cosines
// are the same bits; only twice as many are computed per instruction.
#define AVX512 __attribute__((target("avx512f,avx512dq,avx512vl,avx2,fma")))

enum { wide_rows = 8 };

// Stores `lanes` (1…16) cosines dot/norm, clamped to [−1, 1].
AVX512 static inline void store_cosines16(double *out, __m512d low, __m512d high, double norm, ptrdiff_t lanes) {
    const __m512d n = _mm512_set1_pd(norm);
    const __m512d lower = _mm512_set1_pd(-1.0), upper = _mm512_set1_pd(1.0);
    low = _mm512_min_pd(upper, _mm512_max_pd(lower, _mm512_div_pd(low, n)));
    high = _mm512_min_pd(upper, _mm512_max_pd(lower, _mm512_div_pd(high, n)));
    if (lanes == 16) {
        _mm512_storeu_pd(out, low);
        _mm512_storeu_pd(out + 8, high);
        return;
    }
    const __mmask8 low_mask = lanes >= 8 ? 0xFF : (__mmask8)((1u << lanes) - 1);
    const __mmask8 high_mask = lanes <= 8 ? 0 : (__mmask8)((1u << (lanes - 8)) - 1);
    _mm512_mask_storeu_pd(out, low_mask, low);
    _mm512_mask_storeu_pd(out + 8, high_mask, high);
}

AVX512 void ck_cosine_rows_avx512(const double *features, const double *norms, ptrdiff_t dimension,
                                  const double *direction_panels, ptrdiff_t classes, ptrdiff_t first_row,
                                  ptrdiff_t end_row, double *cosines) {
    const ptrdiff_t d = dimension;
    for (ptrdiff_t j0 = 0; j0 < classes; j0 += tile_classes) {
        const ptrdiff_t j1 = j0 + tile_classes < classes ? j0 + tile_classes : classes;
        ptrdiff_t i = first_row;
        for (; i + wide_rows <= end_row; i += wide_rows) {
            const double *x = features + i * d;
            for (ptrdiff_t j = j0; j < j1; j += 16) {
                __m512d a[wide_rows][2];
                for (int r = 0; r < wide_rows; r++) a[r][0] = a[r][1] = _mm512_setzero_pd();
                const double *w = panel_start(direction_panels, d, j);
                for (ptrdiff_t t = 0; t < d; t++, w += panel_classes) {
                    const __m512d w0 = _mm512_loadu_pd(w), w1 = _mm512_loadu_pd(w + 8);
                    for (int r = 0; r < wide_rows; r++) {
                        const __m512d b = _mm512_set1_pd(x[r * d + t]);
                        a[r][0] = _mm512_add_pd(a[r][0], _mm512_mul_pd(b, w0));
                        a[r][1] = _mm512_add_pd(a[r][1], _mm512_mul_pd(b, w1));
                    }
                }
                const ptrdiff_t lanes = classes - j < 16 ? classes - j : 16;
                for (int r = 0; r < wide_rows; r++) {
                    store_cosines16(cosines + (i + r) * classes + j, a[r][0], a[r][1], norms[i + r], lanes);
                }
            }
        }
        for (; i < end_row; i++) {
            const double *x = features + i * d;
            for (ptrdiff_t j = j0; j < j1; j += 16) {
                __m512d a0 = _mm512_setzero_pd(), a1 = a0;
                const double *w = panel_start(direction_panels, d, j);
                for (ptrdiff_t t = 0; t < d; t++, w += panel_classes) {
                    const __m512d b = _mm512_set1_pd(x[t]);
                    a0 = _mm512_add_pd(a0, _mm512_mul_pd(b, _mm512_loadu_pd(w)));
                    a1 = _mm512_add_pd(a1, _mm512_mul_pd(b, _mm512_loadu_pd(w + 8)));
                }
                store_cosines16(cosines + i * classes + j, a0, a1, norms[i], classes - j < 16 ? classes - j : 16);
            }
        }
    }
}

#else

void ck_cosine_rows_avx2(const double *features, const double *norms, ptrdiff_t dimension,
                         const double *direction_panels, ptrdiff_t classes, ptrdiff_t first_row, ptrdiff_t end_row,
                         double *cosines) {
    __builtin_trap();
}

void ck_cosine_rows_avx512(const double *features, const double *norms, ptrdiff_t dimension,
                           const double *direction_panels, ptrdiff_t classes, ptrdiff_t first_row, ptrdiff_t end_row,
                           double *cosines) {
    __builtin_trap();
}

#endif
