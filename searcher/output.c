/* output — text, JSON Lines and TREC renderings of hits. */
#include "output.h"

#include <string.h>

#define BOLD "\033[1m"
#define PLAIN "\033[0m"

int out_format_parse(const char *s)
{
	if (strcmp(s, "text") == 0)
		return OUT_TEXT;
	if (strcmp(s, "json") == 0)
		return OUT_JSON;
	if (strcmp(s, "trec") == 0)
		return OUT_TREC;
	return -1;
}

void out_trec_line(buf *out, const char *qid, const char *docid, size_t rank, double score,
		   const char *tag)
{
	/* "%s Q0 %s %zu %.6f %s\n" without printf, whose float formatting
	 * took most of a top-1,000 batch's time. */
	buf_puts(out, qid);
	buf_put(out, " Q0 ", 4);
	buf_puts(out, docid);
	buf_putc(out, ' ');
	buf_put_decimal(out, rank);
	buf_putc(out, ' ');
	buf_put_fixed(out, score, 6);
	buf_putc(out, ' ');
	buf_puts(out, tag);
	buf_putc(out, '\n');
}

void out_byline(buf *out, const rec_paper *rec, size_t max_authors)
{
	size_t shown = rec->authors.n < max_authors ? rec->authors.n : max_authors;
	for (size_t i = 0; i < shown; i++)
		buf_printf(out, "%s%s", i ? ", " : "", rec->authors.v[i]);
	if (rec->authors.n > shown || rec->authors_truncated)
		buf_puts(out, shown ? " et al." : "et al.");
	const char *sep = shown || rec->authors_truncated ? " · " : "";
	if (rec->year > 0) {
		buf_printf(out, "%s%d", sep, rec->year);
		sep = " · ";
	}
	if (rec->venue && rec->venue[0]) {
		buf_printf(out, "%s%s", sep, rec->venue);
		sep = " · ";
	}
	for (size_t i = 0; i < rec->categories.n; i++) {
		buf_printf(out, "%s%s", i ? " " : sep, rec->categories.v[i]);
		if (!i)
			sep = " · ";
	}
	if (rec->has_code)
		buf_printf(out, "%scode", sep);
}

static void text_paper(buf *out, int color, size_t rank, double score, const rec_paper *rec,
		       const snip *sn, const out_version *v, size_t nv)
{
	const char *title = rec->title && rec->title[0] ? rec->title : "(no title)";
	if (color)
		buf_printf(out, "%zu. " BOLD "%s" PLAIN "  (%.3f)\n", rank, title, score);
	else
		buf_printf(out, "%zu. %s  (%.3f)\n", rank, title, score);
	buf_puts(out, "   ");
	out_byline(out, rec, 6);
	buf_printf(out, "%s[%s]\n", out->n && out->p[out->n - 1] == ' ' ? "" : "  ", rec->id);
	for (size_t i = 0; i < nv; i++) {
		buf_puts(out, i ? "; " : "   also: ");
		if (v[i].venue[0])
			buf_printf(out, "%s ", v[i].venue);
		if (v[i].year > 0)
			buf_printf(out, "%d ", v[i].year);
		buf_printf(out, "[%s]%s", v[i].id, i + 1 == nv ? "\n" : "");
	}
	if (sn && sn->text.n) {
		buf_puts(out, "   ");
		snip_render(sn, color ? BOLD : "[", color ? PLAIN : "]", out);
		buf_putc(out, '\n');
	}
}

static void json_paper(buf *out, size_t rank, double score, const rec_paper *rec, const snip *sn,
		       const out_version *v, size_t nv)
{
	buf_printf(out, "{\"rank\":%zu,\"score\":%.6f,", rank, score);
	rec_json_fields(rec, out);
	if (sn) {
		buf_puts(out, ",\"snippet\":");
		buf_put_json_str(out, (const char *)sn->text.p, sn->text.n);
		buf_puts(out, ",\"highlights\":[");
		for (size_t i = 0; i < sn->nhl; i++)
			buf_printf(out, "%s[%zu,%zu]", i ? "," : "", sn->hl[i].start, sn->hl[i].end);
		buf_putc(out, ']');
	}
	buf_puts(out, ",\"versions\":[");
	for (size_t i = 0; i < nv; i++) {
		buf_puts(out, i ? ",{\"id\":" : "{\"id\":");
		buf_put_json_str(out, v[i].id, strlen(v[i].id));
		buf_puts(out, ",\"venue\":");
		buf_put_json_str(out, v[i].venue, strlen(v[i].venue));
		if (v[i].year > 0)
			buf_printf(out, ",\"year\":%d}", v[i].year);
		else
			buf_puts(out, ",\"year\":null}");
	}
	buf_puts(out, "]}\n");
}

void out_paper(buf *out, out_format f, int color, const char *qid, size_t rank, double score,
	       const rec_paper *rec, const snip *sn, const out_version *v, size_t nv, const char *tag)
{
	switch (f) {
	case OUT_TEXT:
		text_paper(out, color, rank, score, rec, sn, v, nv);
		break;
	case OUT_JSON:
		json_paper(out, rank, score, rec, sn, v, nv);
		break;
	case OUT_TREC:
		out_trec_line(out, qid, rec->id, rank, score, tag);
		break;
	}
}
