// The AVX2 + FMA register tiles of ck_conv2d: up to 6 output channels x 16 pixels (two YMM registers per
// channel; 12 accumulators of 16 registers), the same scheme as AVX-512 with 8 lanes (conv_isa_body.h).
// Compiled for AVX2 by the pragma below and only called where ck_isa_supported(CK_ISA_AVX2).
#include "conv_plan.h"
#include <math.h>
#include <string.h>

#if defined(__x86_64__) && defined(__clang__)
#include <immintrin.h>

#pragma clang attribute push(__attribute__((target("avx2,fma"))), apply_to = function)

typedef __m256 VEC;
typedef __m256i MASK;
#define LANES 8
#define MR_MAX 6
#define ISA CK_ISA_AVX2
#define FN(name) name##_avx2
#define V_SET1(x) _mm256_set1_ps(x)
#define V_BCAST(p) _mm256_broadcast_ss(p)
#define V_LOAD(p) _mm256_loadu_ps(p)
#define V_STORE(p, v) _mm256_storeu_ps(p, v)
#define V_FMA(a, b, c) _mm256_fmadd_ps(a, b, c)
#define V_ADD(a, b) _mm256_add_ps(a, b)
#define V_MASKLOAD(m, p) _mm256_maskload_ps(p, m)
#define V_MASKSTORE(p, m, v) _mm256_maskstore_ps(p, m, v)

static inline __attribute__((always_inline)) VEC activate(VEC x, ck_activation a) {
    switch (a.kind) {
    case CK_ACTIVATION_RELU: return _mm256_max_ps(_mm256_setzero_ps(), x); // a NaN stays NaN (second operand)
    case CK_ACTIVATION_LEAKY_RELU:
        return _mm256_blendv_ps(x, _mm256_mul_ps(x, _mm256_set1_ps(a.alpha)), _mm256_cmp_ps(x, _mm256_setzero_ps(), _CMP_LT_OQ));
    case CK_ACTIVATION_CLIP: return _mm256_min_ps(_mm256_max_ps(x, _mm256_set1_ps(a.low)), _mm256_set1_ps(a.high));
    default: return x; // sigmoid: scalar after the store
    }
}

/// Lanes 0..<valid set (all-ones), for maskload / maskstore.
static inline __attribute__((always_inline)) MASK lanes(int valid) {
    return _mm256_cmpgt_epi32(_mm256_set1_epi32(valid), _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7));
}

#include "conv_isa_body.h"

TILE(4, 1)
TILE(4, 2)
TILE(6, 1)
TILE(6, 2)

static tile_fn pick_tile(int mr, int wide) {
    if (wide) return mr == 6 ? tile_6x2 : tile_4x2;
    return mr == 6 ? tile_6x1 : tile_4x1;
}

void ck_gather2_avx2(float *dst, const float *src, int count) {
    int j = 0;
    for (; j + 9 <= count; j += 8) { // the second load ends at src[2j + 15] <= src[2 * count - 2]
        __m256 a = _mm256_loadu_ps(src + 2 * j), b = _mm256_loadu_ps(src + 2 * j + 8);
        // Even lanes of each 128-bit half: a0 a2 b0 b2 | a4 a6 b4 b6, then the 64-bit pairs in order.
        __m256 pairs = _mm256_shuffle_ps(a, b, _MM_SHUFFLE(2, 0, 2, 0));
        _mm256_storeu_ps(dst + j, _mm256_castpd_ps(_mm256_permute4x64_pd(_mm256_castps_pd(pairs), _MM_SHUFFLE(3, 1, 2, 0))));
    }
    for (; j < count; j++) dst[j] = src[2 * j];
}

#pragma clang attribute pop

#else

void ck_prologue_row_avx2(const ck_plan *p, const ck_conv_prologue *pro, const float *packed, const float *image, int y,
                         float *work, float *rows) {
    (void)p, (void)pro, (void)packed, (void)image, (void)y, (void)work, (void)rows;
}

void ck_gather2_avx2(float *dst, const float *src, int count) { for (int j = 0; j < count; j++) dst[j] = src[2 * j]; }

void ck_band_avx2(const ck_plan *p, const float *band, const int32_t *offsets, const float *packed,
                  const float *bias, const float *residual, float *out, int oy0, int rows, ck_activation act) {
    (void)p, (void)band, (void)offsets, (void)packed, (void)bias, (void)residual, (void)out, (void)oy0, (void)rows, (void)act;
}

#endif
