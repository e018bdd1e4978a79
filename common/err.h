/* err — paperdex's one error space.
 *
 * Every fallible function returns an int: 0 on success, a small negative
 * PDX_E* code for paperdex's own errors, an LMDB code (MDB_*, also negative,
 * -30799..-30780) or a positive errno value passed through unchanged.
 * pdx_strerror() names all three. "Not found" is a result (PDX_ENOTFOUND),
 * never a crash. */
#ifndef PDX_ERR_H
#define PDX_ERR_H

enum {
	PDX_OK = 0,
	PDX_ENOTFOUND = -1,  /* key, id, term or author absent */
	PDX_EFORMAT = -2,    /* input that does not parse */
	PDX_ECORRUPT = -3,   /* bytes read from the index fail a check */
	PDX_EVERSION = -4,   /* index written by another format version */
	PDX_EANALYZER = -5,  /* index analyzed with other settings */
	PDX_EUSAGE = -6,     /* bad arguments from the command line */
	PDX_ETOOBIG = -7,    /* a value over a documented limit */
	PDX_EEMPTY = -8,     /* nothing to work on */
	PDX_ENOINDEX = -9    /* no index at the given path */
};

/* Returns a static, never-NULL message for any code of the space above. */
const char *pdx_strerror(int rc);

#endif
