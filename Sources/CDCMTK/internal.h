// Entry points inside the shim that are not part of the C API (cdcmtk.h): pure steps on a buffer,
// split from the file and DCMTK plumbing so the fuzz targets (fuzz/c/) can drive them directly.
#ifndef MAMMOTERM_CDCMTK_INTERNAL_H
#define MAMMOTERM_CDCMTK_INTERNAL_H

#include "cdcmtk.h"

#ifdef __cplusplus
#include <cstdint>
#include <vector>

namespace mt_internal {

/// mt_scan_header on `size` bytes read from the start of a file of `file_size` bytes: 1 handled,
/// 0 needs DCMTK, 2 needs more bytes than were given.
int scanHeaderBytes(const uint8_t *bytes, size_t size, long long file_size, const uint32_t *tags, size_t tag_count,
                    mt_value *values, size_t max_values, long *value_count, char *arena, size_t arena_capacity,
                    mt_header_scan *info);

/// The RLE fast path on frame 0's fragment bytes (PS3.5 Annex G) for the geometry in `info`;
/// `out` holds rows*columns*samples values.
bool decodeRLEBytes(const std::vector<uint8_t> &bytes, mt_pixel_info *info, int32_t *out, mt_status *status);

}  // namespace mt_internal
#endif

#endif
