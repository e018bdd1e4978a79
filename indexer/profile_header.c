/* profile_header — placeholder until the reader lands. */
#include "reader.h"
#include "err.h"

static int sniff(const char *head, size_t n)
{
	(void)head;
	(void)n;
	return 0;
}

static int read_all(in_file *in, rd_sink *sink, rd_report *rep)
{
	(void)in;
	(void)sink;
	(void)rep;
	return PDX_EFORMAT;
}

const rd_format rd_profile_header = {"header", sniff, read_all};
