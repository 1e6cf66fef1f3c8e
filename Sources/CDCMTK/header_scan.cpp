// The indexing fast path: a header scanner for the common case (Part 10 files in implicit or
// explicit little endian, explicit big endian, or any encapsulated syntax), reading the first
// 256 KiB once and collecting the wanted top-level values. DCMTK took about 100 us per file,
// most of it allocating objects and looking up its dictionary for every element; this takes a
// few. Anything unusual (deflate, LUT sequences, a header past 256 KiB, inconsistent lengths)
// returns "not handled" and the caller reads the file with DCMTK, the reference this scanner is
// tested against (Tests/DICOMTests/HeaderScanTests.swift).
#include "cdcmtk.h"
#include "internal.h"

#include <sys/stat.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

namespace {

const size_t kHeadBytes = 256 * 1024;

struct Scanner {
    const uint8_t *data;
    size_t size;
    size_t offset;
    bool explicitVR;
    bool bigEndian;

    uint16_t u16(size_t at) const {
        return bigEndian ? static_cast<uint16_t>(data[at] << 8 | data[at + 1]) : static_cast<uint16_t>(data[at] | data[at + 1] << 8);
    }
    uint32_t u32(size_t at) const {
        return bigEndian ? (static_cast<uint32_t>(data[at]) << 24 | static_cast<uint32_t>(data[at + 1]) << 16
                            | static_cast<uint32_t>(data[at + 2]) << 8 | data[at + 3])
                         : (static_cast<uint32_t>(data[at]) | static_cast<uint32_t>(data[at + 1]) << 8
                            | static_cast<uint32_t>(data[at + 2]) << 16 | static_cast<uint32_t>(data[at + 3]) << 24);
    }
};

struct Element {
    uint16_t group, element;
    char vr[3];
    uint32_t length;       // 0xFFFFFFFF: undefined
    size_t valueOffset;
};

bool hasLongLength(const char *vr) {
    static const char *const longVRs[] = {"OB", "OD", "OF", "OL", "OV", "OW", "SQ", "SV", "UC", "UN", "UR", "UT", "UV"};
    for (const char *v : longVRs) if (vr[0] == v[0] && vr[1] == v[1]) return true;
    return false;
}

bool isUpper(uint8_t c) { return c >= 'A' && c <= 'Z'; }

/// A VR of PS3.5 Table 6.2-1. DCMTK reads any other pair with a 4-byte length, so a scanner
/// that guessed otherwise would index a file DCMTK then cannot read: such files go to DCMTK.
bool isKnownVR(const char *vr) {
    static const char *const known[] = {"AE", "AS", "AT", "CS", "DA", "DS", "DT", "FD", "FL", "IS", "LO", "LT", "OB", "OD",
                                        "OF", "OL", "OV", "OW", "PN", "SH", "SL", "SQ", "SS", "ST", "SV", "TM", "UC", "UI",
                                        "UL", "UN", "UR", "US", "UT", "UV"};
    for (const char *v : known) if (vr[0] == v[0] && vr[1] == v[1]) return true;
    return false;
}

/// Reads one element header at s.offset; false when the buffer ends or the bytes make no sense.
bool readElement(Scanner &s, Element &e) {
    if (s.offset + 8 > s.size) return false;
    e.group = s.u16(s.offset);
    e.element = s.u16(s.offset + 2);
    // Item and delimiter tags never carry a VR.
    if (e.group == 0xFFFE) {
        e.vr[0] = e.vr[1] = 0;
        e.length = s.u32(s.offset + 4);
        e.valueOffset = s.offset + 8;
        return true;
    }
    if (s.explicitVR) {
        e.vr[0] = static_cast<char>(s.data[s.offset + 4]);
        e.vr[1] = static_cast<char>(s.data[s.offset + 5]);
        e.vr[2] = 0;
        if (!isUpper(s.data[s.offset + 4]) || !isUpper(s.data[s.offset + 5]) || !isKnownVR(e.vr)) return false;
        if (hasLongLength(e.vr)) {
            if (s.offset + 12 > s.size) return false;
            e.length = s.u32(s.offset + 8);
            e.valueOffset = s.offset + 12;
        } else {
            e.length = s.u16(s.offset + 6);
            e.valueOffset = s.offset + 8;
        }
    } else {
        e.vr[0] = e.vr[1] = e.vr[2] = 0;
        e.length = s.u32(s.offset + 4);
        e.valueOffset = s.offset + 8;
    }
    return true;
}

bool skipUndefined(Scanner &s, int depth, bool sequence);
bool walkDefined(const Scanner &outer, size_t begin, size_t end, bool sequence, int depth);

bool isSequence(const Element &e) { return e.vr[0] == 'S' && e.vr[1] == 'Q'; }

/// Skips the value of `e` (s.offset at its value); handles undefined-length sequences and items.
/// A defined-length sequence is walked too: its items must fill it exactly, as DCMTK requires,
/// so a damaged length inside one sends the file to DCMTK instead of being skipped over.
bool skipValue(Scanner &s, const Element &e, int depth) {
    if (e.length != 0xFFFFFFFFu) {
        if (e.valueOffset + e.length > s.size) return false;
        if (isSequence(e) && !walkDefined(s, e.valueOffset, e.valueOffset + e.length, true, depth + 1)) return false;
        s.offset = e.valueOffset + e.length;
        return true;
    }
    s.offset = e.valueOffset;
    // Undefined length: a sequence (or, in implicit VR, an element we cannot name: treated as one).
    return skipUndefined(s, depth + 1, true);
}

/// One item of a sequence (s.offset just after its header); s.offset ends after the item.
bool skipItem(Scanner &s, const Element &item, int depth) {
    if (item.length == 0xFFFFFFFFu) {
        s.offset = item.valueOffset;
        return skipUndefined(s, depth + 1, false);
    }
    if (item.valueOffset + item.length > s.size) return false;
    if (!walkDefined(s, item.valueOffset, item.valueOffset + item.length, false, depth + 1)) return false;
    s.offset = item.valueOffset + item.length;
    return true;
}

/// Skips until the delimiter that closes this level: items until (FFFE,E0DD) in a sequence,
/// elements until (FFFE,E00D) in an item. Any other item tag is a structure DCMTK refuses.
bool skipUndefined(Scanner &s, int depth, bool sequence) {
    if (depth > 16) return false;
    while (true) {
        Element e;
        if (!readElement(s, e)) return false;
        if (e.group == 0xFFFE) {
            if (e.element == (sequence ? 0xE0DD : 0xE00D)) {
                s.offset = e.valueOffset;
                return true;
            }
            if (!sequence || e.element != 0xE000) return false;
            if (!skipItem(s, e, depth)) return false;
            continue;
        }
        if (sequence) return false;  // a sequence holds items only
        if (!skipValue(s, e, depth)) return false;
    }
}

/// A defined-length sequence or item value [begin, end): its parts must end exactly at `end`.
bool walkDefined(const Scanner &outer, size_t begin, size_t end, bool sequence, int depth) {
    if (depth > 16 || end > outer.size) return false;
    Scanner s = outer;
    s.offset = begin;
    s.size = end;
    while (s.offset < end) {
        Element e;
        if (!readElement(s, e)) return false;
        if (sequence) {
            if (e.group != 0xFFFE || e.element != 0xE000 || !skipItem(s, e, depth)) return false;
        } else {
            if (e.group == 0xFFFE || !skipValue(s, e, depth)) return false;
        }
    }
    return s.offset == end;
}

/// The binary VRs among the wanted attributes, for implicit VR where the file does not say.
bool isUnsignedShortTag(uint32_t tag) {
    switch (tag) {
    case 0x00280002: case 0x00280010: case 0x00280011: case 0x00280100: case 0x00280101:
    case 0x00280102: case 0x00280103: case 0x00280006:
        return true;
    default:
        return false;
    }
}

/// The text DCMTK's getOFStringArray gives for a value: strings as they are, US/SS as
/// decimal numbers joined by '\'.
bool valueText(const Scanner &s, const Element &e, uint32_t tag, std::string &out) {
    out.clear();
    const uint8_t *v = s.data + e.valueOffset;
    bool unsignedShort = (s.explicitVR && e.vr[0] == 'U' && e.vr[1] == 'S') || (!s.explicitVR && isUnsignedShortTag(tag));
    bool signedShort = s.explicitVR && e.vr[0] == 'S' && e.vr[1] == 'S';
    if (unsignedShort || signedShort) {
        for (uint32_t i = 0; i + 1 < e.length; i += 2) {
            uint16_t raw = s.bigEndian ? static_cast<uint16_t>(v[i] << 8 | v[i + 1]) : static_cast<uint16_t>(v[i] | v[i + 1] << 8);
            if (!out.empty()) out += '\\';
            out += signedShort ? std::to_string(static_cast<int16_t>(raw)) : std::to_string(raw);
        }
        return true;
    }
    if (s.explicitVR) {
        // Only text VRs are collected this way; anything else goes to DCMTK.
        static const char *const textVRs[] = {"AE", "AS", "CS", "DA", "DS", "DT", "IS", "LO", "LT", "PN", "SH", "ST", "TM", "UI", "UC", "UT"};
        bool text = false;
        for (const char *t : textVRs) if (e.vr[0] == t[0] && e.vr[1] == t[1]) text = true;
        if (!text) return false;
    }
    size_t n = e.length;
    while (n > 0 && (v[n - 1] == 0 || v[n - 1] == ' ')) --n;  // DICOM pads to even length
    out.assign(reinterpret_cast<const char *>(v), n);
    return true;
}

}  // namespace

/// One attempt on `got` bytes read from the start of a file of `fileSize` bytes: 1 handled,
/// 0 needs DCMTK, 2 needs more bytes. Apart from the file reading so it can be fuzzed on a buffer.
int mt_internal::scanHeaderBytes(const uint8_t *bytes, size_t got, long long fileSize, const uint32_t *tags, size_t tag_count,
                                 mt_value *values, size_t max_values, long *value_count, char *arena, size_t arena_capacity,
                                 mt_header_scan *info) {
        std::memset(info, 0, sizeof *info);
        *value_count = 0;
        const uint8_t *head = bytes;
        const bool wholeFile = static_cast<long long>(got) == fileSize;
        // Running out of bytes means "read more" unless the whole file is already here.
        const int outOfBytes = wholeFile ? 0 : 2;
        if (got < 132 + 12) return wholeFile ? 0 : 2;
        if (std::memcmp(head + 128, "DICM", 4) != 0) return 0;  // only Part 10 files
        info->has_meta = 1;

        // File Meta Information: always explicit VR little endian.
        Scanner s{head, got, 132, true, false};
        std::string transferSyntax;
        // DCMTK reads the meta group as long as (0002,0000) says: a group length that disagrees
        // with where group 0002 ends makes it read a different data set, so DCMTK judges those.
        long long groupEnd = -1;
        while (true) {
            if (s.offset + 8 > s.size) return outOfBytes;
            if (s.u16(s.offset) != 0x0002) break;
            Element e;
            if (!readElement(s, e)) return outOfBytes;
            if (e.length == 0xFFFFFFFFu) return 0;
            if (e.valueOffset + e.length > s.size) return outOfBytes;
            if (e.element == 0x0000 && e.length == 4) groupEnd = static_cast<long long>(e.valueOffset + 4 + s.u32(e.valueOffset));
            if (e.element == 0x0010) {
                size_t n = e.length;
                while (n > 0 && (head[e.valueOffset + n - 1] == 0 || head[e.valueOffset + n - 1] == ' ')) --n;
                transferSyntax.assign(reinterpret_cast<const char *>(head + e.valueOffset), n);
            }
            s.offset = e.valueOffset + e.length;
        }
        if (groupEnd >= 0 && groupEnd != static_cast<long long>(s.offset)) return 0;
        if (transferSyntax.empty() || transferSyntax.size() >= sizeof info->transfer_syntax) return 0;
        if (transferSyntax == "1.2.840.10008.1.2.1.99") return 0;  // deflated: DCMTK inflates
        std::snprintf(info->transfer_syntax, sizeof info->transfer_syntax, "%s", transferSyntax.c_str());
        s.explicitVR = transferSyntax != "1.2.840.10008.1.2";
        s.bigEndian = transferSyntax == "1.2.840.10008.1.2.2";

        size_t used = 0, count = 0;
        std::string text;
        uint32_t previousTag = 0;
        while (true) {
            if (s.offset == s.size) {
                // The data set ended inside the buffer: a whole file without Pixel Data.
                if (!wholeFile) return 2;
                break;
            }
            Element e;
            if (!readElement(s, e)) return outOfBytes;
            const uint32_t tag = static_cast<uint32_t>(e.group) << 16 | e.element;
            // Top-level tags ascend (PS3.5 7.1); out of order means a length we misread: DCMTK judges.
            if (tag <= previousTag) return 0;
            previousTag = tag;
            if (tag == 0x7FE00010) {
                info->pixel_data_follows = 1;
                info->bytes_after_header = fileSize - static_cast<long long>(e.valueOffset);
                break;
            }
            if (e.group == 0xFFFE) return 0;  // a stray item at top level: let DCMTK judge
            // LUT sequences carry binary data we do not decode here.
            if (tag == 0x00283000 || tag == 0x00283010) return 0;
            if (tag == 0x00540220) {
                // View Code Sequence, first item: code value, scheme, meaning.
                size_t end = e.length == 0xFFFFFFFFu ? s.size : e.valueOffset + e.length;
                if (end > s.size) return outOfBytes;
                Scanner inner = s;
                inner.offset = e.valueOffset;
                Element item;
                if (inner.offset < end && readElement(inner, item) && item.group == 0xFFFE && item.element == 0xE000) {
                    size_t itemEnd = item.length == 0xFFFFFFFFu ? end : item.valueOffset + item.length;
                    if (itemEnd > s.size) return 0;
                    inner.offset = item.valueOffset;
                    info->has_view_code = 1;
                    while (inner.offset < itemEnd) {
                        Element c;
                        if (!readElement(inner, c)) return 0;
                        if (c.group == 0xFFFE) break;  // item delimiter
                        if (c.length == 0xFFFFFFFFu) { if (!skipValue(inner, c, 0)) return 0; continue; }
                        if (c.valueOffset + c.length > inner.size) return 0;
                        std::string value;
                        const uint32_t ctag = static_cast<uint32_t>(c.group) << 16 | c.element;
                        if (ctag == 0x00080100 || ctag == 0x00080102 || ctag == 0x00080104) {
                            if (!valueText(inner, c, ctag, value)) return 0;
                            char *target = ctag == 0x00080100 ? info->view_code_value
                                         : ctag == 0x00080102 ? info->view_code_scheme : info->view_code_meaning;
                            size_t capacity = ctag == 0x00080100 ? sizeof info->view_code_value
                                            : ctag == 0x00080102 ? sizeof info->view_code_scheme : sizeof info->view_code_meaning;
                            std::snprintf(target, capacity, "%s", value.c_str());
                        }
                        inner.offset = c.valueOffset + c.length;
                    }
                }
                if (!skipValue(s, e, 0)) return 0;
                continue;
            }
            bool undefined = e.length == 0xFFFFFFFFu;
            if (!undefined && std::binary_search(tags, tags + tag_count, tag)) {
                if (e.valueOffset + e.length > s.size) return outOfBytes;
                if (!valueText(s, e, tag, text)) return 0;
                if (count >= max_values || used + text.size() > arena_capacity) return 0;
                std::memcpy(arena + used, text.data(), text.size());
                values[count++] = mt_value{tag, static_cast<uint32_t>(used), static_cast<uint32_t>(text.size())};
                used += text.size();
            }
            if (!skipValue(s, e, 0)) return outOfBytes;
        }
        *value_count = static_cast<long>(count);
        return 1;
}

namespace {

/// One attempt on the first `want` bytes of the file, as scanHeaderBytes.
int scanHead(const char *path, long long fileSize, size_t want, const uint32_t *tags, size_t tag_count, mt_value *values,
             size_t max_values, long *value_count, char *arena, size_t arena_capacity, mt_header_scan *info) {
    std::memset(info, 0, sizeof *info);
    *value_count = 0;
    std::vector<uint8_t> head(static_cast<size_t>(std::min<long long>(fileSize, static_cast<long long>(want))));
    FILE *file = std::fopen(path, "rb");
    if (!file) return 0;
    size_t got = std::fread(head.data(), 1, head.size(), file);
    std::fclose(file);
    return mt_internal::scanHeaderBytes(head.data(), got, fileSize, tags, tag_count, values, max_values, value_count, arena,
                                        arena_capacity, info);
}

}  // namespace

extern "C" int mt_scan_header(const char *path, const uint32_t *tags, size_t tag_count, mt_value *values, size_t max_values,
                              long *value_count, char *arena, size_t arena_capacity, mt_header_scan *info) {
    try {
        struct stat st;
        if (::stat(path, &st) != 0 || !S_ISREG(st.st_mode)) return 0;
        const long long fileSize = static_cast<long long>(st.st_size);
        // Most headers fit in 16 KiB; a bigger one gets one more read of 256 KiB.
        for (size_t want : {size_t(16 * 1024), kHeadBytes}) {
            int result = scanHead(path, fileSize, want, tags, tag_count, values, max_values, value_count, arena, arena_capacity, info);
            if (result != 2) return result;
        }
        return 0;
    } catch (...) {
        return 0;
    }
}
