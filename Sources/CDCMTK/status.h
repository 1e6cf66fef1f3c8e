// Filling an mt_status, shared by the shim's files (cdcmtk.cpp, sr.cpp): a failure names the
// attribute or content item in `tag` and says what went wrong in `message`.
#ifndef MAMMOTERM_CDCMTK_STATUS_H
#define MAMMOTERM_CDCMTK_STATUS_H

#include "cdcmtk.h"

#ifdef __cplusplus
#include <cstdio>
#include <string>

namespace mt_internal {

inline void setStatus(mt_status *status, const char *tag, const std::string &message) {
    if (!status) return;
    status->ok = 0;
    std::snprintf(status->tag, sizeof status->tag, "%s", tag ? tag : "");
    std::snprintf(status->message, sizeof status->message, "%s", message.c_str());
}

inline void setOK(mt_status *status) {
    if (!status) return;
    status->ok = 1;
    status->tag[0] = 0;
    status->message[0] = 0;
}

}  // namespace mt_internal
#endif

#endif
