/* Helpers for the unit tests that work on real index files (test_mvcc.c,
 * test_corrupt.c): a scratch directory, files written from strings, and
 * the real binaries ($PDX_BIN, set by tests/run.sh) run as child processes
 * with their output captured. Included after <cmocka.h>. */
#ifndef PDX_INDEX_TEST_H
#define PDX_INDEX_TEST_H

#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

/* The scratch directory of this test program, made by it_setup. */
static char it_dir[256];

/* it_path("x.db") -> "<scratch>/x.db", in one of a few rotating buffers:
 * copy it (IT_PATH) to keep it. */
static inline const char *it_path(const char *name)
{
	static char bufs[4][512];
	static int next;
	char *b = bufs[next++ % 4];
	snprintf(b, sizeof bufs[0], "%s/%s", it_dir, name);
	return b;
}

/* Declares char var[] holding the scratch path of name. */
#define IT_PATH(var, name) \
	char var[512];     \
	snprintf(var, sizeof var, "%s/%s", it_dir, name)

static inline void it_write(const char *name, const char *text)
{
	FILE *f = fopen(it_path(name), "w");
	assert_non_null(f);
	assert_int_equal(fputs(text, f) >= 0, 1);
	assert_int_equal(fclose(f), 0);
}

/* The whole content of a scratch file, NUL-terminated; caller frees. */
static inline char *it_read(const char *name)
{
	FILE *f = fopen(it_path(name), "r");
	assert_non_null(f);
	size_t cap = 4096, n = 0;
	char *s = malloc(cap);
	assert_non_null(s);
	size_t got;
	while ((got = fread(s + n, 1, cap - n - 1, f)) > 0) {
		n += got;
		if (cap - n < 2) {
			cap *= 2;
			s = realloc(s, cap);
			assert_non_null(s);
		}
	}
	fclose(f);
	s[n] = '\0';
	return s;
}

/* Runs $PDX_BIN/paperdex-<prog> with args (NULL-terminated, argv[0]
 * excluded); stdout goes to the scratch file "out", stderr to "err".
 * Returns the exit status, or 128 + signal. */
static inline int it_run_argv(const char *prog, char *const *args)
{
	const char *bin = getenv("PDX_BIN");
	if (!bin)
		fail_msg("PDX_BIN is not set: run through tests/run.sh");
	char path[512];
	snprintf(path, sizeof path, "%s/paperdex-%s", bin, prog);
	char *argv[32];
	size_t n = 0;
	argv[n++] = path;
	for (; args[n - 1] && n < 31; n++)
		argv[n] = args[n - 1];
	argv[n] = NULL;
	posix_spawn_file_actions_t fa;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 1, it_path("out"), O_WRONLY | O_CREAT | O_TRUNC, 0644);
	posix_spawn_file_actions_addopen(&fa, 2, it_path("err"), O_WRONLY | O_CREAT | O_TRUNC, 0644);
	pid_t pid;
	int rc = posix_spawn(&pid, path, &fa, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	if (rc)
		fail_msg("cannot run %s: %s", path, strerror(rc));
	int st;
	assert_int_equal(waitpid(pid, &st, 0), pid);
	return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

#define it_run(prog, ...) it_run_argv(prog, (char *const[]){__VA_ARGS__, NULL})

/* Like it_run, and the command must succeed (else its stderr is shown). */
#define it_ok(prog, ...)                                                        \
	do {                                                                    \
		int it_st_ = it_run(prog, __VA_ARGS__);                         \
		if (it_st_ != 0) {                                              \
			char *it_err_ = it_read("err");                         \
			fail_msg("paperdex-%s: exit status %d: %s", prog, it_st_, it_err_); \
		}                                                               \
	} while (0)

static inline int it_setup(void **state)
{
	(void)state;
	const char *tmp = getenv("TMPDIR");
	snprintf(it_dir, sizeof it_dir, "%s/pdx-unit.XXXXXX", tmp && *tmp ? tmp : "/tmp");
	return mkdtemp(it_dir) ? 0 : -1;
}

static inline int it_teardown(void **state)
{
	(void)state;
	char *argv[] = {"rm", "-rf", it_dir, NULL};
	pid_t pid;
	int st;
	if (posix_spawnp(&pid, "rm", NULL, NULL, argv, environ) == 0)
		waitpid(pid, &st, 0);
	return 0;
}

#endif
