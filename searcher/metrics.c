/* metrics — measure selection, ranking, the run/qrels join, averaging and
 * trec_eval's output layout. The measures themselves live one per file
 * behind measure.h; this file owns everything they share, so that ties,
 * topic selection and relevance are decided in one place.
 *
 * Cost per evaluated topic: one sort of its results, one hash insert per
 * result and per judgment, one hash probe per judgment; scratch arrays and
 * hash tables are reused across topics. */
#include "metrics.h"

#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "measure.h"
#include "mem.h"
#include "strmap.h"

/* trec_eval prints measures in the order of its measure table (measures.c
 * there), whatever order they were asked for in; this is that order. */
static const met_measure *const table[] = {
	&met_runid, &met_num_q, &met_num_ret, &met_num_rel, &met_num_rel_ret,
	&met_map, &met_rprec, &met_bpref, &met_recip_rank, &met_p, &met_recall,
	&met_ndcg, &met_ndcg_cut, &met_map_cut,
};
#define NMEAS (sizeof table / sizeof table[0])

/* trec_eval's default cutoffs for P, recall, ndcg_cut and map_cut. */
static const long default_cutoffs[] = {5, 10, 15, 20, 30, 100, 200, 500, 1000};
#define NDEFAULT (sizeof default_cutoffs / sizeof default_cutoffs[0])

/* The measures evaluated when none is asked for. */
static const char *const default_measures[] = {
	"map", "ndcg_cut.10", "P.10", "recall.100,1000", "recip_rank",
};

/* Cutoffs above this are refused: no run is that long, and the printed
 * name must stay short. */
#define MAX_CUTOFF 1000000000L

struct met_spec {
	int on[NMEAS];
	long *cut[NMEAS];  /* ascending, no duplicates */
	size_t ncut[NMEAS], cap[NMEAS];
};

met_spec *met_spec_new(void)
{
	return mem_calloc(1, sizeof(met_spec));
}

void met_spec_free(met_spec *s)
{
	if (!s)
		return;
	for (size_t m = 0; m < NMEAS; m++)
		free(s->cut[m]);
	free(s);
}

static int spec_empty(const met_spec *s)
{
	for (size_t m = 0; m < NMEAS; m++)
		if (s->on[m])
			return 0;
	return 1;
}

static void add_cutoff(met_spec *s, size_t m, long k)
{
	size_t i = 0;
	while (i < s->ncut[m] && s->cut[m][i] < k)
		i++;
	if (i < s->ncut[m] && s->cut[m][i] == k)
		return;
	s->cut[m] = mem_grow(s->cut[m], &s->cap[m], s->ncut[m] + 1, sizeof(long));
	memmove(s->cut[m] + i + 1, s->cut[m] + i, (s->ncut[m] - i) * sizeof(long));
	s->cut[m][i] = k;
	s->ncut[m]++;
}

static int find_measure(const char *name, size_t n)
{
	for (size_t m = 0; m < NMEAS; m++)
		if (strlen(table[m]->name) == n && strncmp(table[m]->name, name, n) == 0)
			return (int)m;
	return -1;
}

static void usage_error(FILE *err, const char *fmt, const char *arg)
{
	if (!err)
		return;
	fprintf(err, "paperdex-search: error: ");
	fprintf(err, fmt, arg);
	fprintf(err, " (measures: map Rprec bpref recip_rank ndcg num_q num_ret num_rel"
		" num_rel_ret runid, and P recall ndcg_cut map_cut with cutoffs as"
		" P.5,10 or P_10)\n");
}

/* Parses "5,10,..." (positive integers) into a scratch list first, so a
 * bad list leaves the spec unchanged. */
static int parse_cutoffs(const char *p, long *out, size_t *n)
{
	*n = 0;
	for (;;) {
		long k = 0;
		const char *start = p;
		while (*p >= '0' && *p <= '9') {
			k = k * 10 + (*p - '0');
			if (k > MAX_CUTOFF)
				return PDX_EUSAGE;
			p++;
		}
		if (p == start || k <= 0)
			return PDX_EUSAGE;
		out[(*n)++] = k;
		if (*p == '\0')
			return 0;
		if (*p != ',')
			return PDX_EUSAGE;
		p++;
	}
}

int met_spec_add(met_spec *s, const char *arg, FILE *err)
{
	const char *dot = strchr(arg, '.');
	const char *params = dot ? dot + 1 : NULL;
	int m = find_measure(arg, dot ? (size_t)(dot - arg) : strlen(arg));
	if (m < 0 && !dot) {
		/* The P_10 spelling: a cutoff measure's name, '_', cutoffs. */
		const char *us = strrchr(arg, '_');
		if (us && us[1] && strspn(us + 1, "0123456789,") == strlen(us + 1)) {
			m = find_measure(arg, (size_t)(us - arg));
			if (m >= 0 && table[m]->has_cutoffs)
				params = us + 1;
			else
				m = -1;
		}
	}
	if (m < 0) {
		usage_error(err, "unknown measure '%s'", arg);
		return PDX_EUSAGE;
	}
	if (params && !table[m]->has_cutoffs) {
		usage_error(err, "measure '%s' takes no cutoffs", arg);
		return PDX_EUSAGE;
	}
	if (params) {
		size_t n, commas = 0;
		for (const char *p = params; *p; p++)
			commas += *p == ',';
		long *k = mem_alloc((commas + 1) * sizeof(long));
		int rc = parse_cutoffs(params, k, &n);
		if (rc) {
			free(k);
			usage_error(err, "bad cutoffs in '%s' (positive integers expected)", arg);
			return rc;
		}
		for (size_t i = 0; i < n; i++)
			add_cutoff(s, (size_t)m, k[i]);
		free(k);
	} else if (table[m]->has_cutoffs) {
		for (size_t i = 0; i < NDEFAULT; i++)
			add_cutoff(s, (size_t)m, default_cutoffs[i]);
	}
	s->on[m] = 1;
	return 0;
}

/* ---- evaluation ---- */

typedef struct col {
	const met_measure *m;
	char name[40];  /* "ndcg_cut_1000000000" at most */
} col;

struct met_result {
	col *cols;
	size_t ncol;
	char **qids;    /* evaluated topics, strcmp order */
	size_t nq;
	double *vals;   /* nq rows of ncol */
	double *all;    /* the summary row */
	char *run_id;
};

void met_result_free(met_result *r)
{
	if (!r)
		return;
	for (size_t i = 0; i < r->nq; i++)
		free(r->qids[i]);
	free(r->qids);
	free(r->cols);
	free(r->vals);
	free(r->all);
	free(r->run_id);
	free(r);
}

size_t met_result_topics(const met_result *r)
{
	return r->nq;
}

const char *met_result_qid(const met_result *r, size_t i)
{
	return r->qids[i];
}

/* One column per value printed: a measure, or one per cutoff. */
static void build_columns(met_result *r, const met_spec *s)
{
	size_t n = 0;
	for (size_t m = 0; m < NMEAS; m++)
		if (s->on[m])
			n += table[m]->has_cutoffs ? s->ncut[m] : 1;
	r->cols = mem_calloc(n, sizeof(col));
	r->ncol = n;
	size_t c = 0;
	for (size_t m = 0; m < NMEAS; m++) {
		if (!s->on[m])
			continue;
		if (!table[m]->has_cutoffs) {
			r->cols[c].m = table[m];
			snprintf(r->cols[c].name, sizeof r->cols[c].name, "%s", table[m]->name);
			c++;
			continue;
		}
		for (size_t i = 0; i < s->ncut[m]; i++, c++) {
			r->cols[c].m = table[m];
			snprintf(r->cols[c].name, sizeof r->cols[c].name, "%s_%ld",
				 table[m]->name, s->cut[m][i]);
		}
	}
}

typedef struct qref {
	const char *qid;
	size_t t;
} qref;

static int cmp_qref(const void *a, const void *b)
{
	return strcmp(((const qref *)a)->qid, ((const qref *)b)->qid);
}

/* trec_eval's ranking: score descending, ties by docid descending in
 * strcmp order (its comp_sim_docno), whatever the rank column said. Scores
 * compare as doubles, as in trec_eval 9.0.8; 9.0.7 and older kept floats,
 * so there scores equal in their first ~7 digits tied. */
static inline int ranks_before(const tf_row *x, const tf_row *y)
{
	if (x->score != y->score)
		return x->score > y->score;
	return strcmp(x->docid, y->docid) > 0;
}

/* Bottom-up merge sort with insertion-sorted runs: qsort's indirect
 * comparator dominated evaluation time, and runs are often full of ties. */
static void sort_ranked(tf_row *a, tf_row *tmp, size_t n)
{
	enum { RUN = 16 };
	for (size_t lo = 0; lo < n; lo += RUN) {
		size_t hi = lo + RUN < n ? lo + RUN : n;
		for (size_t i = lo + 1; i < hi; i++) {
			tf_row v = a[i];
			size_t j = i;
			while (j > lo && ranks_before(&v, &a[j - 1])) {
				a[j] = a[j - 1];
				j--;
			}
			a[j] = v;
		}
	}
	tf_row *src = a, *dst = tmp;
	for (size_t width = RUN; width < n; width *= 2) {
		for (size_t lo = 0; lo < n; lo += 2 * width) {
			size_t mid = lo + width < n ? lo + width : n;
			size_t hi = lo + 2 * width < n ? lo + 2 * width : n;
			size_t i = lo, j = mid, k = lo;
			while (i < mid && j < hi)
				dst[k++] = ranks_before(&src[j], &src[i]) ? src[j++] : src[i++];
			while (i < mid)
				dst[k++] = src[i++];
			while (j < hi)
				dst[k++] = src[j++];
		}
		tf_row *t = src;
		src = dst;
		dst = t;
	}
	if (src != a)
		memcpy(a, src, n * sizeof(tf_row));
}

static int cmp_long_desc(const void *a, const void *b)
{
	long x = *(const long *)a, y = *(const long *)b;
	return (x < y) - (x > y);
}

static void dup_error(FILE *err, const char *file, unsigned long line,
		      unsigned long other, const char *qid, const char *docid,
		      const char *what)
{
	if (!err)
		return;
	if (line)
		fprintf(err, "paperdex-search: error: %s:%lu: topic %s: document %s %s twice",
			file, line, qid, docid, what);
	else
		fprintf(err, "paperdex-search: error: %s: topic %s: document %s %s twice",
			file, qid, docid, what);
	if (other)
		fprintf(err, " (also line %lu)", other);
	fputc('\n', err);
}

/* Reused per-topic storage. */
typedef struct scratch {
	tf_row *rows, *tmp;
	size_t rows_cap, tmp_cap;
	long *rel, *ideal;
	size_t rel_cap, ideal_cap;
	strmap *docs, *judged;
} scratch;

/* Ranks topic t of run, joins it with topic qt of qrels into *out (which
 * points into sc) — trec_eval's form_res_rels. */
static int rank_topic(const tf_run *run, size_t t, const tf_qrels *qrels, size_t qt,
		      scratch *sc, FILE *err, met_ranked *out)
{
	const char *qid = tf_run_qid(run, t);
	const tf_row *src;
	size_t n = tf_run_rows(run, t, &src);
	sc->rows = mem_grow(sc->rows, &sc->rows_cap, n, sizeof(tf_row));
	sc->rel = mem_grow(sc->rel, &sc->rel_cap, n, sizeof(long));
	sc->tmp = mem_grow(sc->tmp, &sc->tmp_cap, n, sizeof(tf_row));
	memcpy(sc->rows, src, n * sizeof(tf_row));
	sort_ranked(sc->rows, sc->tmp, n);

	/* trec_eval refuses a run naming a document twice in a topic it
	 * evaluates (form_res_rels: "duplicate docs"), and so do we. */
	strmap_reset(sc->docs, n);
	for (size_t i = 0; i < n; i++) {
		size_t prev;
		if (!strmap_put(sc->docs, sc->rows[i].docid, i, &prev)) {
			unsigned long a = sc->rows[i].line, b = sc->rows[prev].line;
			dup_error(err, tf_run_name(run), a > b ? a : b, a > b ? b : a,
				  qid, sc->rows[i].docid, "retrieved");
			return PDX_EFORMAT;
		}
		/* Not in the qrels at all, until a judgment says otherwise. */
		sc->rel[i] = MET_NONPOOL;
	}

	const tf_judgment *j;
	size_t m = tf_qrels_judgments(qrels, qt, &j);
	sc->ideal = mem_grow(sc->ideal, &sc->ideal_cap, m, sizeof(long));
	strmap_reset(sc->judged, m);
	long num_rel = 0, num_nonrel = 0;
	for (size_t k = 0; k < m; k++) {
		size_t prev, i;
		if (!strmap_put(sc->judged, j[k].docid, k, &prev)) {
			dup_error(err, tf_qrels_name(qrels), j[k].line, j[prev].line,
				  qid, j[k].docid, "judged");
			return PDX_EFORMAT;
		}
		/* Counts cover every judgment, retrieved or not; a negative
		 * level is "pooled but unjudged" and counts as neither. */
		if (j[k].rel >= MET_REL_LEVEL)
			sc->ideal[num_rel++] = j[k].rel;
		else if (j[k].rel >= 0)
			num_nonrel++;
		if (strmap_get(sc->docs, j[k].docid, &i))
			sc->rel[i] = j[k].rel < 0 ? MET_UNJUDGED : j[k].rel;
	}
	/* The ideal ranking for nDCG: every relevant judgment, highest level
	 * first (trec_eval walks its per-level counts from the top). */
	qsort(sc->ideal, (size_t)num_rel, sizeof(long), cmp_long_desc);

	long num_rel_ret = 0;
	for (size_t i = 0; i < n; i++)
		num_rel_ret += sc->rel[i] >= MET_REL_LEVEL;
	*out = (met_ranked){sc->rel, (long)n, num_rel, num_rel_ret, num_nonrel, sc->ideal};
	return 0;
}

/* Runs the selected measures on one ranked topic into row. A cutoff measure
 * owns a run of consecutive columns; it is called once for all of them. */
static void measure_topic(const met_spec *s, const met_ranked *rk, double *row)
{
	size_t c = 0;
	for (size_t m = 0; m < NMEAS; m++) {
		if (!s->on[m])
			continue;
		size_t width = table[m]->has_cutoffs ? s->ncut[m] : 1;
		if (table[m]->calc)
			table[m]->calc(rk, s->cut[m], s->ncut[m], row + c);
		else
			row[c] = 0.0;
		c += width;
	}
}

int met_eval(const tf_run *run, const tf_qrels *qrels, const met_spec *spec,
	     unsigned flags, FILE *err, met_result **out)
{
	*out = NULL;
	met_spec *defaults = NULL;
	if (!spec || spec_empty(spec)) {
		defaults = met_spec_new();
		for (size_t i = 0; i < sizeof default_measures / sizeof default_measures[0]; i++)
			met_spec_add(defaults, default_measures[i], NULL);
		spec = defaults;
	}
	met_result *r = mem_calloc(1, sizeof *r);
	build_columns(r, spec);
	r->run_id = mem_strdup(tf_run_id(run));
	r->all = mem_calloc(r->ncol ? r->ncol : 1, sizeof(double));

	/* trec_eval walks the run's topics in strcmp order of qid and prints
	 * per-topic blocks in that order. */
	size_t nt = tf_run_topics(run);
	qref *order = mem_alloc((nt ? nt : 1) * sizeof(qref));
	for (size_t t = 0; t < nt; t++)
		order[t] = (qref){tf_run_qid(run, t), t};
	qsort(order, nt, sizeof(qref), cmp_qref);

	r->qids = mem_alloc((nt ? nt : 1) * sizeof(char *));
	r->vals = mem_alloc((nt ? nt : 1) * (r->ncol ? r->ncol : 1) * sizeof(double));
	scratch sc = {0};
	sc.docs = strmap_new();
	sc.judged = strmap_new();
	int rc = 0;
	for (size_t o = 0; o < nt; o++) {
		/* A topic without judgments is skipped entirely: not printed,
		 * not counted in any average (trec_eval: "queries for which
		 * there is no relevance information are ignored"). */
		size_t qt;
		if (tf_qrels_find(qrels, order[o].qid, &qt) != 0)
			continue;
		met_ranked rk;
		if ((rc = rank_topic(run, order[o].t, qrels, qt, &sc, err, &rk)) != 0)
			goto done;
		double *row = r->vals + r->nq * r->ncol;
		measure_topic(spec, &rk, row);
		r->qids[r->nq++] = mem_strdup(order[o].qid);
	}
	if (r->nq == 0) {
		if (err)
			fprintf(err, "paperdex-search: error: no topic of %s has judgments in %s\n",
				tf_run_name(run), tf_qrels_name(qrels));
		rc = PDX_EEMPTY;
		goto done;
	}

	/* Sums in topic order, then averages. By default the divisor is the
	 * number of evaluated topics; with MET_COMPLETE it is every topic of
	 * the qrels, the missing ones adding 0 (trec_eval -c). Counts stay
	 * sums either way. */
	long num_q = (flags & MET_COMPLETE) ? (long)tf_qrels_topics(qrels) : (long)r->nq;
	for (size_t q = 0; q < r->nq; q++)
		for (size_t c = 0; c < r->ncol; c++)
			r->all[c] += r->vals[q * r->ncol + c];
	for (size_t c = 0; c < r->ncol; c++) {
		if (r->cols[c].m->kind == MET_AVG)
			r->all[c] /= (double)num_q;
		else if (r->cols[c].m->kind == MET_NUM_Q)
			r->all[c] = (double)num_q;
	}

done:
	free(order);
	free(sc.rows);
	free(sc.tmp);
	free(sc.rel);
	free(sc.ideal);
	strmap_free(sc.docs);
	strmap_free(sc.judged);
	met_spec_free(defaults);
	if (rc) {
		met_result_free(r);
		return rc;
	}
	*out = r;
	return 0;
}

static int find_column(const met_result *r, const char *name)
{
	for (size_t c = 0; c < r->ncol; c++)
		if (strcmp(r->cols[c].name, name) == 0)
			return (int)c;
	return -1;
}

int met_result_get(const met_result *r, const char *name, const char *qid, double *out)
{
	int c = find_column(r, name);
	if (c < 0 || r->cols[c].m->kind == MET_RUNID)
		return PDX_ENOTFOUND;
	if (!qid) {
		*out = r->all[c];
		return 0;
	}
	if (r->cols[c].m->kind == MET_NUM_Q)
		return PDX_ENOTFOUND;
	/* qids are sorted by strcmp: binary search. */
	size_t lo = 0, hi = r->nq;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int cmp = strcmp(r->qids[mid], qid);
		if (cmp == 0) {
			*out = r->vals[mid * r->ncol + (size_t)c];
			return 0;
		}
		if (cmp < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return PDX_ENOTFOUND;
}

/* trec_eval's formats (meas_print_single.c, meas_print_final.c). */
static void print_value(const col *c, const char *qid, double v, const char *run_id, FILE *out)
{
	switch (c->m->kind) {
	case MET_AVG:
		fprintf(out, "%-22s\t%s\t%6.4f\n", c->name, qid, v);
		break;
	case MET_SUM:
	case MET_NUM_Q:
		fprintf(out, "%-22s\t%s\t%ld\n", c->name, qid, (long)v);
		break;
	case MET_RUNID:
		fprintf(out, "%-22s\t%s\t%s\n", c->name, qid, run_id);
		break;
	}
}

void met_print(const met_result *r, unsigned flags, FILE *out)
{
	if (flags & MET_PER_QUERY) {
		/* runid and num_q have no per-topic line in trec_eval. */
		for (size_t q = 0; q < r->nq; q++)
			for (size_t c = 0; c < r->ncol; c++)
				if (r->cols[c].m->kind == MET_AVG || r->cols[c].m->kind == MET_SUM)
					print_value(&r->cols[c], r->qids[q],
						    r->vals[q * r->ncol + c], r->run_id, out);
	}
	for (size_t c = 0; c < r->ncol; c++)
		print_value(&r->cols[c], "all", r->all[c], r->run_id, out);
}

int met_cli_eval(const char *run_path, const char *qrels_path,
		 const char *measures, unsigned flags, FILE *out)
{
	met_spec *spec = met_spec_new();
	tf_run *run = NULL;
	tf_qrels *qrels = NULL;
	met_result *res = NULL;
	char *copy = mem_strdup(measures ? measures : "");
	int rc = 0;
	for (char *p = copy; *p;) {
		while (*p == ' ' || *p == '\t' || *p == '\n')
			p++;
		if (!*p)
			break;
		char *arg = p;
		while (*p && *p != ' ' && *p != '\t' && *p != '\n')
			p++;
		if (*p)
			*p++ = '\0';
		if ((rc = met_spec_add(spec, arg, stderr)) != 0)
			goto done;
	}
	/* trec_eval reads the qrels first; so do we. */
	if ((rc = tf_qrels_read(qrels_path, stderr, &qrels)) != 0)
		goto done;
	if ((rc = tf_run_read(run_path, stderr, &run)) != 0)
		goto done;
	if ((rc = met_eval(run, qrels, spec, flags, stderr, &res)) != 0)
		goto done;
	met_print(res, flags, out);
done:
	met_result_free(res);
	tf_run_free(run);
	tf_qrels_free(qrels);
	met_spec_free(spec);
	free(copy);
	return rc;
}
