// DIMSE networking behind cdcmtk_net.h, part 2: C-GET (stores arrive on the same association,
// we play the storage SCP role) and C-MOVE (stores go to our Storage SCP, net_scp.cpp).
#include "net_common.h"

#include <dcmtk/dcmnet/diutil.h>
#include <dcmtk/dcmnet/scu.h>

#include <cstdio>
#include <cstring>

using namespace mtnet;

namespace {

class RetrieveSCU : public DcmSCU {
  public:
    std::string spool;
    std::string peerAET;
    mt_store_callback store = nullptr;
    mt_progress_callback progress = nullptr;
    mt_cancel_callback cancelCheck = nullptr;
    void *context = nullptr;
    bool cancelled = false;
    bool sawFinal = false;
    RetrieveResponse finalCopy;  // counts and status of the final response
    std::string failedUIDs;
    std::string comment;

    void reset() {
        sawFinal = false;
        failedUIDs.clear();
        comment.clear();
        finalCopy.m_status = 0;
        finalCopy.m_numberOfCompletedSubops = 0;
        finalCopy.m_numberOfFailedSubops = 0;
        finalCopy.m_numberOfWarningSubops = 0;
        finalCopy.m_numberOfRemainingSubops = 0;
    }

    bool wantsCancel() { return cancelCheck && cancelCheck(context) != 0; }

    /// Reports a response; returns false when the caller asked to cancel.
    bool report(RetrieveResponse *response, bool final) {
        if (final) {
            sawFinal = true;
            finalCopy.m_status = response->m_status;
            finalCopy.m_numberOfCompletedSubops = response->m_numberOfCompletedSubops;
            finalCopy.m_numberOfFailedSubops = response->m_numberOfFailedSubops;
            finalCopy.m_numberOfWarningSubops = response->m_numberOfWarningSubops;
            finalCopy.m_numberOfRemainingSubops = response->m_numberOfRemainingSubops;
            comment = errorComment(response->m_statusDetail);
            OFString list;
            if (response->m_dataset && response->m_dataset->findAndGetOFStringArray(DCM_FailedSOPInstanceUIDList, list).good())
                failedUIDs = list.c_str();
        }
        if (!progress) return !wantsCancel();
        mt_retrieve_progress p;
        p.remaining = final ? 0 : static_cast<int>(response->m_numberOfRemainingSubops);
        p.completed = response->m_numberOfCompletedSubops;
        p.failed = response->m_numberOfFailedSubops;
        p.warning = response->m_numberOfWarningSubops;
        p.final = final ? 1 : 0;
        p.status = response->m_status;
        return progress(context, &p) == 0 && !wantsCancel();
    }

    static bool isPending(Uint16 status) { return status == STATUS_Pending || status == 0xFF01; }

    OFCondition handleCGETResponse(const T_ASC_PresentationContextID presID, RetrieveResponse *response,
                                   OFBool &continueCGETSession) override {
        OFCondition cond = DcmSCU::handleCGETResponse(presID, response, continueCGETSession);
        if (!response) return cond;
        const bool final = !isPending(response->m_status);
        if (!report(response, final) && !final) {
            cancelled = true;
            continueCGETSession = OFFalse;
        }
        return cond;
    }

    OFCondition handleMOVEResponse(const T_ASC_PresentationContextID presID, RetrieveResponse *response,
                                   OFBool &waitForNextResponse) override {
        OFCondition cond = DcmSCU::handleMOVEResponse(presID, response, waitForNextResponse);
        if (!response) return cond;
        const bool final = !isPending(response->m_status);
        if (!report(response, final) && !final) {
            cancelled = true;
            waitForNextResponse = OFFalse;
        }
        return cond;
    }

    OFCondition handleSTORERequest(const T_ASC_PresentationContextID /*presID*/, DcmDataset *incomingObject,
                                   OFBool &continueCGETSession, Uint16 &cStoreReturnStatus) override {
        // We own incomingObject. Returning an error would make DcmSCU answer 0xC000 and end the
        // session, so every outcome is expressed through cStoreReturnStatus instead.
        if (!incomingObject) {
            cStoreReturnStatus = STATUS_STORE_Error_CannotUnderstand;
            return EC_Normal;
        }
        try {
            cStoreReturnStatus = deliver(incomingObject, spool, peerAET, store, context);
        } catch (...) {
            cStoreReturnStatus = STATUS_STORE_Refused_OutOfResources;
        }
        delete incomingObject;
        if (wantsCancel()) cancelled = true;
        if (cancelled) continueCGETSession = OFFalse;
        return EC_Normal;
    }
};

}  // namespace

struct mt_retrieve {
    RetrieveSCU scu;
    mt_net_node node;
    std::string host, called, calling;
    bool move = false;
    bool broken = false;
};

extern "C" mt_retrieve *mt_retrieve_open(const mt_net_node *node, int move, const char *spool, mt_store_callback store,
                                         mt_progress_callback progress, mt_cancel_callback cancelled, void *context,
                                         mt_net_result *result,
                                         mt_status *status) {
    if (result) *result = MT_NET_FAILED;
    try {
        mt_net_initialize();
        if (!validNode(node, status)) return nullptr;
        if (!move && (!spool || !*spool)) {
            setStatus(status, "no spool folder given");
            return nullptr;
        }
        mt_retrieve *r = new mt_retrieve();
        r->host = node->host;
        r->called = node->called_aet ? node->called_aet : "";
        r->calling = node->calling_aet ? node->calling_aet : "";
        r->node = *node;
        r->node.host = r->host.c_str();
        r->node.called_aet = r->called.c_str();
        r->node.calling_aet = r->calling.c_str();
        r->move = move != 0;
        r->scu.spool = spool ? spool : "";
        r->scu.peerAET = r->called;
        r->scu.store = store;
        r->scu.progress = progress;
        r->scu.cancelCheck = cancelled;
        r->scu.context = context;
        configure(r->scu, &r->node);
        OFList<OFString> query;
        for (const auto &s : uncompressedTransferSyntaxes()) query.push_back(s.c_str());
        if (move) {
            r->scu.addPresentationContext(UID_MOVEStudyRootQueryRetrieveInformationModel, query);
        } else {
            r->scu.addPresentationContext(UID_GETStudyRootQueryRetrieveInformationModel, query);
            OFList<OFString> storage;
            for (const auto &s : storageTransferSyntaxes()) storage.push_back(s.c_str());
            // The archive sends each stored instance over a context of ours. An archive that cannot
            // transcode (pynetdicom, many PACS) accepts one transfer syntax per context, often
            // implicit VR, and then cannot send a JPEG-LS file at all. So the image classes get one
            // context per lossless compressed syntax besides the list (11 x 5 + 15 + 1 < 128 contexts).
            static const char *const compressed[] = {
                UID_JPEGLSLosslessTransferSyntax, UID_JPEGProcess14SV1TransferSyntax, UID_RLELosslessTransferSyntax,
                UID_JPEG2000LosslessOnlyTransferSyntax,
            };
            const auto &classes = storageSOPClasses();
            for (size_t i = 0; i < classes.size(); ++i) {
                if (i < kStorageImageClasses) {
                    for (const char *syntax : compressed) {
                        OFList<OFString> one;
                        one.push_back(syntax);
                        r->scu.addPresentationContext(classes[i].c_str(), one, ASC_SC_ROLE_SCP);
                    }
                }
                r->scu.addPresentationContext(classes[i].c_str(), storage, ASC_SC_ROLE_SCP);
            }
        }
        mt_net_result outcome = connect(r->scu, &r->node, status);
        if (outcome != MT_NET_OK) {
            if (result) *result = outcome;
            delete r;
            return nullptr;
        }
        const char *model = move ? UID_MOVEStudyRootQueryRetrieveInformationModel : UID_GETStudyRootQueryRetrieveInformationModel;
        if (r->scu.findPresentationContextID(model, "") == 0) {
            setStatus(status, move ? "the archive does not offer Study Root C-MOVE" : "the archive does not offer Study Root C-GET");
            if (result) *result = MT_NET_NO_CONTEXT;
            r->scu.abortAssociation();
            delete r;
            return nullptr;
        }
        if (result) *result = MT_NET_OK;
        setOK(status);
        return r;
    } catch (const std::exception &e) {
        setStatus(status, std::string("internal error: ") + e.what());
    } catch (...) {
        setStatus(status, "internal error");
    }
    return nullptr;
}

extern "C" mt_net_result mt_retrieve_run(mt_retrieve *r, const char *level, const mt_attribute *keys, size_t key_count,
                                         const char *move_destination, mt_retrieve_result *out, mt_status *status) {
    if (out) std::memset(out, 0, sizeof *out);
    if (!r) {
        setStatus(status, "no association");
        return MT_NET_FAILED;
    }
    if (r->broken || !r->scu.isConnected()) {
        setStatus(status, "the association is no longer open");
        return MT_NET_CLOSED;
    }
    try {
        DcmDataset keysSet;
        if (!addKeys(keysSet, level, keys, key_count, status)) return MT_NET_FAILED;
        const char *model = r->move ? UID_MOVEStudyRootQueryRetrieveInformationModel : UID_GETStudyRootQueryRetrieveInformationModel;
        const T_ASC_PresentationContextID presID = r->scu.findPresentationContextID(model, "");
        r->scu.reset();
        OFCondition cond;
        if (r->move) {
            if (!move_destination || !*move_destination) {
                setStatus(status, "no C-MOVE destination AE title");
                return MT_NET_FAILED;
            }
            cond = r->scu.sendMOVERequest(presID, move_destination, &keysSet, nullptr);
        } else {
            cond = r->scu.sendCGETRequest(presID, &keysSet, nullptr);
        }
        if (r->scu.cancelled) {
            r->broken = true;
            r->scu.abortAssociation();
            setStatus(status, "cancelled");
            return MT_NET_CANCELLED;
        }
        if (cond.bad() || !r->scu.sawFinal) {
            r->broken = true;
            mt_net_result result = cond.bad() ? classifyDimse(cond, r->node.timeout, status, "")
                                              : (setStatus(status, "no final response from the archive"), MT_NET_CLOSED);
            if (r->scu.isConnected()) r->scu.abortAssociation();
            return result;
        }
        if (out) {
            out->status = r->scu.finalCopy.m_status;
            out->completed = r->scu.finalCopy.m_numberOfCompletedSubops;
            out->failed = r->scu.finalCopy.m_numberOfFailedSubops;
            out->warning = r->scu.finalCopy.m_numberOfWarningSubops;
            out->remaining = r->scu.finalCopy.m_numberOfRemainingSubops;
            std::snprintf(out->failed_uids, sizeof out->failed_uids, "%s", r->scu.failedUIDs.c_str());
            std::snprintf(out->error_comment, sizeof out->error_comment, "%s", r->scu.comment.c_str());
            const Uint16 code = r->scu.finalCopy.m_status;
            std::snprintf(out->status_text, sizeof out->status_text, "%s",
                          r->move ? DU_cmoveStatusString(code) : DU_cgetStatusString(code));
        }
        setOK(status);
        return MT_NET_OK;
    } catch (const std::exception &e) {
        setStatus(status, std::string("internal error: ") + e.what());
    } catch (...) {
        setStatus(status, "internal error");
    }
    r->broken = true;
    return MT_NET_FAILED;
}

extern "C" void mt_retrieve_close(mt_retrieve *r) {
    if (!r) return;
    try {
        if (r->scu.isConnected()) {
            if (r->broken) r->scu.abortAssociation();
            else r->scu.releaseAssociation();
        }
    } catch (...) {
    }
    delete r;
}
