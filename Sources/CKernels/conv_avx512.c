// The AVX-512 register tiles of ck_conv2d: up to 12 output channels x 32 pixels (two ZMM registers per channel)
// accumulated tap by tap, bias in the initial value, residual and activation applied before the one masked
// store (conv_isa_body.h, shared with AVX2). Compiled for AVX-512 by the pragma below and only called where
// ck_isa_supported(CK_ISA_AVX512).
#include "conv_plan.h"
#include <math.h>
#include <string.h>

#if defined(__x86_64__) && defined(__clang__)
#include <immintrin.h>

#pragma clang attribute push(__attribute__((target("avx512f,fma"))), apply_to = function)

typedef __m512 VEC;
typedef __mmask16 MASK;
#define LANES 16
#define MR_MAX 12
#define ISA CK_ISA_AVX512
#define FN(name) name##_avx512
#define V_SET1(x) _mm512_set1_ps(x)
#define V_BCAST(p) _mm512_set1_ps(*(p))
#define V_LOAD(p) _mm512_loadu_ps(p)
#define V_STORE(p, v) _mm512_storeu_ps(p, v)
#define V_FMA(a, b, c) _mm512_fmadd_ps(a, b, c)
#define V_ADD(a, b) _mm512_add_ps(a, b)
#define V_MASKLOAD(m, p) _mm512_maskz_loadu_ps(m, p)
#define V_MASKSTORE(p, m, v) _mm512_mask_storeu_ps(p, m, v)

static inline __attribute__((always_inline)) VEC activate(VEC x, ck_activation a) {
    switch (a.kind) {
    case CK_ACTIVATION_RELU: return _mm512_max_ps(_mm512_setzero_ps(), x); // a NaN stays NaN (second operand)
    case CK_ACTIVATION_LEAKY_RELU:
        return _mm512_mask_mul_ps(x, _mm512_cmp_ps_mask(x, _mm512_setzero_ps(), _CMP_LT_OQ), x, _mm512_set1_ps(a.alpha));
    case CK_ACTIVATION_CLIP: return _mm512_min_ps(_mm512_max_ps(x, _mm512_set1_ps(a.low)), _mm512_set1_ps(a.high));
    default: return x; // sigmoid: scalar after the store (exp has no instruction)
    }
}

/// Lanes 0..<valid.
static inline __attribute__((always_inline)) MASK lanes(int valid) {
    return valid >= 16 ? (MASK)0xffff : valid <= 0 ? (MASK)0 : (MASK)((1u << valid) - 1);
}

#include "conv_isa_body.h"

TILE(4, 1)
TILE(4, 2)
TILE(8, 1)
TILE(8, 2)
TILE(12, 1)
TILE(12, 2)

static tile_fn pick_tile(int mr, int wide) {
    if (wide) return mr == 12 ? tile_12x2 : mr == 8 ? tile_8x2 : tile_4x2;
    return mr == 12 ? tile_12x1 : mr == 8 ? tile_8x1 : tile_4x1;
}

void ck_gather2_avx512(float *dst, const float *src, int count) {
    const __m512i even = _mm512_setr_epi32(0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30);
    int j = 0;
    for (; j + 17 <= count; j += 16) // the second load ends at src[2j + 31] <= src[2 * count - 2]
        _mm512_storeu_ps(dst + j, _mm512_permutex2var_ps(_mm512_loadu_ps(src + 2 * j), even, _mm512_loadu_ps(src + 2 * j + 16)));
    for (; j < count; j++) dst[j] = src[2 * j];
}

#pragma clang attribute pop

#else

void ck_prologue_row_avx512(const ck_plan *p, const ck_conv_prologue *pro, const float *packed, const float *image, int y,
                         float *work, float *rows) {
    (void)p, (void)pro, (void)packed, (void)image, (void)y, (void)work, (void)rows;
}

void ck_gather2_avx512(float *dst, const float *src, int count) { for (int j = 0; j < count; j++) dst[j] = src[2 * j]; }

void ck_band_avx512(const ck_plan *p, const float *band, const int32_t *offsets, const float *packed,
                    const float *bias, const float *residual, float *out, int oy0, int rows, ck_activation act) {
    (void)p, (void)band, (void)offsets, (void)packed, (void)bias, (void)residual, (void)out, (void)oy0, (void)rows, (void)act;
}

#endif
