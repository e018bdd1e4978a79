#!/bin/sh
# Malformed profile pages: truncated pages, headers with no works, works
# without titles, authors or abstracts, a listing line with no authors,
# invalid UTF-8 in one work, over-long lines and mangled seed pages. The
# readers must warn or error with file:line, keep the other works and
# never crash.
. "$(dirname "$0")/lib.sh"
cd "$TMP" || fail "cannot cd to $TMP"

# dump FILE [ARGS...]: stdout to FILE.out, stderr to FILE.err, status in $st
dump() {
	f=$1; shift
	pdx_index --dump "$@" "$f" >"$f.out" 2>"$f.err"
	st=$?
}
titles() { jq -r .title "$1.out" | tr '\n' '|'; }
report() { grep "^paperdex-index: $1: " "$1.err"; }
messages() { grep -E "^paperdex-index: (warning|error): $1:[0-9]+: " "$1.err"; }

# A researcher page cut short: the second work has no abstract, the third
# only its header.
printf 'Researcher profile\n\nAda Lovelace\n\n3 published item(s)\n\npreprint2024arXiv\n\nFirst Work Title\n\nAn abstract.\n\npreprint2023arXiv\n\nSecond Work Without Abstract\n\npreprint2022arXiv\n' >trunc.txt
dump trunc.txt
expect_eq "trunc status" 0 "$st"
expect_eq "trunc report" "paperdex-index: trunc.txt: researcher, 2 records, 1 warnings, 1 skipped; owner: Ada Lovelace" "$(report trunc.txt)"
expect_eq "trunc messages" "paperdex-index: warning: trunc.txt:13: work has no abstract
paperdex-index: error: trunc.txt:17: work has no title (record skipped)" "$(messages trunc.txt)"
expect_eq "trunc titles" "First Work Title|Second Work Without Abstract|" "$(titles trunc.txt)"
expect_eq "trunc owner" '["Ada Lovelace"]' "$(jq -c .authors trunc.txt.out | sort -u)"

# Headers and nothing after them.
printf 'Researcher profile\n\nAda Lovelace\n\nTrust snapshot\n\n0 published item(s)\n' >noworks_r.txt
dump noworks_r.txt
expect_eq "noworks_r status" 1 "$st"
expect_match "noworks_r warning" "^paperdex-index: warning: noworks_r.txt: no works found on the page$" "$(cat noworks_r.txt.err)"
expect_match "noworks_r report" "^paperdex-index: noworks_r.txt: researcher, 0 records" "$(cat noworks_r.txt.err)"
printf 'Jinyang Gao\n\nLG\nh-index32\n5papers\n\n5 Papers\n' >noworks_h.txt
dump noworks_h.txt
expect_eq "noworks_h status" 1 "$st"
expect_eq "noworks_h messages" "paperdex-index: warning: noworks_h.txt:5: page says 5 papers but lists 0" "$(messages noworks_h.txt)"
expect_match "noworks_h report" "^paperdex-index: noworks_h.txt: header, 0 records, 2 warnings" "$(cat noworks_h.txt.err)"

# A header page: a work without an author line, one with invalid UTF-8 in
# its title (skipped, the others kept), one without an abstract.
printf 'Jinyang Gao\n\nLG\nh-index32\n3papers\n\nLGSep 5, 2023Code\nA Title\n\nDaoyuan Chen, Yilun Huang et al.\n\nAbstract one.\n\nCLMar 15\nNo Authors Here\n\nThis abstract follows the title directly, which means there is no author line at all.\n\nAIJul 11, 2024\nBad \377\376 Title\n\nA B, C D\n\nabs\n\nCVAug 23, 2024\nLast Title Without Abstract\n\nTao Wu, Mengze Li\n' >mixed_h.txt
dump mixed_h.txt
expect_eq "mixed_h status" 0 "$st"
expect_eq "mixed_h messages" "paperdex-index: warning: mixed_h.txt:17: work has no author line
paperdex-index: error: mixed_h.txt:20: invalid UTF-8 at byte 5 (record skipped)
paperdex-index: warning: mixed_h.txt:26: work has no abstract
paperdex-index: warning: mixed_h.txt:5: page says 3 papers but lists 4" "$(messages mixed_h.txt)"
expect_eq "mixed_h titles" "A Title|No Authors Here|Last Title Without Abstract|" "$(titles mixed_h.txt)"
expect_eq "mixed_h authors" '["Daoyuan Chen","Yilun Huang","Jinyang Gao"]
["Jinyang Gao"]
["Tao Wu","Mengze Li","Jinyang Gao"]' "$(jq -c .authors mixed_h.txt.out)"
expect_eq "mixed_h dates" "2023-9-5 true|2026-3-15 false|2024-8-23 false|" \
	"$(jq -r '"\(.year)-\(.month)-\(.day) \(.has_code)"' mixed_h.txt.out | tr '\n' '|')"

# A listing page: a title line with no authors, invalid UTF-8 in one work,
# a work without an abstract and a final header with nothing after it.
printf 'LGFeb 12, 2023\nA Good PaperYifei Wang, Kaiqi Zhao\nAbstract.\nDBFeb 28, 2023\nA Title With No Authors\nAbstract two.\nIRMar 3, 2023\nBroken \303\050 PaperKaiqi Zhao, Ming Zhao\nAbstract three.\nLGMar 14, 2023Code\nNo AbstractSong Yang, Kaiqi Zhao\nCLMay 17Code\n' >mixed_l.txt
dump mixed_l.txt
expect_eq "mixed_l status" 0 "$st"
expect_eq "mixed_l messages" "paperdex-index: warning: mixed_l.txt:5: no authors after the title
paperdex-index: error: mixed_l.txt:8: invalid UTF-8 at byte 8 (record skipped)
paperdex-index: warning: mixed_l.txt:10: work has no abstract
paperdex-index: error: mixed_l.txt:12: work has no title (record skipped)" "$(messages mixed_l.txt)"
expect_eq "mixed_l report" "paperdex-index: mixed_l.txt: listing, 3 records, 2 warnings, 2 skipped; owner inferred: Kaiqi Zhao, listed on 2 of 3 papers" "$(report mixed_l.txt)"
expect_eq "mixed_l titles" "A Good Paper|A Title With No Authors|No Abstract|" "$(titles mixed_l.txt)"
expect_eq "mixed_l authors" '["Yifei Wang","Kaiqi Zhao"]
["Kaiqi Zhao"]
["Song Yang","Kaiqi Zhao"]' "$(jq -c .authors mixed_l.txt.out)"

# Lines over the 16 MiB limit are skipped with a warning; the work whose
# title line was lost is skipped, the others are kept.
{
	printf 'LGFeb 12, 2023\nA Good PaperYifei Wang, Kaiqi Zhao\n'
	head -c 17000000 /dev/zero | tr '\0' a
	printf '\nDBFeb 28, 2023\n'
	head -c 17000000 /dev/zero | tr '\0' b
	printf '\nAbstract two.\nIRMar 3, 2023\nThird PaperKaiqi Zhao\nAbstract three.\n'
} >long.txt
dump long.txt
expect_eq "long status" 0 "$st"
expect_eq "long messages" "paperdex-index: warning: long.txt:3: line longer than 16777216 bytes skipped
paperdex-index: warning: long.txt:5: line longer than 16777216 bytes skipped
paperdex-index: error: long.txt:4: work has no title (record skipped)" "$(messages long.txt)"
expect_eq "long titles" "A Good Paper|Third Paper|" "$(titles long.txt)"

# Forced formats on what they cannot read.
printf 'just some text\nthat is not a page\n' >text.txt
dump text.txt
expect_match "text unknown" "unknown format" "$(cat text.txt.err)"
dump text.txt --format listing
expect_eq "forced listing status" 1 "$st"
expect_match "forced listing" "no works found on the page" "$(cat text.txt.err)"
dump text.txt --format researcher
expect_eq "forced researcher status" 1 "$st"
expect_match "forced researcher" "^paperdex-index: warning: text.txt:1: not a researcher profile page$" "$(cat text.txt.err)"

# Seed pages cut at arbitrary bytes, reversed and read as every layout:
# any exit status but a crash, and only valid records.
i=0
for page in "$ROOT"/corpus/*.txt; do
	for cut in 97 1201 5003 9999 30011; do
		i=$((i + 1))
		head -c "$cut" "$page" >cut$i.txt
		for fmt in researcher listing header; do
			dump cut$i.txt --format "$fmt"
			[ "$st" -le 1 ] || fail "cut$i.txt as $fmt: exit status $st"
			jq -e '.id | startswith("pt-")' cut$i.txt.out >/dev/null 2>&1 ||
				[ ! -s cut$i.txt.out ] || fail "cut$i.txt as $fmt: bad records"
		done
	done
	i=$((i + 1))
	tac "$page" >rev$i.txt
	for fmt in researcher listing header; do
		dump rev$i.txt --format "$fmt"
		[ "$st" -le 1 ] || fail "rev$i.txt as $fmt: exit status $st"
	done
done
exit 0
