/* profile_listing — listing pages: a bare list of works, each a date
 * header "[score]CATEGORY Month Day[, Year][Code]", a line holding the
 * title immediately followed by the authors, and the abstract:
 *
 *   LGFeb 12, 2023
 *   USER: Unsupervised ... Robust Graph Neural NetworkYifei Wang, Yupan Wang, Zeyu Zhang et al. · mit
 *   Unsupervised/self-supervised graph neural networks (GNN) are ...
 *
 * The page does not name its owner. The reader keeps the page's works
 * until the end, so that names seen on some lines help split others (see
 * prof_split_title) and the owner can be inferred as the author on most of
 * the works (prof_infer_owner); the owner is then added to every work and
 * named in the file's report. Owns the works of one page while reading it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "mem.h"
#include "profile.h"
#include "reader.h"

/* A date header line followed by a non-empty line that is not another. */
static int sniff(const char *head, size_t n)
{
	prof_head h;
	const char *line;
	size_t len;
	prof_date d;
	int seen = 0;
	prof_head_init(&h, head, n);
	while (prof_head_line(&h, &line, &len)) {
		prof_trim(&line, &len);
		if (len == 0)
			continue;
		if (!seen) {
			if (!prof_parse_date(line, len, &d))
				return 0;
			seen = 1;
			continue;
		}
		return !prof_parse_date(line, len, &d);
	}
	return 0;
}

enum { ST_TITLE, ST_ABSTRACT, ST_MORE };

/* A work until the page is complete: its record so far and the raw
 * title-and-authors line, split once every line has been seen. */
struct lwork {
	prof_work w;
	char *raw;              /* owned; NULL when the line is missing */
	size_t raw_n;
	unsigned long raw_line;
	int st;
};

struct page {
	rd_report *rep;
	int year_now;
	struct lwork *v;
	size_t n, cap;
	unsigned long stray_line; /* first text line before any work */
};

static void feed(struct page *pg, const char *s, size_t n, unsigned long lineno)
{
	prof_trim(&s, &n);
	if (n == 0)
		return;
	prof_date d;
	if (prof_parse_date(s, n, &d)) {
		pg->v = mem_grow(pg->v, &pg->cap, pg->n + 1, sizeof *pg->v);
		struct lwork *lw = &pg->v[pg->n++];
		memset(lw, 0, sizeof *lw);
		prof_work_init(&lw->w, lineno);
		rec_strv_push(&lw->w.rec.categories, d.cat, d.cat_n);
		lw->w.rec.year = d.year ? d.year : pg->year_now;
		lw->w.rec.month = d.month;
		lw->w.rec.day = d.day;
		lw->w.rec.has_code = d.has_code;
		return;
	}
	if (pg->n == 0) {
		if (!pg->stray_line)
			pg->stray_line = lineno;
		return;
	}
	struct lwork *lw = &pg->v[pg->n - 1];
	/* A line that is not UTF-8 still takes its place in the work, which
	 * will be skipped. */
	int valid = prof_work_check(&lw->w, s, n, lineno);
	if (lw->st == ST_TITLE) {
		if (valid) {
			lw->raw = mem_strndup(s, n);
			lw->raw_n = n;
			lw->raw_line = lineno;
		}
		lw->st = ST_ABSTRACT;
	} else if (valid) {
		prof_work_abstract(&lw->w, s, n);
		lw->st = ST_MORE;
	}
}

/* Splits every title line into title and authors. */
static void split_all(struct page *pg)
{
	prof_keyset *known = prof_keyset_new();
	for (size_t i = 0; i < pg->n; i++)
		if (pg->v[i].raw && !pg->v[i].w.bad_line)
			prof_known_add_line(known, pg->v[i].raw, pg->v[i].raw_n);
	for (size_t i = 0; i < pg->n; i++) {
		struct lwork *lw = &pg->v[i];
		if (!lw->raw || lw->w.bad_line)
			continue;
		size_t t;
		if (prof_split_title(lw->raw, lw->raw_n, known, &t)) {
			prof_set_text(&lw->w.rec.title, lw->raw, t);
			prof_parse_authors(lw->raw + t, lw->raw_n - t, &lw->w.rec);
		} else {
			rd_warn(pg->rep, lw->raw_line, "no authors after the title");
			prof_set_text(&lw->w.rec.title, lw->raw, lw->raw_n);
		}
	}
	prof_keyset_free(known);
}

static int emit_all(struct page *pg, rd_sink *sink)
{
	/* Shallow copies of the complete works, borrowed for the count. */
	prof_work *works = mem_calloc(pg->n ? pg->n : 1, sizeof *works);
	size_t nw = 0;
	for (size_t i = 0; i < pg->n; i++)
		if (pg->v[i].raw && !pg->v[i].w.bad_line)
			works[nw++] = pg->v[i].w;
	buf owner = BUF_INIT;
	size_t count = 0;
	int inferred = prof_infer_owner(works, nw, &owner, &count);
	free(works);
	if (inferred)
		snprintf(pg->rep->note, sizeof pg->rep->note,
			 "owner inferred: %s, listed on %zu of %zu papers", (const char *)owner.p,
			 count, nw);
	else
		snprintf(pg->rep->note, sizeof pg->rep->note, "owner not inferred");
	int rc = 0;
	for (size_t i = 0; i < pg->n && !rc; i++) {
		struct lwork *lw = &pg->v[i];
		if (lw->st == ST_ABSTRACT && !lw->w.bad_line)
			rd_warn(pg->rep, lw->w.line, "work has no abstract");
		if (inferred)
			prof_add_owner(&lw->w.rec, (const char *)owner.p);
		rc = prof_emit(&lw->w, "listing", sink, pg->rep);
	}
	buf_free(&owner);
	return rc;
}

static int read_all(in_file *in, rd_sink *sink, rd_report *rep)
{
	struct page pg = {.rep = rep, .year_now = prof_current_year()};
	const char *line;
	size_t n;
	unsigned long lineno;
	int rc, sink_rc;
	while ((rc = in_next_line(in, &line, &n, &lineno)) != 0) {
		if (rc == PDX_ETOOBIG) {
			rd_warn(rep, lineno, "line longer than %u bytes skipped", IN_MAX_LINE);
			if (pg.n && pg.v[pg.n - 1].st != ST_MORE)
				pg.v[pg.n - 1].st++;
			continue;
		}
		if (rc != 1)
			break;
		feed(&pg, line, n, lineno);
	}
	if (pg.stray_line)
		rd_warn(rep, pg.stray_line, "text before the first work ignored");
	split_all(&pg);
	sink_rc = emit_all(&pg, sink);
	if (rc == 0 && pg.n == 0) {
		rd_warn(rep, 0, "no works found on the page");
		rc = PDX_EEMPTY;
	} else if (rc == 0 && rep->records == 0) {
		rc = PDX_EFORMAT;
	}
	for (size_t i = 0; i < pg.n; i++) {
		prof_work_clear(&pg.v[i].w);
		free(pg.v[i].raw);
	}
	free(pg.v);
	return sink_rc ? sink_rc : rc;
}

const rd_format rd_profile_listing = {"listing", sniff, read_all};
