/* corpus — path walking, format detection, per-file reports, and the
 * warning/error printers readers use. */
#include "corpus.h"

#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "err.h"
#include "mem.h"

/* Order matters: the first format whose sniff accepts a file wins, so
 * the most specific signatures come first. */
static const rd_format *const formats[] = {
	&rd_profile_researcher, &rd_profile_header, &rd_profile_listing,
	&rd_smart, &rd_trec, &rd_jsonl,
};
#define NFORMATS (sizeof formats / sizeof *formats)

const rd_format *corpus_format(const char *name)
{
	for (size_t i = 0; i < NFORMATS; i++)
		if (strcmp(formats[i]->name, name) == 0)
			return formats[i];
	return NULL;
}

const char *corpus_format_names(void)
{
	static char names[256];
	if (!names[0]) {
		size_t off = 0;
		for (size_t i = 0; i < NFORMATS; i++)
			off += (size_t)snprintf(names + off, sizeof names - off, "%s%s",
						i ? " " : "", formats[i]->name);
	}
	return names;
}

const rd_format *corpus_detect(const char *head, size_t n)
{
	for (size_t i = 0; i < NFORMATS; i++)
		if (formats[i]->sniff(head, n))
			return formats[i];
	return NULL;
}

/* A file that is not what its reader expects (a forced --format, a
 * damaged corpus) could print one message per line; past this many, the
 * report line's counts tell the rest. */
#define MAX_MESSAGES 100

static void report_v(rd_report *rep, const char *kind, unsigned long line,
		     const char *suffix, const char *fmt, va_list ap)
{
	if (rep->quiet)
		return;
	size_t shown = rep->warnings + rep->skipped;
	if (shown == MAX_MESSAGES)
		fprintf(stderr, "paperdex-index: warning: %s: more than %d warnings and errors; "
			"the rest are counted, not shown\n", rep->path, MAX_MESSAGES);
	if (shown >= MAX_MESSAGES)
		return;
	char msg[1024];
	vsnprintf(msg, sizeof msg, fmt, ap);
	if (line)
		fprintf(stderr, "paperdex-index: %s: %s:%lu: %s%s\n", kind, rep->path, line, msg, suffix);
	else
		fprintf(stderr, "paperdex-index: %s: %s: %s%s\n", kind, rep->path, msg, suffix);
}

void rd_warn(rd_report *rep, unsigned long line, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	report_v(rep, "warning", line, "", fmt, ap);
	va_end(ap);
	rep->warnings++;
}

void rd_error(rd_report *rep, unsigned long line, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	report_v(rep, "error", line, " (record skipped)", fmt, ap);
	va_end(ap);
	rep->skipped++;
}

static void file_error(const char *path, const char *what, corpus_totals *tot)
{
	fprintf(stderr, "paperdex-index: error: %s: %s (file skipped)\n", path, what);
	tot->files_failed++;
}

/* Wraps the caller's sink to tell its failures (which stop the run) from
 * the reader's own (which cost one file). */
struct sink_guard {
	rd_sink *inner;
	int rc;
};

static int guarded_emit(void *ctx, rec_paper *rec)
{
	struct sink_guard *g = ctx;
	g->rc = g->inner->emit(g->inner->ctx, rec);
	return g->rc;
}

static int read_file(const char *path, const rd_format *force, rd_sink *sink,
		     int quiet, corpus_totals *tot)
{
	in_file *in;
	int rc = in_open(path, &in);
	tot->files++;
	if (rc) {
		/* in_open fails with PDX_EFORMAT only on gzip data it cannot inflate. */
		file_error(path, rc == PDX_EFORMAT ? "corrupt gzip data" : pdx_strerror(rc), tot);
		return 0;
	}
	const char *head;
	size_t n;
	in_head(in, &head, &n);
	/* Checked even with a forced format: no format reads these. */
	if (n == 0) {
		file_error(path, "empty file", tot);
		goto done;
	}
	if (in_is_binary(in)) {
		file_error(path, "binary file, not a corpus", tot);
		goto done;
	}
	const rd_format *fmt = force ? force : corpus_detect(head, n);
	if (!fmt) {
		file_error(path, "unknown format (use --format to force one)", tot);
		goto done;
	}
	rd_report rep = {.path = path, .format = fmt->name, .quiet = quiet};
	struct sink_guard guard = {sink, 0};
	rd_sink guarded = {guarded_emit, &guard};
	int rrc = fmt->read(in, &guarded, &rep);
	tot->records += rep.records;
	tot->skipped += rep.skipped;
	tot->warnings += rep.warnings;
	if (guard.rc) {
		rc = guard.rc;
		goto done;
	}
	if (!quiet)
		fprintf(stderr, "paperdex-index: %s: %s%s, %zu records, %zu warnings, %zu skipped%s%s\n",
			path, fmt->name, in_is_gzip(in) ? " (gzip)" : "", rep.records, rep.warnings,
			rep.skipped, rep.note[0] ? "; " : "", rep.note);
	if (rrc) {
		tot->files_failed++;
		if (!quiet)
			fprintf(stderr, "paperdex-index: error: %s: %s\n", path, pdx_strerror(rrc));
	}
done:
	in_close(in);
	return rc;
}

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int walk(const char *path, const rd_format *force, rd_sink *sink, int quiet,
		corpus_totals *tot, int depth)
{
	struct stat st;
	if (stat(path, &st) != 0) {
		tot->files++;
		file_error(path, strerror(errno), tot);
		return 0;
	}
	if (!S_ISDIR(st.st_mode))
		return read_file(path, force, sink, quiet, tot);
	if (depth > 64) {
		file_error(path, "directories nested too deep", tot);
		return 0;
	}
	DIR *d = opendir(path);
	if (!d) {
		file_error(path, strerror(errno), tot);
		return 0;
	}
	char **names = NULL;
	size_t n = 0, cap = 0;
	struct dirent *e;
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		names = mem_grow(names, &cap, n + 1, sizeof *names);
		size_t len = strlen(path) + strlen(e->d_name) + 2;
		names[n] = mem_alloc(len);
		snprintf(names[n], len, "%s%s%s", path,
			 path[strlen(path) - 1] == '/' ? "" : "/", e->d_name);
		n++;
	}
	closedir(d);
	qsort(names, n, sizeof *names, cmp_names);
	int rc = 0;
	for (size_t i = 0; i < n; i++) {
		if (!rc)
			rc = walk(names[i], force, sink, quiet, tot, depth + 1);
		free(names[i]);
	}
	free(names);
	return rc;
}

int corpus_read(char *const *paths, size_t npaths, const rd_format *force,
		rd_sink *sink, int quiet, corpus_totals *tot)
{
	for (size_t i = 0; i < npaths; i++) {
		int rc = walk(paths[i], force, sink, quiet, tot, 0);
		if (rc)
			return rc;
	}
	return 0;
}
