// DIMSE networking behind cdcmtk_net.h, part 1: shared helpers (status text, SOP classes,
// transfer syntaxes, spool writing), C-ECHO and C-FIND. C-GET/C-MOVE are in net_retrieve.cpp,
// C-STORE sending in net_send.cpp, the Storage SCP in net_scp.cpp.
#include "net_common.h"
#include "net_access.h"

#include <dcmtk/dcmnet/diutil.h>
#include <dcmtk/dcmnet/scu.h>

#include <atomic>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <mutex>
#include <sys/stat.h>
#include <unistd.h>

namespace mtnet {

void setStatus(mt_status *status, const std::string &message) {
    if (!status) return;
    status->ok = 0;
    status->tag[0] = 0;
    std::snprintf(status->message, sizeof status->message, "%s", message.c_str());
}

void setOK(mt_status *status) {
    if (!status) return;
    status->ok = 1;
    status->tag[0] = 0;
    status->message[0] = 0;
}

int seconds(double value) {
    if (!(value > 0)) return 1;
    if (value > 86400) return 86400;
    return std::max(1, static_cast<int>(std::ceil(value)));
}

const std::vector<std::string> &storageSOPClasses() {
    static const std::vector<std::string> classes = {
        UID_DigitalMammographyXRayImageStorageForPresentation,
        UID_DigitalMammographyXRayImageStorageForProcessing,
        UID_BreastTomosynthesisImageStorage,
        UID_BreastProjectionXRayImageStorageForPresentation,
        UID_BreastProjectionXRayImageStorageForProcessing,
        UID_DigitalXRayImageStorageForPresentation,
        UID_DigitalXRayImageStorageForProcessing,
        UID_ComputedRadiographyImageStorage,
        UID_SecondaryCaptureImageStorage,
        UID_MultiframeGrayscaleByteSecondaryCaptureImageStorage,
        UID_MultiframeGrayscaleWordSecondaryCaptureImageStorage,
        UID_MultiframeTrueColorSecondaryCaptureImageStorage,
        UID_UltrasoundImageStorage,
        UID_UltrasoundMultiframeImageStorage,
        UID_MRImageStorage,
        UID_EnhancedMRImageStorage,
        UID_CTImageStorage,
        UID_MammographyCADSRStorage,
        UID_BasicTextSRStorage,
        UID_EnhancedSRStorage,
        UID_ComprehensiveSRStorage,
        UID_Comprehensive3DSRStorage,
        UID_KeyObjectSelectionDocumentStorage,
        UID_XRayRadiationDoseSRStorage,
        UID_GrayscaleSoftcopyPresentationStateStorage,
        UID_EncapsulatedPDFStorage,
    };
    return classes;
}

const std::vector<std::string> &storageTransferSyntaxes() {
    static const std::vector<std::string> syntaxes = {
        UID_JPEGLSLosslessTransferSyntax,
        UID_JPEGProcess14SV1TransferSyntax,
        UID_JPEGProcess14TransferSyntax,
        UID_RLELosslessTransferSyntax,
        UID_JPEG2000LosslessOnlyTransferSyntax,
        UID_DeflatedExplicitVRLittleEndianTransferSyntax,
        UID_LittleEndianExplicitTransferSyntax,
        UID_LittleEndianImplicitTransferSyntax,
        // Lossy last: the sink decides whether it wants them.
        UID_JPEGLSLossyTransferSyntax,
        UID_JPEG2000TransferSyntax,
        UID_JPEGProcess1TransferSyntax,
        UID_JPEGProcess2_4TransferSyntax,
    };
    return syntaxes;
}

const std::vector<std::string> &uncompressedTransferSyntaxes() {
    static const std::vector<std::string> syntaxes = {
        UID_LittleEndianExplicitTransferSyntax,
        UID_LittleEndianImplicitTransferSyntax,
    };
    return syntaxes;
}

std::string rejectText(const T_ASC_RejectParameters &rej) {
    std::string reason;
    switch (rej.reason) {
    case ASC_REASON_SU_NOREASON: reason = "no reason given"; break;
    case ASC_REASON_SU_APPCONTEXTNAMENOTSUPPORTED: reason = "application context name not supported"; break;
    case ASC_REASON_SU_CALLINGAETITLENOTRECOGNIZED: reason = "calling AE title not recognized"; break;
    case ASC_REASON_SU_CALLEDAETITLENOTRECOGNIZED: reason = "called AE title not recognized"; break;
    case ASC_REASON_SP_ACSE_NOREASON: reason = "no reason given (ACSE)"; break;
    case ASC_REASON_SP_ACSE_PROTOCOLVERSIONNOTSUPPORTED: reason = "protocol version not supported"; break;
    case ASC_REASON_SP_PRES_TEMPORARYCONGESTION: reason = "temporary congestion"; break;
    case ASC_REASON_SP_PRES_LOCALLIMITEXCEEDED: reason = "local limit exceeded (too many associations)"; break;
    default: {
        char buffer[32];
        std::snprintf(buffer, sizeof buffer, "reason 0x%04x", static_cast<unsigned>(rej.reason));
        reason = buffer;
    }
    }
    if (rej.result == ASC_RESULT_REJECTEDTRANSIENT) reason += ", transient";
    return reason;
}

mt_net_result classifyConnect(const OFCondition &cond, const mt_net_node *node, mt_status *status) {
    const std::string text = cond.text() ? cond.text() : "unknown error";
    const std::string where = std::string(node->host ? node->host : "") + ":" + std::to_string(node->port);
    if (cond.code() == DULC_UNKNOWNHOST) {
        setStatus(status, std::string("unknown host ") + (node->host ? node->host : ""));
        return MT_NET_UNKNOWN_HOST;
    }
    if (cond == DUL_READTIMEOUT || cond == DIMSE_NODATAAVAILABLE) {
        setStatus(status, "no response within " + std::to_string(seconds(node->timeout)) + " s (association request to " +
                              where + ")");
        return MT_NET_TIMEOUT;
    }
    if (cond.code() == DULC_TCPINITERROR || cond.code() == DULC_REQUESTASSOCIATIONFAILED) {
        std::string lower = text;
        for (auto &c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        std::string why;
        if (lower.find("refused") != std::string::npos) why = "connection refused";
        else if (lower.find("timed out") != std::string::npos || lower.find("timeout") != std::string::npos)
            why = "no connection within " + std::to_string(seconds(node->connect_timeout)) + " s";
        else if (lower.find("unreachable") != std::string::npos) why = "network unreachable";
        else why = text;
        setStatus(status, "cannot connect to " + where + " (" + why + ")");
        return MT_NET_CONNECT;
    }
    if (cond == DUL_NETWORKCLOSED || cond == DUL_PEERABORTEDASSOCIATION || cond.code() == DULC_TCPIOERROR) {
        setStatus(status, "the archive at " + where + " closed the connection during association set-up (" + text + ")");
        return MT_NET_CLOSED;
    }
    if (cond == NET_EC_NoAcceptablePresentationContexts) {
        setStatus(status, "the archive accepted none of the proposed presentation contexts");
        return MT_NET_NO_CONTEXT;
    }
    setStatus(status, text);
    return MT_NET_FAILED;
}

mt_net_result classifyDimse(const OFCondition &cond, double timeout, mt_status *status, const std::string &prefix) {
    const std::string text = cond.text() ? cond.text() : "unknown error";
    if (cond == DIMSE_NODATAAVAILABLE || cond == DUL_READTIMEOUT) {
        setStatus(status, prefix + "no response within " + std::to_string(seconds(timeout)) + " s");
        return MT_NET_TIMEOUT;
    }
    if (cond == DUL_PEERABORTEDASSOCIATION || cond == DUL_NETWORKCLOSED || cond == DUL_PEERREQUESTEDRELEASE ||
        cond.code() == DULC_TCPIOERROR || cond == DIMSE_READPDVFAILED || cond.code() == DULC_READTIMEOUT ||
        // Answering a C-STORE after the peer has gone: DIMSE wraps the socket's broken pipe.
        (cond == DIMSE_SENDFAILED && text.find("TCP I/O Error") != std::string::npos)) {
        setStatus(status, prefix + "the peer ended the association (" + text + ")");
        return MT_NET_CLOSED;
    }
    setStatus(status, prefix + text);
    return MT_NET_FAILED;
}

void sopUIDs(DcmDataset *dataset, std::string &sopClass, std::string &sopInstance) {
    OFString value;
    sopClass.clear();
    sopInstance.clear();
    if (dataset->findAndGetOFString(DCM_SOPClassUID, value).good()) sopClass = value.c_str();
    value.clear();
    if (dataset->findAndGetOFString(DCM_SOPInstanceUID, value).good()) sopInstance = value.c_str();
}

namespace {
std::atomic<unsigned long> partCounter{0};

std::string sanitized(const std::string &uid) {
    std::string name;
    for (char c : uid) {
        if (name.size() >= 96) break;
        const bool safe = (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '.' ||
                          c == '-' || c == '_';
        name.push_back(safe ? c : '_');
    }
    // Never a hidden or relative name.
    while (!name.empty() && name[0] == '.') name[0] = '_';
    return name;
}

}  // namespace

std::string writeToSpool(DcmDataset *dataset, const std::string &spool, long long &bytes, std::string &error) {
    bytes = 0;
    std::string sopClass, sopInstance;
    sopUIDs(dataset, sopClass, sopInstance);
    if (sopClass.empty() || sopInstance.empty()) {
        error = "the data set has no SOP Class or SOP Instance UID";
        return "";
    }
    const std::string part = spool + "/.part-" + std::to_string(static_cast<long>(::getpid())) + "-" +
                             std::to_string(partCounter.fetch_add(1) + 1);
    const std::string final = spool + "/" + sanitized(sopInstance) + ".dcm";
    OFCondition cond;
    {
        // No copy (a full-size mammogram is 27 MB): the file format borrows the data set and
        // hands it back before it is destroyed; the caller keeps owning it.
        DcmFileFormat file(dataset, OFFalse);
        E_TransferSyntax xfer = dataset->getOriginalXfer();
        if (xfer == EXS_Unknown) xfer = EXS_LittleEndianExplicit;
        cond = file.saveFile(part.c_str(), xfer);
        file.getAndRemoveDataset();
    }
    if (cond.bad()) {
        ::unlink(part.c_str());
        error = std::string("cannot write ") + part + ": " + (cond.text() ? cond.text() : "error");
        return "";
    }
    // Not synced: the temporary name and the rename are what keep a half-written file from ever
    // having a final name (a killed process), and, like the library itself (WAL, synchronous =
    // NORMAL), a power cut may lose the last instances, which the library notices (a file missing
    // or shorter than recorded) and the next retrieve fetches again. An fsync per instance cost
    // more than storescp's whole work per instance.
    struct stat info;
    if (::stat(part.c_str(), &info) == 0) bytes = static_cast<long long>(info.st_size);
    if (::rename(part.c_str(), final.c_str()) != 0) {
        const int saved = errno;
        ::unlink(part.c_str());
        error = std::string("cannot rename ") + part + " to " + final + ": " + std::strerror(saved);
        return "";
    }
    // The folder is not synced: the sink moves the file out of the spool at once, and a rename lost
    // to a power cut only makes the instance missing, which the next retrieve fetches again.
    return final;
}

uint16_t deliver(DcmDataset *dataset, const std::string &spool, const std::string &callingAET,
                 mt_store_callback store, void *context) {
    std::string sopClass, sopInstance, error;
    sopUIDs(dataset, sopClass, sopInstance);
    long long bytes = 0;
    const std::string path = writeToSpool(dataset, spool, bytes, error);
    mt_received item;
    item.path = path.empty() ? nullptr : path.c_str();
    item.sop_class_uid = sopClass.c_str();
    item.sop_instance_uid = sopInstance.c_str();
    item.calling_aet = callingAET.c_str();
    item.bytes = bytes;
    item.error = path.empty() ? error.c_str() : nullptr;
    uint16_t answer = STATUS_Success;
    if (store) answer = store(context, &item);
    if (path.empty()) {
        // Could not write it: out of resources unless it was the data set's fault.
        return sopInstance.empty() ? STATUS_STORE_Error_DataSetDoesNotMatchSOPClass : STATUS_STORE_Refused_OutOfResources;
    }
    if (answer != STATUS_Success) ::unlink(path.c_str());
    return answer;
}

}  // namespace mtnet

using namespace mtnet;

namespace {
std::once_flag netOnce;
}  // namespace

namespace mtnet {

void configure(DcmSCU &scu, const mt_net_node *node) {
    scu.setAETitle(node->calling_aet ? node->calling_aet : "MAMMOTERM");
    scu.setPeerHostName(node->host ? node->host : "");
    scu.setPeerPort(static_cast<Uint16>(node->port));
    scu.setPeerAETitle(node->called_aet ? node->called_aet : "ANY-SCP");
    scu.setConnectionTimeout(seconds(node->connect_timeout));
    scu.setACSETimeout(static_cast<Uint32>(seconds(node->timeout)));
    scu.setDIMSETimeout(static_cast<Uint32>(seconds(node->timeout)));
    scu.setDIMSEBlockingMode(DIMSE_NONBLOCKING);
    // Decompress (losslessly) when the archive accepted only an uncompressed transfer syntax.
    scu.setDatasetConversionMode(OFTrue);
    scu.setMaxReceivePDULength(ASC_MAXIMUMPDUSIZE > 131072 ? 131072 : ASC_MAXIMUMPDUSIZE);
}

bool validNode(const mt_net_node *node, mt_status *status) {
    if (!node || !node->host || !*node->host) {
        setStatus(status, "no host given");
        return false;
    }
    if (node->port <= 0 || node->port > 65535) {
        setStatus(status, "port " + std::to_string(node->port) + " is not a TCP port");
        return false;
    }
    return true;
}

mt_net_result connect(DcmSCU &scu, const mt_net_node *node, mt_status *status) {
    OFCondition cond = scu.initNetwork();
    if (cond.bad()) {
        setStatus(status, std::string("cannot set up the network: ") + cond.text());
        return MT_NET_FAILED;
    }
    cond = scu.negotiateAssociation();
    if (cond.good()) return MT_NET_OK;
    if (cond == DUL_ASSOCIATIONREJECTED) {
        T_ASC_RejectParameters rej;
        std::memset(&rej, 0, sizeof rej);
        T_ASC_Parameters *params = scuParameters(scu);
        if (params) ASC_getRejectParameters(params, &rej);
        std::string text = "association rejected: " + (params ? rejectText(rej) : std::string("no reason given"));
        if (rej.reason == ASC_REASON_SU_CALLEDAETITLENOTRECOGNIZED)
            text += std::string(" (") + (node->called_aet ? node->called_aet : "") + ")";
        else if (rej.reason == ASC_REASON_SU_CALLINGAETITLENOTRECOGNIZED)
            text += std::string(" (") + (node->calling_aet ? node->calling_aet : "") + ")";
        setStatus(status, text);
        return MT_NET_REJECTED;
    }
    return classifyConnect(cond, node, status);
}

}  // namespace mtnet

extern "C" void mt_net_initialize(void) {
    std::call_once(netOnce, [] {
        // DCMTK reads TCP_NODELAY when it opens a socket; without it each request waits ~88 ms on loopback.
        ::setenv("TCP_NODELAY", "1", 1);
        mt_status ignored;
        mt_initialize(&ignored);
        // MAMMOTERM_DCMTK_LOG=debug|info|warn shows DCMTK's own network log on stderr (diagnosis only).
        const char *level = std::getenv("MAMMOTERM_DCMTK_LOG");
        if (level && std::strcmp(level, "debug") == 0) OFLog::configure(OFLogger::DEBUG_LOG_LEVEL);
        else if (level && std::strcmp(level, "info") == 0) OFLog::configure(OFLogger::INFO_LOG_LEVEL);
        else if (level && std::strcmp(level, "warn") == 0) OFLog::configure(OFLogger::WARN_LOG_LEVEL);
        else OFLog::configure(OFLogger::FATAL_LOG_LEVEL);
    });
}

extern "C" mt_net_result mt_net_echo(const mt_net_node *node, mt_status *status) {
    try {
        mt_net_initialize();
        if (!validNode(node, status)) return MT_NET_FAILED;
        DcmSCU scu;
        configure(scu, node);
        OFList<OFString> syntaxes;
        for (const auto &s : uncompressedTransferSyntaxes()) syntaxes.push_back(s.c_str());
        scu.addPresentationContext(UID_VerificationSOPClass, syntaxes);
        mt_net_result result = connect(scu, node, status);
        if (result != MT_NET_OK) return result;
        OFCondition cond = scu.sendECHORequest(0);
        if (cond.bad()) {
            result = classifyDimse(cond, node->timeout, status, "");
            scu.abortAssociation();
            return result;
        }
        scu.releaseAssociation();
        setOK(status);
        return MT_NET_OK;
    } catch (const std::exception &e) {
        setStatus(status, std::string("internal error: ") + e.what());
    } catch (...) {
        setStatus(status, "internal error");
    }
    return MT_NET_FAILED;
}

namespace mtnet {

/// Adds the attributes to a query data set; returns false (with status) on a bad key.
bool addKeys(DcmDataset &query, const char *level, const mt_attribute *keys, size_t count, mt_status *status) {
    if (query.putAndInsertString(DCM_QueryRetrieveLevel, level ? level : "STUDY").bad()) {
        setStatus(status, "cannot set QueryRetrieveLevel");
        return false;
    }
    for (size_t i = 0; i < count; ++i) {
        const DcmTagKey key(keys[i].group, keys[i].element);
        OFCondition cond = query.putAndInsertString(DcmTag(key), keys[i].value ? keys[i].value : "");
        if (cond.bad()) {
            char tag[16];
            std::snprintf(tag, sizeof tag, "(%04X,%04X)", keys[i].group, keys[i].element);
            setStatus(status, std::string("cannot put query key ") + tag + ": " + cond.text());
            if (status) std::snprintf(status->tag, sizeof status->tag, "%s", tag);
            return false;
        }
    }
    return true;
}

/// The Error Comment (0000,0902) of a status detail, if any.
std::string errorComment(DcmDataset *detail) {
    if (!detail) return "";
    OFString value;
    if (detail->findAndGetOFStringArray(DCM_ErrorComment, value).good()) return value.c_str();
    return "";
}

}  // namespace mtnet

namespace {

class FindSCU : public DcmSCU {
  public:
    mt_find_callback callback = nullptr;
    void *context = nullptr;
    bool cancelled = false;
    Uint16 finalStatus = 0;
    bool sawFinal = false;
    std::string comment;

    OFCondition handleFINDResponse(const T_ASC_PresentationContextID presID, QRResponse *response,
                                   OFBool &waitForNextResponse) override {
        OFCondition cond = DcmSCU::handleFINDResponse(presID, response, waitForNextResponse);
        if (!response) return cond;
        const bool pending = response->m_status == STATUS_FIND_Pending_MatchesAreContinuing ||
                             response->m_status == STATUS_FIND_Pending_WarningUnsupportedOptionalKeys;
        if (pending && response->m_dataset && callback && !cancelled) {
            std::vector<std::string> texts;
            std::vector<mt_attribute> values;
            DcmDataset *data = response->m_dataset;
            const unsigned long card = data->card();
            texts.reserve(card);
            values.reserve(card);
            for (unsigned long i = 0; i < card; ++i) {
                DcmElement *element = data->getElement(i);
                if (!element || element->ident() == EVR_SQ) continue;
                const DcmTag &tag = element->getTag();
                if (tag.getGroup() == 0x0008 && tag.getElement() == 0x0005) continue;
                OFString value;
                if (element->getOFStringArray(value).bad()) value.clear();
                texts.emplace_back(value.c_str());
                mt_attribute attribute;
                attribute.group = tag.getGroup();
                attribute.element = tag.getElement();
                attribute.value = nullptr;
                values.push_back(attribute);
            }
            for (size_t i = 0; i < values.size(); ++i) values[i].value = texts[i].c_str();
            if (callback(context, values.data(), values.size()) != 0) {
                cancelled = true;
                waitForNextResponse = OFFalse;
            }
        } else if (!pending) {
            sawFinal = true;
            finalStatus = response->m_status;
            comment = errorComment(response->m_statusDetail);
        }
        return cond;
    }
};

}  // namespace

extern "C" mt_net_result mt_net_find(const mt_net_node *node, const char *level, const mt_attribute *keys,
                                     size_t key_count, mt_find_callback callback, void *context, mt_status *status) {
    try {
        mt_net_initialize();
        if (!validNode(node, status)) return MT_NET_FAILED;
        DcmDataset query;
        if (!addKeys(query, level, keys, key_count, status)) return MT_NET_FAILED;
        FindSCU scu;
        scu.callback = callback;
        scu.context = context;
        configure(scu, node);
        OFList<OFString> syntaxes;
        for (const auto &s : uncompressedTransferSyntaxes()) syntaxes.push_back(s.c_str());
        scu.addPresentationContext(UID_FINDStudyRootQueryRetrieveInformationModel, syntaxes);
        mt_net_result result = connect(scu, node, status);
        if (result != MT_NET_OK) return result;
        const T_ASC_PresentationContextID presID =
            scu.findPresentationContextID(UID_FINDStudyRootQueryRetrieveInformationModel, "");
        if (presID == 0) {
            scu.abortAssociation();
            setStatus(status, "the archive does not offer Study Root C-FIND");
            return MT_NET_NO_CONTEXT;
        }
        OFCondition cond = scu.sendFINDRequest(presID, &query, nullptr);
        if (scu.cancelled) {
            scu.abortAssociation();
            setStatus(status, "cancelled");
            return MT_NET_CANCELLED;
        }
        if (cond.bad()) {
            result = classifyDimse(cond, node->timeout, status, "");
            scu.abortAssociation();
            return result;
        }
        scu.releaseAssociation();
        if (scu.sawFinal && scu.finalStatus != STATUS_Success) {
            char code[16];
            std::snprintf(code, sizeof code, "0x%04X", scu.finalStatus);
            std::string text = std::string("the archive answered with status ") + code + " (" +
                               DU_cfindStatusString(scu.finalStatus) + ")";
            if (!scu.comment.empty()) text += ": " + scu.comment;
            setStatus(status, text);
            return MT_NET_FAILED;
        }
        setOK(status);
        return MT_NET_OK;
    } catch (const std::exception &e) {
        setStatus(status, std::string("internal error: ") + e.what());
    } catch (...) {
        setStatus(status, "internal error");
    }
    return MT_NET_FAILED;
}
