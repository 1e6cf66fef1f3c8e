// OpenBLAS's CBLAS interface, for the Inference kernels.
#include <cblas.h>
