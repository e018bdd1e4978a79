# Differential test of the evaluators of bags of words: for many queries,
# block-max MaxScore (--scorer maxscore, the default below k 100) and term
# at a time (--scorer taat, the default from there) must each return
# exactly what the exhaustive evaluator returns (--exhaustive): the same
# papers in the same order with the same scores as printed, ties
# included, for k = 1, 10, 100 and 1000; on one thread, and on three that
# split the docids (every bag, however short its lists: --parallel-min 0)
# and, with MaxScore, prune against each other's heaps. Queries: every topic of Cranfield, CISI and NPL; random bags of
# 1-10 words drawn from each collection's own text; papers at block edges
# that only a correct block bound keeps; and, on a generated 20,000-paper
# corpus (lists over several chunks, twins that tie, years, categories,
# venues, authors), random bags, and bags with repeated words, title: and
# abstract: words, exclusions and filters, one query at a time (a batch
# reads topics as plain words).
. "$(dirname "$0")/lib.sh"
cd "$ROOT" || exit 1
EVAL=tests/data/eval
KS="1 10 100 1000"

# same_runs NAME DB ARGS...: runs of each evaluator, on one thread and on
# three, and exhaustive runs agree for every k.
same_runs() {
	what=$1 db=$2
	shift 2
	for k in $KS; do
		pdx_search -d "$db" -k "$k" --exhaustive "$@" >"$TMP/exhaustive" 2>"$TMP/err" ||
			fail "$what k=$k --exhaustive: $(cat "$TMP/err")"
		for scorer in maxscore taat; do
			for threads in 1 3; do
				run="k=$k --scorer $scorer --threads $threads"
				pdx_search -d "$db" -k "$k" --scorer $scorer --threads $threads --parallel-min 0 "$@" \
					>"$TMP/pruned" 2>"$TMP/err" || fail "$what $run: $(cat "$TMP/err")"
				grep -q "one thread" "$TMP/err" && fail "$what $run: $(cat "$TMP/err")"
				if ! cmp -s "$TMP/pruned" "$TMP/exhaustive"; then
					diff "$TMP/exhaustive" "$TMP/pruned" | head -n 10 >&2
					fail "$what $run: its run and the exhaustive one differ"
				fi
			done
		done
	done
}

# bags FILE N SEED [MIN MAX]: N topics (TSV) of MIN-MAX (1-10) words from
# FILE's text, each word drawn by frequency (common) or from the distinct
# words (rare).
bags() {
	awk -v n="$2" -v seed="$3" -v lo="${4:-1}" -v hi="${5:-10}" '
	function rnd(m) { x = (x * 16807) % 2147483647; return x % m }
	{
		line = tolower($0)
		gsub(/[^a-z]+/, " ", line)
		k = split(line, w, " ")
		for (i = 1; i <= k; i++) {
			if (length(w[i]) < 3)
				continue
			tok[nt++] = w[i]
			if (!(w[i] in seen)) {
				seen[w[i]] = 1
				uniq[nu++] = w[i]
			}
		}
	}
	END {
		x = seed
		for (q = 1; q <= n; q++) {
			m = lo + rnd(hi - lo + 1)
			s = ""
			for (j = 0; j < m; j++)
				s = s (j ? " " : "") (rnd(2) ? tok[rnd(nt)] : uniq[rnd(nu)])
			printf "r%d\t%s\n", q, s
		}
	}' "$1"
}

for c in cranfield:cran.all.1400 cisi:CISI.ALL npl:doc-text.trec; do
	name=${c%%:*} file=$EVAL/${c%%:*}/${c#*:}
	pdx_build "$TMP/$name.db" "$file"
	same_runs "$name topics" "$TMP/$name.db" --batch "$EVAL/$name/topics.tsv"
	# Every topic has hits (the runs compared are not empty).
	topics=$(wc -l <"$EVAL/$name/topics.tsv")
	expect_eq "$name topics with hits" "$topics" "$(cut -d ' ' -f 1 "$TMP/pruned" | sort -u | wc -l)"
	bags "$file" 300 "$(printf %s "$name" | cksum | cut -d ' ' -f 1)" >"$TMP/$name.bags"
	same_runs "$name random bags" "$TMP/$name.db" --batch "$TMP/$name.bags"
done

# Block edges: "zetaE" is in the abstracts of papers 1-800 of 4,000 (blocks
# of 256 postings), 20 times in edge paper E (the last or first of a block)
# and once elsewhere; "edgeE" is in the titles of paper 10+E (shorter
# title) and edge paper E. The edge paper wins only through its zetaE, which
# by then is a non-essential term bounded by its block's maximum: a bound
# taken from the wrong block loses it.
awk 'BEGIN {
	n = split("256 257 512 513 768 769", edge, " ")
	for (d = 1; d <= 4000; d++) {
		title = "plain paper"
		abs = ""
		for (e = 1; e <= n; e++) {
			tf = d <= 800
			if (d == 10 + e)
				title = "edge" e " paper"
			if (d == edge[e]) {
				title = "edge" e " paper extra"
				tf = 20
			}
			for (j = 0; j < tf; j++)
				abs = abs " zeta" e
		}
		while (split(abs, w, " ") < 40)
			abs = abs " filler"
		printf "{\"id\":\"e%d\",\"title\":\"%s\",\"abstract\":\"%s\"}\n", d, title, substr(abs, 2)
		if (d <= n)
			printf "q%d\tedge%d zeta%d\n", d, d, d >"/dev/stderr"
	}
}' >"$TMP/edge.jsonl" 2>"$TMP/edge.tsv"
pdx_build "$TMP/edge.db" "$TMP/edge.jsonl"
same_runs "block edges" "$TMP/edge.db" --batch "$TMP/edge.tsv"
expect_eq "block edges, first" "q1 e256 q2 e257 q3 e512 q4 e513 q5 e768 q6 e769" \
	"$(pdx_search -d "$TMP/edge.db" -k 1 --batch "$TMP/edge.tsv" | awk '{ printf "%s%s %s", (NR > 1 ? " " : ""), $1, $3 }')"

# The generated corpus: syllable words ("bar", "fir", "kuder"...) drawn
# log-uniformly from 5,000, so a few are in most papers ("fir" is in every
# abstract: three chunks of postings) and most are rare; one paper in
# eight repeats the previous one's text, so scores tie. Runs of 300 papers
# alternate short abstracts, words repeated up to 6 times, and plain
# ones, so block bounds differ from block to block.
awk -v n=20000 '
function rnd(m) { x = (x * 16807) % 2147483647; return x % m }
function word(i,   s, k) {
	s = ""
	k = i
	do { s = s syl[k % 16]; k = int(k / 16) } while (k > 0)
	return s "r"
}
function draw() { return 2 + int(exp(rnd(1000000) / 1000000 * log(5000))) }
BEGIN {
	split("ba de fi go ku la me ni po ru sa te vi wo zu ya", t, " ")
	for (i = 0; i < 16; i++)
		syl[i] = t[i + 1]
	split("cs.LG cs.CV cs.CL stat.ML LG CV IR", cats, " ")
	split("neurips icml iclr acl cvpr", venues, " ")
	x = 12345
	for (d = 1; d <= n; d++) {
		if (d == 1 || rnd(8)) {
			title = rnd(10) ? word(0) : word(draw())
			m = 2 + rnd(6)
			for (j = 0; j < m; j++)
				title = title " " word(draw())
			abs = word(2)
			if (rnd(10) < 6)
				abs = abs " " word(1)
			zone = int(d / 300) % 3
			m = zone == 0 ? 3 + rnd(10) : 10 + rnd(70)
			for (j = 0; j < m; j++) {
				w = word(draw())
				r = zone == 1 ? 1 + rnd(6) : 1
				for (; r > 0; r--)
					abs = abs " " w
			}
		}
		au = ""
		m = 1 + rnd(3)
		for (j = 0; j < m; j++)
			au = au (j ? "," : "") "\"" word(100 + rnd(40)) " " word(200 + rnd(60)) "\""
		printf "{\"id\":\"d%d\",\"title\":\"%s\",\"abstract\":\"%s\",\"author_names\":[%s],", d, title, abs, au
		printf "\"year\":\"%d\",\"categories\":\"%s\",\"venue\":\"%s\"}\n", 2000 + rnd(25), cats[1 + rnd(7)],
			venues[1 + rnd(5)]
	}
}' >"$TMP/gen.jsonl"
pdx_build "$TMP/gen.db" "$TMP/gen.jsonl"
bags "$TMP/gen.jsonl" 200 7 >"$TMP/gen.bags"
same_runs "generated random bags" "$TMP/gen.db" --batch "$TMP/gen.bags"
# Long bags, like titles and query expansions: many essential lists meet
# in each window of the pruned evaluator.
bags "$TMP/gen.jsonl" 60 8 11 40 >"$TMP/gen.long"
same_runs "generated long bags" "$TMP/gen.db" --batch "$TMP/gen.long"

# Twins apart: each run of 200 of the first 3,000 generated papers comes
# twice in a row, so every score ties with a paper 200 docids on, often in
# a chunk another thread searches at the same time. A thread may learn a
# threshold T from the other's heap, and must still keep its own paper
# scoring T: with the lower docid, it wins the tie.
awk 'NR <= 3000 {
	run[n++] = $0
	if (n == 200) {
		for (i = 0; i < n; i++)
			print run[i]
		for (i = 0; i < n; i++) {
			sub(/"id":"d/, "\"id\":\"t", run[i])
			print run[i]
		}
		n = 0
	}
}' "$TMP/gen.jsonl" >"$TMP/twins.jsonl"
pdx_build "$TMP/twins.db" "$TMP/twins.jsonl"
bags "$TMP/twins.jsonl" 200 9 1 4 >"$TMP/twins.bags"
same_runs "twins apart" "$TMP/twins.db" --batch "$TMP/twins.bags"

# Bags with operators that keep them bags, one query at a time.
awk -v n="${PDX_PRUNE_QUERIES:-24}" '
function rnd(m) { x = (x * 16807) % 2147483647; return x % m }
function word(i,   s, k) {
	s = ""
	k = i
	do { s = s syl[k % 16]; k = int(k / 16) } while (k > 0)
	return s "r"
}
function draw() {
	r = rnd(10)
	return r == 0 ? rnd(3) : r < 3 ? 3 + rnd(30) : 2 + int(exp(rnd(1000000) / 1000000 * log(5000)))
}
BEGIN {
	split("ba de fi go ku la me ni po ru sa te vi wo zu ya", t, " ")
	for (i = 0; i < 16; i++)
		syl[i] = t[i + 1]
	split("cs.LG LG CV stat.ML IR cs.CL", cats, " ")
	split("neurips icml iclr acl cvpr", venues, " ")
	x = 11
	for (q = 1; q <= n; q++) {
		m = 1 + rnd(10)
		s = ""
		for (j = 0; j < m; j++) {
			w = word(draw())
			r = rnd(20)
			w = r == 0 ? "title:" w : r == 1 ? "abstract:" w : r == 2 ? "-" w : r == 3 ? w " " w : w
			s = s (j ? " " : "") w
		}
		r = rnd(8)
		if (r == 0)
			s = s " year:" (2000 + rnd(25))
		else if (r == 1)
			s = s " year:" (2000 + rnd(10)) ".." (2010 + rnd(15))
		else if (r == 2)
			s = s " category:" cats[1 + rnd(6)]
		else if (r == 3)
			s = s " -venue:" venues[1 + rnd(5)]
		else if (r == 4)
			s = s " author:" word(100 + rnd(40))
		else if (r == 5)
			s = s " year:>" (2000 + rnd(25)) " venue:" venues[1 + rnd(5)]
		print s
	}
}' >"$TMP/gen.queries"
while IFS= read -r q; do
	same_runs "[$q]" "$TMP/gen.db" --format trec -- "$q"
done <"$TMP/gen.queries"
exit 0
