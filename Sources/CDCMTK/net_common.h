// Internal helpers shared by net.cpp (SCU side) and net_scp.cpp (Storage SCP): status text,
// the storage SOP classes and transfer syntaxes we accept, and writing a received data set
// into the spool (temporary name, fsync, rename). Not part of the public C API.
#ifndef MAMMOTERM_NET_COMMON_H
#define MAMMOTERM_NET_COMMON_H

#include "cdcmtk_net.h"

#include <dcmtk/config/osconfig.h>
#include <dcmtk/dcmdata/dctk.h>
#include <dcmtk/dcmnet/assoc.h>
#include <dcmtk/dcmnet/cond.h>
#include <dcmtk/dcmnet/scu.h>

#include <string>
#include <vector>

namespace mtnet {

void setStatus(mt_status *status, const std::string &message);
void setOK(mt_status *status);

/// Whole seconds for DCMTK (rounded up, at least 1).
int seconds(double value);

/// Storage SOP classes we propose (C-GET, as SCP role) and accept (Storage SCP).
const std::vector<std::string> &storageSOPClasses();
/// Transfer syntaxes for storage, in our order of preference (lossless compressed first).
const std::vector<std::string> &storageTransferSyntaxes();
/// How many of storageSOPClasses() come first as the image classes a mammogram arrives in
/// (mammography, breast projection and tomosynthesis, DX, CR, secondary capture).
constexpr size_t kStorageImageClasses = 11;
/// Explicit and implicit VR little endian (queries, verification).
const std::vector<std::string> &uncompressedTransferSyntaxes();

/// The text of an association rejection ("called AE title not recognized").
std::string rejectText(const T_ASC_RejectParameters &rej);

/// Sorts a DCMTK condition from association set-up into a result code with a message.
mt_net_result classifyConnect(const OFCondition &cond, const mt_net_node *node, mt_status *status);
/// Sorts a DCMTK condition met during DIMSE exchange (timeouts, peer gone).
mt_net_result classifyDimse(const OFCondition &cond, double timeout, mt_status *status, const std::string &prefix);

/// Writes a received data set (the caller keeps ownership) into `spool` as a Part 10 file:
/// ".part-<pid>-<n>" first, fsync, then renamed to "<SOP Instance UID sanitized>.dcm". On
/// failure nothing is left behind and `error` says why. Returns the final path or "".
std::string writeToSpool(DcmDataset *dataset, const std::string &spool, long long &bytes, std::string &error);

/// Reads SOP class and instance UIDs from a data set ("" when absent).
void sopUIDs(DcmDataset *dataset, std::string &sopClass, std::string &sopInstance);

/// Hands a received data set to the store callback and returns the C-STORE status to answer.
/// Deletes the spool file when the callback refuses it.
uint16_t deliver(DcmDataset *dataset, const std::string &spool, const std::string &callingAET,
                 mt_store_callback store, void *context);

/// Applies a node's AE titles, address and timeouts (DIMSE non-blocking so they apply).
void configure(DcmSCU &scu, const mt_net_node *node);
/// Checks host and port; fills `status` when they cannot work.
bool validNode(const mt_net_node *node, mt_status *status);
/// initNetwork + negotiateAssociation, with rejections and connection failures explained.
mt_net_result connect(DcmSCU &scu, const mt_net_node *node, mt_status *status);
/// QueryRetrieveLevel plus the keys; false (with status) on a bad key.
bool addKeys(DcmDataset &query, const char *level, const mt_attribute *keys, size_t count, mt_status *status);
/// The Error Comment (0000,0902) of a status detail ("" when none).
std::string errorComment(DcmDataset *detail);

}  // namespace mtnet

#endif
