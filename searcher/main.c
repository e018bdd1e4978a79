/* paperdex-search — the searcher's command line. */
#include <stdio.h>
#include <string.h>

int main(int argc, char **argv)
{
	if (argc > 1 && (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0)) {
		printf("usage: paperdex-search [-d DB] QUERY...\n");
		return 0;
	}
	fprintf(stderr, "paperdex-search: error: searching is not built yet\n");
	return 1;
}
