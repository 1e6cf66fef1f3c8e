// libFuzzer target: the RLE fast path of mt_decode_frame (mt_internal::decodeRLEBytes in
// Sources/CDCMTK/cdcmtk.cpp), the decoder used when reference_decoders is 0.
// Input: 7 bytes of geometry, then frame 0's RLE bytes (header of 16 offsets, then segments).
// The geometry is drawn only from what readPixelInfo lets through, so every input is one a
// real file could reach.
#include "../../Sources/CDCMTK/internal.h"

#include <algorithm>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (size < 7) return 0;
    static const int allocatedChoices[] = {8, 16, 32, 24, 1, 12, 40, 64};
    mt_pixel_info info{};
    info.rows = 1 + data[0] % 64;
    info.columns = 1 + data[1] % 64;
    info.samples_per_pixel = 1 + data[2] % 4;
    info.bits_allocated = allocatedChoices[data[3] % 8];
    info.bits_stored = 1 + data[4] % std::min(info.bits_allocated, 32);
    info.high_bit = info.bits_stored - 1 + data[5] % (info.bits_allocated - info.bits_stored + 1);
    info.pixel_representation = data[6] & 1;
    info.planar_configuration = (data[6] >> 1) & 1;
    info.number_of_frames = 1;
    const std::vector<uint8_t> bytes(data + 7, data + size);
    std::vector<int32_t> out(static_cast<size_t>(info.rows) * info.columns * info.samples_per_pixel);
    mt_status status{};
    bool ok = mt_internal::decodeRLEBytes(bytes, &info, out.data(), &status);
    // A failure always says why; a success leaves the samples within BitsStored.
    if (!ok && status.message[0] == 0) __builtin_trap();
    if (ok && info.bits_stored < 32) {
        const int64_t lowest = info.pixel_representation ? -(int64_t(1) << (info.bits_stored - 1)) : 0;
        const int64_t highest = info.pixel_representation ? (int64_t(1) << (info.bits_stored - 1)) - 1 : (int64_t(1) << info.bits_stored) - 1;
        for (int32_t v : out) if (v < lowest || v > highest) __builtin_trap();
    }
    return 0;
}
