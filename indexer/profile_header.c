/* profile_header — profile pages with a header block: the owner's name,
 * their main category, "h-index32", "33papers" and other figures, then each
 * work as a date header, the title, the authors and the abstract, separated
 * by blank lines:
 *
 *   Jinyang Gao
 *   LG
 *   h-index32
 *   33papers
 *   ...
 *   LGSep 5, 2023Code
 *   Data-Juicer: A One-Stop Data Processing System for Large Language Models
 *   Daoyuan Chen, Yilun Huang, Zhijian Ma et al.
 *   The immense evolution in Large Language Models (LLMs) has ...
 *
 * The owner is added to every work's authors. Owns nothing beyond one
 * read; date headers, author lists and records are profile.c's. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "profile.h"
#include "reader.h"

/* Header lines are searched this far down the page. */
#define HEADER_LINES 16

/* "h-index32" */
static int is_hindex(const char *s, size_t n)
{
	if (n <= 7 || n > 7 + 6 || memcmp(s, "h-index", 7) != 0)
		return 0;
	for (size_t i = 7; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return 1;
}

/* "33papers"; returns the number or -1. */
static long parse_papers(const char *s, size_t n)
{
	size_t i = 0;
	long v = 0;
	while (i < n && i < 7 && s[i] >= '0' && s[i] <= '9')
		v = v * 10 + (s[i++] - '0');
	if (i == 0 || n - i != 6 || memcmp(s + i, "papers", 6) != 0)
		return -1;
	return v;
}

/* A name on the first line and an "h-index" line in the header block. */
static int sniff(const char *head, size_t n)
{
	prof_head h;
	const char *line;
	size_t len;
	int lines = 0, named = 0;
	prof_head_init(&h, head, n);
	while (lines < HEADER_LINES && prof_head_line(&h, &line, &len)) {
		prof_trim(&line, &len);
		if (len == 0)
			continue;
		lines++;
		if (!named) {
			if (len > PROF_NAME_MAX || !prof_authors_plausible(line, len))
				return 0;
			named = 1;
		} else if (is_hindex(line, len)) {
			return 1;
		}
	}
	return 0;
}

enum { ST_TITLE, ST_AUTHORS, ST_ABSTRACT, ST_MORE };

struct page {
	rd_sink *sink;
	rd_report *rep;
	int year_now;
	int owner_done;
	char *owner;            /* owned; NULL when the page names none */
	long expected;          /* "33papers", -1 when absent */
	unsigned long expected_line;
	size_t works;
	int open, st;
	prof_work w;
};

static int finish(struct page *pg)
{
	if (!pg->open)
		return 0;
	pg->open = 0;
	/* A bad work gets one message, when prof_emit skips it. */
	int whole = !pg->w.bad_line;
	if (whole && pg->st == ST_AUTHORS)
		rd_warn(pg->rep, pg->w.line, "work has no authors and no abstract");
	else if (whole && pg->st == ST_ABSTRACT)
		rd_warn(pg->rep, pg->w.line, "work has no abstract");
	prof_add_owner(&pg->w.rec, pg->owner);
	return prof_emit(&pg->w, "header", pg->sink, pg->rep);
}

static int feed(struct page *pg, const char *s, size_t n, unsigned long lineno)
{
	prof_trim(&s, &n);
	if (n == 0)
		return 0;
	prof_date d;
	if (prof_parse_date(s, n, &d)) {
		int rc = finish(pg);
		pg->owner_done = 1;
		pg->works++;
		pg->open = 1;
		pg->st = ST_TITLE;
		prof_work_init(&pg->w, lineno);
		rec_strv_push(&pg->w.rec.categories, d.cat, d.cat_n);
		pg->w.rec.year = d.year ? d.year : pg->year_now;
		pg->w.rec.month = d.month;
		pg->w.rec.day = d.day;
		pg->w.rec.has_code = d.has_code;
		return rc;
	}
	if (!pg->owner_done) {
		pg->owner_done = 1;
		if (!(pg->owner = prof_owner_name(s, n)))
			rd_warn(pg->rep, lineno, "no owner name at the top of the page");
		return 0;
	}
	if (!pg->open) {
		long count = parse_papers(s, n);
		if (count >= 0 && pg->expected < 0) {
			pg->expected = count;
			pg->expected_line = lineno;
		}
		return 0;
	}
	/* A line that is not UTF-8 still takes its place in the work, which
	 * will be skipped. */
	if (!prof_work_check(&pg->w, s, n, lineno)) {
		pg->st = pg->st == ST_TITLE ? ST_AUTHORS : pg->st == ST_AUTHORS ? ST_ABSTRACT : ST_MORE;
		return 0;
	}
	if (pg->st == ST_TITLE) {
		prof_set_text(&pg->w.rec.title, s, n);
		pg->st = ST_AUTHORS;
		return 0;
	}
	if (pg->st == ST_AUTHORS) {
		if (prof_authors_plausible(s, n)) {
			prof_parse_authors(s, n, &pg->w.rec);
			pg->st = ST_ABSTRACT;
			return 0;
		}
		/* A long sentence is the abstract of a work without authors. */
		rd_warn(pg->rep, lineno, "work has no author line");
	}
	prof_work_abstract(&pg->w, s, n);
	pg->st = ST_MORE;
	return 0;
}

static int read_all(in_file *in, rd_sink *sink, rd_report *rep)
{
	struct page pg = {.sink = sink, .rep = rep, .expected = -1,
			  .year_now = prof_current_year()};
	prof_work_init(&pg.w, 0);
	const char *line;
	size_t n;
	unsigned long lineno;
	int rc, sink_rc = 0;
	while ((rc = in_next_line(in, &line, &n, &lineno)) != 0) {
		if (rc == PDX_ETOOBIG) {
			rd_warn(rep, lineno, "line longer than %u bytes skipped", IN_MAX_LINE);
			if (pg.open && pg.st != ST_MORE)
				pg.st++;
			continue;
		}
		if (rc != 1)
			break;
		if ((sink_rc = feed(&pg, line, n, lineno)))
			goto done;
	}
	if ((sink_rc = finish(&pg)))
		goto done;
	if (pg.expected >= 0 && (size_t)pg.expected != pg.works)
		rd_warn(rep, pg.expected_line, "page says %ld papers but lists %zu", pg.expected,
			pg.works);
	if (pg.owner)
		snprintf(rep->note, sizeof rep->note, "owner: %s", pg.owner);
	if (rc == 0 && pg.works == 0) {
		rd_warn(rep, 0, "no works found on the page");
		rc = PDX_EEMPTY;
	} else if (rc == 0 && rep->records == 0) {
		rc = PDX_EFORMAT;
	}
done:
	prof_work_clear(&pg.w);
	free(pg.owner);
	return sink_rc ? sink_rc : rc;
}

const rd_format rd_profile_header = {"header", sniff, read_all};
