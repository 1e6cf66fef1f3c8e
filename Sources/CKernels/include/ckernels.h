// Vector convolution kernels for the Inference engine (C, AVX-512 / AVX2+FMA chosen at run time).
// Only Sources/Inference/Kernels/VectorConvKernel.swift imports this; the naive twin is ConvReference.
#ifndef CKERNELS_H
#define CKERNELS_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/// Instruction sets a kernel can be built for; CK_ISA_NONE means "no vector kernel here: use sgemm".
typedef enum {
    CK_ISA_NONE = 0,
    CK_ISA_AVX2 = 1,   // AVX2 + FMA, 8 lanes, 16 registers
    CK_ISA_AVX512 = 2, // AVX-512F (+ FMA), 16 lanes, 32 registers
} ck_isa;

/// The sizes of one 2-D convolution, as ConvGeometry resolves them (padding after follows from the output size).
typedef struct {
    int batch, in_channels, in_height, in_width;
    int out_channels, kernel_height, kernel_width;
    int stride_h, stride_w, dilation_h, dilation_w;
    int pad_top, pad_left, out_height, out_width, groups;
} ck_conv_geometry;

typedef enum {
    CK_ACTIVATION_NONE = 0,
    CK_ACTIVATION_RELU = 1,
    CK_ACTIVATION_LEAKY_RELU = 2, // x >= 0 ? x : alpha * x
    CK_ACTIVATION_CLIP = 3,       // min(max(x, low), high)
    CK_ACTIVATION_SIGMOID = 4,    // 1 / (1 + exp(-x))
} ck_activation_kind;

typedef struct {
    ck_activation_kind kind;
    float alpha, low, high;
} ck_activation;

/// A tiny convolution (a stem over one grey channel) whose output only the convolution after it reads:
/// ck_conv2d computes its output rows straight into that convolution's bands, so the output (12
/// full-resolution channels for the bundled model, 40 MB per exam) is never written out and read back.
typedef struct {
    ck_conv_geometry geometry; // groups 1, stride_w 1; its output [N, M1, OH1, OW1] is the main conv's input
    const float *weights;      // [M1, C1, kH, kW]
    const float *bias;         // [M1] or NULL
    ck_activation activation;
} ck_conv_prologue;

/// Whether `prologue` can feed `geometry` (shapes chain, groups 1, prologue stride_w 1, at most 64 taps).
int ck_conv2d_prologue_fits(const ck_conv_geometry *prologue, const ck_conv_geometry *geometry);

/// The best instruction set this CPU and OS support (CPUID and XGETBV: the OS must save the vector state).
ck_isa ck_detect_isa(void);

/// Whether `isa` runs here (CK_ISA_NONE always does: it is the caller's sgemm path).
int ck_isa_supported(ck_isa isa);

/// Threads ck_conv2d splits its work over (process-wide, like openblas_set_num_threads); at least 1.
void ck_set_threads(int threads);
int ck_threads(void);

/// Bytes of scratch ck_conv2d needs for this geometry, instruction set and thread count (0 for an invalid one).
/// `prologue` NULL, or as ck_conv2d's.
size_t ck_conv2d_scratch_bytes(const ck_conv_geometry *geometry, const ck_conv_geometry *prologue, ck_isa isa, int threads);

/// output[N, M, OH, OW] = activation(conv(input[N, C, H, W], weights[M, C/groups, kH, kW]) + bias[M] + residual),
/// bias and residual (same shape as the output) optional (NULL). Direct convolution: per band of output rows the
/// input rows it needs are copied, zero-padded and split by stride phase, so every tap of a row of outputs is a
/// contiguous run of the band; a register tile of output channels x pixels accumulates tap by tap, and bias,
/// residual and activation are applied in registers before the one store. No column matrix is written.
/// With a `prologue` (else NULL), `input` is the prologue's input and the prologue's output is computed per band.
/// `scratch` holds at least ck_conv2d_scratch_bytes(geometry, prologue, isa, threads) bytes (any alignment).
/// Returns 0, or -1 when the geometry is invalid (or the prologue does not fit), the scratch too small or
/// `isa` not supported here.
int ck_conv2d(ck_isa isa, const ck_conv_geometry *geometry, const ck_conv_prologue *prologue, const float *input, const float *weights,
              const float *bias, const float *residual, float *output, ck_activation activation,
              void *scratch, size_t scratch_bytes, int threads);

#ifdef __cplusplus
}
#endif

#endif
