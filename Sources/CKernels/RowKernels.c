// AVX2 + FMA versions of LossMath's row kernels (see include/CKernels.h).
//
// Only the functions marked AVX2 use those instructions, through the target
// attribute; everything else in the binary stays baseline x86-64, and LossMath
// calls these only after ck_has_avx2_fma() said yes.
#include "CKernels.h"

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#include <math.h>
#include <stdint.h>

#define AVX2 __attribute__((target("avx2,fma")))

int ck_has_avx2_fma(void) {
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
}

int ck_has_avx512(void) {
    __builtin_cpu_init();
    return ck_has_avx2_fma() && __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512dq") &&
           __builtin_cpu_supports("avx512vl");
}

// The constants of VectorExp.swift, so both paths compute the same function.
// exp(x) = 2^(k/16)·exp(r): k = round(16x/ln 2), r = x − k·ln 2/16 (Cody–Waite, |r| ≤ ln 2/32),
// 2^(k/16) = 2^⌊k/16⌋·2^(j/16) with j = k mod 16 from a 16-entry table, exp(r) = 1 + u.
static const double log2e_16 = 16 * 1.4426950408889634;                  // 16/ln 2 (×16 is exact)
static const double ln2_hi_16 = 6.93147180369123816490e-01 / 16;         // 32 trailing zero bits
static const double ln2_lo_16 = 1.90821492927058770002e-10 / 16;
static const double rounding_magic = 6755399441055744.0;   // 1.5·2⁵²

// 2^(j/16), j = 0…15, each the double nearest to it (mpmath at 300 bits).
static const double power_table[16] __attribute__((aligned(64))) = {
    0x1.0000000000000p+0, 0x1.0b5586cf9890fp+0, 0x1.172b83c7d517bp+0, 0x1.2387a6e756238p+0,
    0x1.306fe0a31b715p+0, 0x1.3dea64c123422p+0, 0x1.4bfdad5362a27p+0, 0x1.5ab07dd485429p+0,
    0x1.6a09e667f3bcdp+0, 0x1.7a11473eb0187p+0, 0x1.8ace5422aa0dbp+0, 0x1.9c49182a3f090p+0,
    0x1.ae89f995ad3adp+0, 0x1.c199bdd85529cp+0, 0x1.d5818dcfba487p+0, 0x1.ea4afa2a490dap+0,
};

// u = exp(r) − 1 for |r| ≤ ln 2/32: r + r²·q(r), q of degree 4 fitted by Remez to the relative error
// of exp(r) (1.2·10⁻¹⁷, a twentieth of an ulp), evaluated by Estrin's scheme.
static const double c2 = 0x1.fffffffffffb9p-2, c3 = 0x1.555555548f890p-3, c4 = 0x1.55555558fca6dp-5,
                    c5 = 0x1.11123aae7600dp-7, c6 = 0x1.6c14c6eb88d07p-10;

AVX2 static inline __m256d expm1_reduced(__m256d r) {
    const __m256d r2 = _mm256_mul_pd(r, r);
    const __m256d a = _mm256_fmadd_pd(_mm256_set1_pd(c3), r, _mm256_set1_pd(c2));
    __m256d b = _mm256_fmadd_pd(_mm256_set1_pd(c5), r, _mm256_set1_pd(c4));
    b = _mm256_fmadd_pd(_mm256_set1_pd(c6), r2, b);
    const __m256d q = _mm256_fmadd_pd(b, r2, a);
    return _mm256_fmadd_pd(q, r2, r);
}

// 2^k for integral doubles k with −1022 ≤ k ≤ 1023, from the bits of k + 1.5·2⁵².
AVX2 static inline __m256d power_of_two(__m256d k_plus_magic) {
    const __m256i magic_bits = _mm256_castpd_si256(_mm256_set1_pd(rounding_magic));
    __m256i k = _mm256_sub_epi64(_mm256_castpd_si256(k_plus_magic), magic_bits);
    k = _mm256_add_epi64(k, _mm256_set1_epi64x(1023));
    return _mm256_castsi256_pd(_mm256_slli_epi64(k, 52));
}

// Lanes whose result is not a normal number (x < −708 or x > 709, or NaN): clamped so that
// ⌊k/16⌋ stays in [−1077, 1024], with 2^⌊k/16⌋ applied in two normal halves so that a subnormal
// result is rounded only once (as VectorExp.exceptionalExp). Where the result is normal, the
// same bits as vector_exp: 2^(j/16)·(1 + u) rounds once either way, the powers of two are exact.
AVX2 __attribute__((noinline)) static __m256d exceptional_exp(__m256d x) {
    x = _mm256_max_pd(x, _mm256_set1_pd(-746.0));
    x = _mm256_min_pd(x, _mm256_set1_pd(710.0));
    const __m256d magic = _mm256_set1_pd(rounding_magic);
    const __m256d t = _mm256_fmadd_pd(x, _mm256_set1_pd(log2e_16), magic);
    const __m256d kd = _mm256_sub_pd(t, magic);
    __m256d r = _mm256_fnmadd_pd(kd, _mm256_set1_pd(ln2_hi_16), x);
    r = _mm256_fnmadd_pd(kd, _mm256_set1_pd(ln2_lo_16), r);
    const __m256i j = _mm256_and_si256(_mm256_sub_epi64(_mm256_castpd_si256(t), _mm256_castpd_si256(magic)),
                                       _mm256_set1_epi64x(15));
    const __m256d table = _mm256_i64gather_pd(power_table, j, 8);
    const __m256d v = _mm256_fmadd_pd(table, expm1_reduced(r), table);
    // e = ⌊k/16⌋ (exact in doubles), e1 = ⌊e/2⌋, e2 = e − e1 (an arithmetic shift in VectorExp).
    const __m256d e = _mm256_floor_pd(_mm256_mul_pd(kd, _mm256_set1_pd(1.0 / 16)));
    const __m256d e1 = _mm256_floor_pd(_mm256_mul_pd(e, _mm256_set1_pd(0.5)));
    const __m256d e2 = _mm256_sub_pd(e, e1);
    const __m256d scale1 = power_of_two(_mm256_add_pd(e1, magic));
    const __m256d scale2 = power_of_two(_mm256_add_pd(e2, magic));
    return _mm256_mul_pd(_mm256_mul_pd(v, scale1), scale2);
}

// table[k mod 16] for the four lanes of k, by four scalar loads: the same values as
// _mm256_i64gather_pd(power_table, k & 15, 8), which on Zen 3 cost a tenth more of the whole exp
// (C harness, 256 000 exps in cache: 1.17 → 1.07 ns each; the AVX-512 kernel permutes instead).
AVX2 static inline __m256d table_lookup(__m256i k) {
    const __m256i j = _mm256_and_si256(k, _mm256_set1_epi64x(15));
    const __m128i low = _mm256_castsi256_si128(j), high = _mm256_extracti128_si256(j, 1);
    const __m128d a = _mm_loadh_pd(_mm_load_sd(power_table + _mm_cvtsi128_si64(low)), power_table + _mm_extract_epi64(low, 1));
    const __m128d b = _mm_loadh_pd(_mm_load_sd(power_table + _mm_cvtsi128_si64(high)), power_table + _mm_extract_epi64(high, 1));
    return _mm256_insertf128_pd(_mm256_castpd128_pd256(a), b, 1);
}

// vector_exp for lanes known to lie in [−708, 709] (no NaN): the same bits there, garbage elsewhere.
AVX2 static inline __m256d vector_exp_in_range(__m256d x) {
    const __m256d magic = _mm256_set1_pd(rounding_magic);
    const __m256d t = _mm256_fmadd_pd(x, _mm256_set1_pd(log2e_16), magic);
    const __m256d kd = _mm256_sub_pd(t, magic);
    __m256d r = _mm256_fnmadd_pd(kd, _mm256_set1_pd(ln2_hi_16), x);  // exact: k·ln2Hi/16 has ≤ 53 bits
    r = _mm256_fnmadd_pd(kd, _mm256_set1_pd(ln2_lo_16), r);
    const __m256i k = _mm256_sub_epi64(_mm256_castpd_si256(t), _mm256_castpd_si256(magic));
    const __m256d table = table_lookup(k);
    // 2^(j/16)·2^⌊k/16⌋ by adding ⌊k/16⌋ to the table value's exponent: (k − j)·2⁴⁸ = ⌊k/16⌋·2⁵².
    const __m256i exponent = _mm256_slli_epi64(_mm256_andnot_si256(_mm256_set1_epi64x(15), k), 48);
    const __m256d scaled = _mm256_castsi256_pd(_mm256_add_epi64(_mm256_castpd_si256(table), exponent));
    return _mm256_fmadd_pd(scaled, expm1_reduced(r), scaled);
}

AVX2 static inline __m256d vector_exp(__m256d x) {
    const __m256d in_range = _mm256_and_pd(_mm256_cmp_pd(x, _mm256_set1_pd(-708.0), _CMP_GE_OQ),
                                           _mm256_cmp_pd(x, _mm256_set1_pd(709.0), _CMP_LE_OQ));
    if (__builtin_expect(_mm256_movemask_pd(in_range) != 0xF, 0)) return exceptional_exp(x);
    return vector_exp_in_range(x);
}

// AVX-512 (Zen 4/5, recent Intel): the same exp, eight lanes per instruction. Every lane is
// computed by the very same operations as in vector_exp, so the results are bit-for-bit those
// of the AVX2 functions (checked by KernelVariantTests); only the instruction width differs,
// and the table is read by one two-register permute instead of a gather.
#define AVX512 __attribute__((target("avx512f,avx512dq,avx512vl,avx2,fma")))

AVX512 static inline __m512d expm1_reduced512(__m512d r) {
    const __m512d r2 = _mm512_mul_pd(r, r);
    const __m512d a = _mm512_fmadd_pd(_mm512_set1_pd(c3), r, _mm512_set1_pd(c2));
    __m512d b = _mm512_fmadd_pd(_mm512_set1_pd(c5), r, _mm512_set1_pd(c4));
    b = _mm512_fmadd_pd(_mm512_set1_pd(c6), r2, b);
    const __m512d q = _mm512_fmadd_pd(b, r2, a);
    return _mm512_fmadd_pd(q, r2, r);
}

AVX512 static inline __m512d vector_exp512(__m512d x) {
    const __mmask8 in_range = _mm512_cmp_pd_mask(x, _mm512_set1_pd(-708.0), _CMP_GE_OQ) &
                              _mm512_cmp_pd_mask(x, _mm512_set1_pd(709.0), _CMP_LE_OQ);
    if (__builtin_expect(in_range != 0xFF, 0)) {
        // The rare lanes: each half exactly as the AVX2 kernel computes it.
        const __m256d low = vector_exp(_mm512_castpd512_pd256(x));
        const __m256d high = vector_exp(_mm512_extractf64x4_pd(x, 1));
        return _mm512_insertf64x4(_mm512_castpd256_pd512(low), high, 1);
    }
    const __m512d magic = _mm512_set1_pd(rounding_magic);
    const __m512d t = _mm512_fmadd_pd(x, _mm512_set1_pd(log2e_16), magic);
    const __m512d kd = _mm512_sub_pd(t, magic);
    __m512d r = _mm512_fnmadd_pd(kd, _mm512_set1_pd(ln2_hi_16), x);
    r = _mm512_fnmadd_pd(kd, _mm512_set1_pd(ln2_lo_16), r);
    const __m512i k = _mm512_sub_epi64(_mm512_castpd_si512(t), _mm512_castpd_si512(magic));
    // The permute reads only the low four bits of each index: j = k mod 16.
    const __m512d table = _mm512_permutex2var_pd(_mm512_load_pd(power_table), k, _mm512_load_pd(power_table + 8));
    const __m512i exponent = _mm512_slli_epi64(_mm512_andnot_si512(_mm512_set1_epi64(15), k), 48);
    const __m512d scaled = _mm512_castsi512_pd(_mm512_add_epi64(_mm512_castpd_si512(table), exponent));
    return _mm512_fmadd_pd(scaled, expm1_reduced512(r), scaled);
}

// Prefetching: one cache line of `prefetch` (the next row, still in memory) is requested per
// eight values, so that its memory read overlaps this pass's arithmetic; a prefetch changes no value.
#define PREFETCH_NEXT_LINE()                                                      \
    do {                                                                          \
        if (ahead < ahead_end) {                                                  \
            _mm_prefetch((const char *)ahead, _MM_HINT_T0);                       \
            ahead += 8;                                                           \
        }                                                                         \
    } while (0)
// The lines the loop did not reach, and the line of the last value (rows need not start on a line).
#define PREFETCH_REST()                                                                    \
    do {                                                                                   \
        for (; ahead < ahead_end; ahead += 8) _mm_prefetch((const char *)ahead, _MM_HINT_T0); \
        if (prefetch_count > 0) _mm_prefetch((const char *)(ahead_end - 1), _MM_HINT_T0);  \
    } while (0)

// Copying: another row's target[j] = source[j]·factor (the previous row's gradient), with the
// stores of ck_scaled_copy_avx2 (streaming past the cache when copy_streaming is set), eight values
// per eight exponentials, so that its memory write overlaps this pass's arithmetic. The same
// products as ck_scaled_copy_avx2: the same bits. No fence: the caller issues ck_store_fence()
// before it reads or hands on the target.
#define COPY_START()                                                                    \
    ptrdiff_t copied = 0;                                                               \
    const __m256d copy_f = _mm256_set1_pd(copy_factor);                                 \
    while (copied < copy_count && ((uintptr_t)(copy_target + copied) & 31) != 0) {     \
        copy_target[copied] = copy_source[copied] * copy_factor;                        \
        copied++;                                                                       \
    }
#define COPY_EIGHT()                                                                                        \
    do {                                                                                                    \
        if (copied + 8 <= copy_count) {                                                                     \
            const __m256d low = _mm256_mul_pd(_mm256_loadu_pd(copy_source + copied), copy_f);               \
            const __m256d high = _mm256_mul_pd(_mm256_loadu_pd(copy_source + copied + 4), copy_f);          \
            if (copy_streaming) {                                                                           \
                _mm256_stream_pd(copy_target + copied, low);                                                \
                _mm256_stream_pd(copy_target + copied + 4, high);                                           \
            } else {                                                                                        \
                _mm256_store_pd(copy_target + copied, low);                                                 \
                _mm256_store_pd(copy_target + copied + 4, high);                                            \
            }                                                                                               \
            copied += 8;                                                                                    \
        }                                                                                                   \
    } while (0)
#define COPY_REST()                                                                        \
    do {                                                                                   \
        while (copied + 8 <= copy_count) COPY_EIGHT();                                     \
        for (; copied < copy_count; copied++) copy_target[copied] = copy_source[copied] * copy_factor; \
    } while (0)

// The sum of eight partials (lanes 0–3 of `low`, then 4–7 of `high`) added in lane order from −0, as
// Swift's SIMD8.sum() adds them, taken from the registers: read back from the partials just stored, a
// wide store feeding narrower loads waits for the store to complete.
AVX2 static inline double lanes_in_order(__m256d low, __m256d high) {
    const __m128d a = _mm256_castpd256_pd128(low), b = _mm256_extractf128_pd(low, 1);
    const __m128d c = _mm256_castpd256_pd128(high), d = _mm256_extractf128_pd(high, 1);
    double total = -0.0;
    total += _mm_cvtsd_f64(a);
    total += _mm_cvtsd_f64(_mm_unpackhi_pd(a, a));
    total += _mm_cvtsd_f64(b);
    total += _mm_cvtsd_f64(_mm_unpackhi_pd(b, b));
    total += _mm_cvtsd_f64(c);
    total += _mm_cvtsd_f64(_mm_unpackhi_pd(c, c));
    total += _mm_cvtsd_f64(d);
    total += _mm_cvtsd_f64(_mm_unpackhi_pd(d, d));
    return total;
}

// Where a row of doubles starts within its 64-byte cache line, in doubles (0–7); 0 for a pointer that
// is not even 8-byte aligned (its loads then straddle lines whatever the blocks).
static inline ptrdiff_t line_phase(const double *values) {
    return ((uintptr_t)values & 7) != 0 ? 0 : (ptrdiff_t)(((uintptr_t)values & 63) >> 3);
}

// The copy of the AVX-512 pass: the same products, eight per instruction, stores aligned to 64 bytes.
#define COPY_START_512()                                                                \
    ptrdiff_t copied = 0;                                                               \
    const __m512d copy_f = _mm512_set1_pd(copy_factor);                                 \
    while (copied < copy_count && ((uintptr_t)(copy_target + copied) & 63) != 0) {     \
        copy_target[copied] = copy_source[copied] * copy_factor;                        \
        copied++;                                                                       \
    }
#define COPY_EIGHT_512()                                                                            \
    do {                                                                                            \
        if (copied + 8 <= copy_count) {                                                             \
            const __m512d product = _mm512_mul_pd(_mm512_loadu_pd(copy_source + copied), copy_f);   \
            if (copy_streaming) _mm512_stream_pd(copy_target + copied, product);                    \
            else _mm512_store_pd(copy_target + copied, product);                                    \
            copied += 8;                                                                            \
        }                                                                                           \
    } while (0)
#define COPY_REST_512()                                                                    \
    do {                                                                                   \
        while (copied + 8 <= copy_count) COPY_EIGHT_512();                                 \
        for (; copied < copy_count; copied++) copy_target[copied] = copy_source[copied] * copy_factor; \
    } while (0)

// With `counting`, the pass also counts the values (the excluded one not) that exceed `threshold`
// into *above, from the values it loads anyway: the maximum pass is then plain maxima, and the
// count measured no dearer here than there (a comparison and a popcount per eight values). With
// `writes`, the exponentials go to `output`: both are constants at each call, so each combination
// is its own loop (a run-time test among the stores, its operand reloaded each time, cost a tenth).
AVX512 static inline __attribute__((always_inline)) void exponential_sums512(const double *values, ptrdiff_t count, ptrdiff_t exclude,
                                              double shift, double scale,
                                              double *output, double sum[8], double square_sum[8],
                                              const double *prefetch, ptrdiff_t prefetch_count,
                                              const double *copy_source, ptrdiff_t copy_count, double copy_factor,
                                              double *copy_target, int copy_streaming,
                                              const int counting, double threshold, ptrdiff_t *above,
                                              const int writes, double totals[2]) {
    const double *ahead = prefetch, *const ahead_end = prefetch ? prefetch + prefetch_count : prefetch;
    COPY_START_512();
    const __m512d s = _mm512_set1_pd(scale);
    const __m512d m = _mm512_set1_pd(shift);
    const __m512d limit = _mm512_set1_pd(threshold);
    ptrdiff_t n = 0;
    // The blocks of eight start on the 64-byte boundaries of `values` (the cache lines of a row that
    // does not start on one), so no load straddles two lines: block starts j ≡ −phase (mod 8), the
    // first block (the head) holding only the values from the row's start to the first boundary.
    // Lane l therefore sums the elements j ≡ l − phase (mod 8), in the order of j, and is rotated to
    // lane j mod 8 at the end: the AVX2 kernel's partials, bit for bit (masked lanes add +0 to +0).
    const ptrdiff_t phase = line_phase(values);
    __m512d sums = _mm512_setzero_pd(), squares = sums;
    // The eight values from i on, all of them, as a full-speed loop.
#define EXP_EIGHT_512()                                                                                  \
    do {                                                                                                 \
        PREFETCH_NEXT_LINE();                                                                            \
        COPY_EIGHT_512();                                                                                \
        const __m512d x = _mm512_loadu_pd(values + i);                                                   \
        if (counting) n += __builtin_popcount(_mm512_cmp_pd_mask(x, limit, _CMP_GT_OQ));                 \
        const __m512d e = vector_exp512(_mm512_mul_pd(s, _mm512_sub_pd(x, m)));                          \
        if (writes) _mm512_storeu_pd(output + i, e);                                                     \
        sums = _mm512_add_pd(sums, e);                                                                   \
        squares = _mm512_fmadd_pd(e, e, squares);                                                        \
    } while (0)
    // The block of eight positions from `first` (negative for the head's lanes before the row) whose
    // lanes `valid` are values of the row: the others, and the excluded one, repeat the shift
    // (argument 0) and are zeroed after the exp, so they add nothing; only valid lanes are stored.
#define EXP_MASKED_512(first, valid)                                                                      \
    do {                                                                                                  \
        const ptrdiff_t from = (first);                                                                   \
        const __mmask8 lanes = (valid);                                                                   \
        const __mmask8 kept = exclude >= from && exclude < from + 8 ? (__mmask8)(lanes & ~(1u << (exclude - from))) \
                                                                    : lanes;                              \
        const __m512d v = _mm512_mask_loadu_pd(m, kept, (const double *)((uintptr_t)values + from * 8));  \
        if (counting) n += __builtin_popcount(_mm512_mask_cmp_pd_mask(kept, v, limit, _CMP_GT_OQ));       \
        const __m512d e = _mm512_maskz_mov_pd(kept, vector_exp512(_mm512_mul_pd(s, _mm512_sub_pd(v, m)))); \
        if (writes) _mm512_mask_storeu_pd((double *)((uintptr_t)output + from * 8), lanes, e);            \
        sums = _mm512_add_pd(sums, e);                                                                    \
        squares = _mm512_fmadd_pd(e, e, squares);                                                         \
    } while (0)
    ptrdiff_t i = 0;
    if (phase > 0 && count > 0) {
        const ptrdiff_t head = 8 - phase < count ? 8 - phase : count;
        PREFETCH_NEXT_LINE();
        COPY_EIGHT_512();
        EXP_MASKED_512(-phase, (__mmask8)(((1u << head) - 1) << phase));
        i = head;
    }
    // The block holding `exclude` (if any) stops the first loop; a second one takes the rest.
    const ptrdiff_t excluded_block = exclude >= i && exclude < count ? i + ((exclude - i) & ~(ptrdiff_t)7) : count;
    for (; i + 8 <= count && i < excluded_block; i += 8) EXP_EIGHT_512();
    if (i == excluded_block && i + 8 <= count) {
        PREFETCH_NEXT_LINE();
        COPY_EIGHT_512();
        EXP_MASKED_512(i, 0xFF);
        i += 8;
    }
    for (; i + 8 <= count; i += 8) EXP_EIGHT_512();
    if (i < count) EXP_MASKED_512(i, (__mmask8)((1u << (count - i)) - 1));
#undef EXP_MASKED_512
#undef EXP_EIGHT_512
    if (phase > 0) {
        const __m512i rotation = _mm512_and_si512(
            _mm512_add_epi64(_mm512_set_epi64(7, 6, 5, 4, 3, 2, 1, 0), _mm512_set1_epi64(phase)), _mm512_set1_epi64(7));
        sums = _mm512_permutexvar_pd(rotation, sums);
        squares = _mm512_permutexvar_pd(rotation, squares);
    }
    PREFETCH_REST();
    COPY_REST_512();
    _mm512_storeu_pd(sum, sums);
    _mm512_storeu_pd(square_sum, squares);
    if (totals) {
        totals[0] = lanes_in_order(_mm512_castpd512_pd256(sums), _mm512_extractf64x4_pd(sums, 1));
        totals[1] = lanes_in_order(_mm512_castpd512_pd256(squares), _mm512_extractf64x4_pd(squares, 1));
    }
    if (counting) *above = n;
}

AVX512 void ck_exponential_sums_avx512(const double *values, ptrdiff_t count, ptrdiff_t exclude, double shift,
                                       double scale, double *output, double sum[8], double square_sum[8]) {
    if (output)
        exponential_sums512(values, count, exclude, shift, scale, output, sum, square_sum, NULL, 0, NULL, 0, 0, NULL, 0, 0, 0,
                            NULL, 1, NULL);
    else
        exponential_sums512(values, count, exclude, shift, scale, output, sum, square_sum, NULL, 0, NULL, 0, 0, NULL, 0, 0, 0,
                            NULL, 0, NULL);
}

// The maximum of a row but the excluded value, and its first position: one pass of plain maxima
// (one vmaxpd per eight values, in four chains, no comparison masks), which keeps the lane maxima
// of each chunk of 64 values (more per chunk in rows over 4096, so that at most 64 are kept);
// the position is then looked for only in the first chunk whose maxima hold the maximum. The
// same maximum, index and tie rules as ck_maximum_and_count_avx512: NaN is never the maximum
// (vmaxpd returns its second operand, the running maximum, when the value is NaN), the excluded
// value reads as −∞, and the result is the value at the first position holding the maximum
// (of −0 and +0, which compare equal, the one that comes first).
AVX512 static inline __attribute__((always_inline)) void maximum_and_index512(const double *values, ptrdiff_t count,
                                                                              ptrdiff_t exclude, double *maximum,
                                                                              ptrdiff_t *index) {
    enum { max_chunks = 64 };
    const __m512d minus_infinity = _mm512_set1_pd(-INFINITY);
    __m512d chunk_maxima[max_chunks + 2];
    __m512d best = minus_infinity;
    ptrdiff_t chunk = 64;
    while (count > chunk * max_chunks) chunk *= 2;
    // Chunk 0 is the values before the first 64-byte boundary (none when the row starts on one),
    // so that the loads of the other chunks never straddle two cache lines.
    const ptrdiff_t to_boundary = (8 - line_phase(values)) & 7;
    const ptrdiff_t head = to_boundary < count ? to_boundary : count;
    {
        const __mmask8 valid = (__mmask8)((1u << head) - 1);
        __m512d v = _mm512_mask_loadu_pd(minus_infinity, valid, values);
        if (exclude >= 0 && exclude < head) v = _mm512_mask_mov_pd(v, (__mmask8)(1u << exclude), minus_infinity);
        chunk_maxima[0] = v;
        best = v;
    }
    ptrdiff_t i = head, chunks = 1;
    for (; i + chunk <= count; i += chunk) {
        __m512d a = minus_infinity, b = a, c = a, d = a;
        const ptrdiff_t end = i + chunk;
        const int holds_excluded = exclude >= i && exclude < end;
        for (ptrdiff_t j = i; j < end; j += 32) {
            __m512d v0 = _mm512_loadu_pd(values + j), v1 = _mm512_loadu_pd(values + j + 8);
            __m512d v2 = _mm512_loadu_pd(values + j + 16), v3 = _mm512_loadu_pd(values + j + 24);
            if (__builtin_expect(holds_excluded && exclude >= j && exclude < j + 32, 0)) {
                const __mmask8 bit = (__mmask8)(1u << ((exclude - j) & 7));
                switch ((exclude - j) >> 3) {
                case 0: v0 = _mm512_mask_mov_pd(v0, bit, minus_infinity); break;
                case 1: v1 = _mm512_mask_mov_pd(v1, bit, minus_infinity); break;
                case 2: v2 = _mm512_mask_mov_pd(v2, bit, minus_infinity); break;
                default: v3 = _mm512_mask_mov_pd(v3, bit, minus_infinity); break;
                }
            }
            a = _mm512_max_pd(v0, a);
            b = _mm512_max_pd(v1, b);
            c = _mm512_max_pd(v2, c);
            d = _mm512_max_pd(v3, d);
        }
        const __m512d m = _mm512_max_pd(_mm512_max_pd(a, b), _mm512_max_pd(c, d));
        chunk_maxima[chunks++] = m;
        best = _mm512_max_pd(m, best);
    }
    if (i < count) {
        // The rest, fewer than a chunk, as one more chunk: −∞ in the lanes past the end.
        __m512d a = minus_infinity;
        for (ptrdiff_t j = i; j < count; j += 8) {
            const __mmask8 valid = count - j >= 8 ? 0xFF : (__mmask8)((1u << (count - j)) - 1);
            __m512d v = _mm512_mask_loadu_pd(minus_infinity, valid, values + j);
            if (exclude >= j && exclude < j + 8) v = _mm512_mask_mov_pd(v, (__mmask8)(1u << (exclude - j)), minus_infinity);
            a = _mm512_max_pd(v, a);
        }
        chunk_maxima[chunks++] = a;
        best = _mm512_max_pd(a, best);
    }
    const double m = _mm512_reduce_max_pd(best);
    ptrdiff_t first = -1;
    if (m > -INFINITY) {
        // Every lane of every chunk's maxima is a value of that chunk (or −∞), and m is one of them.
        const __m512d target = _mm512_set1_pd(m);
        ptrdiff_t k = 0;
        while (!_mm512_cmp_pd_mask(chunk_maxima[k], target, _CMP_EQ_OQ)) k++;
        for (ptrdiff_t j = k == 0 ? 0 : head + (k - 1) * chunk; first < 0; j += 8) {
            const __mmask8 valid = count - j >= 8 ? 0xFF : (__mmask8)((1u << (count - j)) - 1);
            unsigned hits = _mm512_mask_cmp_pd_mask(valid, _mm512_maskz_loadu_pd(valid, values + j), target, _CMP_EQ_OQ);
            if (exclude >= j && exclude < j + 8) hits &= ~(1u << (exclude - j));
            if (hits) first = j + __builtin_ctz(hits);
        }
    }
    *maximum = first >= 0 ? values[first] : m;
    *index = first;
}

AVX512 void ck_row_statistics_avx512(const double *values, ptrdiff_t count, ptrdiff_t exclude, double threshold,
                                     double scale, double *output, const double *prefetch, ptrdiff_t prefetch_count,
                                     const double *copy_source, ptrdiff_t copy_count, double copy_factor,
                                     double *copy_target, int copy_streaming, double *maximum, ptrdiff_t *index,
                                     ptrdiff_t *above, double sum[8], double square_sum[8], double totals[2]) {
    maximum_and_index512(values, count, exclude, maximum, index);
    // A copy of the loop for each kind of store, with or without outputs: no branch among the stores
    // (a run-time test there, with its operand reloaded each time, cost a tenth of the pass).
#define ROW_PASS(streaming, writes)                                                                              \
    exponential_sums512(values, count, exclude, *maximum, scale, output, sum, square_sum, prefetch, prefetch_count, \
                        copy_source, copy_count, copy_factor, copy_target, streaming, 1, threshold, above, writes, totals)
    if (copy_streaming) {
        if (output) ROW_PASS(1, 1);
        else ROW_PASS(1, 0);
    } else if (output) ROW_PASS(0, 1);
    else ROW_PASS(0, 0);
#undef ROW_PASS
}

AVX2 void ck_maximum_and_count_avx2(const double *values, ptrdiff_t count, ptrdiff_t exclude, double threshold,
                                    double *maximum, ptrdiff_t *above, ptrdiff_t *index) {
    __m256d best0 = _mm256_set1_pd(-INFINITY), best1 = best0;
    __m256i above0 = _mm256_setzero_si256(), above1 = above0;
    __m256i where0 = _mm256_set1_epi64x(-1), where1 = where0;
    __m256i position0 = _mm256_setr_epi64x(0, 1, 2, 3), position1 = _mm256_setr_epi64x(4, 5, 6, 7);
    const __m256i step = _mm256_set1_epi64x(8);
    const __m256d limit = _mm256_set1_pd(threshold);
    // The excluded value reads as −∞: never a maximum, never above the threshold (which is finite or
    // −∞, and −∞ > −∞ is false).
    const ptrdiff_t excluded_block = exclude >= 0 && exclude < count ? (exclude & ~(ptrdiff_t)7) : -1;
    ptrdiff_t i = 0;
    for (; i + 8 <= count; i += 8) {
        __m256d v0 = _mm256_loadu_pd(values + i);
        __m256d v1 = _mm256_loadu_pd(values + i + 4);
        if (__builtin_expect(i == excluded_block, 0)) {
            double block[8];
            _mm256_storeu_pd(block, v0);
            _mm256_storeu_pd(block + 4, v1);
            block[exclude - i] = -INFINITY;
            v0 = _mm256_loadu_pd(block);
            v1 = _mm256_loadu_pd(block + 4);
        }
        // Replace only where v > best (false for NaN, and for an equal value, so each lane
        // keeps the first position of its maximum); the lanes' maxima are max(v, best).
        const __m256d greater0 = _mm256_cmp_pd(v0, best0, _CMP_GT_OQ);
        const __m256d greater1 = _mm256_cmp_pd(v1, best1, _CMP_GT_OQ);
        best0 = _mm256_blendv_pd(best0, v0, greater0);
        best1 = _mm256_blendv_pd(best1, v1, greater1);
        where0 = _mm256_castpd_si256(_mm256_blendv_pd(_mm256_castsi256_pd(where0), _mm256_castsi256_pd(position0), greater0));
        where1 = _mm256_castpd_si256(_mm256_blendv_pd(_mm256_castsi256_pd(where1), _mm256_castsi256_pd(position1), greater1));
        position0 = _mm256_add_epi64(position0, step);
        position1 = _mm256_add_epi64(position1, step);
        // A true comparison is all ones, i.e. −1 as an integer.
        above0 = _mm256_sub_epi64(above0, _mm256_castpd_si256(_mm256_cmp_pd(v0, limit, _CMP_GT_OQ)));
        above1 = _mm256_sub_epi64(above1, _mm256_castpd_si256(_mm256_cmp_pd(v1, limit, _CMP_GT_OQ)));
    }
    double lanes[8];
    long long positions[8];
    _mm256_storeu_pd(lanes, best0);
    _mm256_storeu_pd(lanes + 4, best1);
    _mm256_storeu_si256((__m256i *)positions, where0);
    _mm256_storeu_si256((__m256i *)(positions + 4), where1);
    double m = -INFINITY;
    for (int l = 0; l < 8; l++) if (lanes[l] > m) m = lanes[l];
    // The first position holding the maximum: the lowest among the lanes that hold it
    // (== so that −0 and +0, which compare equal, count as the same value).
    ptrdiff_t first = -1;
    for (int l = 0; l < 8; l++) {
        if (positions[l] >= 0 && lanes[l] == m && (first < 0 || positions[l] < first)) first = (ptrdiff_t)positions[l];
    }
    long long counts[4];
    _mm256_storeu_si256((__m256i *)counts, _mm256_add_epi64(above0, above1));
    ptrdiff_t n = (ptrdiff_t)(counts[0] + counts[1] + counts[2] + counts[3]);
    for (; i < count; i++) {
        if (i == exclude) continue;
        const double v = values[i];
        if (v > m) { m = v; first = i; }
        if (v > threshold) n++;
    }
    // The value at the first position: of −0 and +0 (equal maxima), the one that comes first,
    // whichever lane held it, so that every lane layout gives the same bits.
    *maximum = first >= 0 ? values[first] : m;
    *above = n;
    *index = first;
}

// ck_maximum_and_count_avx2 with eight lanes per instruction and comparison masks: half the
// instructions per value, which shows where a row is in the cache (a small batch). Lane l of
// accumulator a holds the values j ≡ 8a + l mod 16; as in the AVX2 kernel each lane keeps the
// first position of its maximum and the result is the value at the lowest such position: the
// same maximum, index and count (exact comparisons), whatever the lane layout.
AVX512 void ck_maximum_and_count_avx512(const double *values, ptrdiff_t count, ptrdiff_t exclude, double threshold,
                                        double *maximum, ptrdiff_t *above, ptrdiff_t *index) {
    __m512d best0 = _mm512_set1_pd(-INFINITY), best1 = best0;
    __m512i where0 = _mm512_set1_epi64(-1), where1 = where0;
    __m512i position0 = _mm512_set_epi64(7, 6, 5, 4, 3, 2, 1, 0);
    __m512i position1 = _mm512_add_epi64(position0, _mm512_set1_epi64(8));
    const __m512i step = _mm512_set1_epi64(16);
    const __m512d limit = _mm512_set1_pd(threshold);
    ptrdiff_t n = 0;
    const ptrdiff_t excluded_block = exclude >= 0 && exclude < count ? (exclude & ~(ptrdiff_t)15) : -1;
    const __m512d minus_infinity = _mm512_set1_pd(-INFINITY);
    ptrdiff_t i = 0;
    for (; i + 16 <= count; i += 16) {
        __m512d v0 = _mm512_loadu_pd(values + i);
        __m512d v1 = _mm512_loadu_pd(values + i + 8);
        if (__builtin_expect(i == excluded_block, 0)) {
            // The excluded value reads as −∞ (as in the AVX2 kernel).
            const ptrdiff_t lane = exclude - i;
            if (lane < 8) v0 = _mm512_mask_mov_pd(v0, (__mmask8)(1u << lane), minus_infinity);
            else v1 = _mm512_mask_mov_pd(v1, (__mmask8)(1u << (lane - 8)), minus_infinity);
        }
        // Replace only where v > best (false for NaN and for an equal value: the first position stays).
        const __mmask8 greater0 = _mm512_cmp_pd_mask(v0, best0, _CMP_GT_OQ);
        const __mmask8 greater1 = _mm512_cmp_pd_mask(v1, best1, _CMP_GT_OQ);
        best0 = _mm512_mask_mov_pd(best0, greater0, v0);
        best1 = _mm512_mask_mov_pd(best1, greater1, v1);
        where0 = _mm512_mask_mov_epi64(where0, greater0, position0);
        where1 = _mm512_mask_mov_epi64(where1, greater1, position1);
        position0 = _mm512_add_epi64(position0, step);
        position1 = _mm512_add_epi64(position1, step);
        n += __builtin_popcount(_mm512_cmp_pd_mask(v0, limit, _CMP_GT_OQ)) +
             __builtin_popcount(_mm512_cmp_pd_mask(v1, limit, _CMP_GT_OQ));
    }
    double lanes[16];
    long long positions[16];
    _mm512_storeu_pd(lanes, best0);
    _mm512_storeu_pd(lanes + 8, best1);
    _mm512_storeu_si512(positions, where0);
    _mm512_storeu_si512(positions + 8, where1);
    double m = -INFINITY;
    for (int l = 0; l < 16; l++) if (lanes[l] > m) m = lanes[l];
    ptrdiff_t first = -1;
    for (int l = 0; l < 16; l++) {
        if (positions[l] >= 0 && lanes[l] == m && (first < 0 || positions[l] < first)) first = (ptrdiff_t)positions[l];
    }
    for (; i < count; i++) {
        if (i == exclude) continue;
        const double v = values[i];
        if (v > m) { m = v; first = i; }
        if (v > threshold) n++;
    }
    *maximum = first >= 0 ? values[first] : m;
    *above = n;
    *index = first;
}

// With `checked` 0, the exponentials are taken without vector_exp's range test on every four values
// (on Zen 3 that test was a tenth of the pass): the arguments' least and greatest are kept instead
// (two vminpd and two vmaxpd per eight values, which pass over NaN), and the pass returns 1 — redo it
// checked — when one of them left [−708, 709] or a sum came out NaN (a NaN argument makes its
// exponential, and so its sum, NaN; in a lane that is zeroed, the padding or the excluded value, it
// changes nothing). Every lane in range has the same bits either way, and a
// redone pass rewrites everything the first wrote (the copy is the same products again), so the
// results are exactly those of the checked pass.
AVX2 static inline __attribute__((always_inline)) int exponential_pass(const double *values, ptrdiff_t count, ptrdiff_t exclude,
                                         double shift, double scale,
                                         double *output, double sum[8], double square_sum[8],
                                         const double *prefetch, ptrdiff_t prefetch_count,
                                         const double *copy_source, ptrdiff_t copy_count, double copy_factor,
                                         double *copy_target, int copy_streaming, double totals[2], const int checked) {
    const double *ahead = prefetch, *const ahead_end = prefetch ? prefetch + prefetch_count : prefetch;
    COPY_START();
    const __m256d s = _mm256_set1_pd(scale);
    const __m256d m = _mm256_set1_pd(shift);
    __m256d sum0 = _mm256_setzero_pd(), sum1 = sum0, squares0 = sum0, squares1 = sum0;
    __m256d least = sum0, greatest = sum0;
#define EXP_OF(x0, x1, e0, e1)                                                                               \
    do {                                                                                                     \
        if (checked) {                                                                                       \
            e0 = vector_exp(x0);                                                                             \
            e1 = vector_exp(x1);                                                                             \
        } else {                                                                                             \
            /* A NaN argument leaves them as they were (vminpd/vmaxpd return the second operand). */     \
            least = _mm256_min_pd(x1, _mm256_min_pd(x0, least));                                            \
            greatest = _mm256_max_pd(x1, _mm256_max_pd(x0, greatest));                                       \
            e0 = vector_exp_in_range(x0);                                                                    \
            e1 = vector_exp_in_range(x1);                                                                    \
        }                                                                                                    \
    } while (0)
#define EXP_EIGHT()                                                                                          \
    do {                                                                                                     \
        PREFETCH_NEXT_LINE();                                                                                \
        COPY_EIGHT();                                                                                        \
        const __m256d x0 = _mm256_mul_pd(s, _mm256_sub_pd(_mm256_loadu_pd(values + i), m));                 \
        const __m256d x1 = _mm256_mul_pd(s, _mm256_sub_pd(_mm256_loadu_pd(values + i + 4), m));             \
        __m256d e0, e1;                                                                                      \
        EXP_OF(x0, x1, e0, e1);                                                                              \
        if (output) {                                                                                        \
            _mm256_storeu_pd(output + i, e0);                                                                \
            _mm256_storeu_pd(output + i + 4, e1);                                                            \
        }                                                                                                    \
        sum0 = _mm256_add_pd(sum0, e0);                                                                      \
        sum1 = _mm256_add_pd(sum1, e1);                                                                      \
        squares0 = _mm256_fmadd_pd(e0, e0, squares0);                                                        \
        squares1 = _mm256_fmadd_pd(e1, e1, squares1);                                                        \
    } while (0)
    // The block holding `exclude` (if any) stops the first loop; a second one takes the rest.
    const ptrdiff_t excluded_block = exclude >= 0 && exclude < count ? (exclude & ~(ptrdiff_t)7) : count;
    ptrdiff_t i = 0;
    for (; i + 8 <= count && i < excluded_block; i += 8) EXP_EIGHT();
    // The first `used` values from i on, but the excluded one: the other lanes repeat the shift
    // (argument 0, never 0·∞ when scale is 0) and are zeroed after the exp.
#define EXP_PADDED(used)                                                                                        \
    do {                                                                                                        \
        double padded[8], e[8];                                                                                 \
        for (int l = 0; l < 8; l++) padded[l] = l < (used) && i + l != exclude ? values[i + l] : shift;         \
        const __m256d x0 = _mm256_mul_pd(s, _mm256_sub_pd(_mm256_loadu_pd(padded), m));                        \
        const __m256d x1 = _mm256_mul_pd(s, _mm256_sub_pd(_mm256_loadu_pd(padded + 4), m));                    \
        __m256d p0, p1;                                                                                         \
        EXP_OF(x0, x1, p0, p1);                                                                                 \
        _mm256_storeu_pd(e, p0);                                                                                \
        _mm256_storeu_pd(e + 4, p1);                                                                            \
        for (int l = 0; l < 8; l++) {                                                                           \
            if (l >= (used) || i + l == exclude) e[l] = 0;                                                      \
            if (l < (used) && output) output[i + l] = e[l];                                                     \
        }                                                                                                       \
        const __m256d e0 = _mm256_loadu_pd(e), e1 = _mm256_loadu_pd(e + 4);                                    \
        sum0 = _mm256_add_pd(sum0, e0);                                                                         \
        sum1 = _mm256_add_pd(sum1, e1);                                                                         \
        squares0 = _mm256_fmadd_pd(e0, e0, squares0);                                                           \
        squares1 = _mm256_fmadd_pd(e1, e1, squares1);                                                           \
    } while (0)
    if (i == excluded_block && i + 8 <= count) {
        PREFETCH_NEXT_LINE();
        COPY_EIGHT();
        EXP_PADDED(8);
        i += 8;
    }
    for (; i + 8 <= count; i += 8) EXP_EIGHT();
    if (i < count) {
        const ptrdiff_t used = count - i;
        EXP_PADDED(used);
        i = count;
    }
#undef EXP_PADDED
#undef EXP_EIGHT
#undef EXP_OF
    PREFETCH_REST();
    COPY_REST();
    if (!checked) {
        const __m256d outside = _mm256_or_pd(_mm256_cmp_pd(least, _mm256_set1_pd(-708.0), _CMP_LT_OQ),
                                             _mm256_cmp_pd(greatest, _mm256_set1_pd(709.0), _CMP_GT_OQ));
        if (_mm256_movemask_pd(_mm256_or_pd(outside, _mm256_cmp_pd(sum0, sum1, _CMP_UNORD_Q)))) return 1;
    }
    _mm256_storeu_pd(sum, sum0);
    _mm256_storeu_pd(sum + 4, sum1);
    _mm256_storeu_pd(square_sum, squares0);
    _mm256_storeu_pd(square_sum + 4, squares1);
    if (totals) {
        totals[0] = lanes_in_order(sum0, sum1);
        totals[1] = lanes_in_order(squares0, squares1);
    }
    return 0;
}

// The exponential pass: unchecked first, checked again in the rare row that needs it (above).
AVX2 static inline __attribute__((always_inline)) void exponential_sums(const double *values, ptrdiff_t count, ptrdiff_t exclude,
                                         double shift, double scale,
                                         double *output, double sum[8], double square_sum[8],
                                         const double *prefetch, ptrdiff_t prefetch_count,
                                         const double *copy_source, ptrdiff_t copy_count, double copy_factor,
                                         double *copy_target, int copy_streaming, double totals[2]) {
    if (__builtin_expect(exponential_pass(values, count, exclude, shift, scale, output, sum, square_sum, prefetch,
                                          prefetch_count, copy_source, copy_count, copy_factor, copy_target,
                                          copy_streaming, totals, 0),
                         0))
        exponential_pass(values, count, exclude, shift, scale, output, sum, square_sum, NULL, 0, copy_source, copy_count,
                         copy_factor, copy_target, copy_streaming, totals, 1);
}

AVX2 void ck_exponential_sums_avx2(const double *values, ptrdiff_t count, ptrdiff_t exclude, double shift, double scale,
                                   double *output, double sum[8], double square_sum[8]) {
    exponential_sums(values, count, exclude, shift, scale, output, sum, square_sum, NULL, 0, NULL, 0, 0, NULL, 0, NULL);
}

AVX2 void ck_row_statistics_avx2(const double *values, ptrdiff_t count, ptrdiff_t exclude, double threshold,
                                  double scale, double *output, const double *prefetch, ptrdiff_t prefetch_count,
                                  const double *copy_source, ptrdiff_t copy_count, double copy_factor,
                                  double *copy_target, int copy_streaming, double *maximum, ptrdiff_t *index,
                                  ptrdiff_t *above, double sum[8], double square_sum[8], double totals[2]) {
    ck_maximum_and_count_avx2(values, count, exclude, threshold, maximum, above, index);
    if (copy_streaming)
        exponential_sums(values, count, exclude, *maximum, scale, output, sum, square_sum, prefetch, prefetch_count,
                         copy_source, copy_count, copy_factor, copy_target, 1, totals);
    else
        exponential_sums(values, count, exclude, *maximum, scale, output, sum, square_sum, prefetch, prefetch_count,
                         copy_source, copy_count, copy_factor, copy_target, 0, totals);
}

AVX2 void ck_scaled_copy_avx2(const double *source, ptrdiff_t count, double factor, double *target, int streaming) {
    const __m256d f = _mm256_set1_pd(factor);
    ptrdiff_t i = 0;
    // Streaming stores need 32-byte aligned targets; doubles are 8-byte aligned.
    while (i < count && ((uintptr_t)(target + i) & 31) != 0) {
        target[i] = source[i] * factor;
        i++;
    }
    if (streaming) {
        for (; i + 8 <= count; i += 8) {
            _mm256_stream_pd(target + i, _mm256_mul_pd(_mm256_loadu_pd(source + i), f));
            _mm256_stream_pd(target + i + 4, _mm256_mul_pd(_mm256_loadu_pd(source + i + 4), f));
        }
    } else {
        for (; i + 8 <= count; i += 8) {
            _mm256_store_pd(target + i, _mm256_mul_pd(_mm256_loadu_pd(source + i), f));
            _mm256_store_pd(target + i + 4, _mm256_mul_pd(_mm256_loadu_pd(source + i + 4), f));
        }
    }
    for (; i < count; i++) target[i] = source[i] * factor;
    // Streaming stores are weakly ordered: make them visible before the row is handed on.
    if (streaming) _mm_sfence();
}

void ck_store_fence(void) { _mm_sfence(); }

#else

// Other architectures: LossMath's Swift kernels do the work; these are never called.
int ck_has_avx2_fma(void) { return 0; }
int ck_has_avx512(void) { return 0; }
void ck_maximum_and_count_avx2(const double *values, ptrdiff_t count, ptrdiff_t exclude, double threshold,
                               double *maximum, ptrdiff_t *above, ptrdiff_t *index) { __builtin_trap(); }
void ck_maximum_and_count_avx512(const double *values, ptrdiff_t count, ptrdiff_t exclude, double threshold,
                                 double *maximum, ptrdiff_t *above, ptrdiff_t *index) { __builtin_trap(); }
void ck_exponential_sums_avx2(const double *values, ptrdiff_t count, ptrdiff_t exclude, double shift, double scale,
                              double *output, double sum[8], double square_sum[8]) { __builtin_trap(); }
void ck_scaled_copy_avx2(const double *source, ptrdiff_t count, double factor, double *target, int streaming) { __builtin_trap(); }
void ck_exponential_sums_avx512(const double *values, ptrdiff_t count, ptrdiff_t exclude, double shift, double scale,
                                double *output, double sum[8], double square_sum[8]) { __builtin_trap(); }
void ck_row_statistics_avx2(const double *values, ptrdiff_t count, ptrdiff_t exclude, double threshold, double scale,
                            double *output, const double *prefetch, ptrdiff_t prefetch_count,
                            const double *copy_source, ptrdiff_t copy_count, double copy_factor, double *copy_target,
                            int copy_streaming, double *maximum, ptrdiff_t *index, ptrdiff_t *above, double sum[8],
                            double square_sum[8], double totals[2]) { __builtin_trap(); }
void ck_row_statistics_avx512(const double *values, ptrdiff_t count, ptrdiff_t exclude, double threshold, double scale,
                              double *output, const double *prefetch, ptrdiff_t prefetch_count,
                              const double *copy_source, ptrdiff_t copy_count, double copy_factor, double *copy_target,
                              int copy_streaming, double *maximum, ptrdiff_t *index, ptrdiff_t *above, double sum[8],
                              double square_sum[8], double totals[2]) { __builtin_trap(); }
void ck_store_fence(void) {}

#endif
