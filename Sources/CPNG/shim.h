// libpng's simplified API (png_image_*): writes 8-bit grey or RGB without setjmp in Swift.
#include <png.h>
