// Reads DcmSCU's private association parameters (for the rejection reason, which DcmSCU
// keeps to itself) through the standard explicit-instantiation access rule, without editing
// or redefining DCMTK's headers. Internal to the networking shim.
#ifndef MAMMOTERM_NET_ACCESS_H
#define MAMMOTERM_NET_ACCESS_H

#include <dcmtk/config/osconfig.h>
#include <dcmtk/dcmnet/scu.h>

namespace mtnet {

struct SCUParamsTag {
    typedef T_ASC_Parameters *DcmSCU::*type;
    friend type memberOf(SCUParamsTag);
};

template <typename Tag, typename Tag::type Member>
struct MemberAccess {
    friend typename Tag::type memberOf(Tag) { return Member; }
};

// Instantiated once here; include this header from one translation unit only (net.cpp).
template struct MemberAccess<SCUParamsTag, &DcmSCU::m_params>;

/// The association parameters of a DcmSCU (after negotiateAssociation, the reject parameters).
inline T_ASC_Parameters *scuParameters(DcmSCU &scu) { return scu.*memberOf(SCUParamsTag()); }

}  // namespace mtnet

#endif
