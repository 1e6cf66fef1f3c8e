// libFuzzer target: the dcmsr shim's reader (Sources/CDCMTK/sr.cpp) on a file: mt_sr_read, then
// every item's strings, points and references touched as the Swift side reads them. A
// structured report from outside must never crash the import, whatever its tree says.
#include "../../Sources/CDCMTK/include/cdcmtk_sr.h"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

namespace {

std::string inputPath() {
    const char *dir = std::getenv("MT_FUZZ_TMPDIR");
    std::string base = dir && *dir ? dir : (access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp");
    return base + "/mt-fuzz-sr-" + std::to_string(getpid()) + ".dcm";
}

size_t touch(const char *text) { return text ? std::strlen(text) : 0; }

size_t touch(const mt_sr_code &code) { return touch(code.value) + touch(code.scheme) + touch(code.meaning); }

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    static const std::string path = inputPath();
    FILE *file = std::fopen(path.c_str(), "wb");
    if (!file) return 0;
    std::fwrite(data, 1, size, file);
    std::fclose(file);
    mt_status status{};
    mt_sr_document *document = mt_sr_read(path.c_str(), &status);
    if (!document) {
        if (status.ok) __builtin_trap();  // a failure must say so
        return 0;
    }
    const size_t count = mt_sr_item_count(document);
    volatile size_t sum = 0;
    for (size_t i = 0; i < count; ++i) {
        mt_sr_item item{};
        if (!mt_sr_get_item(document, i, &item)) __builtin_trap();
        if (item.parent >= static_cast<int>(i) || (i > 0 && item.parent < 0)) __builtin_trap();
        if (item.reference >= static_cast<int>(count)) __builtin_trap();
        sum += touch(item.concept) + touch(item.code) + touch(item.text) + touch(item.graphic_type) + touch(item.sop_class)
            + touch(item.sop_instance);
        for (size_t p = 0; p < item.point_count; ++p) sum += static_cast<size_t>(item.points[2 * p] != item.points[2 * p + 1]);
    }
    mt_sr_item beyond{};
    if (mt_sr_get_item(document, count, &beyond)) __builtin_trap();
    mt_sr_close(document);
    return 0;
}
