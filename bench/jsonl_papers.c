/* jsonl_papers — see jsonl_papers.h. Owns the line reader, the current
 * yajl tree and the author pointer arrays. */
#include "jsonl_papers.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yajl/yajl_tree.h>

#include "err.h"
#include "input.h"
#include "mem.h"

struct jp_reader {
	in_file *in;
	yajl_val tree;
	const char **authors, **names;
	size_t cap;
	size_t skipped;
};

int jp_open(const char *path, jp_reader **out)
{
	*out = NULL;
	in_file *in;
	int rc = in_open(path, &in);
	if (rc)
		return rc;
	jp_reader *r = mem_calloc(1, sizeof *r);
	r->in = in;
	*out = r;
	return 0;
}

void jp_close(jp_reader *r)
{
	if (!r)
		return;
	in_close(r->in);
	yajl_tree_free(r->tree);
	free(r->authors);
	free(r->names);
	free(r);
}

size_t jp_skipped(const jp_reader *r)
{
	return r->skipped;
}

static yajl_val member(yajl_val obj, const char *key)
{
	for (size_t i = 0; i < obj->u.object.len; i++)
		if (strcmp(obj->u.object.keys[i], key) == 0)
			return obj->u.object.values[i];
	return NULL;
}

/* Strings as they are; numbers (a "year": 2019) as their source text. */
static const char *str_of(yajl_val v)
{
	if (v && YAJL_IS_STRING(v))
		return v->u.string;
	if (v && YAJL_IS_NUMBER(v))
		return v->u.number.r;
	return "";
}

static void fill_strings(const char **dst, yajl_val arr)
{
	if (arr && YAJL_IS_ARRAY(arr))
		for (size_t i = 0; i < arr->u.array.len; i++)
			dst[i] = str_of(arr->u.array.values[i]);
}

int jp_next(jp_reader *r, jp_paper *p)
{
	for (;;) {
		const char *line;
		size_t n;
		unsigned long lineno;
		int rc = in_next_line(r->in, &line, &n, &lineno);
		if (rc == PDX_ETOOBIG) {
			r->skipped++;
			continue;
		}
		if (rc <= 0)
			return rc;
		if (n == 0)
			continue;
		yajl_tree_free(r->tree);
		char err[128];
		r->tree = yajl_tree_parse(line, err, sizeof err);
		if (!r->tree || !YAJL_IS_OBJECT(r->tree)) {
			fprintf(stderr, "%s:%lu: skipped, not a JSON object\n", in_path(r->in), lineno);
			r->skipped++;
			continue;
		}
		yajl_val t = r->tree;
		yajl_val au = member(t, "authors"), an = member(t, "author_names");
		size_t na = au && YAJL_IS_ARRAY(au) ? au->u.array.len : 0;
		size_t nn = an && YAJL_IS_ARRAY(an) ? an->u.array.len : 0;
		size_t need = na > nn ? na : nn;
		if (need > r->cap) {
			r->cap = need;
			r->authors = mem_realloc(r->authors, need * sizeof *r->authors);
			r->names = mem_realloc(r->names, need * sizeof *r->names);
		}
		/* The two lists are parallel; a shorter one is padded with "". */
		for (size_t i = 0; i < need; i++)
			r->authors[i] = r->names[i] = "";
		fill_strings(r->authors, au);
		fill_strings(r->names, an);
		p->id = str_of(member(t, "id"));
		p->title = str_of(member(t, "title"));
		p->abstract = str_of(member(t, "abstract"));
		p->venue = str_of(member(t, "venue"));
		p->year = str_of(member(t, "year"));
		p->authors = r->authors;
		p->author_names = r->names;
		p->nauthors = need;
		p->line = line;
		p->line_len = n;
		p->lineno = lineno;
		return 1;
	}
}
