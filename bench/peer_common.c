/* peer_common — see peer_common.h. Owns nothing between calls. */
#include "peer_common.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "err.h"
#include "input.h"
#include "mem.h"

static int usage(const char *prog)
{
	fprintf(stderr,
		"usage: %s index DB CORPUS.jsonl[.gz] [--no-text]\n"
		"       %s search DB QUERIES.tsv K TIMINGS_FILE > RUN\n", prog, prog);
	return 2;
}

int peer_parse_args(int argc, char **argv, const char *prog, peer_args *a)
{
	memset(a, 0, sizeof *a);
	if (argc >= 4 && strcmp(argv[1], "index") == 0) {
		a->db = argv[2];
		a->corpus = argv[3];
		if (argc == 5 && strcmp(argv[4], "--no-text") == 0)
			a->no_text = 1;
		else if (argc != 4)
			return usage(prog);
		return 0;
	}
	if (argc == 6 && strcmp(argv[1], "search") == 0) {
		char *end;
		a->search = 1;
		a->db = argv[2];
		a->queries = argv[3];
		a->k = strtoul(argv[4], &end, 10);
		a->timings = argv[5];
		if (*end || a->k == 0)
			return usage(prog);
		return 0;
	}
	return usage(prog);
}

/* Squashes runs of spaces and tabs to one space and trims both ends. */
static char *squash(const char *s)
{
	char *out = mem_alloc(strlen(s) + 1), *o = out;
	for (; *s; s++) {
		if (*s == ' ' || *s == '\t') {
			if (o > out && o[-1] != ' ')
				*o++ = ' ';
		} else {
			*o++ = *s;
		}
	}
	if (o > out && o[-1] == ' ')
		o--;
	*o = 0;
	return out;
}

int peer_queries_load(const char *path, peer_query **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	in_file *in;
	int rc = in_open(path, &in);
	if (rc) {
		fprintf(stderr, "%s: %s\n", path, pdx_strerror(rc));
		return rc;
	}
	peer_query *q = NULL;
	size_t cap = 0, nq = 0;
	const char *line;
	size_t len;
	unsigned long lineno;
	while ((rc = in_next_line(in, &line, &len, &lineno)) == 1) {
		if (len == 0)
			continue;
		const char *tab = strchr(line, '\t');
		if (!tab) {
			fprintf(stderr, "%s:%lu: no tab between qid and query\n", path, lineno);
			rc = PDX_EFORMAT;
			break;
		}
		q = mem_grow(q, &cap, nq + 1, sizeof *q);
		q[nq].qid = mem_strndup(line, (size_t)(tab - line));
		q[nq].text = squash(tab + 1);
		nq++;
	}
	in_close(in);
	if (rc != 0) {
		if (rc != PDX_EFORMAT)
			fprintf(stderr, "%s: %s\n", path, pdx_strerror(rc));
		peer_queries_free(q, nq);
		return rc;
	}
	*out = q;
	*n = nq;
	return 0;
}

void peer_queries_free(peer_query *q, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(q[i].qid);
		free(q[i].text);
	}
	free(q);
}

double peer_now_us(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e6 + (double)ts.tv_nsec / 1e3;
}
