// Internal: how ck_conv2d splits one convolution into bands of output rows and register tiles, shared by
// the dispatcher (conv.c) and the per-instruction-set band loops (conv_avx512.c, conv_avx2.c).
#ifndef CKERNELS_CONV_PLAN_H
#define CKERNELS_CONV_PLAN_H

#include "ckernels.h"
#include <stdint.h>

/// One convolution's blocking. A band is `band_rows` output rows of one image and group; its input is copied
/// into `in_channels/groups * stride_h * stride_w` phase planes of `phase_rows x phase_width` floats, phase
/// (py, px) holding padded-input pixel (i * stride_h + py, j * stride_w + px). Tap (c, ky, kx) of output
/// (r, x) then reads plane (c, ky*dh % sh, kx*dw % sw) at row r + ky*dh / sh, column x + kx*dw / sw:
/// for fixed tap, consecutive output pixels read consecutive floats, whatever the stride.
typedef struct {
    ck_conv_geometry g;
    ck_isa isa;
    int cg, mg, patch;             // input and output channels per group, taps per output (K)
    int band_rows, bands;          // output rows per band, bands per image and group
    int phase_rows, phase_width;   // one phase plane of a band
    size_t band_floats;            // one band buffer, with slack for whole-vector reads past the last row
    size_t packed_floats;          // packed weights of one group: blocks of `mr` channels, [K][mr] each
    // The prologue (has_prologue): its output rows are made per band into `rows` (M1 rows of `row_stride`),
    // from its input rows copied zero-padded into C1 * kH rows of `padded_width`.
    int has_prologue;
    ck_conv_geometry pg;
    int p_patch, p_blocks, padded_width, row_stride;
    size_t prologue_floats;        // per thread: padded input rows, then output rows
} ck_plan;

/// Output channels per register group of the prologue (weights packed [blocks][K1][8], zero rows past M1).
enum { CK_PROLOGUE_BLOCK = 8 };

/// Floats a vector may read past the last valid pixel of a band (two AVX-512 registers); those lanes are
/// computed and never stored.
enum { CK_BAND_SLACK = 64 };

/// Output channels in the register tile that starts at channel m0 of a group of mg: AVX-512 tiles of 12 x 32
/// (24 accumulators of 32) when 12 divides mg, else 8 x 32, and a 4-row tile for a remainder of at most 4;
/// AVX2 tiles of 6 x 16 (12 of 16 registers), 4 rows for a remainder of at most 4. Rows past mg are zero
/// weights, computed and never stored.
static inline int ck_block_rows(ck_isa isa, int mg, int m0) {
    int remaining = mg - m0;
    if (isa == CK_ISA_AVX512) {
        if (mg % 12 == 0) return 12;
        return remaining <= 4 ? 4 : 8;
    }
    return remaining <= 4 ? 4 : 6;
}

/// Computes `rows` output rows from `oy0` of one image and group, from a filled band. `packed` is the group's
/// packed weights, `bias` the group's bias (or NULL), `residual` and `out` the image-and-group planes
/// [mg, OH, OW] (residual NULL when absent), `offsets` the tap offsets into the band.
void ck_band_avx512(const ck_plan *plan, const float *band, const int32_t *offsets, const float *packed,
                    const float *bias, const float *residual, float *out, int oy0, int rows, ck_activation activation);
void ck_band_avx2(const ck_plan *plan, const float *band, const int32_t *offsets, const float *packed,
                  const float *bias, const float *residual, float *out, int oy0, int rows, ck_activation activation);

/// The prologue's output row y (all M1 channels, activation applied) into rows + m * row_stride, from the
/// prologue's input image [C1, H1, W1]; `work` holds the padded input rows. `packed` is the packed weights.
void ck_prologue_row_avx512(const ck_plan *plan, const ck_conv_prologue *prologue, const float *packed,
                            const float *image, int y, float *work, float *rows);
void ck_prologue_row_avx2(const ck_plan *plan, const ck_conv_prologue *prologue, const float *packed,
                          const float *image, int y, float *work, float *rows);

/// dst[j] = src[2 * j] for j < count (a stride-2 row into its phase plane), reading no further than src[2 * count - 2].
void ck_gather2_avx512(float *dst, const float *src, int count);
void ck_gather2_avx2(float *dst, const float *src, int count);

#endif
