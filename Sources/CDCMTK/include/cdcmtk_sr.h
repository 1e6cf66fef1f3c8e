// C-only boundary around DCMTK's dcmsr: a structured report's content tree as a flat list of
// items in document order (each naming its parent), read from a file or written to one.
// Templates (TID 4000, TID 4200) are interpreted in Swift; this layer knows only the SR IODs.
#ifndef MAMMOTERM_CDCMTK_SR_H
#define MAMMOTERM_CDCMTK_SR_H

#include "cdcmtk.h"

#ifdef __cplusplus
extern "C" {
#endif

/// Value types of content items (PS3.3 C.17.3).
enum {
    MT_SR_OTHER = 0, MT_SR_CONTAINER = 1, MT_SR_TEXT, MT_SR_CODE, MT_SR_NUM, MT_SR_SCOORD, MT_SR_IMAGE,
    MT_SR_DATETIME, MT_SR_DATE, MT_SR_TIME, MT_SR_UIDREF, MT_SR_PNAME, MT_SR_COMPOSITE, MT_SR_BY_REFERENCE,
};

/// Relationship types (PS3.3 C.17.3.2.4); the root has MT_SR_ROOT.
enum {
    MT_SR_UNKNOWN_RELATIONSHIP = 0, MT_SR_ROOT = 1, MT_SR_CONTAINS, MT_SR_HAS_PROPERTIES, MT_SR_HAS_OBS_CONTEXT,
    MT_SR_HAS_ACQ_CONTEXT, MT_SR_HAS_CONCEPT_MOD, MT_SR_INFERRED_FROM, MT_SR_SELECTED_FROM,
};

/// SR document classes mammoterm writes.
enum { MT_SR_MAMMOGRAPHY_CAD = 1, MT_SR_ENHANCED = 2, MT_SR_COMPREHENSIVE = 3 };

/// A coded entry; NULL or empty strings when absent.
typedef struct mt_sr_code {
    const char *value;
    const char *scheme;
    const char *meaning;
} mt_sr_code;

/// One content item. Strings are UTF-8. On reading, pointers stay valid until mt_sr_close.
typedef struct mt_sr_item {
    int parent;        // index of the parent item; -1 for the root (item 0)
    int relationship;  // MT_SR_CONTAINS, ...
    int value_type;    // MT_SR_CONTAINER, ...
    mt_sr_code concept;
    /// TEXT, DATETIME, DATE, TIME, UIDREF, PNAME: the value; NUM: the number as DICOM DS text;
    /// CONTAINER: the template identifier ("4000") when the item says one; read only: for
    /// MT_SR_OTHER, DCMTK's name of the value type.
    const char *text;
    /// CODE: the value; NUM: the measurement unit (UCUM).
    mt_sr_code code;
    /// SCOORD: "POINT", "POLYLINE", "CIRCLE", "ELLIPSE", "MULTIPOINT".
    const char *graphic_type;
    /// SCOORD: column,row pairs in image pixels (PS3.3 C.18.6.1.1), `point_count` pairs.
    const float *points;
    size_t point_count;
    /// IMAGE and COMPOSITE: the referenced SOP class and instance.
    const char *sop_class;
    const char *sop_instance;
    /// BY_REFERENCE: index of the item referred to (-1 when it cannot be found).
    int reference;
} mt_sr_item;

/// An instance the document draws on, for the Current Requested Procedure Evidence Sequence.
typedef struct mt_sr_evidence {
    const char *study_instance_uid;
    const char *series_instance_uid;
    const char *sop_class_uid;
    const char *sop_instance_uid;
} mt_sr_evidence;

/// Writes a structured report: `items` in document order (a parent before its children,
/// siblings in order, a by-reference target before the reference), the document-level
/// attributes (patient, study, series, equipment, dates: written after the tree, so they win),
/// and the evidence. With `complete` the Completion Flag is COMPLETE; a non-empty
/// `verifying_observer` also makes it VERIFIED by that person at `organization`.
/// A refused item names its index in `status->tag` as "item N".
int mt_sr_write(const char *path, int document_class, const mt_sr_item *items, size_t item_count,
                const mt_attribute *attributes, size_t attribute_count,
                const mt_sr_evidence *evidence, size_t evidence_count, int complete,
                const char *verifying_observer, const char *organization, mt_status *status);

/// A structured report read from a file. Opaque to Swift.
typedef struct mt_sr_document mt_sr_document;

/// Reads a file's content tree (any SR class DCMTK knows). Lenient: unknown relationships and
/// invalid item values are kept, for the template reader to name. NULL with a message otherwise.
mt_sr_document *mt_sr_read(const char *path, mt_status *status);
void mt_sr_close(mt_sr_document *document);
size_t mt_sr_item_count(const mt_sr_document *document);
/// Fills `item` for index `index`; 0 when out of range.
int mt_sr_get_item(const mt_sr_document *document, size_t index, mt_sr_item *item);

#ifdef __cplusplus
}
#endif

#endif
