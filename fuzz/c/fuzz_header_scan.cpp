// libFuzzer target: the indexing fast path (Sources/CDCMTK/header_scan.cpp) on a file's bytes.
// The input is the whole file; the scanner sees half of it, then its first 16 KiB, then 256 KiB
// when it asks for more, as mt_scan_header does. Checks what the Swift caller
// (HeaderScan.swift) relies on: values inside the arena and no more of them than slots.
#include "../../Sources/CDCMTK/internal.h"
#include "tags.h"

#include <algorithm>
#include <cstring>

namespace {

void check(bool condition) {
    if (!condition) __builtin_trap();
}

void scan(const uint8_t *data, size_t size, size_t maxValues, size_t arenaCapacity) {
    static mt_value values[kFuzzTagCount];
    static char arena[16384];
    mt_header_scan info;
    long count = -1;
    // A window of half the input first, so "read more" (2) is reached on small inputs too;
    // then the two reads mt_scan_header makes.
    for (size_t want : {size / 2, size_t(16 * 1024), size_t(256 * 1024)}) {
        if (want == 0) continue;
        const size_t got = std::min(size, want);
        int result = mt_internal::scanHeaderBytes(data, got, static_cast<long long>(size), kFuzzTags, kFuzzTagCount, values,
                                                  maxValues, &count, arena, arenaCapacity, &info);
        check(result == 0 || result == 1 || result == 2);
        if (result == 1) {
            check(count >= 0 && static_cast<size_t>(count) <= maxValues);
            for (long i = 0; i < count; ++i) {
                check(static_cast<size_t>(values[i].offset) + values[i].length <= arenaCapacity);
                check(std::binary_search(kFuzzTags, kFuzzTags + kFuzzTagCount, values[i].tag));
            }
            check(std::memchr(info.transfer_syntax, 0, sizeof info.transfer_syntax) != nullptr);
            check(std::memchr(info.view_code_value, 0, sizeof info.view_code_value) != nullptr);
            check(std::memchr(info.view_code_scheme, 0, sizeof info.view_code_scheme) != nullptr);
            check(std::memchr(info.view_code_meaning, 0, sizeof info.view_code_meaning) != nullptr);
            if (info.pixel_data_follows) check(info.bytes_after_header >= 0);
        }
        if (want == size / 2 || result == 2) continue;
        break;
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    scan(data, size, kFuzzTagCount, 16384);  // as HeaderScan.swift calls it
    scan(data, size, 3, 40);                 // slots and arena that run out
    return 0;
}
