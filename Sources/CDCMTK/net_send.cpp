// DIMSE networking behind cdcmtk_net.h, part 3: C-STORE of local files to an archive through
// DcmStorageSCU (it proposes what each file needs and opens more associations if needed).
#include "net_common.h"

#include <dcmtk/dcmnet/diutil.h>
#include <dcmtk/dcmnet/dstorscu.h>

#include <cstdio>
#include <map>

using namespace mtnet;

namespace {

// DcmStorageSCU's private "pending" codes for instances it could not send (dstorscu.cc).
const Uint16 STATUS_STORE_Pending_NoPresentationContext = 0xffff;

class SendSCU : public DcmStorageSCU {
  public:
    mt_send_callback callback = nullptr;
    void *context = nullptr;
    bool cancelled = false;
    bool networkBroken = false;
    OFCondition lastCondition;
    std::map<std::string, std::string> pathOf;  // SOP Instance UID -> path as given
    int reported = 0;
    int succeeded = 0;

    OFCondition sendSTORERequest(const T_ASC_PresentationContextID presID, const OFFilename &dicomFile,
                                 DcmDataset *dataset, Uint16 &rspStatusCode, const OFString &moveOriginatorAETitle,
                                 const Uint16 moveOriginatorMsgID) override {
        lastCondition = DcmSCU::sendSTORERequest(presID, dicomFile, dataset, rspStatusCode, moveOriginatorAETitle,
                                                 moveOriginatorMsgID);
        if (lastCondition.bad() && lastCondition != DIMSE_NOVALIDPRESENTATIONCONTEXTID) networkBroken = true;
        return lastCondition;
    }

    void notifySOPInstanceToBeSent(const TransferEntry &) override { lastCondition = EC_Normal; }

    void notifySOPInstanceSent(const TransferEntry &entry) override {
        if (!entry.RequestSent && lastCondition.good()) return;  // will go on another association
        std::string error;
        bool ok = false;
        if (entry.RequestSent && entry.ResponseStatusCode == STATUS_STORE_Pending_NoPresentationContext) {
            error = "the archive accepted no presentation context for this SOP class / transfer syntax";
        } else if (lastCondition.bad()) {
            error = std::string("not sent: ") + (lastCondition.text() ? lastCondition.text() : "error");
        } else if (entry.ResponseStatusCode == STATUS_Success ||
                   DICOM_WARNING_STATUS(entry.ResponseStatusCode)) {
            ok = true;
        } else {
            char code[16];
            std::snprintf(code, sizeof code, "0x%04X", entry.ResponseStatusCode);
            error = std::string("the archive answered ") + code + " (" + DU_cstoreStatusString(entry.ResponseStatusCode) + ")";
        }
        const std::string uid = entry.SOPInstanceUID.c_str();
        const auto found = pathOf.find(uid);
        const std::string path = found != pathOf.end() ? found->second : std::string(entry.Filename.getCharPointer() ? entry.Filename.getCharPointer() : "");
        report(path, uid, ok, entry.ResponseStatusCode, error);
    }

    OFBool shouldStopAfterCurrentSOPInstance() override { return cancelled || networkBroken; }

    void report(const std::string &path, const std::string &uid, bool ok, Uint16 status, const std::string &error) {
        ++reported;
        if (ok) ++succeeded;
        if (!callback) return;
        mt_sent item;
        item.path = path.c_str();
        item.sop_instance_uid = uid.c_str();
        item.ok = ok ? 1 : 0;
        item.status = status;
        item.error = error.c_str();
        if (callback(context, &item) != 0) cancelled = true;
    }
};

}  // namespace

extern "C" mt_net_result mt_net_send(const mt_net_node *node, const char *const *paths, size_t count,
                                     mt_send_callback callback, void *context, mt_status *status) {
    try {
        mt_net_initialize();
        if (!validNode(node, status)) return MT_NET_FAILED;
        SendSCU scu;
        scu.callback = callback;
        scu.context = context;
        configure(scu, node);
        scu.setHaltOnUnsuccessfulStoreMode(OFFalse);
        scu.setHaltOnInvalidFileMode(OFFalse);
        for (size_t i = 0; i < count && !scu.cancelled; ++i) {
            const std::string path = paths[i] ? paths[i] : "";
            const size_t before = scu.getNumberOfSOPInstances();
            OFCondition cond = scu.addDicomFile(path.c_str(), ERM_autoDetect, OFFalse);
            if (cond.bad() || scu.getNumberOfSOPInstances() == before) {
                scu.report(path, "", false, 0, std::string("cannot read the file: ") + (cond.text() ? cond.text() : "not DICOM"));
                continue;
            }
            // The UIDs DcmStorageSCU read: ask it through a fresh read of the header.
            DcmFileFormat header;
            if (header.loadFile(path.c_str(), EXS_Unknown, EGL_noChange, 256, ERM_autoDetect).good()) {
                OFString uid;
                if (header.getDataset()->findAndGetOFString(DCM_SOPInstanceUID, uid).good()) scu.pathOf[uid.c_str()] = path;
            }
        }
        if (scu.cancelled) {
            setStatus(status, "cancelled");
            return MT_NET_CANCELLED;
        }
        if (scu.getNumberOfSOPInstances() == 0) {
            setOK(status);
            return MT_NET_OK;
        }
        int associations = 0;
        while (scu.getNumberOfSOPInstancesToBeSent() > 0 && !scu.cancelled && associations < 64) {
            ++associations;
            OFCondition cond = scu.addPresentationContexts();
            if (cond.bad()) {
                setStatus(status, std::string("cannot propose presentation contexts: ") + cond.text());
                return MT_NET_FAILED;
            }
            mt_net_result result = connect(scu, node, status);
            if (result != MT_NET_OK) return result;
            scu.networkBroken = false;
            cond = scu.sendSOPInstances();
            if (scu.networkBroken || cond.bad()) {
                const OFCondition why = scu.lastCondition.bad() ? scu.lastCondition : cond;
                result = classifyDimse(why, node->timeout, status, "");
                if (scu.isConnected()) scu.abortAssociation();
                return result;
            }
            scu.releaseAssociation();
        }
        if (scu.cancelled) {
            setStatus(status, "cancelled");
            return MT_NET_CANCELLED;
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
