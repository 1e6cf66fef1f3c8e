// The register tiles, the chained-stem rows and the band loop of ck_conv2d, written once for every
// vector instruction set: conv_avx512.c and conv_avx2.c define the vector type and operations below,
// then include this file inside their target pragma (a header of definitions: included once per set).
//
// The including file defines:
//   VEC, MASK                     a vector of LANES floats, and a lane mask for partial loads / stores
//   LANES, MR_MAX                 floats per vector; most output channels per tile
//   V_SET1(x), V_BCAST(p)         x in every lane; *p in every lane
//   V_LOAD(p), V_STORE(p, v)      unaligned whole-vector load / store
//   V_FMA(a, b, c), V_ADD(a, b)   a * b + c; a + b
//   V_MASKLOAD(m, p), V_MASKSTORE(p, m, v)   lanes of m only (others read as 0 / left alone)
//   lanes(valid) -> MASK, activate(VEC, ck_activation) -> VEC   (static inline functions)
//   FN(name)                      name with the set's suffix (ck_band -> ck_band_avx2)
//   ISA                           its ck_isa (CK_ISA_AVX2, CK_ISA_AVX512)
// and, after including it, `pick_tile(mr, wide)`: the TILE(MR, NV) instantiation for a block of mr rows.

/// 1 / (1 + exp(-x)) in place over `rows` rows of `count` values, `plane` apart (exp has no vector instruction).
static void sigmoid_rows(float *out, size_t plane, int rows, int count) {
    for (int i = 0; i < rows; i++)
        for (int j = 0; j < count; j++) out[(size_t)i * plane + j] = 1.0f / (1.0f + expf(-out[(size_t)i * plane + j]));
}

/// One register tile: MR channels x NV*LANES pixels from `src` (the band at the tile's first pixel, tap 0 before
/// its offset). `rows` of the MR channels and `valid` of the pixels are stored; the rest is computed and dropped.
static inline __attribute__((always_inline)) void tile(
    const int MR, const int NV, const float *src, const int32_t *offsets, int k, const float *w, const float *bias,
    const float *residual, float *out, size_t plane, int rows, int valid, ck_activation act) {
    VEC acc[MR_MAX][2];
    for (int i = 0; i < MR; i++) {
        VEC b = V_SET1(bias && i < rows ? bias[i] : 0);
        acc[i][0] = b;
        acc[i][1] = b;
    }
    for (int t = 0; t < k; t++) {
        const float *s = src + offsets[t];
        VEC x0 = V_LOAD(s);
        VEC x1 = NV > 1 ? V_LOAD(s + LANES) : x0;
        const float *wt = w + (size_t)t * MR;
        for (int i = 0; i < MR; i++) {
            VEC a = V_BCAST(wt + i);
            acc[i][0] = V_FMA(a, x0, acc[i][0]);
            if (NV > 1) acc[i][1] = V_FMA(a, x1, acc[i][1]);
        }
    }
    MASK mask[2] = {lanes(valid), lanes(valid - LANES)};
#pragma clang loop unroll(full)
    for (int i = 0; i < MR; i++) {
        if (i >= rows) continue;
        float *row = out + (size_t)i * plane;
#pragma clang loop unroll(full)
        for (int v = 0; v < NV; v++) {
            VEC x = acc[i][v];
            if (residual) x = V_ADD(x, V_MASKLOAD(mask[v], residual + (size_t)i * plane + LANES * v));
            V_MASKSTORE(row + LANES * v, mask[v], activate(x, act));
        }
    }
    // Apart from the stores: a loop inside theirs kept them from unrolling (accumulators spilled to the stack).
    if (act.kind == CK_ACTIVATION_SIGMOID)
        sigmoid_rows(out, plane, rows < MR ? rows : MR, valid < LANES * NV ? valid : LANES * NV);
}

#define TILE(MR, NV)                                                                                                \
    static void tile_##MR##x##NV(const float *src, const int32_t *offsets, int k, const float *w, const float *bias, \
                                 const float *residual, float *out, size_t plane, int rows, int valid,              \
                                 ck_activation act) {                                                               \
        tile(MR, NV, src, offsets, k, w, bias, residual, out, plane, rows, valid, act);                             \
    }

typedef void (*tile_fn)(const float *, const int32_t *, int, const float *, const float *, const float *, float *,
                        size_t, int, int, ck_activation);

/// The tile for a block of `mr` channels, two vectors wide or one (defined by the including file).
static tile_fn pick_tile(int mr, int wide);

void FN(ck_prologue_row)(const ck_plan *p, const ck_conv_prologue *pro, const float *packed, const float *image, int y,
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
        VEC start[CK_PROLOGUE_BLOCK];
        for (int i = 0; i < CK_PROLOGUE_BLOCK; i++) start[i] = V_SET1(pro->bias && i < stored ? pro->bias[m0 + i] : 0);
        for (int x = 0; x < ow; x += LANES) {
            VEC acc[CK_PROLOGUE_BLOCK];
            for (int i = 0; i < CK_PROLOGUE_BLOCK; i++) acc[i] = start[i];
            const float *wt = w;
            for (int r = 0; r < q->in_channels * q->kernel_height; r++) {
                const float *row = work + (size_t)r * pw + x;
                for (int kx = 0; kx < q->kernel_width; kx++, wt += CK_PROLOGUE_BLOCK) {
                    VEC v = V_LOAD(row + kx * q->dilation_w);
                    for (int i = 0; i < CK_PROLOGUE_BLOCK; i++) acc[i] = V_FMA(V_SET1(wt[i]), v, acc[i]);
                }
            }
            // Whole vectors: a row holds row_stride >= ow rounded up to LANES floats, the excess never read.
            for (int i = 0; i < stored; i++) V_STORE(rows + (size_t)(m0 + i) * p->row_stride + x, activate(acc[i], pro->activation));
        }
    }
    if (pro->activation.kind == CK_ACTIVATION_SIGMOID) sigmoid_rows(rows, p->row_stride, m1, ow);
}

void FN(ck_band)(const ck_plan *p, const float *band, const int32_t *offsets, const float *packed,
                 const float *bias, const float *residual, float *out, int oy0, int rows, ck_activation act) {
    const ck_conv_geometry *g = &p->g;
    size_t plane = (size_t)g->out_height * g->out_width;
    int ow = g->out_width;
    const float *w = packed;
    // Channel tile outermost: its weights (K x MR floats) stay in L1 while it sweeps the band.
    for (int m0 = 0; m0 < p->mg;) {
        int mr = ck_block_rows(ISA, p->mg, m0);
        int stored = p->mg - m0 < mr ? p->mg - m0 : mr;
        tile_fn wide = pick_tile(mr, 1), narrow = pick_tile(mr, 0);
        for (int r = 0; r < rows; r++) {
            const float *src = band + (size_t)r * p->phase_width;
            size_t at = (size_t)m0 * plane + (size_t)(oy0 + r) * ow;
            for (int x = 0; x < ow; x += 2 * LANES) {
                int valid = ow - x;
                (valid > LANES ? wide : narrow)(src + x, offsets, p->patch, w, bias ? bias + m0 : NULL,
                                                residual ? residual + at + x : NULL, out + at + x, plane, stored,
                                                valid, act);
            }
        }
        w += (size_t)mr * p->patch;
        m0 += mr;
    }
}
