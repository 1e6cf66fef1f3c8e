// DIMSE networking behind cdcmtk_net.h, part 4: the Storage SCP (C-MOVE destination and
// `pacs listen`). Each C-STORE is written to the spool (temporary name, fsync, rename) and
// the callback decides the response status. Stoppable: a stop flag polled at every
// connection timeout (1 s) and between messages, plus a wake-up connection from mt_scp_stop.
#include "net_common.h"

#include <dcmtk/dcmnet/diutil.h>
#include <dcmtk/dcmnet/scp.h>

#include <algorithm>
#include <arpa/inet.h>
#include <atomic>
#include <cstring>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace mtnet;

namespace {

class StorageSCP : public DcmSCP {
  public:
    std::string spool;
    std::string aet;
    bool checkCalled = false;
    mt_store_callback store = nullptr;
    void *context = nullptr;
    std::atomic<bool> stopRequested{false};

    OFCondition handleIncomingCommand(T_DIMSE_Message *incomingMsg, const DcmPresentationContextInfo &presInfo) override {
        if (stopRequested.load()) return NET_EC_StopAfterAssociation;  // ends (aborts) this association
        if (incomingMsg->CommandField != DIMSE_C_STORE_RQ) return DcmSCP::handleIncomingCommand(incomingMsg, presInfo);
        T_DIMSE_C_StoreRQ &request = incomingMsg->msg.CStoreRQ;
        DcmDataset *dataset = nullptr;
        OFCondition cond = receiveSTORERequest(request, presInfo.presentationContextID, dataset);
        if (cond.bad()) {
            delete dataset;
            return cond;
        }
        Uint16 answer = STATUS_STORE_Error_CannotUnderstand;
        if (dataset) {
            try {
                answer = deliver(dataset, spool, getPeerAETitle().c_str(), store, context);
            } catch (...) {
                answer = STATUS_STORE_Refused_OutOfResources;
            }
        }
        delete dataset;
        return sendSTOREResponse(presInfo.presentationContextID, request, answer);
    }

    OFBool checkCalledAETitleAccepted(const OFString &calledAE) override {
        if (!checkCalled) return OFTrue;
        OFString trimmed = calledAE;
        while (!trimmed.empty() && trimmed[trimmed.size() - 1] == ' ') trimmed.erase(trimmed.size() - 1);
        return trimmed == aet.c_str();
    }

    OFBool stopAfterConnectionTimeout() override { return stopRequested.load(); }
    OFBool stopAfterCurrentAssociation() override { return stopRequested.load(); }
};

}  // namespace

struct mt_scp {
    StorageSCP scp;
    int port = 0;
    std::atomic<bool> running{false};
};

extern "C" mt_scp *mt_scp_open(const mt_scp_config *config, mt_store_callback store, void *context, mt_status *status) {
    try {
        mt_net_initialize();
        if (!config || !config->spool || !*config->spool) {
            setStatus(status, "no spool folder given");
            return nullptr;
        }
        if (config->port <= 0 || config->port > 65535) {
            setStatus(status, "port " + std::to_string(config ? config->port : 0) + " is not a TCP port");
            return nullptr;
        }
        mt_scp *s = new mt_scp();
        s->port = config->port;
        StorageSCP &scp = s->scp;
        scp.spool = config->spool;
        scp.aet = config->aet && *config->aet ? config->aet : "MAMMOTERM";
        scp.checkCalled = config->check_called_aet != 0;
        scp.store = store;
        scp.context = context;
        scp.setPort(static_cast<Uint16>(config->port));
        scp.setAETitle(scp.aet.c_str());
        scp.setRespondWithCalledAETitle(OFFalse);
        scp.setConnectionBlockingMode(DUL_NOBLOCK);
        scp.setConnectionTimeout(1);
        scp.setDIMSEBlockingMode(DIMSE_NONBLOCKING);
        scp.setDIMSETimeout(static_cast<Uint32>(seconds(config->timeout)));
        scp.setACSETimeout(static_cast<Uint32>(seconds(config->timeout)));
        scp.setHostLookupEnabled(OFFalse);
        scp.setMaxReceivePDULength(131072);
        // Verification, our storage SOP classes, then more of the storage SOP classes DCMTK knows
        // (the sink, not the network, decides what we keep), each once: a DCMTK association
        // profile holds at most 128 abstract syntaxes.
        OFList<OFString> verification;
        for (const auto &x : uncompressedTransferSyntaxes()) verification.push_back(x.c_str());
        scp.addPresentationContext(UID_VerificationSOPClass, verification);
        OFList<OFString> syntaxes;
        for (const auto &x : storageTransferSyntaxes()) syntaxes.push_back(x.c_str());
        std::vector<std::string> classes = storageSOPClasses();
        for (int i = 0; i < numberOfDcmAllStorageSOPClassUIDs && classes.size() < 127; ++i) {
            const char *uid = dcmAllStorageSOPClassUIDs[i];
            if (uid && std::find(classes.begin(), classes.end(), uid) == classes.end()) classes.push_back(uid);
        }
        for (const auto &sop : classes) scp.addPresentationContext(sop.c_str(), syntaxes);
        OFCondition cond = scp.openListenPort();
        if (cond.bad()) {
            std::string text = cond.text() ? cond.text() : "error";
            std::string lower = text;
            for (auto &c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
            if (lower.find("address already in use") != std::string::npos)
                text = "port " + std::to_string(config->port) + " is already in use";
            else
                text = "cannot listen on port " + std::to_string(config->port) + ": " + text;
            setStatus(status, text);
            delete s;
            return nullptr;
        }
        setOK(status);
        return s;
    } catch (const std::exception &e) {
        setStatus(status, std::string("internal error: ") + e.what());
    } catch (...) {
        setStatus(status, "internal error");
    }
    return nullptr;
}

extern "C" mt_net_result mt_scp_run(mt_scp *s, mt_status *status) {
    if (!s) {
        setStatus(status, "no SCP");
        return MT_NET_FAILED;
    }
    try {
        s->running.store(true);
        OFCondition cond = s->scp.acceptAssociations();
        s->running.store(false);
        if (cond.good() || cond == NET_EC_StopAfterConnectionTimeout || cond == NET_EC_StopAfterAssociation ||
            s->scp.stopRequested.load()) {
            setOK(status);
            return MT_NET_OK;
        }
        setStatus(status, std::string("the Storage SCP stopped: ") + (cond.text() ? cond.text() : "error"));
        return MT_NET_FAILED;
    } catch (const std::exception &e) {
        setStatus(status, std::string("internal error: ") + e.what());
    } catch (...) {
        setStatus(status, "internal error");
    }
    s->running.store(false);
    return MT_NET_FAILED;
}

extern "C" void mt_scp_stop(mt_scp *s) {
    if (!s) return;
    s->scp.stopRequested.store(true);
    // Wake a listener waiting for a connection: a connection that closes at once ends that
    // wait immediately (instead of at the next 1 s timeout).
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0) return;
    sockaddr_in address;
    std::memset(&address, 0, sizeof address);
    address.sin_family = AF_INET;
    address.sin_port = htons(static_cast<uint16_t>(s->port));
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    (void)::connect(fd, reinterpret_cast<sockaddr *>(&address), sizeof address);
    ::close(fd);
}

extern "C" void mt_scp_close(mt_scp *s) { delete s; }
