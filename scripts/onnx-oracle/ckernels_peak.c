// Single-thread peak of mammoterm's conv kernels (Sources/CKernels) beside the system OpenBLAS's sgemm:
// a 1x1 conv with 1024 input channels, 1024 output channels over 32 x 32 pixels is C[1024,1024] =
// W[1024,1024] * X[1024,1024], the same 2 * 1024^3 FLOP as cblas_sgemm 1024^3. Prints the kernel each one
// chose. Built and run by scripts/bench-inference.sh:
//   clang -O3 -ISources/CKernels/include Sources/CKernels/*.c scripts/onnx-oracle/ckernels_peak.c -lopenblas -lm -lpthread
#include "ckernels.h"
#include <cblas.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

char *openblas_get_corename(void);
void openblas_set_num_threads(int);

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec * 1e-9;
}

static int compare(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

#define RUNS 9

static double median(double *t) {
    qsort(t, RUNS, sizeof *t, compare);
    return t[RUNS / 2];
}

int main(void) {
    const int n = 1024;
    float *a = malloc(sizeof(float) * n * n), *b = malloc(sizeof(float) * n * n), *c = malloc(sizeof(float) * n * n);
    if (!a || !b || !c) return 1;
    for (int i = 0; i < n * n; i++) {
        a[i] = (float)((i * 7919) % 1000) / 1000.0f - 0.5f;
        b[i] = (float)((i * 104729) % 1000) / 1000.0f - 0.5f;
    }
    double flop = 2.0 * n * n * n, t[RUNS];
    const char *names[] = {"none (im2col + sgemm)", "AVX2", "AVX-512"};
    printf("mammoterm conv kernel chosen on this CPU: %s\n", names[ck_detect_isa()]);
    ck_conv_geometry g = {1, n, 32, 32, n, 1, 1, 1, 1, 1, 1, 0, 0, 32, 32, 1};
    ck_activation none = {CK_ACTIVATION_NONE, 0, 0, 0};
    for (int isa = CK_ISA_AVX2; isa <= CK_ISA_AVX512; isa++) {
        if (!ck_isa_supported((ck_isa)isa)) {
            printf("%s conv kernel: not supported here\n", names[isa]);
            continue;
        }
        size_t bytes = ck_conv2d_scratch_bytes(&g, NULL, (ck_isa)isa, 1);
        void *scratch = malloc(bytes);
        for (int r = 0; r < RUNS; r++) {
            double start = now();
            ck_conv2d((ck_isa)isa, &g, NULL, b, a, NULL, NULL, c, none, scratch, bytes, 1);
            t[r] = now() - start;
        }
        printf("%s conv kernel as 1024^3 (1x1 conv, 1 thread): %.1f GFLOP/s\n", names[isa], flop / median(t) / 1e9);
        free(scratch);
    }
    openblas_set_num_threads(1);
    for (int r = 0; r < RUNS; r++) {
        double start = now();
        cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, n, n, n, 1, a, n, b, n, 0, c, n);
        t[r] = now() - start;
    }
    printf("OpenBLAS cblas_sgemm 1024^3 (1 thread, kernel %s): %.1f GFLOP/s\n", openblas_get_corename(), flop / median(t) / 1e9);
    return 0;
}
