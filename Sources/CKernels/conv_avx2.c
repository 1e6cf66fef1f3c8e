// The AVX2 + FMA register tiles of ck_conv2d: up to 6 output channels x 16 pixels (two YMM registers per
// channel; 12 accumulators of 16 registers), the same scheme as conv_avx512.c with 8 lanes. Compiled for
// AVX2 by the pragma below and only called where ck_isa_supported(CK_ISA_AVX2).
#include "conv_plan.h"
#include <math.h>
#include <string.h>

#if defined(__x86_64__) && defined(__clang__)
#include <immintrin.h>

#pragma clang attribute push(__attribute__((target("avx2,fma"))), apply_to = function)

static inline __attribute__((always_inline)) __m256 activate(__m256 x, ck_activation a) {
    switch (a.kind) {
    case CK_ACTIVATION_RELU: return _mm256_max_ps(_mm256_setzero_ps(), x); // a NaN stays NaN (second operand)
    case CK_ACTIVATION_LEAKY_RELU:
        return _mm256_blendv_ps(x, _mm256_mul_ps(x, _mm256_set1_ps(a.alpha)), _mm256_cmp_ps(x, _mm256_setzero_ps(), _CMP_LT_OQ));
    case CK_ACTIVATION_CLIP: return _mm256_min_ps(_mm256_max_ps(x, _mm256_set1_ps(a.low)), _mm256_set1_ps(a.high));
    default: return x; // sigmoid: scalar after the store
    }
}

/// Lanes 0..<valid set (all-ones), for maskload / maskstore.
static inline __attribute__((always_inline)) __m256i lanes(int valid) {
    return _mm256_cmpgt_epi32(_mm256_set1_epi32(valid), _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7));
}

/// 1 / (1 + exp(-x)) in place over `rows` rows of `count` values, `plane` apart (exp has no vector instruction).
static void sigmoid_rows(float *out, size_t plane, int rows, int count) {
    for (int i = 0; i < rows; i++)
        for (int j = 0; j < count; j++) out[(size_t)i * plane + j] = 1.0f / (1.0f + expf(-out[(size_t)i * plane + j]));
}

/// One register tile: MR channels x NV*8 pixels; `rows` channels and `valid` pixels are stored.
static inline __attribute__((always_inline)) void tile(
    const int MR, const int NV, const float *src, const int32_t *offsets, int k, const float *w, const float *bias,
    const float *residual, float *out, size_t plane, int rows, int valid, ck_activation act) {
    __m256 acc[6][2];
    for (int i = 0; i < MR; i++) {
        __m256 b = _mm256_set1_ps(bias && i < rows ? bias[i] : 0);
        acc[i][0] = b;
        acc[i][1] = b;
    }
    for (int t = 0; t < k; t++) {
        const float *s = src + offsets[t];
        __m256 x0 = _mm256_loadu_ps(s);
        __m256 x1 = NV > 1 ? _mm256_loadu_ps(s + 8) : x0;
        const float *wt = w + (size_t)t * MR;
        for (int i = 0; i < MR; i++) {
            __m256 a = _mm256_broadcast_ss(wt + i);
            acc[i][0] = _mm256_fmadd_ps(a, x0, acc[i][0]);
            if (NV > 1) acc[i][1] = _mm256_fmadd_ps(a, x1, acc[i][1]);
        }
    }
    __m256i mask[2] = {lanes(valid), lanes(valid - 8)};
#pragma clang loop unroll(full)
    for (int i = 0; i < MR; i++) {
        if (i >= rows) continue;
        float *row = out + (size_t)i * plane;
#pragma clang loop unroll(full)
        for (int v = 0; v < NV; v++) {
            __m256 x = acc[i][v];
            if (residual) x = _mm256_add_ps(x, _mm256_maskload_ps(residual + (size_t)i * plane + 8 * v, mask[v]));
            _mm256_maskstore_ps(row + 8 * v, mask[v], activate(x, act));
        }
    }
    // Apart from the stores: a loop inside theirs kept them from unrolling (accumulators spilled to the stack).
    if (act.kind == CK_ACTIVATION_SIGMOID) sigmoid_rows(out, plane, rows < MR ? rows : MR, valid < 8 * NV ? valid : 8 * NV);
}

#define TILE(MR, NV)                                                                                                \
    static void tile_##MR##x##NV(const float *src, const int32_t *offsets, int k, const float *w, const float *bias, \
                                 const float *residual, float *out, size_t plane, int rows, int valid,              \
                                 ck_activation act) {                                                               \
        tile(MR, NV, src, offsets, k, w, bias, residual, out, plane, rows, valid, act);                             \
    }
TILE(4, 1)
TILE(4, 2)
TILE(6, 1)
TILE(6, 2)

typedef void (*tile_fn)(const float *, const int32_t *, int, const float *, const float *, const float *, float *,
                        size_t, int, int, ck_activation);

void ck_prologue_row_avx2(const ck_plan *p, const ck_conv_prologue *pro, const float *packed, const float *image, int y,
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
        __m256 start[CK_PROLOGUE_BLOCK];
        for (int i = 0; i < CK_PROLOGUE_BLOCK; i++) start[i] = _mm256_set1_ps(pro->bias && i < stored ? pro->bias[m0 + i] : 0);
        for (int x = 0; x < ow; x += 8) {
            __m256 acc[CK_PROLOGUE_BLOCK];
            for (int i = 0; i < CK_PROLOGUE_BLOCK; i++) acc[i] = start[i];
            const float *wt = w;
            for (int r = 0; r < q->in_channels * q->kernel_height; r++) {
                const float *row = work + (size_t)r * pw + x;
                for (int kx = 0; kx < q->kernel_width; kx++, wt += CK_PROLOGUE_BLOCK) {
                    __m256 v = _mm256_loadu_ps(row + kx * q->dilation_w);
                    for (int i = 0; i < CK_PROLOGUE_BLOCK; i++) acc[i] = _mm256_fmadd_ps(_mm256_set1_ps(wt[i]), v, acc[i]);
                }
            }
            // Whole vectors: a row holds row_stride >= ow rounded up to 8 floats, the excess never read.
            for (int i = 0; i < stored; i++) _mm256_storeu_ps(rows + (size_t)(m0 + i) * p->row_stride + x, activate(acc[i], pro->activation));
        }
    }
    if (pro->activation.kind == CK_ACTIVATION_SIGMOID) sigmoid_rows(rows, p->row_stride, m1, ow);
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

void ck_band_avx2(const ck_plan *p, const float *band, const int32_t *offsets, const float *packed,
                  const float *bias, const float *residual, float *out, int oy0, int rows, ck_activation act) {
    const ck_conv_geometry *g = &p->g;
    size_t plane = (size_t)g->out_height * g->out_width;
    int ow = g->out_width;
    const float *w = packed;
    for (int m0 = 0; m0 < p->mg;) {
        int mr = ck_block_rows(CK_ISA_AVX2, p->mg, m0);
        int stored = p->mg - m0 < mr ? p->mg - m0 : mr;
        tile_fn wide = mr == 6 ? tile_6x2 : tile_4x2;
        tile_fn narrow = mr == 6 ? tile_6x1 : tile_4x1;
        for (int r = 0; r < rows; r++) {
            const float *src = band + (size_t)r * p->phase_width;
            size_t at = (size_t)m0 * plane + (size_t)(oy0 + r) * ow;
            for (int x = 0; x < ow; x += 16) {
                int valid = ow - x;
                (valid > 8 ? wide : narrow)(src + x, offsets, p->patch, w, bias ? bias + m0 : NULL,
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
