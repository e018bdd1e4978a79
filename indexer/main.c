/* paperdex-index — the indexer's command line: reads corpora (corpus.c),
 * merges profile listings (dedup.c) and writes them into the index
 * (writer.c), or prints them (--dump); inspects an index (check.c). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "corpus.h"
#include "dedup.h"
#include "err.h"
#include "mem.h"
#include "record.h"
#include "store.h"
#include "writer.h"

#define EXIT_FAIL 1   /* nothing could be read, or the index failed */
#define EXIT_USAGE 2

static void usage(FILE *f)
{
	fprintf(f,
		"usage: paperdex-index [-d DB] [--rebuild] [--mem MB] [--format F] PATH...\n"
		"       paperdex-index [-d DB] --delete ID...\n"
		"       paperdex-index [-d DB] --check | --stats | --dump-index\n"
		"       paperdex-index --dump [--format F] PATH...\n"
		"\n"
		"Adds the papers found in files and directories (recursively) to the index;\n"
		"a paper whose id is already indexed is replaced.\n"
		"\n"
		"  -d, --db DB    the index (default: $PAPERDEX_DB, else ./paperdex.db)\n"
		"  --rebuild      start from an empty index (the old one stays readable\n"
		"                 until the new one is complete)\n"
		"  --delete       remove the papers with the given ids\n"
		"  --mem MB       memory for inversion and the author table; beyond it, sorted\n"
		"                 runs spill to disk and authors are written out (256); a\n"
		"                 --rebuild commits every MB/4 of changed index pages\n"
		"  --format F     read every file as format F: %s\n"
		"  --dump         print the parsed records as JSON Lines; index nothing\n"
		"  --check        verify every posting list against documents and statistics\n"
		"  --stats        papers, authors, terms, postings, sizes\n"
		"  --dump-index   print the index content in a canonical text form\n"
		"  -q, --quiet    no per-file reports\n"
		"  -h, --help     this help\n"
		"\n"
		"Exit status: 0 success, 1 nothing could be read or the index failed\n"
		"(--check: inconsistent), 2 bad usage.\n",
		corpus_format_names());
}

static void report_store_error(const char *db, int rc)
{
	const char *detail = store_open_detail();
	if (rc == PDX_ENOINDEX)
		fprintf(stderr, "paperdex-index: error: no index at %s; build one with: paperdex-index -d %s PATH...\n",
			db, db);
	else if (detail[0])
		fprintf(stderr, "paperdex-index: error: %s: %s\n", db, detail);
	else
		fprintf(stderr, "paperdex-index: error: %s: %s\n", db, pdx_strerror(rc));
}

struct dump_ctx {
	buf line;
	size_t n;
};

static int dump_emit(void *ctx, rec_paper *rec)
{
	struct dump_ctx *d = ctx;
	buf_clear(&d->line);
	buf_putc(&d->line, '{');
	rec_json_fields(rec, &d->line);
	buf_puts(&d->line, "}\n");
	buf_write(&d->line, stdout);
	d->n++;
	rec_clear(rec);
	return 0;
}

static void report_totals(const corpus_totals *tot, size_t listings, size_t papers, size_t written)
{
	if (listings)
		fprintf(stderr, "paperdex-index: %zu profile listings merged into %zu papers\n",
			listings, papers);
	fprintf(stderr, "paperdex-index: %zu files, %zu records, %zu warnings, %zu skipped, %zu files unreadable\n",
		tot->files, written, tot->warnings, tot->skipped, tot->files_failed);
}

/* Reads paths through the profile merger into out; returns 0 or the
 * sink's error; *records gets what reached out. */
static int read_corpus(char **paths, size_t npaths, const rd_format *force, int quiet,
		       rd_sink *out, corpus_totals *tot, size_t *listings, size_t *papers)
{
	dd_merger *m = dd_new(out);
	rd_sink in = {dd_emit, m};
	int rc = corpus_read(paths, npaths, force, &in, quiet, tot);
	if (!rc)
		rc = dd_flush(m, listings, papers);
	dd_free(m);
	return rc;
}

static int run_dump(char **paths, size_t npaths, const rd_format *force, int quiet)
{
	struct dump_ctx d = {BUF_INIT, 0};
	rd_sink out = {dump_emit, &d};
	corpus_totals tot = {0};
	size_t listings = 0, papers = 0;
	int rc = read_corpus(paths, npaths, force, quiet, &out, &tot, &listings, &papers);
	buf_free(&d.line);
	report_totals(&tot, listings, papers, d.n);
	if (rc) {
		fprintf(stderr, "paperdex-index: error: %s\n", pdx_strerror(rc));
		return EXIT_FAIL;
	}
	return d.n ? 0 : EXIT_FAIL;
}

/* Counts what reaches the writer, for the "nothing read" rule. */
struct count_sink {
	rd_sink *inner;
	size_t n;
};

static int count_emit(void *ctx, rec_paper *rec)
{
	struct count_sink *c = ctx;
	c->n++;
	return c->inner->emit(c->inner->ctx, rec);
}

static int run_index(const char *db, char **args, size_t nargs, const rd_format *force,
		     int rebuild, int delete, size_t mem_mb, int quiet)
{
	wr_options opt = {db, rebuild, mem_mb << 20, !quiet && isatty(2)};
	wr_writer *w;
	int rc = wr_open(&opt, &w);
	if (rc) {
		report_store_error(db, rc);
		return EXIT_FAIL;
	}
	size_t missing = 0, listings = 0, papers = 0;
	corpus_totals tot = {0};
	rd_sink wsink = {wr_add, w};
	struct count_sink counter = {&wsink, 0};
	rd_sink out = {count_emit, &counter};
	if (delete) {
		for (size_t i = 0; i < nargs && !rc; i++) {
			rc = wr_delete(w, args[i]);
			if (rc == PDX_ENOTFOUND) {
				fprintf(stderr, "paperdex-index: warning: no paper with id %s\n", args[i]);
				missing++;
				rc = 0;
			}
		}
	} else {
		rc = read_corpus(args, nargs, force, quiet, &out, &tot, &listings, &papers);
		if (!quiet || counter.n == 0)
			report_totals(&tot, listings, papers, counter.n);
		if (!rc && counter.n == 0) {
			fprintf(stderr, "paperdex-index: error: nothing could be read; the index is unchanged\n");
			wr_close(w);
			return EXIT_FAIL;
		}
	}
	wr_summary sum = {0};
	if (!rc)
		rc = wr_commit(w, &sum);
	wr_close(w);
	if (rc) {
		fprintf(stderr, "paperdex-index: error: %s: %s; the index is unchanged\n", db, pdx_strerror(rc));
		return EXIT_FAIL;
	}
	char runs[64];
	snprintf(runs, sizeof runs, ", %zu sorted runs spilled", sum.runs);
	if (delete)
		fprintf(stderr, "paperdex-index: %s: %zu papers deleted, %llu papers indexed\n", db,
			sum.deleted, sum.papers);
	else
		fprintf(stderr, "paperdex-index: %s: %zu papers added (%zu replaced), %llu papers indexed%s\n",
			db, sum.added, sum.replaced, sum.papers, sum.runs ? runs : "");
	return delete && missing == nargs ? EXIT_FAIL : 0;
}

static int run_inspect(const char *db, int what)
{
	int rc;
	if (what == 'c')
		rc = chk_check(db, stdout, stderr);
	else if (what == 's')
		rc = chk_stats(db, stdout);
	else
		rc = chk_dump(db, stdout);
	if (rc && rc != PDX_ECORRUPT)
		report_store_error(db, rc);
	else if (rc == PDX_ECORRUPT && what != 'c')
		fprintf(stderr, "paperdex-index: error: %s: index corrupted; run --check\n", db);
	return rc ? EXIT_FAIL : 0;
}

int main(int argc, char **argv)
{
	int dump = 0, rebuild = 0, delete = 0, quiet = 0, inspect = 0;
	size_t mem_mb = 256;
	const char *db = getenv("PAPERDEX_DB");
	const rd_format *force = NULL;
	char **args = mem_calloc((size_t)argc, sizeof *args);
	size_t nargs = 0;
	int rc = EXIT_USAGE;
	if (!db || !*db)
		db = "paperdex.db";
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
			usage(stdout);
			rc = 0;
			goto done;
		} else if (strcmp(a, "--dump") == 0) {
			dump = 1;
		} else if (strcmp(a, "--rebuild") == 0) {
			rebuild = 1;
		} else if (strcmp(a, "--delete") == 0) {
			delete = 1;
		} else if (strcmp(a, "-q") == 0 || strcmp(a, "--quiet") == 0) {
			quiet = 1;
		} else if (strcmp(a, "--check") == 0) {
			inspect = 'c';
		} else if (strcmp(a, "--stats") == 0) {
			inspect = 's';
		} else if (strcmp(a, "--dump-index") == 0) {
			inspect = 'd';
		} else if (strcmp(a, "-d") == 0 || strcmp(a, "--db") == 0) {
			if (i + 1 >= argc) {
				fprintf(stderr, "paperdex-index: error: %s needs a path\n", a);
				goto done;
			}
			db = argv[++i];
		} else if (strcmp(a, "--mem") == 0) {
			char *end;
			errno = 0;
			unsigned long long v = i + 1 < argc ? strtoull(argv[++i], &end, 10) : 0;
			if (errno || v < 16 || v > (1ull << 20) || *end) {
				fprintf(stderr, "paperdex-index: error: --mem needs megabytes (16 or more)\n");
				goto done;
			}
			mem_mb = (size_t)v;
		} else if (strcmp(a, "--format") == 0) {
			if (i + 1 >= argc || !(force = corpus_format(argv[++i]))) {
				fprintf(stderr, "paperdex-index: error: --format needs one of: %s\n",
					corpus_format_names());
				goto done;
			}
		} else if (strcmp(a, "--") == 0) {
			while (++i < argc)
				args[nargs++] = argv[i];
		} else if (a[0] == '-' && a[1]) {
			fprintf(stderr, "paperdex-index: error: unknown option %s\n", a);
			usage(stderr);
			goto done;
		} else {
			args[nargs++] = argv[i];
		}
	}
	if (inspect) {
		if (nargs || dump || delete || rebuild) {
			fprintf(stderr, "paperdex-index: error: --check, --stats and --dump-index take no paths\n");
			goto done;
		}
		rc = run_inspect(db, inspect);
		goto done;
	}
	if (nargs == 0) {
		usage(stderr);
		goto done;
	}
	if (dump) {
		rc = run_dump(args, nargs, force, quiet);
		goto done;
	}
	if (delete && rebuild) {
		fprintf(stderr, "paperdex-index: error: --delete and --rebuild do not go together\n");
		goto done;
	}
	rc = run_index(db, args, nargs, force, rebuild, delete, mem_mb, quiet);
done:
	free(args);
	return rc;
}
