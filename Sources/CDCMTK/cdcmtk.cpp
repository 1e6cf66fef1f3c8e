// DCMTK and OpenJPEG behind the C API of cdcmtk.h. Every DCMTK status and C++ exception stops
// here and comes back as an mt_status; nothing is logged to stderr (it would corrupt a screen).
#include "cdcmtk.h"
#include "internal.h"
#include "status.h"

#include <dcmtk/config/osconfig.h>
#include <dcmtk/dcmdata/dctk.h>
#include <dcmtk/dcmdata/dcistrmf.h>
#include <dcmtk/dcmdata/dcpixseq.h>
#include <dcmtk/dcmdata/dcpxitem.h>
#include <dcmtk/dcmdata/dcrledrg.h>
#include <dcmtk/dcmdata/dcrleerg.h>
#include <dcmtk/dcmjpeg/djdecode.h>
#include <dcmtk/dcmjpls/djdecode.h>
#include <dcmtk/dcmjpls/djencode.h>
#include <dcmtk/dcmjpls/djcparam.h>
#include <dcmtk/dcmjpls/djrparam.h>
#include <dcmtk/oflog/oflog.h>
#include <openjpeg-2.5/openjpeg.h>

#include <algorithm>
#include <cstdio>
#include <sys/stat.h>
#include <cstring>
#include <exception>
#include <mutex>
#include <thread>
#include <string>
#include <vector>

struct mt_dataset {
    DcmFileFormat file;
    bool headerOnly = false;
    bool pixelDataFollows = false;  // header-only: parsing stopped at (7FE0,0010)
    long long bytesAfterStop = -1;  // header-only: file bytes from the stop to the end
};

namespace {

/// Refuse images whose frame would need more than this many samples (1 GiB of Int32 values);
/// a lying Rows/Columns must not make us allocate without bound.
const unsigned long long kMaxSamples = 1ull << 28;

using mt_internal::setStatus;
using mt_internal::setOK;

std::string tagText(const DcmTagKey &key) {
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "(%04X,%04X)", key.getGroup(), key.getElement());
    return buffer;
}

std::once_flag initOnce;
bool dictionaryLoaded = false;

void initializeOnce() {
    std::call_once(initOnce, [] {
        // DCMTK logs "E: ..." lines to stderr by default; we carry messages ourselves.
        OFLog::configure(OFLogger::FATAL_LOG_LEVEL);
        DcmRLEDecoderRegistration::registerCodecs();
        DcmRLEEncoderRegistration::registerCodecs();
        DJDecoderRegistration::registerCodecs();
        DJLSDecoderRegistration::registerCodecs();
        DJLSEncoderRegistration::registerCodecs();
        dictionaryLoaded = dcmDataDict.isDictionaryLoaded();
    });
}

long copyString(const OFString &value, char *buffer, size_t capacity) {
    if (buffer && capacity > 0) {
        size_t n = value.length() < capacity - 1 ? value.length() : capacity - 1;
        std::memcpy(buffer, value.c_str(), n);
        buffer[n] = 0;
    }
    return static_cast<long>(value.length());
}

long elementString(DcmElement *element, char *buffer, size_t capacity) {
    OFString value;
    if (element->getOFStringArray(value).bad()) return -1;
    return copyString(value, buffer, capacity);
}

DcmItem *sequenceItem(mt_dataset *dataset, uint16_t group, uint16_t element, unsigned long item) {
    DcmItem *found = nullptr;
    if (dataset->file.getDataset()->findAndGetSequenceItem(DcmTagKey(group, element), found, static_cast<int>(item)).bad())
        return nullptr;
    return found;
}

/// The negative value of a `bits`-wide two's complement sample whose sign bit is set (bits < 32).
/// In 64 bits: with 31 bits, v - 2^31 overflowed int32 (undefined; found by the rle fuzz target).
int32_t signExtended(uint32_t v, int bits) {
    return static_cast<int32_t>(static_cast<int64_t>(v) - (int64_t(1) << bits));
}

// ---- JPEG 2000 through OpenJPEG, from memory ----

struct MemoryStream {
    const Uint8 *data;
    OPJ_SIZE_T size;
    OPJ_SIZE_T offset;
};

OPJ_SIZE_T memoryRead(void *buffer, OPJ_SIZE_T count, void *user) {
    auto *stream = static_cast<MemoryStream *>(user);
    if (stream->offset >= stream->size) return static_cast<OPJ_SIZE_T>(-1);
    OPJ_SIZE_T n = stream->size - stream->offset < count ? stream->size - stream->offset : count;
    std::memcpy(buffer, stream->data + stream->offset, n);
    stream->offset += n;
    return n;
}

OPJ_OFF_T memorySkip(OPJ_OFF_T count, void *user) {
    auto *stream = static_cast<MemoryStream *>(user);
    if (count < 0) {
        if (static_cast<OPJ_SIZE_T>(-count) > stream->offset) return -1;
    } else if (stream->offset + static_cast<OPJ_SIZE_T>(count) > stream->size) {
        count = static_cast<OPJ_OFF_T>(stream->size - stream->offset);
    }
    stream->offset = static_cast<OPJ_SIZE_T>(static_cast<OPJ_OFF_T>(stream->offset) + count);
    return count;
}

OPJ_BOOL memorySeek(OPJ_OFF_T position, void *user) {
    auto *stream = static_cast<MemoryStream *>(user);
    if (position < 0 || static_cast<OPJ_SIZE_T>(position) > stream->size) return OPJ_FALSE;
    stream->offset = static_cast<OPJ_SIZE_T>(position);
    return OPJ_TRUE;
}

void openjpegMessage(const char *message, void *user) {
    auto *text = static_cast<std::string *>(user);
    if (text->empty()) *text = message;
    while (!text->empty() && (text->back() == '\n' || text->back() == ' ')) text->pop_back();
}

/// The bytes of frame 0 of an encapsulated pixel data element: its fragments, concatenated.
bool firstFrameFragments(DcmDataset *ds, std::vector<Uint8> &bytes, long frames, mt_status *status) {
    DcmElement *element = nullptr;
    if (ds->findAndGetElement(DCM_PixelData, element).bad() || !element) {
        setStatus(status, "(7FE0,0010)", "no Pixel Data");
        return false;
    }
    auto *pixelData = OFstatic_cast(DcmPixelData *, element);
    DcmPixelSequence *sequence = nullptr;
    E_TransferSyntax xfer = ds->getOriginalXfer();
    if (pixelData->getEncapsulatedRepresentation(xfer, nullptr, sequence).bad() || !sequence) {
        setStatus(status, "(7FE0,0010)", "Pixel Data is not encapsulated as the transfer syntax says");
        return false;
    }
    unsigned long items = sequence->card();
    if (items < 2) {
        setStatus(status, "(7FE0,0010)", "encapsulated Pixel Data has no fragments");
        return false;
    }
    // One fragment per frame when the counts agree; otherwise a single frame spans all.
    unsigned long last = (frames > 1 && static_cast<unsigned long>(frames) == items - 1) ? 1 : items - 1;
    for (unsigned long i = 1; i <= last; ++i) {
        DcmPixelItem *fragment = nullptr;
        if (sequence->getItem(fragment, i).bad() || !fragment) continue;
        Uint8 *data = nullptr;
        if (fragment->getUint8Array(data).bad() || !data) continue;
        bytes.insert(bytes.end(), data, data + fragment->getLength());
    }
    if (bytes.empty()) {
        setStatus(status, "(7FE0,0010)", "encapsulated Pixel Data fragments are empty");
        return false;
    }
    return true;
}

bool decodeJPEG2000(DcmDataset *ds, mt_pixel_info *info, int32_t *out, size_t capacity, mt_status *status) {
    std::vector<Uint8> bytes;
    if (!firstFrameFragments(ds, bytes, info->number_of_frames, status)) return false;
    bool jp2 = bytes.size() >= 12 && bytes[0] == 0 && bytes[1] == 0 && bytes[2] == 0 && bytes[3] == 0x0C
               && bytes[4] == 0x6A && bytes[5] == 0x50;
    opj_codec_t *codec = opj_create_decompress(jp2 ? OPJ_CODEC_JP2 : OPJ_CODEC_J2K);
    std::string message;
    opj_set_error_handler(codec, openjpegMessage, &message);
    opj_dparameters_t parameters;
    opj_set_default_decoder_parameters(&parameters);
    opj_image_t *image = nullptr;
    MemoryStream memory{bytes.data(), bytes.size(), 0};
    opj_stream_t *stream = opj_stream_create(64 * 1024, OPJ_TRUE);
    opj_stream_set_user_data(stream, &memory, nullptr);
    opj_stream_set_user_data_length(stream, bytes.size());
    opj_stream_set_read_function(stream, memoryRead);
    opj_stream_set_skip_function(stream, memorySkip);
    opj_stream_set_seek_function(stream, memorySeek);
    bool ok = opj_setup_decoder(codec, &parameters) && opj_read_header(stream, codec, &image) && image
              && opj_decode(codec, stream, image) && opj_end_decompress(codec, stream);
    opj_stream_destroy(stream);
    opj_destroy_codec(codec);
    if (!ok) {
        if (image) opj_image_destroy(image);
        setStatus(status, "(7FE0,0010)", "JPEG 2000 decode failed: " + (message.empty() ? std::string("corrupt codestream") : message));
        return false;
    }
    int components = static_cast<int>(image->numcomps);
    if (components < 1 || components != info->samples_per_pixel) {
        // Trust the codestream over the header for the number of samples.
        info->samples_per_pixel = components;
    }
    int width = static_cast<int>(image->comps[0].w), height = static_cast<int>(image->comps[0].h);
    for (int c = 1; c < components; ++c) {
        if (static_cast<int>(image->comps[c].w) != width || static_cast<int>(image->comps[c].h) != height) {
            opj_image_destroy(image);
            setStatus(status, "(7FE0,0010)", "JPEG 2000 components are subsampled, which is not supported");
            return false;
        }
    }
    if (width != info->columns || height != info->rows) {
        opj_image_destroy(image);
        setStatus(status, "(7FE0,0010)", "JPEG 2000 image is " + std::to_string(width) + "x" + std::to_string(height)
                                              + " but Rows/Columns say " + std::to_string(info->columns) + "x"
                                              + std::to_string(info->rows));
        return false;
    }
    if (components > 1) std::snprintf(info->photometric, sizeof info->photometric, "RGB");  // MCT undone by OpenJPEG
    info->planar_configuration = 0;
    unsigned long long count = static_cast<unsigned long long>(width) * height * components;
    if (!out) {
        opj_image_destroy(image);
        setOK(status);
        return true;
    }
    if (capacity < count) {
        opj_image_destroy(image);
        setStatus(status, "", "output buffer too small");
        return false;
    }
    int bits = info->bits_stored;
    bool wantSigned = info->pixel_representation == 1;
    for (int c = 0; c < components; ++c) {
        const OPJ_INT32 *data = image->comps[c].data;
        bool isSigned = image->comps[c].sgnd != 0;
        for (unsigned long long i = 0; i < static_cast<unsigned long long>(width) * height; ++i) {
            int32_t v = data[i];
            // The header wins over the codestream when they disagree on signedness (as pydicom does).
            if (wantSigned != isSigned && bits > 0 && bits < 32) {
                uint32_t mask = (1u << bits) - 1u;
                uint32_t u = static_cast<uint32_t>(v) & mask;
                v = (wantSigned && (u & (1u << (bits - 1)))) ? signExtended(u, bits) : static_cast<int32_t>(u);
            }
            out[i * components + c] = v;
        }
    }
    opj_image_destroy(image);
    setOK(status);
    return true;
}

/// Stored values of frame 0 from native (uncompressed) pixel data, masked and sign-extended.
bool extractNative(DcmDataset *ds, mt_pixel_info *info, int32_t *out, mt_status *status) {
    DcmElement *element = nullptr;
    if (ds->findAndGetElement(DCM_PixelData, element).bad() || !element) {
        setStatus(status, "(7FE0,0010)", "no Pixel Data");
        return false;
    }
    const unsigned long long pixels = static_cast<unsigned long long>(info->rows) * info->columns;
    const int spp = info->samples_per_pixel;
    const unsigned long long samples = pixels * spp;
    const int allocated = info->bits_allocated;
    const unsigned long long neededBits = samples * allocated;
    const unsigned long long neededBytes = (neededBits + 7) / 8;
    const unsigned long long have = element->getLength();
    if (have < neededBytes) {
        setStatus(status, "(7FE0,0010)", "Pixel Data holds " + std::to_string(have) + " bytes, but " + std::to_string(info->columns)
                                              + "x" + std::to_string(info->rows) + "x" + std::to_string(spp) + " samples of "
                                              + std::to_string(allocated) + " bits need " + std::to_string(neededBytes));
        return false;
    }
    const int stored = info->bits_stored;
    const int shift = info->high_bit + 1 - stored >= 0 ? info->high_bit + 1 - stored : 0;
    const bool isSigned = info->pixel_representation == 1;
    auto convert = [&](uint32_t raw) -> int32_t {
        if (stored >= 32) return static_cast<int32_t>(raw);
        uint32_t mask = (1u << stored) - 1u;
        uint32_t v = (raw >> shift) & mask;
        if (isSigned && (v & (1u << (stored - 1)))) return signExtended(v, stored);
        return static_cast<int32_t>(v);
    };
    // Planar configuration 1 stores all reds, then greens, then blues; we interleave.
    const bool planar = spp > 1 && info->planar_configuration == 1;
    auto place = [&](unsigned long long index, int32_t value) {
        if (planar) {
            unsigned long long plane = index / pixels, pixel = index % pixels;
            out[pixel * spp + plane] = value;
        } else {
            out[index] = value;
        }
    };
    if (allocated == 1 || allocated == 8) {
        Uint8 *bytes = nullptr;
        if (element->getUint8Array(bytes).bad() || !bytes) {
            setStatus(status, "(7FE0,0010)", "cannot read Pixel Data as bytes");
            return false;
        }
        if (allocated == 1) {
            for (unsigned long long i = 0; i < samples; ++i) place(i, (bytes[i / 8] >> (i % 8)) & 1);
        } else {
            for (unsigned long long i = 0; i < samples; ++i) place(i, convert(bytes[i]));
        }
    } else if (allocated == 16 || allocated == 32) {
        Uint16 *words = nullptr;
        if (element->getUint16Array(words).bad() || !words) {
            setStatus(status, "(7FE0,0010)", "cannot read Pixel Data as 16-bit words");
            return false;
        }
        if (allocated == 16) {
            for (unsigned long long i = 0; i < samples; ++i) place(i, convert(words[i]));
        } else {
            // Words are in host order; a big-endian file leaves the high word first.
            bool bigEndian = DcmXfer(ds->getOriginalXfer()).getByteOrder() == EBO_BigEndian;
            for (unsigned long long i = 0; i < samples; ++i) {
                uint32_t lo = words[2 * i], hi = words[2 * i + 1];
                uint32_t raw = bigEndian ? (lo << 16) | hi : (hi << 16) | lo;
                place(i, convert(raw));
            }
        }
    } else {
        setStatus(status, "(0028,0100)", "BitsAllocated " + std::to_string(allocated) + " is not supported");
        return false;
    }
    return true;
}

/// PackBits: n >= 0 copies n + 1 bytes, -127..-1 repeats the next byte 1 - n times, -128 is
/// nothing. Returns how many bytes of `dst` were filled.
size_t unpackBytes(const Uint8 *data, size_t at, size_t end, Uint8 *dst, size_t pixels) {
    size_t filled = 0;
    while (filled < pixels && at < end) {
        int8_t n = static_cast<int8_t>(data[at++]);
        if (n >= 0) {
            size_t count = std::min({static_cast<size_t>(n) + 1, end - at, pixels - filled});
            std::memcpy(dst + filled, data + at, count);
            at += count;
            filled += count;
        } else if (n != -128) {
            if (at >= end) break;
            size_t count = std::min(static_cast<size_t>(1 - n), pixels - filled);
            std::memset(dst + filled, data[at++], count);
            filled += count;
        }
    }
    return filled;
}

/// DICOM RLE (PS3.5 Annex G) decoded straight into interleaved Int32 samples. DCMTK's decoder
/// is the reference (tests compare both); this one skips its intermediate copies, which made
/// decoding a 12-megapixel mammogram about twice as slow.
bool decodeRLE(DcmDataset *ds, mt_pixel_info *info, int32_t *out, mt_status *status) {
    std::vector<Uint8> bytes;
    if (!firstFrameFragments(ds, bytes, info->number_of_frames, status)) return false;
    return mt_internal::decodeRLEBytes(bytes, info, out, status);
}

}  // namespace

bool mt_internal::decodeRLEBytes(const std::vector<uint8_t> &bytes, mt_pixel_info *info, int32_t *out, mt_status *status) {
    const int allocated = info->bits_allocated, spp = info->samples_per_pixel;
    if (allocated % 8 != 0) {
        setStatus(status, "(0028,0100)", "RLE with BitsAllocated " + std::to_string(allocated) + " is not supported");
        return false;
    }
    const int bytesPerSample = allocated / 8;
    const size_t pixels = static_cast<size_t>(info->rows) * info->columns;
    if (bytes.size() < 64) {
        setStatus(status, "(7FE0,0010)", "RLE header is truncated");
        return false;
    }
    auto u32 = [&](size_t at) {
        return static_cast<uint32_t>(bytes[at]) | static_cast<uint32_t>(bytes[at + 1]) << 8
               | static_cast<uint32_t>(bytes[at + 2]) << 16 | static_cast<uint32_t>(bytes[at + 3]) << 24;
    };
    const uint32_t segments = u32(0);
    if (segments != static_cast<uint32_t>(spp * bytesPerSample) || segments > 15) {
        setStatus(status, "(7FE0,0010)", "RLE data has " + std::to_string(segments) + " segments, expected "
                                              + std::to_string(spp * bytesPerSample));
        return false;
    }
    const int stored = info->bits_stored;
    const int shift = info->high_bit + 1 - stored >= 0 ? info->high_bit + 1 - stored : 0;
    const uint32_t mask = stored >= 32 ? 0xFFFFFFFFu : (1u << stored) - 1u;
    // Each segment unpacks into its own byte plane (memcpy/memset runs), the segments spread
    // over the cores; then one pass assembles the samples, most significant byte first.
    std::vector<std::vector<Uint8>> planes(segments);
    std::vector<std::string> problems(segments);
    auto unpackSegment = [&](uint32_t segment) {
        size_t at = u32(4 + 4 * segment);
        size_t end = segment + 1 < segments ? u32(8 + 4 * segment) : bytes.size();
        if (at < 64 || at > bytes.size() || end > bytes.size() || end < at) {
            problems[segment] = "RLE segment offsets point outside the data";
            return;
        }
        planes[segment].resize(pixels);
        size_t filled = unpackBytes(bytes.data(), at, end, planes[segment].data(), pixels);
        if (filled < pixels) {
            problems[segment] = "RLE segment " + std::to_string(segment) + " ends after " + std::to_string(filled) + " of "
                                + std::to_string(pixels) + " bytes";
        }
    };
    {
        const uint32_t workers = std::max(1u, std::min(segments, std::thread::hardware_concurrency()));
        std::vector<std::thread> threads;
        for (uint32_t w = 1; w < workers; ++w) {
            threads.emplace_back([&, w] { for (uint32_t seg = w; seg < segments; seg += workers) unpackSegment(seg); });
        }
        for (uint32_t seg = 0; seg < segments; seg += workers) unpackSegment(seg);
        for (auto &t : threads) t.join();
    }
    for (const std::string &problem : problems) {
        if (!problem.empty()) {
            setStatus(status, "(7FE0,0010)", problem);
            return false;
        }
    }
    for (int sample = 0; sample < spp; ++sample) {
        int32_t *dst = out + sample;
        if (bytesPerSample == 1) {
            const Uint8 *p0 = planes[sample].data();
            for (size_t i = 0; i < pixels; ++i) dst[i * spp] = p0[i];
        } else if (bytesPerSample == 2) {
            const Uint8 *hi = planes[sample * 2].data(), *lo = planes[sample * 2 + 1].data();
            for (size_t i = 0; i < pixels; ++i) dst[i * spp] = static_cast<int32_t>(static_cast<uint32_t>(hi[i]) << 8 | lo[i]);
        } else {
            for (size_t i = 0; i < pixels; ++i) {
                uint32_t v = 0;
                for (int b = 0; b < bytesPerSample; ++b) v = v << 8 | planes[sample * bytesPerSample + b][i];
                dst[i * spp] = static_cast<int32_t>(v);
            }
        }
    }
    const bool isSigned = info->pixel_representation == 1;
    if (shift != 0 || stored < allocated || isSigned) {
        const size_t samples = pixels * spp;
        for (size_t i = 0; i < samples; ++i) {
            uint32_t v = (static_cast<uint32_t>(out[i]) >> shift) & mask;
            if (isSigned && stored < 32 && (v & (1u << (stored - 1)))) {
                out[i] = signExtended(v, stored);
            } else {
                out[i] = static_cast<int32_t>(v);
            }
        }
    }
    info->planar_configuration = 0;
    return true;
}

namespace {

/// DCMTK's JPEG-LS encoder pads an odd-length fragment to even length without setting the pad
/// byte after the end-of-image marker, so identical images could give different files. Zero it.
void zeroFragmentPadding(DcmDataset *ds, E_TransferSyntax xfer) {
    DcmElement *element = nullptr;
    if (ds->findAndGetElement(DCM_PixelData, element).bad() || !element) return;
    DcmPixelSequence *sequence = nullptr;
    if (OFstatic_cast(DcmPixelData *, element)->getEncapsulatedRepresentation(xfer, nullptr, sequence).bad() || !sequence) return;
    for (unsigned long i = 1; i < sequence->card(); ++i) {
        DcmPixelItem *fragment = nullptr;
        Uint8 *bytes = nullptr;
        if (sequence->getItem(fragment, i).bad() || !fragment || fragment->getUint8Array(bytes).bad() || !bytes) continue;
        Uint32 length = fragment->getLength();
        if (length >= 3 && bytes[length - 3] == 0xFF && bytes[length - 2] == 0xD9) bytes[length - 1] = 0;
    }
}

bool isJPEG2000(E_TransferSyntax xfer) {
    return xfer == EXS_JPEG2000LosslessOnly || xfer == EXS_JPEG2000 || xfer == EXS_JPEG2000MulticomponentLosslessOnly
           || xfer == EXS_JPEG2000Multicomponent;
}

int readPixelInfo(DcmDataset *ds, mt_pixel_info *info, mt_status *status) {
    Uint16 rows = 0, columns = 0, spp = 1, allocated = 0, stored = 0, high = 0, representation = 0, planar = 0;
    if (ds->findAndGetUint16(DCM_Rows, rows).bad() || rows == 0) {
        setStatus(status, "(0028,0010)", "Rows is missing or zero");
        return 0;
    }
    if (ds->findAndGetUint16(DCM_Columns, columns).bad() || columns == 0) {
        setStatus(status, "(0028,0011)", "Columns is missing or zero");
        return 0;
    }
    if (ds->findAndGetUint16(DCM_BitsAllocated, allocated).bad() || allocated == 0) {
        setStatus(status, "(0028,0100)", "BitsAllocated is missing or zero");
        return 0;
    }
    ds->findAndGetUint16(DCM_SamplesPerPixel, spp);
    if (ds->findAndGetUint16(DCM_BitsStored, stored).bad() || stored == 0) stored = allocated;
    if (ds->findAndGetUint16(DCM_HighBit, high).bad()) high = stored - 1;
    ds->findAndGetUint16(DCM_PixelRepresentation, representation);
    ds->findAndGetUint16(DCM_PlanarConfiguration, planar);
    if (spp == 0 || spp > 4) {
        setStatus(status, "(0028,0002)", "SamplesPerPixel " + std::to_string(spp) + " is not 1 or 3");
        return 0;
    }
    if (stored > allocated || stored > 32 || high >= allocated) {
        setStatus(status, "(0028,0101)", "BitsStored " + std::to_string(stored) + " / HighBit " + std::to_string(high)
                                              + " do not fit BitsAllocated " + std::to_string(allocated));
        return 0;
    }
    unsigned long long samples = static_cast<unsigned long long>(rows) * columns * spp;
    if (samples > kMaxSamples) {
        setStatus(status, "(0028,0010)", "image of " + std::to_string(columns) + "x" + std::to_string(rows) + "x"
                                              + std::to_string(spp) + " samples is too large");
        return 0;
    }
    long frames = 1;
    OFString framesText;
    if (ds->findAndGetOFString(DCM_NumberOfFrames, framesText).good()) {
        frames = std::atol(framesText.c_str());
        if (frames < 1) frames = 1;
    }
    OFString photometric;
    ds->findAndGetOFString(DCM_PhotometricInterpretation, photometric);
    info->rows = rows;
    info->columns = columns;
    info->samples_per_pixel = spp;
    info->bits_allocated = allocated;
    info->bits_stored = stored;
    info->high_bit = high;
    info->pixel_representation = representation;
    info->planar_configuration = planar;
    info->number_of_frames = static_cast<int>(frames);
    std::snprintf(info->photometric, sizeof info->photometric, "%s", photometric.c_str());
    return 1;
}

}  // namespace

extern "C" {

int mt_initialize(mt_status *status) {
    try {
        initializeOnce();
        if (!dictionaryLoaded) {
            const char *path = std::getenv("DCMDICTPATH");
            setStatus(status, "", std::string("the DICOM data dictionary is not loaded (DCMDICTPATH=")
                                      + (path ? path : "unset") + "; the default is /usr/share/libdcmtk17/dicom.dic)");
            return 0;
        }
        setOK(status);
        return 1;
    } catch (const std::exception &error) {
        setStatus(status, "", std::string("DCMTK initialisation failed: ") + error.what());
        return 0;
    }
}

mt_dataset *mt_open(const char *path, int header_only, mt_status *status) {
    try {
        initializeOnce();
        auto *dataset = new mt_dataset();
        dataset->headerOnly = header_only != 0;
        OFCondition condition;
        if (header_only) {
            // Same steps as DcmFileFormat::loadFileUntilTag, keeping the stream to see whether
            // parsing stopped at Pixel Data (bytes remain) or at the end of the file.
            DcmInputFileStream stream(path);
            condition = stream.status();
            if (condition.good()) {
                dataset->file.transferInit();
                condition = dataset->file.readUntilTag(stream, EXS_Unknown, EGL_noChange, DCM_MaxReadLength, DCM_PixelData);
                dataset->file.transferEnd();
                dataset->pixelDataFollows = !stream.eos();
                struct stat info;
                if (::stat(path, &info) == 0) dataset->bytesAfterStop = static_cast<long long>(info.st_size) - static_cast<long long>(stream.tell());
            }
        } else {
            condition = dataset->file.loadFile(path);
        }
        if (condition.bad()) {
            setStatus(status, "", condition.text());
            delete dataset;
            return nullptr;
        }
        setOK(status);
        return dataset;
    } catch (const std::exception &error) {
        setStatus(status, "", std::string("DCMTK failed: ") + error.what());
        return nullptr;
    } catch (...) {
        setStatus(status, "", "DCMTK failed with an unknown error");
        return nullptr;
    }
}

void mt_close(mt_dataset *dataset) { delete dataset; }


int mt_has_meta(mt_dataset *dataset) {
    DcmMetaInfo *meta = dataset->file.getMetaInfo();
    return meta && meta->card() > 0 ? 1 : 0;
}

void mt_transfer_syntax(mt_dataset *dataset, char *buffer, size_t capacity) {
    E_TransferSyntax xfer = dataset->file.getDataset()->getOriginalXfer();
    const char *uid = xfer == EXS_Unknown ? "" : DcmXfer(xfer).getXferID();
    std::snprintf(buffer, capacity, "%s", uid ? uid : "");
}

long long mt_bytes_after_header(mt_dataset *dataset) { return dataset->headerOnly ? dataset->bytesAfterStop : -1; }

int mt_has_pixel_data(mt_dataset *dataset) {
    if (dataset->file.getDataset()->tagExists(DCM_PixelData)) return 1;
    return dataset->headerOnly && dataset->pixelDataFollows ? 1 : 0;
}

long mt_get_string(mt_dataset *dataset, uint16_t group, uint16_t element, char *buffer, size_t capacity) {
    try {
        DcmElement *found = nullptr;
        if (dataset->file.getDataset()->findAndGetElement(DcmTagKey(group, element), found).bad() || !found) return -1;
        return elementString(found, buffer, capacity);
    } catch (...) {
        return -1;
    }
}

long mt_collect(mt_dataset *dataset, const uint32_t *tags, size_t tag_count, mt_value *values, size_t max_values,
                char *arena, size_t arena_capacity, size_t *arena_needed) {
    try {
        DcmDataset *ds = dataset->file.getDataset();
        size_t used = 0, count = 0;
        bool overflow = false;
        OFString text;
        for (DcmObject *object = ds->nextInContainer(nullptr); object; object = ds->nextInContainer(object)) {
            const uint32_t tag = static_cast<uint32_t>(object->getGTag()) << 16 | object->getETag();
            if (!std::binary_search(tags, tags + tag_count, tag) || object->ident() == EVR_SQ) continue;
            if (OFstatic_cast(DcmElement *, object)->getOFStringArray(text).bad()) continue;
            if (count >= max_values || used + text.length() > arena_capacity) {
                overflow = true;
            } else {
                std::memcpy(arena + used, text.c_str(), text.length());
                values[count++] = mt_value{tag, static_cast<uint32_t>(used), static_cast<uint32_t>(text.length())};
            }
            used += text.length();
        }
        if (arena_needed) *arena_needed = used;
        return overflow ? -1 : static_cast<long>(count);
    } catch (...) {
        return -1;
    }
}

long mt_get_item_string(mt_dataset *dataset, uint16_t seq_group, uint16_t seq_element, unsigned long item,
                        uint16_t group, uint16_t element, char *buffer, size_t capacity) {
    try {
        DcmItem *found = sequenceItem(dataset, seq_group, seq_element, item);
        if (!found) return -1;
        DcmElement *value = nullptr;
        if (found->findAndGetElement(DcmTagKey(group, element), value).bad() || !value) return -1;
        return elementString(value, buffer, capacity);
    } catch (...) {
        return -1;
    }
}

unsigned long mt_sequence_count(mt_dataset *dataset, uint16_t seq_group, uint16_t seq_element) {
    DcmSequenceOfItems *sequence = nullptr;
    if (dataset->file.getDataset()->findAndGetSequence(DcmTagKey(seq_group, seq_element), sequence).bad() || !sequence)
        return 0;
    return sequence->card();
}

long mt_get_item_uint16s(mt_dataset *dataset, uint16_t seq_group, uint16_t seq_element, unsigned long item,
                         uint16_t group, uint16_t element, uint16_t *buffer, size_t capacity) {
    try {
        DcmItem *found = sequenceItem(dataset, seq_group, seq_element, item);
        if (!found) return -1;
        DcmElement *value = nullptr;
        if (found->findAndGetElement(DcmTagKey(group, element), value).bad() || !value) return -1;
        Uint16 *words = nullptr;
        if (value->getUint16Array(words).bad() || !words) {
            // A single US value (e.g. a LUT Data element with VM 1) or 8-bit OW data.
            Uint16 one = 0;
            if (value->getUint16(one).bad()) return -1;
            if (capacity > 0) buffer[0] = one;
            return 1;
        }
        unsigned long count = value->getLength() / 2;
        for (unsigned long i = 0; i < count && i < capacity; ++i) buffer[i] = words[i];
        return static_cast<long>(count);
    } catch (...) {
        return -1;
    }
}

int mt_decode_frame(mt_dataset *dataset, mt_pixel_info *info, int32_t *out, size_t capacity, int reference_decoders,
                    mt_status *status) {
    try {
        if (dataset->headerOnly) {
            setStatus(status, "(7FE0,0010)", "the file was opened for its header only");
            return 0;
        }
        DcmDataset *ds = dataset->file.getDataset();
        if (!ds->tagExists(DCM_PixelData)) {
            setStatus(status, "(7FE0,0010)", "the file has no Pixel Data");
            return 0;
        }
        if (!readPixelInfo(ds, info, status)) return 0;
        E_TransferSyntax xfer = ds->getOriginalXfer();
        if (isJPEG2000(xfer)) return decodeJPEG2000(ds, info, out, capacity, status) ? 1 : 0;
        // The buffer check shared by the native and RLE paths; JPEG 2000 learns its size itself.
        auto fits = [&]() {
            unsigned long long samples = static_cast<unsigned long long>(info->rows) * info->columns * info->samples_per_pixel;
            if (capacity >= samples) return true;
            setStatus(status, "", "output buffer too small");
            return false;
        };
        if (xfer == EXS_RLELossless && !reference_decoders) {
            if (out && (!fits() || !decodeRLE(ds, info, out, status))) return 0;
            setOK(status);
            return 1;
        }
        if (DcmXfer(xfer).isEncapsulated()) {
            // Decompress once in place; later calls find the native representation.
            if (!ds->hasRepresentation(EXS_LittleEndianExplicit, nullptr)) {
                OFCondition condition = ds->chooseRepresentation(EXS_LittleEndianExplicit, nullptr);
                if (condition.bad() || !ds->canWriteXfer(EXS_LittleEndianExplicit)) {
                    setStatus(status, "(7FE0,0010)", std::string("cannot decompress ") + DcmXfer(xfer).getXferName() + ": "
                                                          + (condition.bad() ? condition.text() : "no decoder for it"));
                    return 0;
                }
            }
            // The decoder may have changed photometric interpretation and planar configuration.
            if (!readPixelInfo(ds, info, status)) return 0;
        }
        if (out && (!fits() || !extractNative(ds, info, out, status))) return 0;
        setOK(status);
        return 1;
    } catch (const std::exception &error) {
        setStatus(status, "(7FE0,0010)", std::string("decoding failed: ") + error.what());
        return 0;
    } catch (...) {
        setStatus(status, "(7FE0,0010)", "decoding failed with an unknown error");
        return 0;
    }
}

int mt_write_image16(const char *path, const uint16_t *pixels, int rows, int columns, int bits_stored,
                     const mt_attribute *attributes, size_t attribute_count,
                     const mt_code *codes, size_t code_count, int compression, mt_status *status) {
    try {
        if (!mt_initialize(status)) return 0;
        if (rows <= 0 || columns <= 0 || rows > 65535 || columns > 65535 || bits_stored < 1 || bits_stored > 16) {
            setStatus(status, "(0028,0010)", "invalid image geometry for writing");
            return 0;
        }
        DcmFileFormat file;
        DcmDataset *ds = file.getDataset();
        for (size_t i = 0; i < attribute_count; ++i) {
            DcmTagKey key(attributes[i].group, attributes[i].element);
            OFCondition condition = ds->putAndInsertString(DcmTag(key), attributes[i].value ? attributes[i].value : "");
            if (condition.bad()) {
                setStatus(status, tagText(key).c_str(), std::string("cannot write attribute: ") + condition.text());
                return 0;
            }
        }
        for (size_t i = 0; i < code_count; ++i) {
            DcmItem *item = nullptr;
            DcmTagKey key(codes[i].seq_group, codes[i].seq_element);
            if (!codes[i].value) {
                if (ds->insertEmptyElement(DcmTag(key)).bad()) {
                    setStatus(status, tagText(key).c_str(), "cannot write an empty sequence");
                    return 0;
                }
                continue;
            }
            if (ds->findOrCreateSequenceItem(key, item, -2).bad() || !item
                || item->putAndInsertString(DCM_CodeValue, codes[i].value).bad()
                || item->putAndInsertString(DCM_CodingSchemeDesignator, codes[i].scheme).bad()
                || item->putAndInsertString(DCM_CodeMeaning, codes[i].meaning).bad()
                || ((codes[i].empty_group || codes[i].empty_element)
                    && item->insertEmptyElement(DcmTag(DcmTagKey(codes[i].empty_group, codes[i].empty_element))).bad())) {
                setStatus(status, tagText(key).c_str(), "cannot write code sequence");
                return 0;
            }
        }
        ds->putAndInsertUint16(DCM_SamplesPerPixel, 1);
        ds->putAndInsertString(DCM_PhotometricInterpretation, "MONOCHROME2");
        ds->putAndInsertUint16(DCM_Rows, static_cast<Uint16>(rows));
        ds->putAndInsertUint16(DCM_Columns, static_cast<Uint16>(columns));
        ds->putAndInsertUint16(DCM_BitsAllocated, 16);
        ds->putAndInsertUint16(DCM_BitsStored, static_cast<Uint16>(bits_stored));
        ds->putAndInsertUint16(DCM_HighBit, static_cast<Uint16>(bits_stored - 1));
        ds->putAndInsertUint16(DCM_PixelRepresentation, 0);
        OFCondition condition = ds->putAndInsertUint16Array(DCM_PixelData, pixels, static_cast<unsigned long>(rows) * columns);
        if (condition.bad()) {
            setStatus(status, "(7FE0,0010)", std::string("cannot store pixels: ") + condition.text());
            return 0;
        }
        E_TransferSyntax xfer = EXS_LittleEndianExplicit;
        if (compression == MT_COMPRESSION_RLE) {
            xfer = EXS_RLELossless;
            condition = ds->chooseRepresentation(xfer, nullptr);
        } else if (compression == MT_COMPRESSION_JPEG_LS) {
            xfer = EXS_JPEGLSLossless;
            DJLSRepresentationParameter parameters(0, OFTrue);
            condition = ds->chooseRepresentation(xfer, &parameters);
        }
        if (condition.bad() || !ds->canWriteXfer(xfer)) {
            setStatus(status, "(7FE0,0010)", std::string("compression failed: ") + (condition.bad() ? condition.text() : "no encoder"));
            return 0;
        }
        if (compression == MT_COMPRESSION_JPEG_LS) zeroFragmentPadding(ds, xfer);
        // Write beside the target and rename, so a killed process never leaves half a file.
        std::string temporary = std::string(path) + ".part";
        condition = file.saveFile(temporary.c_str(), xfer, EET_ExplicitLength, EGL_recalcGL, EPD_noChange, 0, 0, EWM_fileformat);
        if (condition.bad()) {
            std::remove(temporary.c_str());
            setStatus(status, "", std::string("cannot write file: ") + condition.text());
            return 0;
        }
        if (std::rename(temporary.c_str(), path) != 0) {
            std::remove(temporary.c_str());
            setStatus(status, "", std::string("cannot move file into place: ") + std::strerror(errno));
            return 0;
        }
        setOK(status);
        return 1;
    } catch (const std::exception &error) {
        setStatus(status, "", std::string("writing failed: ") + error.what());
        return 0;
    } catch (...) {
        setStatus(status, "", "writing failed with an unknown error");
        return 0;
    }
}

}  // extern "C"
