// ck_conv2d's dispatcher: CPU detection, blocking plan, weight packing, band filling and the threads; the
// arithmetic is in conv_avx512.c / conv_avx2.c. Plain C, compiled for the baseline CPU.
#include "conv_plan.h"
#include <math.h>
#include <stdint.h>
#include <pthread.h>
#include <stdatomic.h>
#include <string.h>
#if defined(__x86_64__)
#include <cpuid.h>
#endif

/// Bytes of one band buffer: the input rows of a band stay in L2 (2 MiB per core here) while every output
/// channel tile sweeps them.
static const size_t band_bytes = 512 * 1024;

static atomic_int thread_count = 1;

void ck_set_threads(int threads) { atomic_store(&thread_count, threads < 1 ? 1 : threads); }
int ck_threads(void) { return atomic_load(&thread_count); }

#if defined(__x86_64__)
static uint64_t xgetbv0(void) {
    uint32_t eax, edx;
    __asm__ volatile("xgetbv" : "=a"(eax), "=d"(edx) : "c"(0));
    return ((uint64_t)edx << 32) | eax;
}
#endif

/// Bit 1: AVX2 + FMA usable; bit 2: AVX-512F + FMA usable (each checked on its own: one need not imply the other).
static int cpu_features(void) {
    int features = 0;
    // Only where conv_avx2.c / conv_avx512.c hold the real kernels (clang on x86-64), never their stubs.
#if defined(__x86_64__) && defined(__clang__)
    unsigned a, b, c, d;
    if (!__get_cpuid(1, &a, &b, &c, &d)) return 0;
    int fma = (c >> 12) & 1, osxsave = (c >> 27) & 1, avx = (c >> 28) & 1;
    if (!(fma && osxsave && avx)) return 0;
    uint64_t xcr0 = xgetbv0();
    if ((xcr0 & 0x6) != 0x6 || __get_cpuid_max(0, 0) < 7) return 0; // the OS saves SSE and AVX state
    __cpuid_count(7, 0, a, b, c, d);
    if ((b >> 5) & 1) features |= 1 << CK_ISA_AVX2;
    // AVX-512 also needs the OS to save the opmask registers and all 32 ZMM registers.
    if (((b >> 16) & 1) && (xcr0 & 0xe6) == 0xe6) features |= 1 << CK_ISA_AVX512;
#endif
    return features;
}

static int features_once(void) {
    static atomic_int cached = -1;
    int features = atomic_load(&cached);
    if (features < 0) {
        features = cpu_features();
        atomic_store(&cached, features);
    }
    return features;
}

ck_isa ck_detect_isa(void) {
    int features = features_once();
    if (features & (1 << CK_ISA_AVX512)) return CK_ISA_AVX512;
    if (features & (1 << CK_ISA_AVX2)) return CK_ISA_AVX2;
    return CK_ISA_NONE;
}

int ck_isa_supported(ck_isa isa) {
    return isa == CK_ISA_NONE || ((isa == CK_ISA_AVX2 || isa == CK_ISA_AVX512) && (features_once() & (1 << isa)));
}

static int valid_geometry(const ck_conv_geometry *g) {
    return g->batch > 0 && g->in_channels > 0 && g->in_height > 0 && g->in_width > 0 && g->out_channels > 0
        && g->kernel_height > 0 && g->kernel_width > 0 && g->stride_h > 0 && g->stride_w > 0 && g->dilation_h > 0
        && g->dilation_w > 0 && g->pad_top >= 0 && g->pad_left >= 0 && g->out_height > 0 && g->out_width > 0
        && g->groups > 0 && g->in_channels % g->groups == 0 && g->out_channels % g->groups == 0;
}

int ck_conv2d_prologue_fits(const ck_conv_geometry *q, const ck_conv_geometry *g) {
    return valid_geometry(q) && valid_geometry(g) && q->groups == 1 && g->groups == 1 && q->stride_w == 1
        && q->batch == g->batch && q->out_channels == g->in_channels && q->out_height == g->in_height
        && q->out_width == g->in_width && q->in_channels * q->kernel_height * q->kernel_width <= 64;
}

static int make_plan(const ck_conv_geometry *g, const ck_conv_geometry *prologue, ck_isa isa, ck_plan *p) {
    if (!valid_geometry(g) || isa == CK_ISA_NONE) return -1;
    if (prologue && !ck_conv2d_prologue_fits(prologue, g)) return -1;
    memset(p, 0, sizeof *p);
    p->g = *g;
    p->isa = isa;
    p->cg = g->in_channels / g->groups;
    p->mg = g->out_channels / g->groups;
    p->patch = p->cg * g->kernel_height * g->kernel_width;
    int extra_rows = (g->kernel_height - 1) * g->dilation_h / g->stride_h;
    p->phase_width = g->out_width + (g->kernel_width - 1) * g->dilation_w / g->stride_w;
    size_t row_floats = (size_t)p->cg * g->stride_h * g->stride_w * p->phase_width;
    long rows = (long)(band_bytes / sizeof(float) / row_floats) - extra_rows;
    p->band_rows = rows < 1 ? 1 : rows > g->out_height ? g->out_height : (int)rows;
    p->bands = (g->out_height + p->band_rows - 1) / p->band_rows;
    p->phase_rows = p->band_rows + extra_rows;
    p->band_floats = row_floats * p->phase_rows + CK_BAND_SLACK;
    if (p->band_floats > INT32_MAX) return -1; // tap offsets are int32: such a conv takes the sgemm path
    int m0 = 0, mr = 0;
    while (m0 < p->mg) { mr = ck_block_rows(isa, p->mg, m0); m0 += mr; }
    p->packed_floats = (size_t)m0 * p->patch;
    if (prologue) {
        const ck_conv_geometry *q = prologue;
        p->has_prologue = 1;
        p->pg = *q;
        p->p_patch = q->in_channels * q->kernel_height * q->kernel_width;
        p->p_blocks = (q->out_channels + CK_PROLOGUE_BLOCK - 1) / CK_PROLOGUE_BLOCK;
        // Whole-vector loads up to 15 floats past the last output, each tap kx*dw further right.
        p->padded_width = q->out_width + (q->kernel_width - 1) * q->dilation_w + 32;
        p->row_stride = (q->out_width + 15) / 16 * 16 + 16;
        p->prologue_floats = (size_t)q->in_channels * q->kernel_height * p->padded_width
                           + (size_t)q->out_channels * p->row_stride;
    }
    return 0;
}

static size_t round64(size_t bytes) { return (bytes + 63) & ~(size_t)63; }

/// One thread's band buffer and prologue rows.
static size_t thread_bytes(const ck_plan *p) {
    return round64(p->band_floats * sizeof(float)) + round64(p->prologue_floats * sizeof(float));
}

/// Scratch layout: packed weights of every group, the tap offsets, the prologue's packed weights, then per
/// thread one band and the prologue's rows; each 64-byte aligned.
static size_t layout(const ck_plan *p, int threads, size_t *offsets_at, size_t *prologue_at, size_t *bands_at) {
    size_t packed = round64(p->packed_floats * p->g.groups * sizeof(float));
    size_t offsets = round64((size_t)p->patch * sizeof(int32_t));
    size_t prologue = round64((size_t)p->p_blocks * p->p_patch * CK_PROLOGUE_BLOCK * sizeof(float));
    *offsets_at = packed;
    *prologue_at = packed + offsets;
    *bands_at = packed + offsets + prologue;
    return 64 + *bands_at + (size_t)threads * thread_bytes(p);
}

size_t ck_conv2d_scratch_bytes(const ck_conv_geometry *geometry, const ck_conv_geometry *prologue, ck_isa isa, int threads) {
    ck_plan p;
    if (make_plan(geometry, prologue, isa, &p) != 0) return 0;
    size_t offsets_at, prologue_at, bands_at;
    return layout(&p, threads < 1 ? 1 : threads, &offsets_at, &prologue_at, &bands_at);
}

/// Weights [M, C/groups, kH, kW] → per group, per tile of `mr` channels, [K][mr] (tap-major: one tap's
/// weights for the tile's channels are adjacent, broadcast one by one), zeros for rows past the group.
static void pack_weights(const ck_plan *p, const float *weights, float *packed) {
    int k = p->patch;
    for (int group = 0; group < p->g.groups; group++) {
        const float *w = weights + (size_t)group * p->mg * k;
        float *dst = packed + (size_t)group * p->packed_floats;
        int m0 = 0;
        while (m0 < p->mg) {
            int mr = ck_block_rows(p->isa, p->mg, m0);
            for (int t = 0; t < k; t++)
                for (int i = 0; i < mr; i++) dst[(size_t)t * mr + i] = m0 + i < p->mg ? w[(size_t)(m0 + i) * k + t] : 0;
            dst += (size_t)mr * k;
            m0 += mr;
        }
    }
}

/// The prologue's weights [M1, K1] → [blocks of 8 channels][K1][8], zeros for channels past M1.
static void pack_prologue(const ck_plan *p, const float *weights, float *packed) {
    int k = p->p_patch, m1 = p->pg.out_channels;
    for (int b = 0; b < p->p_blocks; b++)
        for (int t = 0; t < k; t++)
            for (int i = 0; i < CK_PROLOGUE_BLOCK; i++) {
                int m = b * CK_PROLOGUE_BLOCK + i;
                packed[((size_t)b * k + t) * CK_PROLOGUE_BLOCK + i] = m < m1 ? weights[(size_t)m * k + t] : 0;
            }
}

/// Tap (c, ky, kx) → its first float in a band (see ck_plan).
static void tap_offsets(const ck_plan *p, int32_t *offsets) {
    const ck_conv_geometry *g = &p->g;
    size_t plane = (size_t)p->phase_rows * p->phase_width;
    int t = 0;
    for (int c = 0; c < p->cg; c++)
        for (int ky = 0; ky < g->kernel_height; ky++)
            for (int kx = 0; kx < g->kernel_width; kx++) {
                int dy = ky * g->dilation_h, dx = kx * g->dilation_w;
                size_t phase = ((size_t)c * g->stride_h + dy % g->stride_h) * g->stride_w + dx % g->stride_w;
                offsets[t++] = (int32_t)(phase * plane + (size_t)(dy / g->stride_h) * p->phase_width + dx / g->stride_w);
            }
}

/// Copies the input rows output rows oy0.. need, from one image and group [C/groups, H, W], into the band's
/// phase planes with zeros for the padding (and past the bottom edge); row by row, each split into its
/// stride_w column phases in turn (the row is still in L1 for the second). With a prologue, `image` is the
/// prologue's input and each input row is made by the prologue first (into `work`), never read from memory.
static void fill_band(const ck_plan *p, const float *image, int oy0, float *band,
                      const ck_conv_prologue *prologue, const float *prologue_packed, float *work) {
    const ck_conv_geometry *g = &p->g;
    int sh = g->stride_h, sw = g->stride_w, width = p->phase_width;
    size_t plane = (size_t)p->phase_rows * width;
    float *made = work + (size_t)p->pg.in_channels * p->pg.kernel_height * p->padded_width; // prologue rows
    for (int ypad = oy0 * sh; ypad < (oy0 + p->phase_rows) * sh; ypad++) {
        int py = ypad % sh, i = ypad / sh - oy0, y = ypad - g->pad_top;
        int inside = y >= 0 && y < g->in_height;
        if (inside && p->has_prologue)
            (p->isa == CK_ISA_AVX512 ? ck_prologue_row_avx512 : ck_prologue_row_avx2)(p, prologue, prologue_packed, image, y, work, made);
        for (int c = 0; c < p->cg; c++) {
            const float *row = !inside ? NULL
                             : p->has_prologue ? made + (size_t)c * p->row_stride
                             : image + ((size_t)c * g->in_height + y) * g->in_width;
            for (int px = 0; px < sw; px++) {
                float *dst = band + ((size_t)(c * sh + py) * sw + px) * plane + (size_t)i * width;
                // Columns j whose input x = j*sw + px - pad_left lies in [0, W).
                int first = px >= g->pad_left ? 0 : (g->pad_left - px + sw - 1) / sw;
                int last = (g->in_width + g->pad_left - px + sw - 1) / sw;
                if (last > width) last = width;
                if (first > last) first = last;
                if (!row || first == last) {
                    memset(dst, 0, sizeof(float) * width);
                    continue;
                }
                const float *src = row + (first * sw + px - g->pad_left);
                memset(dst, 0, sizeof(float) * first);
                if (sw == 1) {
                    memcpy(dst + first, src, sizeof(float) * (last - first));
                } else if (sw == 2) {
                    // Vector de-interleave: scalar, this copy was a sixth of the bundled model's time.
                    (p->isa == CK_ISA_AVX512 ? ck_gather2_avx512 : ck_gather2_avx2)(dst + first, src, last - first);
                } else {
                    for (int j = 0; j < last - first; j++) dst[first + j] = src[(size_t)j * sw];
                }
                memset(dst + last, 0, sizeof(float) * (width - last));
            }
        }
    }
    memset(band + (size_t)p->cg * sh * sw * plane, 0, sizeof(float) * CK_BAND_SLACK);
}

typedef struct {
    const ck_plan *plan;
    const float *input, *packed, *bias, *residual;
    const int32_t *offsets;
    const ck_conv_prologue *prologue;
    const float *prologue_packed;
    float *output;
    ck_activation activation;
    char *bands;
    size_t band_stride;
    atomic_int next;
} job;

typedef struct { job *work; int index; } worker_arg;

/// Takes work items (image, group, band) until none are left, with its own band buffer.
static void *worker(void *arg) {
    worker_arg *w = arg;
    job *j = w->work;
    const ck_plan *p = j->plan;
    const ck_conv_geometry *g = &p->g;
    float *band = (float *)(j->bands + (size_t)w->index * j->band_stride);
    float *work = (float *)((char *)band + round64(p->band_floats * sizeof(float))); // prologue rows
    int per_image = g->groups * p->bands, items = g->batch * per_image;
    size_t out_plane = (size_t)g->out_height * g->out_width;
    for (int item = atomic_fetch_add(&j->next, 1); item < items; item = atomic_fetch_add(&j->next, 1)) {
        int n = item / per_image, group = item % per_image / p->bands, b = item % p->bands;
        int oy0 = b * p->band_rows;
        int rows = g->out_height - oy0 < p->band_rows ? g->out_height - oy0 : p->band_rows;
        const float *image = p->has_prologue
            ? j->input + (size_t)n * p->pg.in_channels * p->pg.in_height * p->pg.in_width
            : j->input + ((size_t)n * g->in_channels + (size_t)group * p->cg) * g->in_height * g->in_width;
        size_t out_offset = ((size_t)n * g->out_channels + (size_t)group * p->mg) * out_plane;
        fill_band(p, image, oy0, band, j->prologue, j->prologue_packed, work);
        const float *packed = j->packed + (size_t)group * p->packed_floats;
        const float *bias = j->bias ? j->bias + (size_t)group * p->mg : NULL;
        const float *residual = j->residual ? j->residual + out_offset : NULL;
        if (p->isa == CK_ISA_AVX512)
            ck_band_avx512(p, band, j->offsets, packed, bias, residual, j->output + out_offset, oy0, rows, j->activation);
        else
            ck_band_avx2(p, band, j->offsets, packed, bias, residual, j->output + out_offset, oy0, rows, j->activation);
    }
    return NULL;
}

int ck_conv2d(ck_isa isa, const ck_conv_geometry *geometry, const ck_conv_prologue *prologue, const float *input,
              const float *weights, const float *bias, const float *residual, float *output, ck_activation activation,
              void *scratch, size_t scratch_bytes, int threads) {
    ck_plan p;
    if (!ck_isa_supported(isa) || make_plan(geometry, prologue ? &prologue->geometry : NULL, isa, &p) != 0 || !input
        || !weights || !output || !scratch || (prologue && !prologue->weights))
        return -1;
    if (threads < 1) threads = 1;
    int items = geometry->batch * geometry->groups * p.bands;
    if (threads > items) threads = items;
    size_t offsets_at, prologue_at, bands_at;
    if (layout(&p, threads, &offsets_at, &prologue_at, &bands_at) > scratch_bytes) return -1;
    char *base = (char *)(((uintptr_t)scratch + 63) & ~(uintptr_t)63);
    float *packed = (float *)base;
    int32_t *offsets = (int32_t *)(base + offsets_at);
    pack_weights(&p, weights, packed);
    tap_offsets(&p, offsets);
    float *prologue_packed = (float *)(base + prologue_at);
    if (prologue) pack_prologue(&p, prologue->weights, prologue_packed);

    job work = {&p, input, packed, bias, residual, offsets, prologue, prologue_packed, output, activation,
                base + bands_at, thread_bytes(&p), 0};
    atomic_init(&work.next, 0);
    // Fork-join per call: thread start-up (tens of microseconds) is small beside a convolution worth splitting.
    pthread_t helpers[63];
    worker_arg args[64];
    if (threads > 64) threads = 64;
    int started = 0;
    for (int i = 1; i < threads; i++) {
        args[i] = (worker_arg){&work, i};
        if (pthread_create(&helpers[i - 1], NULL, worker, &args[i]) != 0) break;
        started++;
    }
    args[0] = (worker_arg){&work, 0};
    worker(&args[0]);
    for (int i = 0; i < started; i++) pthread_join(helpers[i], NULL);
    return 0;
}
