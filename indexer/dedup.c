/* dedup — placeholder: passes records through until the merger lands. */
#include "dedup.h"

#include <stdlib.h>

#include "mem.h"

struct dd_merger {
	rd_sink *out;
};

dd_merger *dd_new(rd_sink *out)
{
	dd_merger *m = mem_calloc(1, sizeof *m);
	m->out = out;
	return m;
}

int dd_emit(void *ctx, rec_paper *rec)
{
	dd_merger *m = ctx;
	return m->out->emit(m->out->ctx, rec);
}

int dd_flush(dd_merger *m, size_t *listings, size_t *papers)
{
	(void)m;
	if (listings)
		*listings = 0;
	if (papers)
		*papers = 0;
	return 0;
}

void dd_free(dd_merger *m)
{
	free(m);
}
