// libFuzzer target: the DCMTK shim's read entry points (Sources/CDCMTK/cdcmtk.cpp) on a file:
// mt_open header-only and full, the queries the DICOM module makes on each (mt_collect,
// mt_get_string, sequence items, LUT words), and mt_decode_frame on the full read, with the
// fast RLE path and with DCMTK's own decoders. mt_open takes a path, so the input is written
// to a file in /dev/shm (tmpfs) first.
#include "../../Sources/CDCMTK/include/cdcmtk.h"
#include "tags.h"

#include <unistd.h>

#include <cstdio>
#include <cstring>
#include <cstdlib>
#include <string>
#include <vector>

namespace {

/// Decoded frames bigger than this are not allocated here: the shim allows 2^28 samples (1 GiB),
/// more than libFuzzer's memory limit, and a lying Rows/Columns is already refused above that.
const unsigned long long kMaxFuzzSamples = 1ull << 22;

std::string inputPath() {
    const char *dir = std::getenv("MT_FUZZ_TMPDIR");
    std::string base = dir && *dir ? dir : (access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp");
    return base + "/mt-fuzz-dcmtk-" + std::to_string(getpid()) + ".dcm";
}

void queries(mt_dataset *dataset) {
    char buffer[64];
    (void)mt_has_meta(dataset);
    (void)mt_has_pixel_data(dataset);
    (void)mt_bytes_after_header(dataset);
    mt_transfer_syntax(dataset, buffer, sizeof buffer);
    std::vector<mt_value> values(kFuzzTagCount);
    std::vector<char> arena(16384);
    size_t needed = 0;
    long count = mt_collect(dataset, kFuzzTags, kFuzzTagCount, values.data(), values.size(), arena.data(), arena.size(), &needed);
    for (long i = 0; i < count; ++i)
        if (static_cast<size_t>(values[i].offset) + values[i].length > arena.size()) __builtin_trap();
    // A small arena, as when the first try overflows.
    (void)mt_collect(dataset, kFuzzTags, kFuzzTagCount, values.data(), 2, arena.data(), 16, &needed);
    for (size_t i = 0; i < kFuzzTagCount; i += 3) {
        long length = mt_get_string(dataset, static_cast<uint16_t>(kFuzzTags[i] >> 16), static_cast<uint16_t>(kFuzzTags[i]), buffer, sizeof buffer);
        if (length >= 0 && std::memchr(buffer, 0, sizeof buffer) == nullptr) __builtin_trap();
    }
    // View Code Sequence items, and the LUT sequences' data (Modality LUT, VOI LUT).
    unsigned long items = mt_sequence_count(dataset, 0x0054, 0x0220);
    for (unsigned long item = 0; item < items && item < 4; ++item)
        (void)mt_get_item_string(dataset, 0x0054, 0x0220, item, 0x0008, 0x0100, buffer, sizeof buffer);
    uint16_t words[256];
    for (uint16_t sequence : {uint16_t(0x3000), uint16_t(0x3010)}) {
        unsigned long luts = mt_sequence_count(dataset, 0x0028, sequence);
        for (unsigned long item = 0; item < luts && item < 4; ++item) {
            (void)mt_get_item_uint16s(dataset, 0x0028, sequence, item, 0x0028, 0x3002, words, 3);
            (void)mt_get_item_uint16s(dataset, 0x0028, sequence, item, 0x0028, 0x3006, words, 256);
            (void)mt_get_item_string(dataset, 0x0028, sequence, item, 0x0028, 0x3003, buffer, sizeof buffer);
        }
    }
}

void decode(mt_dataset *dataset, int reference) {
    mt_pixel_info info{};
    mt_status status{};
    if (mt_decode_frame(dataset, &info, nullptr, 0, reference, &status) != 1) return;
    unsigned long long samples = static_cast<unsigned long long>(info.rows) * info.columns * info.samples_per_pixel;
    if (info.rows <= 0 || info.columns <= 0 || info.samples_per_pixel <= 0 || samples > kMaxFuzzSamples) return;
    std::vector<int32_t> out(samples);
    (void)mt_decode_frame(dataset, &info, out.data(), out.size(), reference, &status);
    // Too small a buffer must be refused, not written past.
    if (samples > 1) (void)mt_decode_frame(dataset, &info, out.data(), 1, reference, &status);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    static const std::string path = inputPath();
    static bool initialized = [] {
        mt_status status{};
        return mt_initialize(&status) == 1;
    }();
    if (!initialized) __builtin_trap();  // no data dictionary: every run would be meaningless
    FILE *file = std::fopen(path.c_str(), "wb");
    if (!file) return 0;
    std::fwrite(data, 1, size, file);
    std::fclose(file);
    mt_status status{};
    if (mt_dataset *header = mt_open(path.c_str(), 1, &status)) {
        queries(header);
        decode(header, 0);  // refused: header only
        mt_close(header);
    }
    if (mt_dataset *full = mt_open(path.c_str(), 0, &status)) {
        queries(full);
        decode(full, 0);
        mt_close(full);
    }
    // The reference decoders on a fresh read, since a decode changes the data set in place.
    if (mt_dataset *full = mt_open(path.c_str(), 0, &status)) {
        decode(full, 1);
        mt_close(full);
    }
    std::remove(path.c_str());
    return 0;
}
