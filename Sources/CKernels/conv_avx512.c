// The AVX-512 register tiles of ck_conv2d: up to 12 output channels x 32 pixels (two ZMM registers per channel)
// accumulated tap by tap, bias in the initial value, residual and activation applied before the one masked
// store. Compiled for AVX-512 by the pragma below and only called where ck_isa_supported(CK_ISA_AVX512).
#include "conv_plan.h"
#include <math.h>
#include <string.h>

#if defined(__x86_64__) && defined(__clang__)
#include <immintrin.h>

#pragma clang attribute push(__attribute__((target("avx512f,fma"))), apply_to = function)

static inline __attribute__((always_inline)) __m512 activate(__m512 x, ck_activation a) {
    switch (a.kind) {
    case CK_ACTIVATION_RELU: return _mm512_max_ps(_mm512_setzero_ps(), x); // a NaN stays NaN (second operand)
    case CK_ACTIVATION_LEAKY_RELU:
        return _mm512_mask_mul_ps(x, _mm512_cmp_ps_mask(x, _mm512_setzero_ps(), _CMP_LT_OQ), x, _mm512_set1_ps(a.alpha));
    case CK_ACTIVATION_CLIP: return _mm512_min_ps(_mm512_max_ps(x, _mm512_set1_ps(a.low)), _mm512_set1_ps(a.high));
    default: return x; // sigmoid: scalar after the store (exp has no instruction)
    }
}

static inline __attribute__((always_inline)) __mmask16 lanes(int valid) {
    return valid >= 16 ? (__mmask16)0xffff : valid <= 0 ? (__mmask16)0 : (__mmask16)((1u << valid) - 1);
}

/// 1 / (1 + exp(-x)) in place over `rows` rows of `count` values, `plane` apart (exp has no vector instruction).
static void sigmoid_rows(float *out, size_t plane, int rows, int count) {
    for (int i = 0; i < rows; i++)
        for (int j = 0; j < count; j++) out[(size_t)i * plane + j] = 1.0f / (1.0f + expf(-out[(size_t)i * plane + j]));
}

/// One register tile: MR channels x NV*16 pixels from `src` (the band at the tile's first pixel, tap 0 before
/// its offset). `rows` of the MR channels and `valid` of the pixels are stored; the rest is computed and dropped.
static inline __attribute__((always_inline)) void tile(
    const int MR, const int NV, const float *src, const int32_t *offsets, int k, const float *w, const float *bias,
    const float *residual, float *out, size_t plane, int rows, int valid, ck_activation act) {
    __m512 acc[12][2];
    for (int i = 0; i < MR; i++) {
        __m512 b = _mm512_set1_ps(bias && i < rows ? bias[i] : 0);
        acc[i][0] = b;
        acc[i][1] = b;
    }
    for (int t = 0; t < k; t++) {
        const float *s = src + offsets[t];
        __m512 x0 = _mm512_loadu_ps(s);
        __m512 x1 = NV > 1 ? _mm512_loadu_ps(s + 16) : x0;
        const float *wt = w + (size_t)t * MR;
        for (int i = 0; i < MR; i++) {
            __m512 a = _mm512_set1_ps(wt[i]);
            acc[i][0] = _mm512_fmadd_ps(a, x0, acc[i][0]);
            if (NV > 1) acc[i][1] = _mm512_fmadd_ps(a, x1, acc[i][1]);
        }
    }
    __mmask16 mask[2] = {lanes(valid), lanes(valid - 16)};
#pragma clang loop unroll(full)
    for (int i = 0; i < MR; i++) {
        if (i >= rows) continue;
        float *row = out + (size_t)i * plane;
#pragma clang loop unroll(full)
        for (int v = 0; v < NV; v++) {
            __m512 x = acc[i][v];
            if (residual) x = _mm512_add_ps(x, _mm512_maskz_loadu_ps(mask[v], residual + (size_t)i * plane + 16 * v));
            _mm512_mask_storeu_ps(row + 16 * v, mask[v], activate(x, act));
        }
    }
    // Apart from the stores: a loop inside theirs kept them from unrolling (accumulators spilled to the stack).
    if (act.kind == CK_ACTIVATION_SIGMOID) sigmoid_rows(out, plane, rows < MR ? rows : MR, valid < 16 * NV ? valid : 16 * NV);
}

#define TILE(MR, NV)                                                                                                \
    static void tile_##MR##x##NV(const float *src, const int32_t *offsets, int k, const float *w, const float *bias, \
                                 const float *residual, float *out, size_t plane, int rows, int valid,              \
                                 ck_activation act) {                                                               \
        tile(MR, NV, src, offsets, k, w, bias, residual, out, plane, rows, valid, act);                             \
    }
TILE(4, 1)
TILE(4, 2)
TILE(8, 1)
TILE(8, 2)
TILE(12, 1)
TILE(12, 2)

typedef void (*tile_fn)(const float *, const int32_t *, int, const float *, const float *, const float *, float *,
                        size_t, int, int, ck_activation);

void ck_prologue_row_avx512(const ck_plan *p, const ck_conv_prologue *pro, const float *packed, const float *image, int y,
                       float *work, float *rows) {
    const ck_conv_geometry *q = &p->pg;
    int pw = p->padded_width, k = p->p_patch, ow = q->out_width, m1 = q->out_channels;
    // The input rows of output row y, zero-padded: every tap of the row is then a plain load.
    for (int ci = 0; ci < q->in_channels; ci++)
        for (int ky = 0; ky < q->kernel_height; ky++) {
            float *dst = work + (size_t)(ci * q->kernel_height + ky) * pw;
            int yin = y * q->stride_h - q->pad_top + ky * q->dilation_h;
            memset(dst, 0, sizeof(float) * pw);
            int count = q->pad_left + q->in_width > pw ? pw - q->pad_left : q->in_width;
            if (yin >= 0 && yin < q->in_height && count > 0)
                memcpy(dst + q->pad_left, image + ((size_t)ci * q->in_height + yin) * q->in_width, sizeof(float) * count);
        }
    for (int b = 0; b < p->p_blocks; b++) {
        const float *w = packed + (size_t)b * k * CK_PROLOGUE_BLOCK;
        int m0 = b * CK_PROLOGUE_BLOCK, stored = m1 - m0 < CK_PROLOGUE_BLOCK ? m1 - m0 : CK_PROLOGUE_BLOCK;
        __m512 start[CK_PROLOGUE_BLOCK];
        for (int i = 0; i < CK_PROLOGUE_BLOCK; i++) start[i] = _mm512_set1_ps(pro->bias && i < stored ? pro->bias[m0 + i] : 0);
        for (int x = 0; x < ow; x += 16) {
            __m512 acc[CK_PROLOGUE_BLOCK];
            for (int i = 0; i < CK_PROLOGUE_BLOCK; i++) acc[i] = start[i];
            const float *wt = w;
            for (int r = 0; r < q->in_channels * q->kernel_height; r++) {
                const float *row = work + (size_t)r * pw + x;
                for (int kx = 0; kx < q->kernel_width; kx++, wt += CK_PROLOGUE_BLOCK) {
                    __m512 v = _mm512_loadu_ps(row + kx * q->dilation_w);
                    for (int i = 0; i < CK_PROLOGUE_BLOCK; i++) acc[i] = _mm512_fmadd_ps(_mm512_set1_ps(wt[i]), v, acc[i]);
                }
            }
            // Whole vectors: a row holds row_stride >= ow rounded up to 16 floats, the excess never read.
            for (int i = 0; i < stored; i++) _mm512_storeu_ps(rows + (size_t)(m0 + i) * p->row_stride + x, activate(acc[i], pro->activation));
        }
    }
    if (pro->activation.kind == CK_ACTIVATION_SIGMOID) sigmoid_rows(rows, p->row_stride, m1, ow);
}

void ck_gather2_avx512(float *dst, const float *src, int count) {
    const __m512i even = _mm512_setr_epi32(0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30);
    int j = 0;
    for (; j + 17 <= count; j += 16) // the second load ends at src[2j + 31] <= src[2 * count - 2]
        _mm512_storeu_ps(dst + j, _mm512_permutex2var_ps(_mm512_loadu_ps(src + 2 * j), even, _mm512_loadu_ps(src + 2 * j + 16)));
    for (; j < count; j++) dst[j] = src[2 * j];
}

void ck_band_avx512(const ck_plan *p, const float *band, const int32_t *offsets, const float *packed,
                    const float *bias, const float *residual, float *out, int oy0, int rows, ck_activation act) {
    const ck_conv_geometry *g = &p->g;
    size_t plane = (size_t)g->out_height * g->out_width;
    int ow = g->out_width;
    const float *w = packed;
    // Channel tile outermost: its weights (K x MR floats) stay in L1 while it sweeps the band.
    for (int m0 = 0; m0 < p->mg;) {
        int mr = ck_block_rows(CK_ISA_AVX512, p->mg, m0);
        int stored = p->mg - m0 < mr ? p->mg - m0 : mr;
        tile_fn wide = mr == 12 ? tile_12x2 : mr == 8 ? tile_8x2 : tile_4x2;
        tile_fn narrow = mr == 12 ? tile_12x1 : mr == 8 ? tile_8x1 : tile_4x1;
        for (int r = 0; r < rows; r++) {
            const float *src = band + (size_t)r * p->phase_width;
            size_t at = (size_t)m0 * plane + (size_t)(oy0 + r) * ow;
            for (int x = 0; x < ow; x += 32) {
                int valid = ow - x;
                (valid > 16 ? wide : narrow)(src + x, offsets, p->patch, w, bias ? bias + m0 : NULL,
                                             residual ? residual + at + x : NULL, out + at + x, plane, stored,
                                             valid, act);
            }
        }
        w += (size_t)mr * p->patch;
        m0 += mr;
    }
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
