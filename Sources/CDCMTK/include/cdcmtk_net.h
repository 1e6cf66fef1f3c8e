// C-only boundary around DCMTK's dcmnet (DIMSE networking): C-ECHO, C-FIND, C-GET, C-MOVE,
// C-STORE (send) and a Storage SCP. No OFCondition or C++ exception crosses it; failures come
// back as an mt_status (cdcmtk.h) with DCMTK's condition text, plus an mt_net_result code.
#ifndef MAMMOTERM_CDCMTK_NET_H
#define MAMMOTERM_CDCMTK_NET_H

#include "cdcmtk.h"

#ifdef __cplusplus
extern "C" {
#endif

/// What kind of failure a networking call met (the message in mt_status has the details).
typedef enum mt_net_result {
    MT_NET_OK = 0,
    /// Anything else (the message says what).
    MT_NET_FAILED = 1,
    /// No TCP connection: refused, unreachable, timed out while connecting.
    MT_NET_CONNECT = 2,
    /// The host name could not be resolved.
    MT_NET_UNKNOWN_HOST = 3,
    /// The archive rejected the association (the message gives the reason).
    MT_NET_REJECTED = 4,
    /// No answer within the node's timeout.
    MT_NET_TIMEOUT = 5,
    /// The peer closed or aborted the association in the middle of an operation.
    MT_NET_CLOSED = 6,
    /// Stopped because the caller asked to (a callback returned 1).
    MT_NET_CANCELLED = 7,
    /// The association was accepted but not the presentation context the operation needs.
    MT_NET_NO_CONTEXT = 8,
} mt_net_result;

/// Where an archive is and who we are. Timeouts in seconds (rounded up to whole seconds, at least 1).
typedef struct mt_net_node {
    const char *host;
    int port;
    const char *called_aet;
    const char *calling_aet;
    double connect_timeout;
    double timeout;
} mt_net_node;

/// Sets TCP_NODELAY for DCMTK (else ~88 ms per request on loopback) and silences its logging.
/// Called by every function below; idempotent and thread-safe.
void mt_net_initialize(void);

/// C-ECHO (Verification).
mt_net_result mt_net_echo(const mt_net_node *node, mt_status *status);

/// One C-FIND match: its top-level attributes as text (multiple values joined by '\').
/// Return 0 to go on, 1 to stop (the association is then aborted and MT_NET_CANCELLED returned).
typedef int (*mt_find_callback)(void *context, const mt_attribute *values, size_t count);

/// C-FIND, Study Root, at `level` ("STUDY", "SERIES", "IMAGE"); `keys` are the matching and
/// return keys (empty value: return key). QueryRetrieveLevel is added here. A final failure
/// status from the archive is an error with the status and its error comment.
mt_net_result mt_net_find(const mt_net_node *node, const char *level, const mt_attribute *keys, size_t key_count,
                          mt_find_callback callback, void *context, mt_status *status);

/// A received instance, written to the spool under its final name (or why it could not be).
typedef struct mt_received {
    /// The final spool path "<spool>/<SOPInstanceUID sanitized>.dcm", or NULL when writing failed.
    const char *path;
    const char *sop_class_uid;
    const char *sop_instance_uid;
    /// The peer's AE title.
    const char *calling_aet;
    /// Bytes of the written file.
    long long bytes;
    /// Why the file could not be written (path NULL); NULL otherwise.
    const char *error;
} mt_received;

/// Decides the C-STORE response for a received instance: 0x0000 to accept; a failure status
/// (0xC000 cannot understand, 0xA700 out of resources, ...) to refuse, and the spool file is
/// then deleted here if it is still there. Called on the receiving thread.
typedef uint16_t (*mt_store_callback)(void *context, const mt_received *item);

/// A C-GET or C-MOVE pending (or final) response.
typedef struct mt_retrieve_progress {
    int remaining;  // -1 when the response did not say
    int completed;
    int failed;
    int warning;
    int final;
    uint16_t status;
} mt_retrieve_progress;

/// Called after each C-GET/C-MOVE response. Return 1 to cancel (the association is aborted).
typedef int (*mt_progress_callback)(void *context, const mt_retrieve_progress *progress);

/// Polled after each received instance and each response: return 1 to stop (the association
/// is then aborted and the run returns MT_NET_CANCELLED).
typedef int (*mt_cancel_callback)(void *context);

/// An open association for C-GET or C-MOVE (one DcmSCU). Use from one thread at a time.
typedef struct mt_retrieve mt_retrieve;

/// The final response of one C-GET / C-MOVE.
typedef struct mt_retrieve_result {
    uint16_t status;
    int completed;
    int failed;
    int warning;
    int remaining;
    /// Failed SOP Instance UID List (0008,0058) joined by '\' (cut to fit).
    char failed_uids[2048];
    /// Error Comment (0000,0902) of the final response, if any.
    char error_comment[256];
    /// DCMTK's name for the final status ("Success", "Warning", "Failed: ...").
    char status_text[96];
} mt_retrieve_result;

/// Opens an association proposing Study Root GET (and the storage SOP classes in SCP role)
/// or, with `move` set, Study Root MOVE. C-GET stores go to `spool` and `store` decides.
mt_retrieve *mt_retrieve_open(const mt_net_node *node, int move, const char *spool, mt_store_callback store,
                              mt_progress_callback progress, mt_cancel_callback cancelled, void *context,
                              mt_net_result *result, mt_status *status);

/// One C-GET (or C-MOVE to `move_destination`) at `level` with the given keys. Returns
/// MT_NET_OK when the final response arrived (whatever its status: see `out`).
mt_net_result mt_retrieve_run(mt_retrieve *retrieve, const char *level, const mt_attribute *keys, size_t key_count,
                              const char *move_destination, mt_retrieve_result *out, mt_status *status);

/// Releases the association (or aborts it after a failure) and frees everything.
void mt_retrieve_close(mt_retrieve *retrieve);

/// The outcome for one file of mt_net_send.
typedef struct mt_sent {
    const char *path;
    const char *sop_instance_uid;  // "" when the file could not be read
    int ok;
    uint16_t status;               // the archive's C-STORE status (when sent)
    const char *error;             // why it failed ("" when ok)
} mt_sent;

/// Called once per file, in order. Return 1 to stop after this file.
typedef int (*mt_send_callback)(void *context, const mt_sent *item);

/// C-STORE of files (DcmStorageSCU). Unreadable files are reported through the callback, not fatal.
mt_net_result mt_net_send(const mt_net_node *node, const char *const *paths, size_t count, mt_send_callback callback,
                          void *context, mt_status *status);

/// A Storage SCP (C-STORE into a spool folder, C-ECHO). Opaque.
typedef struct mt_scp mt_scp;

typedef struct mt_scp_config {
    int port;
    const char *aet;
    const char *spool;
    /// 1: refuse associations whose called AE title is not ours.
    int check_called_aet;
    /// Seconds to wait for each message within an association.
    double timeout;
} mt_scp_config;

/// Creates the SCP and opens its listening port (all interfaces): a busy port fails here.
mt_scp *mt_scp_open(const mt_scp_config *config, mt_store_callback store, void *context, mt_status *status);

/// Serves associations until mt_scp_stop (blocking; run it on its own thread). The association
/// in progress is finished (or aborted at the next message) first.
mt_net_result mt_scp_run(mt_scp *scp, mt_status *status);

/// Asks a running SCP to stop; safe from any thread, returns at once.
void mt_scp_stop(mt_scp *scp);

/// Frees an SCP that is not running.
void mt_scp_close(mt_scp *scp);

#ifdef __cplusplus
}
#endif

#endif
