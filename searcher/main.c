/* paperdex-search — the searcher's command line: one query, a batch of
 * topics (TREC run, optionally evaluated), or the evaluation of a run. */
#include <ctype.h>
#include <errno.h>
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "authors.h"
#include "engine.h"
#include "err.h"
#include "mem.h"
#include "metrics.h"
#include "output.h"
#include "prf.h"
#include "query.h"
#include "record.h"
#include "snippet.h"
#include "store.h"
#include "suggest.h"
#include "text.h"
#include "topics.h"
#include "trecfile.h"
#include "versions.h"

#define EXIT_FAIL 1
#define EXIT_USAGE 2
#define SNIPPET_BYTES 240
/* The default's cap: past a few threads, the chunks' overhead eats the gain. */
#define MAX_THREADS 8

typedef struct options {
	const char *db;
	size_t k;
	int k_set;
	out_format format;
	int explain;
	eng_mode scorer;
	bm25_params bm25;
	const char *batch, *qrels, *eval, *run_out, *timings;
	const char *run_tag, *qid;
	met_spec *measures;
	buf measure_args;
	unsigned met_flags;
	int authors;            /* rank researchers instead of papers */
	const char *profile;    /* --author NAME */
	au_agg agg;
	au_credit credit;
	size_t depth;
	int rm3;
	int backfill;           /* batch: fill short result lists (prf_backfill) */
	prf_params prf;
	unsigned threads;       /* per search (eng_set_threads) */
	uint64_t par_min;
	buf query;
} options;

static void usage(FILE *f)
{
	fprintf(f,
		"usage: paperdex-search [-d DB] [-k N] [--format text|json|trec] [--explain] QUERY...\n"
		"       paperdex-search [-d DB] --batch TOPICS [-k N] [--run-tag TAG] [-o RUN]\n"
		"                       [--qrels QRELS [-m MEASURE]... [-q]] [--timings FILE]\n"
		"       paperdex-search [-d DB] --authors [--agg A] [--credit C] [--depth N] QUERY...\n"
		"       paperdex-search [-d DB] --author NAME\n"
		"       paperdex-search --eval RUN --qrels QRELS [-m MEASURE]... [-q] [-c]\n"
		"\n"
		"Ranks papers for a query (BM25F over titles and abstracts), or researchers\n"
		"by the evidence of their papers.\n"
		"\n"
		"Query language: words (ranked), \"exact phrase\", +required, -excluded,\n"
		"AND OR NOT ( ), title:word abstract:word author:\"Kaiqi Zhao\",\n"
		"year:2021 year:2019..2023 year:>2020 category:LG venue:neurips has:code\n"
		"\n"
		"  -d, --db DB      the index (default: $PAPERDEX_DB, else ./paperdex.db)\n"
		"  -k N             results per query (default 10; 1000 with --batch)\n"
		"  --format F       text (default), json (JSON Lines) or trec (run lines)\n"
		"  --explain        show each term's and field's contribution to a score\n"
		"  --scorer S       auto (default): block-max MaxScore below k %u, term at a\n"
		"                   time from there; maxscore; taat; or exhaustive (score\n"
		"                   every matching paper). All return the same results.\n"
		"  --exhaustive     the same as --scorer exhaustive\n"
		"  --threads N      threads per search (default: the CPUs online, at most %u)\n"
		"  --parallel-min N search on one thread a bag of words whose lists hold\n"
		"                   fewer than N postings (default %u)\n"
		"  --rm3            expand bag-of-words queries by pseudo-relevance feedback\n"
		"  --fb-docs N --fb-terms N --fb-weight X   RM3 settings (default %zu %zu %.1f)\n"
		"  --k1 X --b X --title-weight X   BM25F parameters (default k1 %.2f, b %.2f\n"
		"                   for titles and %.2f for abstracts, title weight %.1f);\n"
		"                   --b-title X and --b-abstract X set b per field\n"
		"  --batch TOPICS   run every topic of a topics file (TSV, TREC, BEIR, SMART);\n"
		"                   topics are plain words: no operators, quotes or fields;\n"
		"                   a topic matching fewer than k papers is filled up with the\n"
		"                   papers its RM3 expansion finds (--no-backfill: not)\n"
		"  --run-tag TAG    the run name in TREC output (default paperdex)\n"
		"  -o FILE          write the batch run to FILE\n"
		"  --qrels QRELS    evaluate the batch run (or --eval RUN) against judgments\n"
		"  -m MEASURE       measures as in trec_eval (map, P.10, ndcg_cut.10, ...)\n"
		"  -q               per-topic measures too;  -c  average over all judged topics\n"
		"  --timings FILE   per-topic search time in microseconds (qid TAB us)\n"
		"  --eval RUN       evaluate an existing TREC run file\n"
		"  --authors        rank researchers (also with --batch: author keys as docids,\n"
		"                   spaces written as _)\n"
		"  --agg A          vote aggregation: model2 combsum combmnz expcombmnz rr votes\n"
		"                   (default %s)\n"
		"  --credit C       a paper's credit per author: equal split position (default %s)\n"
		"  --depth N        papers that vote (default %d)\n"
		"  --author NAME    one researcher's profile: papers, topics, co-authors, years\n"
		"  -h, --help       this help\n"
		"\n"
		"Exit status: 0 success (also when nothing matches), 1 error, 2 bad usage.\n",
		ENG_TAAT_MIN_K, MAX_THREADS, ENG_PARALLEL_MIN, prf_defaults.docs, prf_defaults.terms, prf_defaults.orig_weight,
		bm25_defaults.k1, bm25_defaults.b[0], bm25_defaults.b[1], bm25_defaults.w[0] / bm25_defaults.w[1],
		au_agg_name(AU_DEFAULT_AGG), au_credit_name(AU_DEFAULT_CREDIT), AU_DEFAULT_DEPTH);
}

static void report_open_error(const char *db, int rc)
{
	const char *detail = store_open_detail();
	if (rc == PDX_ENOINDEX)
		fprintf(stderr, "paperdex-search: error: no index at %s; build one with:\n"
				"  paperdex-index -d %s PATH...   (e.g. paperdex-index -d %s corpus/)\n",
			db, db, db);
	else if (detail[0])
		fprintf(stderr, "paperdex-search: error: %s: %s\n", db, detail);
	else
		fprintf(stderr, "paperdex-search: error: %s: %s\n", db, pdx_strerror(rc));
}

static void print_warnings(const qp_query *q, const char *qid)
{
	for (size_t i = 0; i < q->nwarnings; i++) {
		if (qid)
			fprintf(stderr, "paperdex-search: warning: topic %s: %s\n", qid, q->warnings[i]);
		else
			fprintf(stderr, "paperdex-search: warning: %s\n", q->warnings[i]);
	}
}

/* Query text in a message: control characters become spaces. */
static void put_clean(FILE *f, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		fputc((unsigned char)s[i] < 0x20 || s[i] == 0x7f ? ' ' : s[i], f);
}

/* "; did you mean: a, b?" or "; the most common venues: a, b", freeing. */
static void put_choices(char **v, size_t n, const char *lead, const char *end)
{
	for (size_t j = 0; j < n; j++) {
		fprintf(stderr, "%s%s", j ? ", " : lead, v[j]);
		free(v[j]);
	}
	fputs(n ? end : "\n", stderr);
}

static void print_hint(eng_index *e, const eng_hint *a)
{
	char *v[5];
	size_t n = 0;
	if (a->kind == 0 && a->df) {
		sug_word(eng_txn(e), eng_analyzer(e), a->fields, a->value, a->stem, a->df, v, 3, &n);
		if (!n)
			return;
		fprintf(stderr, "paperdex-search: only %u paper%s \"%s\"", a->df, a->df == 1 ? " has" : "s have",
			a->value);
		put_choices(v, n, "; did you mean: ", "?\n");
		return;
	}
	fputs("paperdex-search: ", stderr);
	if (a->kind == 0) {
		if (a->fields)
			fprintf(stderr, "no paper has \"%s\" in its %s", a->value, qp_field_name(a->fields));
		else
			fprintf(stderr, "\"%s\" is not in the index", a->value);
		sug_word(eng_txn(e), eng_analyzer(e), a->fields, a->value, a->stem, 0, v, 3, &n);
		put_choices(v, n, "; did you mean: ", "?\n");
		return;
	}
	if (a->if_none) {
		fprintf(stderr, "no author is named \"%s\"", a->value);
	} else {
		fputs("no paper matches ", stderr);
		put_clean(stderr, a->label, strlen(a->label));
	}
	if (a->kind == STORE_META_AUTHOR) {
		buf names = BUF_INIT;
		au_suggest(e, a->value, strlen(a->value), &names);
		fputs(names.n ? "; " : "\n", stderr);
		buf_write(&names, stderr);
		buf_free(&names);
		return;
	}
	if (a->kind == STORE_META_VENUE || a->kind == STORE_META_CATEGORY)
		sug_value(eng_txn(e), a->kind, a->value, v, 3, &n);
	if (n) {
		put_choices(v, n, "; did you mean: ", "?\n");
		return;
	}
	static const struct { int kind; const char *some, *none; } kinds[] = {
		{STORE_META_VENUE, "; the most common venues: ", "; no paper in the index has a venue\n"},
		{STORE_META_CATEGORY, "; the most common categories: ", "; no paper in the index has a category\n"},
		{STORE_META_YEAR, "; the most common years: ", "; no paper in the index has a year\n"},
	};
	for (size_t i = 0; i < sizeof kinds / sizeof *kinds; i++)
		if (kinds[i].kind == a->kind) {
			sug_common(eng_txn(e), a->kind, v, 5, &n);
			if (n)
				put_choices(v, n, kinds[i].some, "\n");
			else
				fputs(kinds[i].none, stderr);
			return;
		}
	fputc('\n', stderr);
}

/* Query parts that match no paper, and words so rare they may be typos,
 * with what the index has near them. */
static void print_suggestions(eng_index *e, const eng_result *r)
{
	for (size_t i = 0; i < r->nhints; i++) {
		if (r->hints[i].if_none && r->n)
			continue;
		print_hint(e, &r->hints[i]);
	}
}

/* The query as typed, for messages: control characters become spaces, and
 * a query that is not valid UTF-8 is not echoed at all. */
static void put_query(FILE *f, const buf *q)
{
	if (!text_utf8_valid((const char *)q->p, q->n, NULL)) {
		fputs("the query", f);
		return;
	}
	fputc('"', f);
	put_clean(f, (const char *)q->p, q->n);
	fputc('"', f);
}

static double now_us(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e6 + (double)ts.tv_nsec / 1e3;
}

/* Parses text (printing the parser's warnings) and, with --rm3, expands
 * it. Returns 0 with *out owned, or an engine error. */
static int make_query(eng_index *e, const options *o, const char *text, size_t n, unsigned flags,
		      const char *qid, qp_query **out)
{
	qp_query *q;
	qp_parse(eng_analyzer(e), text, n, flags, &q);
	print_warnings(q, qid);
	*out = q;
	if (!o->rm3)
		return 0;
	qp_query *x;
	int rc = prf_expand(e, q, &o->prf, &x);
	if (rc || !x)
		return rc;
	qp_free(q);
	*out = x;
	return 0;
}

static int run_query(eng_index *e, const options *o)
{
	qp_query *q;
	int qrc = make_query(e, o, (const char *)o->query.p, o->query.n, 0, NULL, &q);
	if (qrc) {
		fprintf(stderr, "paperdex-search: error: %s\n", eng_error(e)[0] ? eng_error(e) : pdx_strerror(qrc));
		qp_free(q);
		return EXIT_FAIL;
	}
	/* People see a paper once (versions.h): k hits and k more, at least
	 * 20, fill k papers and find their versions nearly always. */
	int grouped = o->format != OUT_TREC;
	size_t fetch = o->k + (grouped ? (o->k > 20 ? o->k : 20) : 0);
	eng_result r;
	ver_group *g = NULL;
	size_t ng = 0;
	int rc = eng_search(e, q, fetch, o->scorer, &r);
	if (rc) {
		fprintf(stderr, "paperdex-search: error: %s\n", eng_error(e));
		goto done;
	}
	uint32_t bad;
	if (grouped && (rc = ver_group_hits(eng_txn(e), r.hits, r.n, o->k, &g, &ng, &bad))) {
		fprintf(stderr, "paperdex-search: error: index corrupted: record of docid %u\n", bad);
		goto done;
	}
	if (!grouped)
		ng = r.n;
	print_suggestions(e, &r);
	int color = o->format == OUT_TEXT && isatty(1);
	const char **terms = eng_query_terms(q);
	buf out = BUF_INIT;
	if (r.n == 0) {
		FILE *f = o->format == OUT_TEXT ? stdout : stderr;
		fputs(o->format == OUT_TEXT ? "No papers match " : "paperdex-search: no papers match ", f);
		put_query(f, &o->query);
		fputs(o->format == OUT_TEXT ? ".\n" : "\n", f);
	}
	rec_paper rec;
	rec_init(&rec);
	for (size_t i = 0; i < ng && !rc; i++) {
		const topk_hit *h = &r.hits[g ? g[i].hit : i];
		const void *data;
		size_t n;
		if ((rc = store_doc_get(eng_txn(e), h->docid, &data, &n)) || (rc = rec_decode(data, n, &rec))) {
			fprintf(stderr, "paperdex-search: error: index corrupted: record of docid %u\n", h->docid);
			break;
		}
		snip sn = {0};
		if (grouped)
			snip_make(eng_analyzer(e), rec.abstract, strlen(rec.abstract), terms, SNIPPET_BYTES, &sn);
		buf_clear(&out);
		out_paper(&out, o->format, color, o->qid, i + 1, h->score, &rec, grouped ? &sn : NULL,
			  g ? g[i].v : NULL, g ? g[i].nv : 0, o->run_tag);
		if (o->explain && o->format == OUT_TEXT)
			eng_explain(e, q, h->docid, &out);
		if (o->format == OUT_TEXT && i + 1 < ng)
			buf_putc(&out, '\n');
		buf_write(&out, stdout);
		snip_free(&sn);
		rec_clear(&rec);
	}
	buf_free(&out);
	free(terms);
done:
	ver_free(g, ng);
	eng_result_free(&r);
	qp_free(q);
	return rc ? EXIT_FAIL : 0;
}

/* Author keys hold spaces; run files split on whitespace. */
static void trec_key(char *dst, size_t cap, const buf *key)
{
	snprintf(dst, cap, "%.*s", (int)key->n, (const char *)key->p);
	for (char *c = dst; *c; c++)
		if (*c == ' ')
			*c = '_';
}

static int run_authors(eng_index *e, const options *o)
{
	qp_query *q;
	int rc = make_query(e, o, (const char *)o->query.p, o->query.n, 0, NULL, &q);
	au_ranking r = {0};
	if (!rc)
		rc = au_rank(e, q, o->depth, o->k, o->agg, o->credit, &r);
	if (rc) {
		fprintf(stderr, "paperdex-search: error: %s\n", eng_error(e)[0] ? eng_error(e) : pdx_strerror(rc));
		qp_free(q);
		return EXIT_FAIL;
	}
	if (r.n == 0) {
		FILE *f = o->format == OUT_TEXT ? stdout : stderr;
		fputs(o->format == OUT_TEXT ? "No researchers match " : "paperdex-search: no researchers match ", f);
		put_query(f, &o->query);
		fputs(o->format == OUT_TEXT ? ".\n" : "\n", f);
	}
	int color = o->format == OUT_TEXT && isatty(1);
	buf out = BUF_INIT, key = BUF_INIT;
	for (size_t i = 0; i < r.n && !rc; i++) {
		buf_clear(&out);
		if (o->format == OUT_TEXT) {
			rc = au_row_text(e, &r, i, color, &out);
			if (i + 1 < r.n)
				buf_putc(&out, '\n');
		} else if (o->format == OUT_JSON) {
			rc = au_row_json(e, &r, i, &out);
		} else if (!(rc = au_name(e, r.rows[i].authorid, NULL, &key))) {
			char id[512];
			trec_key(id, sizeof id, &key);
			out_trec_line(&out, o->qid, id, i + 1, r.rows[i].score, o->run_tag);
		}
		buf_write(&out, stdout);
	}
	if (rc)
		fprintf(stderr, "paperdex-search: error: %s\n", pdx_strerror(rc));
	buf_free(&out);
	buf_free(&key);
	au_ranking_free(&r);
	qp_free(q);
	return rc ? EXIT_FAIL : 0;
}

static int run_profile(eng_index *e, const options *o)
{
	buf out = BUF_INIT;
	int rc = au_profile(e, o->profile, o->format == OUT_JSON, o->format == OUT_TEXT && isatty(1), &out);
	if (rc == PDX_ENOTFOUND) {
		buf_write(&out, o->format == OUT_TEXT ? stdout : stderr);
		rc = 0;
	} else if (rc) {
		fprintf(stderr, "paperdex-search: error: %s\n", pdx_strerror(rc));
	} else {
		buf_write(&out, stdout);
	}
	buf_free(&out);
	return rc ? EXIT_FAIL : 0;
}

/* One topic's run lines (papers or researchers) into line, and into run
 * when evaluating. *us gets the time spent searching and naming the
 * results, the part a search engine answers for (not formatting). */
static int batch_topic(eng_index *e, const options *o, const topics_topic *tp, buf *line, tf_run *run,
		       double *us)
{
	double t0 = now_us();
	qp_query *q;
	int rc = make_query(e, o, tp->text, strlen(tp->text), QP_PLAIN, tp->qid, &q);
	size_t n = 0;
	eng_result r = {0};
	au_ranking ar = {0};
	buf key = BUF_INIT;
	if (!rc && o->authors) {
		rc = au_rank(e, q, o->depth, o->k, o->agg, o->credit, &ar);
		n = ar.n;
	} else if (!rc) {
		rc = eng_search(e, q, o->k, o->scorer, &r);
		if (!rc && o->backfill)
			rc = prf_backfill(e, q, o->k, &r);
		n = r.n;
	}
	/* Names first (timed), formatting after. */
	const char **names = mem_calloc(n + 1, sizeof *names);
	size_t *lens = mem_calloc(n + 1, sizeof *lens);
	buf keys = BUF_INIT;
	size_t *key_at = o->authors ? mem_calloc(n + 1, sizeof *key_at) : NULL;
	for (size_t i = 0; i < n && !rc; i++) {
		if (o->authors) {
			if ((rc = au_name(e, ar.rows[i].authorid, NULL, &key)))
				break;
			key_at[i] = keys.n;
			for (size_t c = 0; c < key.n; c++)
				buf_putc(&keys, key.p[c] == ' ' ? '_' : key.p[c]);
			lens[i] = key.n;
		} else {
			rc = store_extid(eng_txn(e), r.hits[i].docid, &names[i], &lens[i]);
		}
	}
	*us = now_us() - t0;
	for (size_t i = 0; i < n && !rc; i++) {
		char id[512];
		const char *name = o->authors ? (const char *)keys.p + key_at[i] : names[i];
		size_t len = lens[i] < sizeof id - 1 ? lens[i] : sizeof id - 1;
		memcpy(id, name, len);
		id[len] = '\0';
		double score = o->authors ? ar.rows[i].score : r.hits[i].score;
		size_t at = line->n;
		out_trec_line(line, tp->qid, id, i + 1, score, o->run_tag);
		/* Evaluate the score as printed, so the numbers equal trec_eval's
		 * on the run file (ties at 6 decimals rank the same). */
		if (run) {
			const char *sc = strrchr((const char *)line->p + at, ' ');
			while (sc > (const char *)line->p + at && sc[-1] != ' ')
				sc--;
			tf_run_add(run, tp->qid, id, strtod(sc, NULL));
		}
	}
	free(names);
	free(lens);
	free(key_at);
	buf_free(&keys);
	buf_free(&key);
	eng_result_free(&r);
	au_ranking_free(&ar);
	qp_free(q);
	return rc;
}

static int run_batch(eng_index *e, const options *o)
{
	topics_file *tf;
	int rc = topics_read(o->batch, stderr, &tf);
	if (rc) {
		if (rc > 0)
			fprintf(stderr, "paperdex-search: error: %s: %s\n", o->batch, strerror(rc));
		return EXIT_FAIL;
	}
	FILE *run_file = NULL, *timings = NULL;
	tf_qrels *qrels = NULL;
	tf_run *run = NULL;
	buf line = BUF_INIT;
	int status = EXIT_FAIL;
	if (o->qrels) {
		if ((rc = tf_qrels_read(o->qrels, stderr, &qrels)))
			goto done;
		run = tf_run_new(o->batch, o->run_tag);
	}
	if (o->run_out && !(run_file = fopen(o->run_out, "w"))) {
		fprintf(stderr, "paperdex-search: error: %s: %s\n", o->run_out, strerror(errno));
		goto done;
	}
	if (o->timings && !(timings = fopen(o->timings, "w"))) {
		fprintf(stderr, "paperdex-search: error: %s: %s\n", o->timings, strerror(errno));
		goto done;
	}
	FILE *out = run_file ? run_file : (o->qrels ? NULL : stdout);
	/* Index loading, not the first topic's search (--timings). */
	if ((rc = eng_preload(e)))
		fprintf(stderr, "paperdex-search: warning: %s: cannot read the papers' lengths ahead: %s\n",
			o->db, pdx_strerror(rc));
	for (size_t t = 0; t < topics_count(tf); t++) {
		const topics_topic *tp = topics_get(tf, t);
		double us;
		buf_clear(&line);
		rc = batch_topic(e, o, tp, &line, run, &us);
		if (rc) {
			fprintf(stderr, "paperdex-search: error: topic %s: %s\n", tp->qid,
				eng_error(e)[0] ? eng_error(e) : pdx_strerror(rc));
			goto done;
		}
		if (out)
			buf_write(&line, out);
		if (timings)
			fprintf(timings, "%s\t%.0f\n", tp->qid, us);
	}
	if (run) {
		met_result *res;
		if ((rc = met_eval(run, qrels, o->measures, o->met_flags & MET_COMPLETE, stderr, &res)))
			goto done;
		met_print(res, o->met_flags & MET_PER_QUERY, stdout);
		met_result_free(res);
	}
	status = 0;
done:
	if (run_file && fclose(run_file) != 0) {
		fprintf(stderr, "paperdex-search: error: %s: %s\n", o->run_out, strerror(errno));
		status = EXIT_FAIL;
	}
	if (timings)
		fclose(timings);
	buf_free(&line);
	tf_run_free(run);
	tf_qrels_free(qrels);
	topics_free(tf);
	return status;
}

static int parse_double(const char *s, double lo, double hi, double *out)
{
	char *end;
	errno = 0;
	double v = s ? strtod(s, &end) : 0;
	if (!s || errno || *end || v < lo || v > hi)
		return -1;
	*out = v;
	return 0;
}

static int parse_scorer(const char *s, eng_mode *out)
{
	static const struct {
		const char *name;
		eng_mode mode;
	} scorers[] = {{"auto", ENG_AUTO}, {"maxscore", ENG_MAXSCORE}, {"taat", ENG_TAAT},
		       {"exhaustive", ENG_EXHAUSTIVE}};
	for (size_t i = 0; s && i < sizeof scorers / sizeof *scorers; i++)
		if (strcmp(s, scorers[i].name) == 0) {
			*out = scorers[i].mode;
			return 0;
		}
	return -1;
}

/* A search allocates and frees the same buffers over and over. By default
 * glibc gives the freed top of the heap back to the kernel past 128 KB,
 * and maps blocks over 128 KB afresh, so each search faults those pages
 * in again: on a small VM about 30 µs a page, a third of a backfilled
 * topic's time. Keep the freed memory instead (up to 64 MB). */
static void keep_freed_memory(void)
{
	mallopt(M_TRIM_THRESHOLD, 64 << 20);
	mallopt(M_MMAP_THRESHOLD, 32 << 20);
}

int main(int argc, char **argv)
{
	options o = {.k = 10, .format = OUT_TEXT, .scorer = ENG_AUTO, .bm25 = bm25_defaults, .run_tag = "paperdex",
		     .qid = "1", .agg = AU_DEFAULT_AGG, .credit = AU_DEFAULT_CREDIT,
		     .depth = AU_DEFAULT_DEPTH, .prf = prf_defaults, .backfill = 1,
		     .par_min = ENG_PARALLEL_MIN};
	keep_freed_memory();
	long cpus = sysconf(_SC_NPROCESSORS_ONLN);
	o.threads = cpus < 1 ? 1 : cpus > MAX_THREADS ? MAX_THREADS : (unsigned)cpus;
	o.measures = met_spec_new();
	int status = EXIT_USAGE;
	o.db = getenv("PAPERDEX_DB");
	if (!o.db || !*o.db)
		o.db = "paperdex.db";
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		const char *next = i + 1 < argc ? argv[i + 1] : NULL;
#define NEED_ARG()                                                                             \
	do {                                                                                   \
		if (!next) {                                                                   \
			fprintf(stderr, "paperdex-search: error: %s needs a value\n", a);      \
			goto done;                                                             \
		}                                                                              \
		i++;                                                                           \
	} while (0)
		if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
			usage(stdout);
			status = 0;
			goto done;
		} else if (strcmp(a, "-d") == 0 || strcmp(a, "--db") == 0) {
			NEED_ARG();
			o.db = next;
		} else if (strcmp(a, "-k") == 0) {
			NEED_ARG();
			char *end;
			errno = 0;
			unsigned long v = strtoul(next, &end, 10);
			if (errno || *end || v == 0 || v > 1000000) {
				fprintf(stderr, "paperdex-search: error: -k needs a number from 1 to 1000000\n");
				goto done;
			}
			o.k = v;
			o.k_set = 1;
		} else if (strcmp(a, "--format") == 0) {
			NEED_ARG();
			int f = out_format_parse(next);
			if (f < 0) {
				fprintf(stderr, "paperdex-search: error: --format is text, json or trec\n");
				goto done;
			}
			o.format = (out_format)f;
		} else if (strcmp(a, "--explain") == 0) {
			o.explain = 1;
		} else if (strcmp(a, "--exhaustive") == 0) {
			o.scorer = ENG_EXHAUSTIVE;
		} else if (strcmp(a, "--scorer") == 0) {
			NEED_ARG();
			if (parse_scorer(next, &o.scorer)) {
				fprintf(stderr, "paperdex-search: error: --scorer is auto, maxscore, taat or exhaustive\n");
				goto done;
			}
		} else if (strcmp(a, "--k1") == 0) {
			NEED_ARG();
			if (parse_double(next, 0, 100, &o.bm25.k1)) {
				fprintf(stderr, "paperdex-search: error: --k1 needs a number from 0 to 100\n");
				goto done;
			}
		} else if (strcmp(a, "--b") == 0) {
			NEED_ARG();
			if (parse_double(next, 0, 1, &o.bm25.b[0])) {
				fprintf(stderr, "paperdex-search: error: --b needs a number from 0 to 1\n");
				goto done;
			}
			o.bm25.b[1] = o.bm25.b[0];
		} else if (strcmp(a, "--b-title") == 0 || strcmp(a, "--b-abstract") == 0) {
			NEED_ARG();
			if (parse_double(next, 0, 1, &o.bm25.b[a[4] == 't' ? 0 : 1])) {
				fprintf(stderr, "paperdex-search: error: %s needs a number from 0 to 1\n", a);
				goto done;
			}
		} else if (strcmp(a, "--title-weight") == 0) {
			NEED_ARG();
			if (parse_double(next, 0, 100, &o.bm25.w[0])) {
				fprintf(stderr, "paperdex-search: error: --title-weight needs a number from 0 to 100\n");
				goto done;
			}
			o.bm25.w[1] = 1;
		} else if (strcmp(a, "--batch") == 0) {
			NEED_ARG();
			o.batch = next;
		} else if (strcmp(a, "--qrels") == 0) {
			NEED_ARG();
			o.qrels = next;
		} else if (strcmp(a, "--eval") == 0) {
			NEED_ARG();
			o.eval = next;
		} else if (strcmp(a, "-o") == 0) {
			NEED_ARG();
			o.run_out = next;
		} else if (strcmp(a, "--timings") == 0) {
			NEED_ARG();
			o.timings = next;
		} else if (strcmp(a, "--run-tag") == 0) {
			NEED_ARG();
			if (strpbrk(next, " \t\n") || !*next) {
				fprintf(stderr, "paperdex-search: error: --run-tag needs one word\n");
				goto done;
			}
			o.run_tag = next;
		} else if (strcmp(a, "--qid") == 0) {
			NEED_ARG();
			o.qid = next;
		} else if (strcmp(a, "-m") == 0) {
			NEED_ARG();
			if (met_spec_add(o.measures, next, stderr))
				goto done;
			buf_printf(&o.measure_args, "%s%s", o.measure_args.n ? " " : "", next);
		} else if (strcmp(a, "--threads") == 0 || strcmp(a, "--parallel-min") == 0) {
			NEED_ARG();
			char *end;
			errno = 0;
			unsigned long long v = strtoull(next, &end, 10);
			int threads = a[2] == 't';
			if (errno || *end || !isdigit((unsigned char)next[0]) || (threads && (v == 0 || v > 64))) {
				fprintf(stderr, "paperdex-search: error: %s needs %s\n", a,
					threads ? "a number from 1 to 64" : "a count of postings");
				goto done;
			}
			if (threads)
				o.threads = (unsigned)v;
			else
				o.par_min = v;
		} else if (strcmp(a, "--no-backfill") == 0) {
			o.backfill = 0;
		} else if (strcmp(a, "--rm3") == 0) {
			o.rm3 = 1;
		} else if (strcmp(a, "--fb-docs") == 0 || strcmp(a, "--fb-terms") == 0) {
			NEED_ARG();
			char *end;
			errno = 0;
			unsigned long v = strtoul(next, &end, 10);
			if (errno || *end || v == 0 || v > 1000) {
				fprintf(stderr, "paperdex-search: error: %s needs a number from 1 to 1000\n", a);
				goto done;
			}
			if (a[5] == 'd')
				o.prf.docs = v;
			else
				o.prf.terms = v;
		} else if (strcmp(a, "--fb-weight") == 0) {
			NEED_ARG();
			if (parse_double(next, 0, 1, &o.prf.orig_weight)) {
				fprintf(stderr, "paperdex-search: error: --fb-weight needs a number from 0 to 1\n");
				goto done;
			}
		} else if (strcmp(a, "--authors") == 0) {
			o.authors = 1;
		} else if (strcmp(a, "--author") == 0) {
			NEED_ARG();
			o.profile = next;
		} else if (strcmp(a, "--agg") == 0) {
			NEED_ARG();
			int v = au_agg_parse(next);
			if (v < 0) {
				fprintf(stderr, "paperdex-search: error: --agg is one of model2 combsum combmnz expcombmnz rr votes\n");
				goto done;
			}
			o.agg = (au_agg)v;
		} else if (strcmp(a, "--credit") == 0) {
			NEED_ARG();
			int v = au_credit_parse(next);
			if (v < 0) {
				fprintf(stderr, "paperdex-search: error: --credit is one of equal split position\n");
				goto done;
			}
			o.credit = (au_credit)v;
		} else if (strcmp(a, "--depth") == 0) {
			NEED_ARG();
			char *end;
			errno = 0;
			unsigned long v = strtoul(next, &end, 10);
			if (errno || *end || v == 0 || v > 1000000) {
				fprintf(stderr, "paperdex-search: error: --depth needs a number from 1 to 1000000\n");
				goto done;
			}
			o.depth = v;
		} else if (strcmp(a, "-q") == 0) {
			o.met_flags |= MET_PER_QUERY;
		} else if (strcmp(a, "-c") == 0) {
			o.met_flags |= MET_COMPLETE;
		} else if (strcmp(a, "--") == 0) {
			while (++i < argc)
				buf_printf(&o.query, "%s%s", o.query.n ? " " : "", argv[i]);
		} else if (a[0] == '-' && a[1] && a[1] != '"' && !(a[1] == '-' && a[2] == '\0') &&
			   o.query.n == 0 && (a[1] == '-' || strlen(a) == 2)) {
			fprintf(stderr, "paperdex-search: error: unknown option %s (use -- before a query that starts with -)\n", a);
			goto done;
		} else {
			buf_printf(&o.query, "%s%s", o.query.n ? " " : "", a);
		}
#undef NEED_ARG
	}
	if (o.eval) {
		if (!o.qrels) {
			fprintf(stderr, "paperdex-search: error: --eval needs --qrels\n");
			goto done;
		}
		int rc = met_cli_eval(o.eval, o.qrels, (const char *)o.measure_args.p, o.met_flags, stdout);
		status = rc == PDX_EUSAGE ? EXIT_USAGE : rc ? EXIT_FAIL : 0;
		goto done;
	}
	if (!o.batch && o.qrels) {
		fprintf(stderr, "paperdex-search: error: --qrels goes with --batch or --eval\n");
		goto done;
	}
	if (o.batch && !o.k_set)
		o.k = o.authors ? 100 : 1000;
	if (!o.batch || o.rm3)
		o.backfill = 0;
	if (o.profile && (o.batch || o.authors || o.query.n)) {
		fprintf(stderr, "paperdex-search: error: --author NAME takes no query (use author:\"NAME\" to filter a search)\n");
		goto done;
	}
	eng_index *e;
	int rc = eng_open(o.db, &o.bm25, &e);
	if (rc) {
		report_open_error(o.db, rc);
		status = EXIT_FAIL;
		goto done;
	}
	if (o.threads > 1 && eng_set_threads(e, o.threads, o.par_min))
		fprintf(stderr, "paperdex-search: warning: %s; searching on one thread\n", eng_error(e));
	if (o.batch)
		status = run_batch(e, &o);
	else if (o.profile)
		status = run_profile(e, &o);
	else if (o.authors)
		status = run_authors(e, &o);
	else
		status = run_query(e, &o);
	eng_close(e);
done:
	met_spec_free(o.measures);
	buf_free(&o.measure_args);
	buf_free(&o.query);
	return status;
}
