// peer_xapian — the Xapian peer of the benchmark (see peer_common.h for the
// command line). A typical Xapian set-up: TermGenerator with the english
// stemmer and STEM_SOME indexing title then abstract (no prefixes, a gap of
// one position between them), BM25Weight with its defaults, QueryParser
// with default_op OR and the same stemmer, Enquire::get_mset(0, K). The
// paper id is value slot 0; with text the document data holds the title and
// abstract as JSON, with --no-text no data. The database is written in one
// pass and then compacted (xapian-compact), as a static index would be.
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <string>
#include <vector>

#include <xapian.h>

#include "jsonl_papers.h"
#include "peer_common.h"

namespace {

const Xapian::valueno SLOT_ID = 0;

void json_str(std::string &out, const char *s)
{
	out += '"';
	for (; *s; s++) {
		unsigned char c = static_cast<unsigned char>(*s);
		if (c == '"' || c == '\\') {
			out += '\\';
			out += static_cast<char>(c);
		} else if (c < 0x20) {
			char esc[8];
			std::snprintf(esc, sizeof esc, "\\u%04x", c);
			out += esc;
		} else {
			out += static_cast<char>(c);
		}
	}
	out += '"';
}

int run_index(const peer_args &a)
{
	namespace fs = std::filesystem;
	jp_reader *rd = nullptr;
	if (jp_open(a.corpus, &rd)) {
		std::fprintf(stderr, "peer_xapian: cannot read %s\n", a.corpus);
		return 1;
	}
	const std::string tmp = std::string(a.db) + ".build";
	fs::remove_all(tmp);
	fs::remove_all(a.db);
	unsigned long n = 0;
	int jrc;
	{
		Xapian::WritableDatabase db(tmp, Xapian::DB_CREATE_OR_OVERWRITE);
		Xapian::TermGenerator tg;
		tg.set_stemmer(Xapian::Stem("english"));
		tg.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME);
		jp_paper p;
		std::string data;
		while ((jrc = jp_next(rd, &p)) == 1) {
			Xapian::Document doc;
			tg.set_document(doc);
			tg.index_text(p.title);
			tg.increase_termpos();
			tg.index_text(p.abstract);
			doc.add_value(SLOT_ID, p.id);
			if (!a.no_text) {
				data = "{\"title\":";
				json_str(data, p.title);
				data += ",\"abstract\":";
				json_str(data, p.abstract);
				data += '}';
				doc.set_data(data);
			}
			db.add_document(doc);
			n++;
		}
		db.commit();
	}
	jp_close(rd);
	if (jrc) {
		std::fprintf(stderr, "peer_xapian: %s: read error\n", a.corpus);
		return 1;
	}
	Xapian::Database(tmp).compact(a.db);
	fs::remove_all(tmp);
	std::fprintf(stderr, "peer_xapian: %lu papers indexed\n", n);
	return 0;
}

struct hit {
	std::string pid;
	double score;
};

int run_search(const peer_args &a)
{
	peer_query *qs = nullptr;
	size_t nq = 0;
	if (peer_queries_load(a.queries, &qs, &nq))
		return 1;
	FILE *tf = std::fopen(a.timings, "w");
	if (!tf) {
		std::perror(a.timings);
		peer_queries_free(qs, nq);
		return 1;
	}
	Xapian::Database db(a.db);
	Xapian::Enquire enq(db);
	enq.set_weighting_scheme(Xapian::BM25Weight());
	Xapian::QueryParser qp;
	qp.set_stemmer(Xapian::Stem("english"));
	qp.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
	qp.set_default_op(Xapian::Query::OP_OR);
	std::vector<hit> hits;
	hits.reserve(a.k);
	for (size_t i = 0; i < nq; i++) {
		hits.clear();
		double t0 = peer_now_us();
		enq.set_query(qp.parse_query(qs[i].text));
		Xapian::MSet ms = enq.get_mset(0, static_cast<Xapian::doccount>(a.k));
		for (Xapian::MSetIterator it = ms.begin(); it != ms.end(); ++it)
			hits.push_back({it.get_document().get_value(SLOT_ID), it.get_weight()});
		double t1 = peer_now_us();
		std::fprintf(tf, "%s\t%.1f\n", qs[i].qid, t1 - t0);
		for (size_t r = 0; r < hits.size(); r++)
			std::printf("%s Q0 %s %zu %.6f xapian\n", qs[i].qid, hits[r].pid.c_str(),
				    r + 1, hits[r].score);
	}
	peer_queries_free(qs, nq);
	if (std::fclose(tf)) {
		std::perror(a.timings);
		return 1;
	}
	return 0;
}

} // namespace

int main(int argc, char **argv)
{
	peer_args a;
	int rc = peer_parse_args(argc, argv, "peer_xapian", &a);
	if (rc)
		return rc;
	try {
		return a.search ? run_search(a) : run_index(a);
	} catch (const Xapian::Error &e) {
		std::fprintf(stderr, "peer_xapian: %s\n", e.get_description().c_str());
	} catch (const std::exception &e) {
		std::fprintf(stderr, "peer_xapian: %s\n", e.what());
	}
	return 1;
}
