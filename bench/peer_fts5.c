/* peer_fts5 — the SQLite FTS5 peer of the benchmark (see peer_common.h for
 * the command line). A typical FTS5 set-up: one table with title and
 * abstract columns, tokenize='porter unicode61 remove_diacritics 2', each
 * query an OR of its quoted terms ranked by bm25() (ORDER BY rank), and the
 * segments merged once ('optimize') after loading, as a static index would
 * be. --no-text makes the table contentless (content=''). Paper ids live in
 * a separate rowid -> id table in both cases, because a contentless table
 * cannot return them. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>

#include "buf.h"
#include "jsonl_papers.h"
#include "mem.h"
#include "peer_common.h"

static int sql_fail(sqlite3 *db, const char *what)
{
	fprintf(stderr, "peer_fts5: %s: %s\n", what, sqlite3_errmsg(db));
	return 1;
}

static int exec(sqlite3 *db, const char *sql)
{
	char *msg = NULL;
	if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK) {
		fprintf(stderr, "peer_fts5: %s: %s\n", sql, msg ? msg : "?");
		sqlite3_free(msg);
		return 1;
	}
	return 0;
}

static int run_index(const peer_args *a)
{
	sqlite3 *db = NULL;
	sqlite3_stmt *ins = NULL, *ins_id = NULL;
	jp_reader *rd = NULL;
	int rc = 1;
	char *journal = sqlite3_mprintf("%s-journal", a->db);
	unlink(a->db);
	unlink(journal);
	sqlite3_free(journal);
	int jrc = jp_open(a->corpus, &rd);
	if (jrc) {
		fprintf(stderr, "peer_fts5: cannot read %s\n", a->corpus);
		goto done;
	}
	if (sqlite3_open(a->db, &db) != SQLITE_OK) {
		sql_fail(db, a->db);
		goto done;
	}
	if (exec(db, "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;"))
		goto done;
	if (exec(db, a->no_text
		 ? "CREATE VIRTUAL TABLE docs USING fts5(title, abstract, content='',"
		   " tokenize='porter unicode61 remove_diacritics 2');"
		 : "CREATE VIRTUAL TABLE docs USING fts5(title, abstract,"
		   " tokenize='porter unicode61 remove_diacritics 2');"))
		goto done;
	if (exec(db, "CREATE TABLE ids(rowid INTEGER PRIMARY KEY, pid TEXT NOT NULL); BEGIN;"))
		goto done;
	if (sqlite3_prepare_v2(db, "INSERT INTO docs(rowid, title, abstract) VALUES(?1, ?2, ?3)",
			       -1, &ins, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(db, "INSERT INTO ids(rowid, pid) VALUES(?1, ?2)",
			       -1, &ins_id, NULL) != SQLITE_OK) {
		sql_fail(db, "prepare");
		goto done;
	}
	jp_paper p;
	sqlite3_int64 row = 0;
	while ((jrc = jp_next(rd, &p)) == 1) {
		row++;
		sqlite3_bind_int64(ins, 1, row);
		sqlite3_bind_text(ins, 2, p.title, -1, SQLITE_STATIC);
		sqlite3_bind_text(ins, 3, p.abstract, -1, SQLITE_STATIC);
		sqlite3_bind_int64(ins_id, 1, row);
		sqlite3_bind_text(ins_id, 2, p.id, -1, SQLITE_STATIC);
		if (sqlite3_step(ins) != SQLITE_DONE || sqlite3_step(ins_id) != SQLITE_DONE) {
			sql_fail(db, "insert");
			goto done;
		}
		sqlite3_reset(ins);
		sqlite3_reset(ins_id);
	}
	if (jrc) {
		fprintf(stderr, "peer_fts5: %s: read error\n", a->corpus);
		goto done;
	}
	if (exec(db, "COMMIT; INSERT INTO docs(docs) VALUES('optimize');"))
		goto done;
	fprintf(stderr, "peer_fts5: %lld papers indexed\n", (long long)row);
	rc = 0;
done:
	sqlite3_finalize(ins);
	sqlite3_finalize(ins_id);
	sqlite3_close(db);
	jp_close(rd);
	return rc;
}

/* "w1 w2" -> "\"w1\" OR \"w2\"" (double quotes inside a term doubled). */
static void match_expr(buf *out, const char *q)
{
	buf_clear(out);
	while (*q) {
		while (*q == ' ')
			q++;
		if (!*q)
			break;
		if (out->n)
			buf_puts(out, " OR ");
		buf_putc(out, '"');
		for (; *q && *q != ' '; q++) {
			if (*q == '"')
				buf_putc(out, '"');
			buf_putc(out, *q);
		}
		buf_putc(out, '"');
	}
}

struct hit {
	char *pid;
	double score;
};

static int run_search(const peer_args *a)
{
	sqlite3 *db = NULL;
	sqlite3_stmt *top = NULL, *pid = NULL;
	peer_query *qs = NULL;
	size_t nq = 0;
	FILE *tf = NULL;
	buf expr = BUF_INIT;
	struct hit *hits = mem_calloc(a->k, sizeof *hits);
	int rc = 1;
	if (peer_queries_load(a->queries, &qs, &nq))
		goto done;
	if (!(tf = fopen(a->timings, "w"))) {
		perror(a->timings);
		goto done;
	}
	if (sqlite3_open_v2(a->db, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
		sql_fail(db, a->db);
		goto done;
	}
	if (sqlite3_prepare_v2(db, "SELECT rowid, rank FROM docs WHERE docs MATCH ?1"
			       " ORDER BY rank LIMIT ?2", -1, &top, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(db, "SELECT pid FROM ids WHERE rowid = ?1", -1, &pid, NULL) != SQLITE_OK) {
		sql_fail(db, "prepare");
		goto done;
	}
	for (size_t i = 0; i < nq; i++) {
		match_expr(&expr, qs[i].text);
		size_t n = 0;
		double t0 = peer_now_us();
		if (expr.n) {
			sqlite3_bind_text(top, 1, (const char *)expr.p, (int)expr.n, SQLITE_STATIC);
			sqlite3_bind_int64(top, 2, (sqlite3_int64)a->k);
			int s;
			while ((s = sqlite3_step(top)) == SQLITE_ROW) {
				sqlite3_bind_int64(pid, 1, sqlite3_column_int64(top, 0));
				if (sqlite3_step(pid) != SQLITE_ROW) {
					sql_fail(db, "id lookup");
					goto done;
				}
				free(hits[n].pid);
				hits[n].pid = mem_strdup((const char *)sqlite3_column_text(pid, 0));
				/* FTS5's bm25() is negative: lower is better. */
				hits[n].score = -sqlite3_column_double(top, 1);
				n++;
				sqlite3_reset(pid);
			}
			sqlite3_reset(top);
			if (s != SQLITE_DONE) {
				fprintf(stderr, "peer_fts5: query %s: %s\n", qs[i].qid, sqlite3_errmsg(db));
				goto done;
			}
		}
		double t1 = peer_now_us();
		fprintf(tf, "%s\t%.1f\n", qs[i].qid, t1 - t0);
		for (size_t r = 0; r < n; r++)
			printf("%s Q0 %s %zu %.6f fts5\n", qs[i].qid, hits[r].pid, r + 1, hits[r].score);
	}
	rc = 0;
done:
	if (tf && fclose(tf) && !rc) {
		perror(a->timings);
		rc = 1;
	}
	for (size_t r = 0; r < a->k; r++)
		free(hits[r].pid);
	free(hits);
	buf_free(&expr);
	sqlite3_finalize(top);
	sqlite3_finalize(pid);
	sqlite3_close(db);
	peer_queries_free(qs, nq);
	return rc;
}

int main(int argc, char **argv)
{
	peer_args a;
	int rc = peer_parse_args(argc, argv, "peer_fts5", &a);
	if (rc)
		return rc;
	return a.search ? run_search(&a) : run_index(&a);
}
