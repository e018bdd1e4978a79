/* paperdex-index — the indexer's command line. Reads corpora (corpus.c),
 * merges profile listings (dedup.c) and either prints the records (--dump)
 * or writes them into the LMDB index. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "corpus.h"
#include "dedup.h"
#include "err.h"
#include "mem.h"
#include "record.h"

#define EXIT_NOTHING 1  /* nothing could be read, or an index error */
#define EXIT_USAGE 2

static void usage(FILE *f)
{
	fprintf(f,
		"usage: paperdex-index [-d DB] [--format F] [--rebuild] PATH...\n"
		"       paperdex-index --dump [--format F] PATH...\n"
		"\n"
		"Reads papers from files and directories (recursively) and indexes them.\n"
		"\n"
		"  --dump         print the parsed records as JSON Lines; index nothing\n"
		"  --format F     read every file as format F (%s)\n"
		"  -h, --help     this help\n",
		corpus_format_names());
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
	fwrite(d->line.p, 1, d->line.n, stdout);
	d->n++;
	rec_clear(rec);
	return 0;
}

static int run_dump(char **paths, size_t npaths, const rd_format *force)
{
	struct dump_ctx d = {BUF_INIT, 0};
	rd_sink out = {dump_emit, &d};
	dd_merger *m = dd_new(&out);
	rd_sink in = {dd_emit, m};
	corpus_totals tot = {0};
	size_t listings = 0, papers = 0;
	int rc = corpus_read(paths, npaths, force, &in, 0, &tot);
	if (!rc)
		rc = dd_flush(m, &listings, &papers);
	dd_free(m);
	buf_free(&d.line);
	if (listings)
		fprintf(stderr, "paperdex-index: %zu profile listings merged into %zu papers\n",
			listings, papers);
	fprintf(stderr, "paperdex-index: %zu files, %zu records, %zu warnings, %zu skipped, %zu files unreadable\n",
		tot.files, d.n, tot.warnings, tot.skipped, tot.files_failed);
	if (rc) {
		fprintf(stderr, "paperdex-index: error: %s\n", pdx_strerror(rc));
		return EXIT_NOTHING;
	}
	return d.n ? 0 : EXIT_NOTHING;
}

int main(int argc, char **argv)
{
	int dump = 0;
	const rd_format *force = NULL;
	char **paths = mem_calloc((size_t)argc, sizeof *paths);
	size_t npaths = 0;
	int rc = EXIT_USAGE;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
			usage(stdout);
			rc = 0;
			goto done;
		} else if (strcmp(a, "--dump") == 0) {
			dump = 1;
		} else if (strcmp(a, "--format") == 0) {
			if (i + 1 >= argc || !(force = corpus_format(argv[++i]))) {
				fprintf(stderr, "paperdex-index: error: --format needs one of: %s\n",
					corpus_format_names());
				goto done;
			}
		} else if (strcmp(a, "--") == 0) {
			while (++i < argc)
				paths[npaths++] = argv[i];
		} else if (a[0] == '-' && a[1]) {
			fprintf(stderr, "paperdex-index: error: unknown option %s\n", a);
			usage(stderr);
			goto done;
		} else {
			paths[npaths++] = argv[i];
		}
	}
	if (npaths == 0) {
		usage(stderr);
		goto done;
	}
	if (!dump) {
		fprintf(stderr, "paperdex-index: error: indexing is not built yet; use --dump\n");
		rc = EXIT_NOTHING;
		goto done;
	}
	rc = run_dump(paths, npaths, force);
done:
	free(paths);
	return rc;
}
