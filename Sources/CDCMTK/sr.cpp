// dcmsr behind cdcmtk_sr.h: builds a DSRDocument from a flat item list and flattens a read one.
// DCMTK checks the IOD's relationship constraints when adding; template rules are the caller's.
#include "cdcmtk_sr.h"
#include "status.h"

#include <dcmtk/config/osconfig.h>
#include <dcmtk/dcmdata/dctk.h>
#include <dcmtk/dcmsr/dsrdoc.h>
#include <dcmtk/dcmsr/dsrcodvl.h>
#include <dcmtk/dcmsr/dsrimgvl.h>
#include <dcmtk/dcmsr/dsrnumvl.h>
#include <dcmtk/dcmsr/dsrscovl.h>

#include <cstdio>
#include <cstring>
#include <deque>
#include <exception>
#include <map>
#include <string>
#include <vector>

namespace {

void setStatus(mt_status *status, const std::string &tag, const std::string &message) {
    mt_internal::setStatus(status, tag.c_str(), message);
}
using mt_internal::setOK;

std::string itemTag(size_t index) { return "item " + std::to_string(index); }

const char *text(const char *value) { return value ? value : ""; }

DSRCodedEntryValue codedEntry(const mt_sr_code &code) {
    return DSRCodedEntryValue(text(code.value), text(code.scheme), text(code.meaning));
}

DSRTypes::E_RelationshipType relationship(int value) {
    switch (value) {
    case MT_SR_ROOT: return DSRTypes::RT_isRoot;
    case MT_SR_CONTAINS: return DSRTypes::RT_contains;
    case MT_SR_HAS_PROPERTIES: return DSRTypes::RT_hasProperties;
    case MT_SR_HAS_OBS_CONTEXT: return DSRTypes::RT_hasObsContext;
    case MT_SR_HAS_ACQ_CONTEXT: return DSRTypes::RT_hasAcqContext;
    case MT_SR_HAS_CONCEPT_MOD: return DSRTypes::RT_hasConceptMod;
    case MT_SR_INFERRED_FROM: return DSRTypes::RT_inferredFrom;
    case MT_SR_SELECTED_FROM: return DSRTypes::RT_selectedFrom;
    default: return DSRTypes::RT_invalid;
    }
}

int relationship(DSRTypes::E_RelationshipType value) {
    switch (value) {
    case DSRTypes::RT_isRoot: return MT_SR_ROOT;
    case DSRTypes::RT_contains: return MT_SR_CONTAINS;
    case DSRTypes::RT_hasProperties: return MT_SR_HAS_PROPERTIES;
    case DSRTypes::RT_hasObsContext: return MT_SR_HAS_OBS_CONTEXT;
    case DSRTypes::RT_hasAcqContext: return MT_SR_HAS_ACQ_CONTEXT;
    case DSRTypes::RT_hasConceptMod: return MT_SR_HAS_CONCEPT_MOD;
    case DSRTypes::RT_inferredFrom: return MT_SR_INFERRED_FROM;
    case DSRTypes::RT_selectedFrom: return MT_SR_SELECTED_FROM;
    default: return MT_SR_UNKNOWN_RELATIONSHIP;
    }
}

DSRTypes::E_ValueType valueType(int value) {
    switch (value) {
    case MT_SR_CONTAINER: return DSRTypes::VT_Container;
    case MT_SR_TEXT: return DSRTypes::VT_Text;
    case MT_SR_CODE: return DSRTypes::VT_Code;
    case MT_SR_NUM: return DSRTypes::VT_Num;
    case MT_SR_SCOORD: return DSRTypes::VT_SCoord;
    case MT_SR_IMAGE: return DSRTypes::VT_Image;
    case MT_SR_DATETIME: return DSRTypes::VT_DateTime;
    case MT_SR_DATE: return DSRTypes::VT_Date;
    case MT_SR_TIME: return DSRTypes::VT_Time;
    case MT_SR_UIDREF: return DSRTypes::VT_UIDRef;
    case MT_SR_PNAME: return DSRTypes::VT_PName;
    case MT_SR_COMPOSITE: return DSRTypes::VT_Composite;
    default: return DSRTypes::VT_invalid;
    }
}

int valueType(DSRTypes::E_ValueType value) {
    switch (value) {
    case DSRTypes::VT_Container: return MT_SR_CONTAINER;
    case DSRTypes::VT_Text: return MT_SR_TEXT;
    case DSRTypes::VT_Code: return MT_SR_CODE;
    case DSRTypes::VT_Num: return MT_SR_NUM;
    case DSRTypes::VT_SCoord: return MT_SR_SCOORD;
    case DSRTypes::VT_Image: return MT_SR_IMAGE;
    case DSRTypes::VT_DateTime: return MT_SR_DATETIME;
    case DSRTypes::VT_Date: return MT_SR_DATE;
    case DSRTypes::VT_Time: return MT_SR_TIME;
    case DSRTypes::VT_UIDRef: return MT_SR_UIDREF;
    case DSRTypes::VT_PName: return MT_SR_PNAME;
    case DSRTypes::VT_Composite: return MT_SR_COMPOSITE;
    case DSRTypes::VT_byReference: return MT_SR_BY_REFERENCE;
    default: return MT_SR_OTHER;
    }
}

DSRTypes::E_GraphicType graphicType(const char *name) {
    const std::string value = text(name);
    if (value == "POINT") return DSRTypes::GT_Point;
    if (value == "MULTIPOINT") return DSRTypes::GT_Multipoint;
    if (value == "POLYLINE") return DSRTypes::GT_Polyline;
    if (value == "CIRCLE") return DSRTypes::GT_Circle;
    if (value == "ELLIPSE") return DSRTypes::GT_Ellipse;
    return DSRTypes::GT_invalid;
}

DSRTypes::E_DocumentType documentType(int documentClass) {
    switch (documentClass) {
    case MT_SR_MAMMOGRAPHY_CAD: return DSRTypes::DT_MammographyCadSR;
    case MT_SR_ENHANCED: return DSRTypes::DT_EnhancedSR;
    case MT_SR_COMPREHENSIVE: return DSRTypes::DT_ComprehensiveSR;
    default: return DSRTypes::DT_invalid;
    }
}

/// Sets the value of the tree's current item from `item`; a message on failure.
std::string setValue(DSRDocumentTree &tree, const mt_sr_item &item) {
    DSRContentItem &content = tree.getCurrentContentItem();
    OFCondition condition = EC_Normal;
    if (item.concept.value && *item.concept.value) {
        condition = content.setConceptName(codedEntry(item.concept));
        if (condition.bad()) return std::string("invalid concept name: ") + condition.text();
    }
    switch (item.value_type) {
    case MT_SR_CONTAINER:
        if (item.text && *item.text) condition = content.setTemplateIdentification(item.text, "DCMR");
        break;
    case MT_SR_TEXT: case MT_SR_DATETIME: case MT_SR_DATE: case MT_SR_TIME: case MT_SR_UIDREF: case MT_SR_PNAME:
        condition = content.setStringValue(text(item.text));
        break;
    case MT_SR_CODE:
        condition = content.setCodeValue(codedEntry(item.code));
        break;
    case MT_SR_NUM:
        condition = content.setNumericValue(DSRNumericMeasurementValue(text(item.text), codedEntry(item.code)));
        break;
    case MT_SR_SCOORD: {
        DSRSpatialCoordinatesValue value(graphicType(item.graphic_type));
        for (size_t i = 0; i < item.point_count; ++i)
            value.getGraphicDataList().addItem(item.points[2 * i], item.points[2 * i + 1]);
        condition = content.setSpatialCoordinates(value);
        break;
    }
    case MT_SR_IMAGE:
        condition = content.setImageReference(DSRImageReferenceValue(text(item.sop_class), text(item.sop_instance)));
        break;
    case MT_SR_COMPOSITE:
        condition = content.setCompositeReference(DSRCompositeReferenceValue(text(item.sop_class), text(item.sop_instance)));
        break;
    default:
        return "value type cannot be written";
    }
    if (condition.bad()) return std::string("invalid value: ") + condition.text();
    return "";
}

}  // namespace

int mt_sr_write(const char *path, int document_class, const mt_sr_item *items, size_t item_count,
                const mt_attribute *attributes, size_t attribute_count,
                const mt_sr_evidence *evidence, size_t evidence_count, int complete,
                const char *verifying_observer, const char *organization, mt_status *status) {
    try {
        if (!mt_initialize(status)) return 0;
        DSRTypes::E_DocumentType type = documentType(document_class);
        if (type == DSRTypes::DT_invalid) {
            setStatus(status, "", "unknown SR document class");
            return 0;
        }
        if (item_count == 0 || items[0].parent != -1 || items[0].value_type != MT_SR_CONTAINER) {
            setStatus(status, itemTag(0), "the root must be a CONTAINER with no parent");
            return 0;
        }
        DSRDocument document(type);
        document.setSpecificCharacterSetType(DSRTypes::CS_UTF8);
        DSRDocumentTree &tree = document.getTree();
        std::vector<size_t> nodeID(item_count, 0);
        std::vector<size_t> lastChild(item_count, 0);
        for (size_t i = 0; i < item_count; ++i) {
            const mt_sr_item &item = items[i];
            size_t id = 0;
            if (i == 0) {
                id = tree.addContentItem(DSRTypes::RT_isRoot, DSRTypes::VT_Container);
            } else {
                if (item.parent < 0 || static_cast<size_t>(item.parent) >= i) {
                    setStatus(status, itemTag(i), "parent must come before the item");
                    return 0;
                }
                DSRTypes::E_RelationshipType rel = relationship(item.relationship);
                size_t parent = static_cast<size_t>(item.parent);
                if (item.value_type == MT_SR_BY_REFERENCE) {
                    if (item.reference < 0 || static_cast<size_t>(item.reference) >= i) {
                        setStatus(status, itemTag(i), "a by-reference target must come before the reference");
                        return 0;
                    }
                    tree.gotoNode(nodeID[parent]);
                    id = tree.addByReferenceRelationship(rel, nodeID[static_cast<size_t>(item.reference)]);
                } else if (lastChild[parent] != 0) {
                    tree.gotoNode(lastChild[parent]);
                    id = tree.addContentItem(rel, valueType(item.value_type), DSRTypes::AM_afterCurrent);
                } else {
                    tree.gotoNode(nodeID[parent]);
                    id = tree.addContentItem(rel, valueType(item.value_type), DSRTypes::AM_belowCurrent);
                }
                if (id == 0) {
                    setStatus(status, itemTag(i), "this relationship or value type is not allowed here by the SR IOD");
                    return 0;
                }
                lastChild[parent] = id;
            }
            nodeID[i] = id;
            if (item.value_type != MT_SR_BY_REFERENCE) {
                tree.gotoNode(id);
                std::string problem = setValue(tree, item);
                if (!problem.empty()) {
                    setStatus(status, itemTag(i), problem);
                    return 0;
                }
            }
        }
        for (size_t i = 0; i < evidence_count; ++i) {
            OFCondition condition = document.getCurrentRequestedProcedureEvidence().addItem(
                text(evidence[i].study_instance_uid), text(evidence[i].series_instance_uid),
                text(evidence[i].sop_class_uid), text(evidence[i].sop_instance_uid));
            if (condition.bad()) {
                setStatus(status, "(0040,A375)", std::string("cannot add evidence: ") + condition.text());
                return 0;
            }
        }
        if (complete && document.completeDocument().bad()) {
            setStatus(status, "(0040,A491)", "cannot mark the document complete");
            return 0;
        }
        if (verifying_observer && *verifying_observer) {
            OFCondition condition = document.verifyDocument(verifying_observer, text(organization));
            if (condition.bad()) {
                setStatus(status, "(0040,A073)", std::string("cannot record the verifying observer: ") + condition.text());
                return 0;
            }
        }
        DcmFileFormat file;
        DcmDataset *dataset = file.getDataset();
        OFCondition condition = document.write(*dataset);
        if (condition.bad()) {
            setStatus(status, "", std::string("cannot encode the report: ") + condition.text());
            return 0;
        }
        for (size_t i = 0; i < attribute_count; ++i) {
            DcmTagKey key(attributes[i].group, attributes[i].element);
            condition = dataset->putAndInsertString(DcmTag(key), text(attributes[i].value));
            if (condition.bad()) {
                char tag[16];
                std::snprintf(tag, sizeof tag, "(%04X,%04X)", key.getGroup(), key.getElement());
                setStatus(status, tag, std::string("cannot write attribute: ") + condition.text());
                return 0;
            }
        }
        condition = file.saveFile(path, EXS_LittleEndianExplicit);
        if (condition.bad()) {
            setStatus(status, "", std::string("cannot write the file: ") + condition.text());
            return 0;
        }
        setOK(status);
        return 1;
    } catch (const std::exception &error) {
        setStatus(status, "", std::string("DCMTK failed: ") + error.what());
        return 0;
    } catch (...) {
        setStatus(status, "", "DCMTK failed");
        return 0;
    }
}

struct mt_sr_document {
    std::vector<mt_sr_item> items;
    std::deque<std::string> strings;          // stable addresses for the items' pointers
    std::deque<std::vector<float>> points;

    const char *keep(const OFString &value) {
        strings.emplace_back(value.c_str(), value.length());
        return strings.back().c_str();
    }
    mt_sr_code keep(const DSRCodedEntryValue &code) {
        return mt_sr_code{keep(code.getCodeValue()), keep(code.getCodingSchemeDesignator()), keep(code.getCodeMeaning())};
    }
};

mt_sr_document *mt_sr_read(const char *path, mt_status *status) {
    try {
        if (!mt_initialize(status)) return nullptr;
        DcmFileFormat file;
        OFCondition condition = file.loadFile(path);
        if (condition.bad()) {
            setStatus(status, "", std::string("cannot read the file: ") + condition.text());
            return nullptr;
        }
        // The content tree alone: the document-level attributes are read by the caller, and
        // DSRDocument::read's own checks of them would refuse a report for a missing date.
        OFString sopClass;
        file.getDataset()->findAndGetOFString(DCM_SOPClassUID, sopClass);
        const DSRTypes::E_DocumentType type = DSRTypes::sopClassUIDToDocumentType(sopClass);
        if (type == DSRTypes::DT_invalid) {
            setStatus(status, "(0008,0016)", std::string("SOP class ") + sopClass.c_str() + " is not a structured report class DCMTK knows");
            return nullptr;
        }
        const size_t flags = DSRTypes::RF_acceptUnknownRelationshipType | DSRTypes::RF_ignoreRelationshipConstraints
            | DSRTypes::RF_acceptInvalidContentItemValue | DSRTypes::RF_ignoreContentItemErrors;
        DSRDocumentTree tree(type);
        condition = tree.read(*file.getDataset(), type, flags);
        if (condition.bad()) {
            setStatus(status, "(0040,A730)", std::string("the content tree cannot be read: ") + condition.text());
            return nullptr;
        }
        auto result = new mt_sr_document();
        std::map<size_t, int> indexOfNode;
        std::vector<size_t> referencedNode;   // by item index; 0 when not a reference
        std::vector<int> parentAtLevel;
        if (tree.gotoRoot() > 0) {
            do {
                const size_t level = tree.getLevel();  // 1 for the root
                if (level == 0) break;
                parentAtLevel.resize(level);
                const int index = static_cast<int>(result->items.size());
                parentAtLevel[level - 1] = index;
                DSRContentItem &content = tree.getCurrentContentItem();
                mt_sr_item item{};
                item.parent = level >= 2 ? parentAtLevel[level - 2] : -1;
                item.relationship = relationship(content.getRelationshipType());
                item.value_type = valueType(content.getValueType());
                item.concept = result->keep(content.getConceptName());
                item.reference = -1;
                size_t reference = 0;
                switch (item.value_type) {
                case MT_SR_CONTAINER: {
                    OFString identifier, resource;
                    content.getTemplateIdentification(identifier, resource);
                    item.text = result->keep(identifier);
                    break;
                }
                case MT_SR_TEXT: case MT_SR_DATETIME: case MT_SR_DATE: case MT_SR_TIME: case MT_SR_UIDREF: case MT_SR_PNAME:
                    item.text = result->keep(content.getStringValue());
                    break;
                case MT_SR_CODE:
                    item.code = result->keep(content.getCodeValue());
                    break;
                case MT_SR_NUM:
                    item.text = result->keep(content.getNumericValue().getNumericValue());
                    item.code = result->keep(content.getNumericValue().getMeasurementUnit());
                    break;
                case MT_SR_SCOORD: {
                    DSRSpatialCoordinatesValue value = content.getSpatialCoordinates();
                    item.graphic_type = result->keep(DSRTypes::graphicTypeToEnumeratedValue(value.getGraphicType()));
                    const DSRGraphicDataList &list = value.getGraphicDataList();
                    std::vector<float> pairs;
                    for (size_t i = 1; i <= list.getNumberOfItems(); ++i) {
                        const DSRGraphicDataItem &point = list.getItem(i);
                        pairs.push_back(point.Column);
                        pairs.push_back(point.Row);
                    }
                    result->points.push_back(std::move(pairs));
                    item.points = result->points.back().data();
                    item.point_count = result->points.back().size() / 2;
                    break;
                }
                case MT_SR_IMAGE:
                    item.sop_class = result->keep(content.getImageReference().getSOPClassUID());
                    item.sop_instance = result->keep(content.getImageReference().getSOPInstanceUID());
                    break;
                case MT_SR_COMPOSITE:
                    item.sop_class = result->keep(content.getCompositeReference().getSOPClassUID());
                    item.sop_instance = result->keep(content.getCompositeReference().getSOPInstanceUID());
                    break;
                case MT_SR_BY_REFERENCE:
                    reference = content.getReferencedNodeID();
                    break;
                default:
                    item.text = result->keep(DSRTypes::valueTypeToReadableName(content.getValueType()));
                    break;
                }
                indexOfNode[tree.getNodeID()] = index;
                referencedNode.push_back(reference);
                result->items.push_back(item);
            } while (tree.iterate() > 0);
        }
        for (size_t i = 0; i < result->items.size(); ++i) {
            if (referencedNode[i] == 0) continue;
            auto found = indexOfNode.find(referencedNode[i]);
            result->items[i].reference = found == indexOfNode.end() ? -1 : found->second;
        }
        setOK(status);
        return result;
    } catch (const std::exception &error) {
        setStatus(status, "", std::string("DCMTK failed: ") + error.what());
        return nullptr;
    } catch (...) {
        setStatus(status, "", "DCMTK failed");
        return nullptr;
    }
}

void mt_sr_close(mt_sr_document *document) { delete document; }

size_t mt_sr_item_count(const mt_sr_document *document) { return document ? document->items.size() : 0; }

int mt_sr_get_item(const mt_sr_document *document, size_t index, mt_sr_item *item) {
    if (!document || !item || index >= document->items.size()) return 0;
    *item = document->items[index];
    return 1;
}
