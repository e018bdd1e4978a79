/* smart — the SMART collection format of Cranfield, CISI, CACM, MED...:
 *
 *   .I 1            record start and id
 *   .T              title
 *   .A              authors, one per .A field or line ("Last, F.")
 *   .B              bibliographic note: a citation, an affiliation or a year
 *   .W              abstract
 *   .X .K .C .N ... cross-references, keywords...: skipped
 *
 * A marker is a line starting with "." and a capital letter, alone or
 * followed by blanks and text that belongs to the field. Choices:
 * - .B gives the year when it holds one (1800-2099); it is the venue only
 *   when it also holds letters, i.e. reads as a citation ("j. ae. scs. 25,
 *   1958, 324."). An affiliation or a report number without a year is
 *   dropped rather than shown as a venue.
 * - Cranfield has stray markers inside abstracts (records 240, 576, 578:
 *   ".A" or ".B" lines in the middle of .W text). A marker for a field the
 *   record already has, other than the field being read, is taken as a line
 *   of the current field, with a warning. A marker repeating the current
 *   field continues it (CISI gives one .A field per author).
 * - A record without any .W marker is taken as truncated and skipped; an
 *   empty .W (Cranfield 471 and 995 have empty .T and .W) is kept, with a
 *   warning, so that relevance judgments still find the id.
 * Owns nothing between calls. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "byline.h"
#include "err.h"
#include "mem.h"
#include "reader.h"
#include "text.h"

typedef struct smart {
	in_file *in;
	rd_sink *sink;
	rd_report *rep;
	int in_rec;
	unsigned long rec_line;
	int bad;            /* an error already cost this record */
	char field;         /* field being read ('T', 'W'...), 0 right after .I */
	uint32_t seen;      /* fields met in this record, one bit per letter */
	buf id, title, abstract, bib, scratch;
	rec_strv authors;
	int warned_outside;
} smart;

static int is_marker(const char *line, size_t n)
{
	return n >= 2 && line[0] == '.' && line[1] >= 'A' && line[1] <= 'Z' &&
	       (n == 2 || line[2] == ' ' || line[2] == '\t');
}

static int is_blank_line(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\f')
			return 0;
	return 1;
}

static int sniff(const char *head, size_t n)
{
	size_t i = 0;
	if (n >= 3 && memcmp(head, "\xEF\xBB\xBF", 3) == 0)
		i = 3;
	while (i < n && (head[i] == ' ' || head[i] == '\t' || head[i] == '\r' || head[i] == '\n'))
		i++;
	if (n - i < 4 || head[i] != '.' || head[i + 1] != 'I' ||
	    (head[i + 2] != ' ' && head[i + 2] != '\t'))
		return 0;
	for (i += 3; i < n && head[i] != '\n' && head[i] != '\r'; i++)
		if (head[i] != ' ' && head[i] != '\t')
			return 1;
	return 0;
}

/* The first standalone four-digit number from 1800 to 2099, or 0. */
static int find_year(const char *s, size_t n)
{
	for (size_t i = 0; i + 4 <= n; i++) {
		if ((i > 0 && s[i - 1] >= '0' && s[i - 1] <= '9') ||
		    (i + 4 < n && s[i + 4] >= '0' && s[i + 4] <= '9'))
			continue;
		int y = 0;
		size_t k = 0;
		while (k < 4 && s[i + k] >= '0' && s[i + k] <= '9')
			y = y * 10 + (s[i + k++] - '0');
		if (k == 4 && y >= 1800 && y <= 2099)
			return y;
	}
	return 0;
}

static int has_letter(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if ((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z'))
			return 1;
	return 0;
}

static const char *id_of(const smart *s)
{
	return s->id.n ? (const char *)s->id.p : "?";
}

static void reset_record(smart *s)
{
	s->in_rec = 0;
	s->bad = 0;
	s->field = 0;
	s->seen = 0;
	buf_clear(&s->id);
	buf_clear(&s->title);
	buf_clear(&s->abstract);
	buf_clear(&s->bib);
	rec_strv_free(&s->authors);
}

static void set_squashed(smart *s, char **field, const buf *b)
{
	buf_clear(&s->scratch);
	text_squash(&s->scratch, (const char *)b->p, b->n);
	rec_set(field, s->scratch.n ? (const char *)s->scratch.p : "", s->scratch.n);
}

/* Hands the record being read to the sink, or reports why it cannot. */
static int finish_record(smart *s)
{
	int rc = 0;
	if (!s->in_rec || s->bad)
		goto done;
	if (s->id.n == 0) {
		rd_error(s->rep, s->rec_line, ".I without an id");
		goto done;
	}
	if (!(s->seen & (1u << ('W' - 'A')))) {
		rd_error(s->rep, s->rec_line, "record %s has no .W field (truncated?)", id_of(s));
		goto done;
	}
	rec_paper rec;
	rec_init(&rec);
	rec_set(&rec.id, (const char *)s->id.p, s->id.n);
	set_squashed(s, &rec.title, &s->title);
	set_squashed(s, &rec.abstract, &s->abstract);
	if (!rec.title[0] && !rec.abstract[0])
		rd_warn(s->rep, s->rec_line, "record %s has no title and no abstract", rec.id);
	buf_clear(&s->scratch);
	text_squash(&s->scratch, (const char *)s->bib.p, s->bib.n);
	rec.year = find_year((const char *)s->scratch.p, s->scratch.n);
	if (rec.year && has_letter((const char *)s->scratch.p, s->scratch.n))
		rec_set(&rec.venue, (const char *)s->scratch.p, s->scratch.n);
	rec.authors = s->authors;
	memset(&s->authors, 0, sizeof s->authors);
	rec.format = mem_strdup("smart");
	rec.source = mem_strdup(in_path(s->in));
	rec.line = s->rec_line;
	rec_finish(&rec);
	s->rep->records++;
	rc = s->sink->emit(s->sink->ctx, &rec);
	rec_clear(&rec);
done:
	reset_record(s);
	return rc;
}

/* Adds one line of text to the field being read. */
static void add_text(smart *s, const char *t, size_t n)
{
	buf *b = NULL;
	switch (s->field) {
	case 'T': b = &s->title; break;
	case 'W': b = &s->abstract; break;
	case 'B': b = &s->bib; break;
	case 'A':
		byl_split_and(&s->authors, t, n);
		return;
	default:
		return;
	}
	buf_put(b, t, n);
	buf_putc(b, '\n');
}

static void start_record(smart *s, const char *rest, size_t n, unsigned long lineno)
{
	s->in_rec = 1;
	s->rec_line = lineno;
	text_squash(&s->id, rest, n);
}

static void marker(smart *s, const char *line, size_t n, unsigned long lineno)
{
	char f = line[1];
	const char *rest = line + 2;
	size_t rn = n - 2;
	uint32_t bit = 1u << (f - 'A');
	if ((s->seen & bit) && f != s->field) {
		rd_warn(s->rep, lineno, "stray .%c inside .%c of record %s taken as text",
			f, s->field ? s->field : 'I', id_of(s));
		add_text(s, rest, rn);
		return;
	}
	s->field = f;
	s->seen |= bit;
	if (!is_blank_line(rest, rn))
		add_text(s, rest, rn);
}

static int read_all(in_file *in, rd_sink *sink, rd_report *rep)
{
	smart s = {.in = in, .sink = sink, .rep = rep};
	const char *line;
	size_t n;
	unsigned long lineno = 0;
	int rc, src = 0;
	while ((rc = in_next_line(in, &line, &n, &lineno)) != 0) {
		if (rc == PDX_ETOOBIG) {
			if (s.in_rec && !s.bad) {
				rd_error(rep, lineno, "line longer than %u MiB in record %s", IN_MAX_LINE >> 20,
					 id_of(&s));
				s.bad = 1;
			} else if (!s.in_rec) {
				rd_warn(rep, lineno, "line longer than %u MiB ignored", IN_MAX_LINE >> 20);
			}
			continue;
		}
		if (rc < 0 || rc > 1) {
			src = rc;
			break;
		}
		if (lineno == 1 && n >= 3 && memcmp(line, "\xEF\xBB\xBF", 3) == 0) {
			line += 3;
			n -= 3;
		}
		size_t bad;
		if (!text_utf8_valid(line, n, &bad)) {
			if (s.in_rec && !s.bad) {
				rd_error(rep, lineno, "invalid UTF-8 at byte %zu in record %s", bad + 1,
					 id_of(&s));
				s.bad = 1;
			} else if (!s.in_rec) {
				rd_warn(rep, lineno, "invalid UTF-8 at byte %zu outside any record", bad + 1);
			}
			continue;
		}
		if (is_marker(line, n) && line[1] == 'I') {
			if ((rc = finish_record(&s)))
				goto done;
			start_record(&s, line + 2, n - 2, lineno);
		} else if (!s.in_rec) {
			if (!s.warned_outside && !is_blank_line(line, n)) {
				rd_warn(rep, lineno, "text before the first .I ignored");
				s.warned_outside = 1;
			}
		} else if (s.bad) {
			continue;
		} else if (is_marker(line, n)) {
			marker(&s, line, n, lineno);
		} else {
			add_text(&s, line, n);
		}
	}
	if (src) {
		if (s.in_rec && !s.bad)
			rd_error(rep, s.rec_line, "%s: record %s cut off", in_error(in), id_of(&s));
		else
			rd_error(rep, lineno, "%s: the rest of the file is lost", in_error(in));
		reset_record(&s);
		rc = rep->records ? 0 : src;
		goto done;
	}
	rc = finish_record(&s);
done:
	reset_record(&s);
	buf_free(&s.id);
	buf_free(&s.title);
	buf_free(&s.abstract);
	buf_free(&s.bib);
	buf_free(&s.scratch);
	return rc;
}

const rd_format rd_smart = {"smart", sniff, read_all};
