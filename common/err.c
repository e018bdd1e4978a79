/* err — messages for paperdex, LMDB and errno codes. Owns no state. */
#include "err.h"

#include <lmdb.h>
#include <string.h>

const char *pdx_strerror(int rc)
{
	switch (rc) {
	case PDX_OK: return "success";
	case PDX_ENOTFOUND: return "not found";
	case PDX_EFORMAT: return "malformed input";
	case PDX_ECORRUPT: return "index corrupted";
	case PDX_EVERSION: return "index format version not supported";
	case PDX_EANALYZER: return "index was built with different analyzer settings";
	case PDX_EUSAGE: return "bad usage";
	case PDX_ETOOBIG: return "value too large";
	case PDX_EEMPTY: return "nothing to do";
	case PDX_ENOINDEX: return "no index";
	default: break;
	}
	if (rc >= MDB_KEYEXIST && rc <= MDB_LAST_ERRCODE)
		return mdb_strerror(rc);
	if (rc > 0)
		return strerror(rc);
	return "unknown error";
}
