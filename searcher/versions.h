/* versions — one paper found more than once among a query's hits: the
 * same title (case aside) with an author in common, as a conference
 * paper and its workshop version, or one paper in two listings. People
 * see each paper once, with its other versions under it; a run file
 * (TREC) still lists every record.
 *
 * 3.4% of ML Anthology's records share their title with another (2,635
 * titles on 5,375 records). */
#ifndef PDX_VERSIONS_H
#define PDX_VERSIONS_H

#include <stddef.h>
#include <stdint.h>

#include "output.h"
#include "store.h"
#include "topk.h"

/* A hit to show and the later hits that are versions of its paper. */
typedef struct ver_group {
	size_t hit;              /* index into the hits */
	out_version *v;          /* owned, with owned strings; by rank */
	size_t nv;
} ver_group;

/* Groups hits[0..n) (best first) into at most k groups, each led by its
 * best hit, in the hits' order; *out (owned, ver_free) gets them and *ng
 * how many. Versions of a group's paper are found among all n hits, so a
 * caller that fetched more than k hits fills k groups. Returns 0, or
 * PDX_ECORRUPT and the like when the record of docid *bad cannot be read. */
int ver_group_hits(store_txn *t, const topk_hit *hits, size_t n, size_t k, ver_group **out, size_t *ng,
		   uint32_t *bad);
void ver_free(ver_group *g, size_t ng);

#endif
