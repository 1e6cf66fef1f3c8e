// C-only boundary around DCMTK and OpenJPEG. Swift sees plain functions and status structs;
// OFCondition values and C++ exceptions never cross this line (see PLATFORM.md).
#ifndef MAMMOTERM_CDCMTK_H
#define MAMMOTERM_CDCMTK_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// Outcome of a call. `ok` is 1 on success; otherwise `message` says what went wrong and
/// `tag` (may be empty) names the attribute involved, e.g. "(7FE0,0010)".
typedef struct mt_status {
    int ok;
    char tag[16];
    char message[512];
} mt_status;

/// An opened DICOM file (a DcmFileFormat). Opaque to Swift.
typedef struct mt_dataset mt_dataset;

/// Registers codecs, silences DCMTK's own logging and checks the data dictionary. Idempotent,
/// thread-safe. Returns 0 (with a message) when the dictionary is missing.
int mt_initialize(mt_status *status);

/// Opens a file. With `header_only` parsing stops before (7FE0,0010) Pixel Data.
mt_dataset *mt_open(const char *path, int header_only, mt_status *status);
void mt_close(mt_dataset *dataset);

/// 1 when the file had a File Meta Information header (a Part 10 file).
int mt_has_meta(mt_dataset *dataset);
/// The transfer syntax UID the data set was read with (fills `buffer`, "" when unknown).
void mt_transfer_syntax(mt_dataset *dataset, char *buffer, size_t capacity);
/// 1 when the data set contains Pixel Data (also for header-only reads, where it is detected
/// by the tag parsing stopped at).
int mt_has_pixel_data(mt_dataset *dataset);

/// Header-only reads: how many bytes of the file follow the point where parsing stopped (the
/// Pixel Data element, header included), or -1 when unknown. Lets the indexer notice a file
/// whose pixel data was cut off without reading it.
long long mt_bytes_after_header(mt_dataset *dataset);

/// The whole value of a string-like attribute at top level (multiple values joined by '\').
/// Returns the full length of the value (which may exceed `capacity - 1`: the copy is cut), or
/// -1 when absent. Numeric VRs (US, SS, FL, FD, ...) are converted to their decimal text.
long mt_get_string(mt_dataset *dataset, uint16_t group, uint16_t element, char *buffer, size_t capacity);

/// Where one collected value lies in the arena of mt_collect.
typedef struct mt_value {
    uint32_t tag;     // (group << 16) | element
    uint32_t offset;  // into the arena
    uint32_t length;  // bytes, not NUL-terminated
} mt_value;

/// Reads the text of every listed top-level attribute in one pass over the data set (far
/// cheaper than one search per attribute). `tags` must be sorted ascending. Texts are laid
/// back to back in `arena`. Returns the number of values written, or -1 when `arena` or
/// `values` is too small (`*arena_needed` then says how much arena it takes).
long mt_collect(mt_dataset *dataset, const uint32_t *tags, size_t tag_count, mt_value *values, size_t max_values,
                char *arena, size_t arena_capacity, size_t *arena_needed);

/// What the fast header scan learned besides the collected values.
typedef struct mt_header_scan {
    int has_meta;
    int pixel_data_follows;
    long long bytes_after_header;  // after the Pixel Data element's header
    char transfer_syntax[72];
    int has_view_code;
    char view_code_value[68];
    char view_code_scheme[20];
    char view_code_meaning[132];
} mt_header_scan;

/// The indexing fast path (header_scan.cpp): scans a Part 10 file's header without DCMTK and
/// collects the listed top-level values (sorted `tags`) into `values`/`arena` as mt_collect
/// does. Returns 1 when handled, 0 when the file needs DCMTK (deflate, LUT sequences, no
/// Part 10 header, anything inconsistent) — never an error of its own.
int mt_scan_header(const char *path, const uint32_t *tags, size_t tag_count, mt_value *values, size_t max_values,
                   long *value_count, char *arena, size_t arena_capacity, mt_header_scan *info);

/// As mt_get_string, for an attribute inside item `item` of a top-level sequence.
long mt_get_item_string(mt_dataset *dataset, uint16_t seq_group, uint16_t seq_element, unsigned long item,
                        uint16_t group, uint16_t element, char *buffer, size_t capacity);

/// Number of items in a top-level sequence (0 when absent).
unsigned long mt_sequence_count(mt_dataset *dataset, uint16_t seq_group, uint16_t seq_element);

/// 16-bit words of an attribute inside a sequence item (e.g. LUT Data). Returns the number of
/// words present (copying at most `capacity`), or -1 when absent.
long mt_get_item_uint16s(mt_dataset *dataset, uint16_t seq_group, uint16_t seq_element, unsigned long item,
                         uint16_t group, uint16_t element, uint16_t *buffer, size_t capacity);

/// Geometry of the decoded frame, as found after decompression.
typedef struct mt_pixel_info {
    int rows;
    int columns;
    int samples_per_pixel;
    int bits_allocated;
    int bits_stored;
    int high_bit;
    int pixel_representation;
    int planar_configuration;
    int number_of_frames;
    char photometric[32];
} mt_pixel_info;

/// Decodes frame 0 of the pixel data (any transfer syntax DCMTK or OpenJPEG can decode) into
/// `info`. Call with `out == NULL` first to learn the geometry; then with a buffer of
/// rows*columns*samples Int32 values. Values are the stored values, bits outside
/// BitsStored masked off and sign-extended when PixelRepresentation is 1, samples interleaved
/// (R,G,B,R,...) whatever the planar configuration was. With `reference_decoders` set, only
/// DCMTK's own codecs are used (the reference the fast RLE path is tested against).
int mt_decode_frame(mt_dataset *dataset, mt_pixel_info *info, int32_t *out, size_t capacity, int reference_decoders,
                    mt_status *status);

/// One attribute to write: tag and its value as DICOM text (multiple values separated by '\').
typedef struct mt_attribute {
    uint16_t group;
    uint16_t element;
    const char *value;
} mt_attribute;

/// A code for a code sequence (ViewCodeSequence and the like). A NULL `value` writes the
/// sequence empty (a Type 2 sequence with nothing to say).
typedef struct mt_code {
    uint16_t seq_group;
    uint16_t seq_element;
    const char *value;
    const char *scheme;
    const char *meaning;
    /// When not 0, an empty sequence written inside the code's item (the Type 2 View Modifier
    /// Code Sequence inside the View Code Sequence item, PS3.3 C.8.11.7).
    uint16_t empty_group;
    uint16_t empty_element;
} mt_code;

enum { MT_COMPRESSION_NONE = 0, MT_COMPRESSION_RLE = 1, MT_COMPRESSION_JPEG_LS = 2 };

/// Writes a 16-bit unsigned MONOCHROME2 image with the given attributes (the caller supplies
/// SOP class, UIDs, and everything else) as a Part 10 file, optionally compressed losslessly.
int mt_write_image16(const char *path, const uint16_t *pixels, int rows, int columns, int bits_stored,
                     const mt_attribute *attributes, size_t attribute_count,
                     const mt_code *codes, size_t code_count, int compression, mt_status *status);

#ifdef __cplusplus
}
#endif

#endif
