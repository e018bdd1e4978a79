/* profile_researcher — "Researcher profile" pages: the owner's name near
 * the top, page chrome, "N published item(s)", then each work as a line
 * "preprint2026arXiv" (type, year, venue), the title and the abstract,
 * separated by blank lines:
 *
 *   Researcher profile
 *   Kaiqi Zhao
 *   ...
 *   6 published item(s)
 *   preprint2026arXiv
 *   Transitivity Meets Cyclicity: Explicit Preference Decomposition ...
 *   Standard RLHF relies on transitive scalar rewards, ...
 *
 * The page names no co-authors: each record's authors are the owner alone,
 * marked truncated because the real list is unknown. Owns nothing beyond
 * one read; shared parsing lives in profile.c. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "profile.h"
#include "reader.h"

#define SIGNATURE "Researcher profile"

static int is_signature(const char *s, size_t n)
{
	prof_trim(&s, &n);
	return n == strlen(SIGNATURE) && memcmp(s, SIGNATURE, n) == 0;
}

static int sniff(const char *head, size_t n)
{
	prof_head h;
	const char *line;
	size_t len;
	prof_head_init(&h, head, n);
	while (prof_head_line(&h, &line, &len)) {
		prof_trim(&line, &len);
		if (len)
			return is_signature(line, len);
	}
	return 0;
}

/* "preprint2026arXiv": lowercase type, four-digit year, venue. */
static int parse_work_header(const char *s, size_t n, int *year, const char **venue,
			     size_t *venue_n)
{
	size_t i = 0;
	while (i < n && s[i] >= 'a' && s[i] <= 'z')
		i++;
	if (i == 0 || i > 24 || n - i < 4 || n - i > 4 + 64)
		return 0;
	int y = 0;
	for (size_t k = 0; k < 4; k++, i++) {
		if (s[i] < '0' || s[i] > '9')
			return 0;
		y = y * 10 + (s[i] - '0');
	}
	if (y < 1000 || (i < n && s[i] >= '0' && s[i] <= '9'))
		return 0;
	for (size_t k = i; k < n; k++)
		if (s[k] <= ' ' || s[k] > '~')
			return 0;
	*year = y;
	*venue = s + i;
	*venue_n = n - i;
	return 1;
}

/* "36 published item(s)"; returns the number or -1. */
static long parse_item_count(const char *s, size_t n)
{
	static const char *const tails[] = {" published item(s)", " published items",
					    " published item"};
	size_t i = 0;
	long v = 0;
	while (i < n && i < 7 && s[i] >= '0' && s[i] <= '9')
		v = v * 10 + (s[i++] - '0');
	if (i == 0)
		return -1;
	for (size_t k = 0; k < 3; k++)
		if (n - i == strlen(tails[k]) && memcmp(s + i, tails[k], n - i) == 0)
			return v;
	return -1;
}

enum { ST_TITLE, ST_ABSTRACT, ST_MORE };

struct page {
	rd_sink *sink;
	rd_report *rep;
	int signature;          /* the first line was seen */
	int owner_done;
	char *owner;            /* owned; NULL when the page names none */
	long expected;          /* "N published item(s)", -1 when absent */
	unsigned long expected_line;
	size_t works;           /* work headers seen */
	int open, st;
	prof_work w;
};

static int finish(struct page *pg)
{
	if (!pg->open)
		return 0;
	pg->open = 0;
	if (pg->st == ST_ABSTRACT && !pg->w.bad_line)
		rd_warn(pg->rep, pg->w.line, "work has no abstract");
	prof_add_owner(&pg->w.rec, pg->owner);
	pg->w.rec.authors_truncated = 1;
	return prof_emit(&pg->w, "researcher", pg->sink, pg->rep);
}

static void take_owner(struct page *pg, const char *s, size_t n, unsigned long lineno)
{
	pg->owner_done = 1;
	pg->owner = prof_owner_name(s, n);
	if (!pg->owner)
		rd_warn(pg->rep, lineno, "no owner name at the top of the page");
}

static int feed(struct page *pg, const char *s, size_t n, unsigned long lineno)
{
	prof_trim(&s, &n);
	if (n == 0)
		return 0;
	int year;
	const char *venue;
	size_t venue_n;
	if (parse_work_header(s, n, &year, &venue, &venue_n)) {
		int rc = finish(pg);
		pg->owner_done = 1;
		pg->works++;
		pg->open = 1;
		pg->st = ST_TITLE;
		prof_work_init(&pg->w, lineno);
		pg->w.rec.year = year;
		if (venue_n)
			rec_set(&pg->w.rec.venue, venue, venue_n);
		return rc;
	}
	if (!pg->owner_done) {
		take_owner(pg, s, n, lineno);
		return 0;
	}
	if (!pg->open) {
		long count = parse_item_count(s, n);
		if (count >= 0 && pg->expected < 0) {
			pg->expected = count;
			pg->expected_line = lineno;
		}
		return 0;
	}
	/* A line that is not UTF-8 still takes its place in the work, which
	 * will be skipped. */
	int valid = prof_work_check(&pg->w, s, n, lineno);
	if (pg->st == ST_TITLE) {
		if (valid)
			prof_set_text(&pg->w.rec.title, s, n);
		pg->st = ST_ABSTRACT;
	} else if (valid) {
		prof_work_abstract(&pg->w, s, n);
		pg->st = ST_MORE;
	}
	return 0;
}

static int read_all(in_file *in, rd_sink *sink, rd_report *rep)
{
	struct page pg = {.sink = sink, .rep = rep, .expected = -1};
	prof_work_init(&pg.w, 0);
	const char *line;
	size_t n;
	unsigned long lineno;
	int rc, sink_rc = 0;
	while ((rc = in_next_line(in, &line, &n, &lineno)) != 0) {
		if (rc == PDX_ETOOBIG) {
			rd_warn(rep, lineno, "line longer than %u bytes skipped", IN_MAX_LINE);
			if (pg.open && pg.st == ST_TITLE)
				pg.st = ST_ABSTRACT;
			continue;
		}
		if (rc != 1)
			break;
		if (!pg.signature) {
			const char *t = line;
			size_t tn = n;
			prof_trim(&t, &tn);
			if (tn == 0)
				continue;
			if (!is_signature(t, tn)) {
				rd_warn(rep, lineno, "not a researcher profile page");
				rc = PDX_EFORMAT;
				goto done;
			}
			pg.signature = 1;
			continue;
		}
		if ((sink_rc = feed(&pg, line, n, lineno)))
			goto done;
	}
	if ((sink_rc = finish(&pg)))
		goto done;
	if (pg.expected >= 0 && (size_t)pg.expected != pg.works)
		rd_warn(rep, pg.expected_line, "page says %ld published items but lists %zu",
			pg.expected, pg.works);
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

const rd_format rd_profile_researcher = {"researcher", sniff, read_all};
