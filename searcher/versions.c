/* versions — grouping hits by paper; see versions.h. */
#include "versions.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "mem.h"
#include "names.h"
#include "record.h"
#include "strmap.h"

/* What identifies a group's paper: its title and its authors' keys. */
typedef struct leader {
	char *title;             /* ASCII letters in lower case: the map's key */
	buf keys;                /* each key NUL-terminated */
	size_t next;             /* the next group with the same title, or NONE */
} leader;

#define NONE ((size_t)-1)

static void author_keys(const rec_paper *rec, buf *out)
{
	buf key = BUF_INIT;
	for (size_t i = 0; i < rec->authors.n; i++) {
		buf_clear(&key);
		name_key(rec->authors.v[i], strlen(rec->authors.v[i]), &key);
		buf_put(out, key.p, key.n);
		buf_putc(out, '\0');
	}
	buf_free(&key);
}

/* Whether two NUL-separated key lists share a key, or are both empty. */
static int share_key(const buf *a, const buf *b)
{
	if (a->n == 0 || b->n == 0)
		return a->n == b->n;
	for (size_t i = 0; i < a->n; i += strlen((const char *)a->p + i) + 1)
		for (size_t j = 0; j < b->n; j += strlen((const char *)b->p + j) + 1)
			if (strcmp((const char *)a->p + i, (const char *)b->p + j) == 0)
				return 1;
	return 0;
}

static void add_version(ver_group *g, const rec_paper *rec)
{
	g->v = mem_realloc(g->v, (g->nv + 1) * sizeof *g->v);
	g->v[g->nv++] = (out_version){mem_strdup(rec->id), mem_strdup(rec->venue ? rec->venue : ""), rec->year};
}

static char *lower_copy(const char *s)
{
	char *c = mem_strdup(s);
	for (char *p = c; *p; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p - 'A' + 'a');
	return c;
}

int ver_group_hits(store_txn *t, const topk_hit *hits, size_t n, size_t k, ver_group **out, size_t *ng,
		   uint32_t *bad)
{
	*out = NULL;
	*ng = 0;
	size_t cap = k < n ? k : n;
	ver_group *g = mem_calloc(cap ? cap : 1, sizeof *g);
	leader *l = mem_calloc(cap ? cap : 1, sizeof *l);
	/* Title -> its first group; the others with that title follow next. */
	strmap *first = strmap_new();
	size_t m = 0;
	rec_paper rec;
	rec_init(&rec);
	buf keys = BUF_INIT;
	int rc = 0;
	for (size_t i = 0; i < n; i++) {
		const void *data;
		size_t len;
		if ((rc = store_doc_get(t, hits[i].docid, &data, &len)) || (rc = rec_decode(data, len, &rec))) {
			*bad = hits[i].docid;
			goto fail;
		}
		buf_clear(&keys);
		author_keys(&rec, &keys);
		char *title = lower_copy(rec.title);
		size_t j = NONE, last = NONE, at;
		if (title[0] && strmap_get(first, title, &at))
			for (size_t x = at; x != NONE && j == NONE; x = l[x].next) {
				if (share_key(&l[x].keys, &keys))
					j = x;
				last = x;
			}
		if (j != NONE) {
			add_version(&g[j], &rec);
			free(title);
		} else if (m < cap) {
			g[m].hit = i;
			l[m] = (leader){title, keys, NONE};
			keys = (buf)BUF_INIT;
			if (last != NONE)
				l[last].next = m;
			else if (title[0])
				strmap_put(first, title, m, NULL);
			m++;
		} else {
			free(title);
		}
		rec_clear(&rec);
	}
	*out = g;
	*ng = m;
	g = NULL;
fail:
	rec_clear(&rec);
	buf_free(&keys);
	strmap_free(first);
	for (size_t j = 0; j < m; j++) {
		free(l[j].title);
		buf_free(&l[j].keys);
	}
	free(l);
	if (g)
		ver_free(g, m);
	return rc;
}

void ver_free(ver_group *g, size_t ng)
{
	if (!g)
		return;
	for (size_t i = 0; i < ng; i++) {
		for (size_t j = 0; j < g[i].nv; j++) {
			free(g[i].v[j].id);
			free(g[i].v[j].venue);
		}
		free(g[i].v);
	}
	free(g);
}
