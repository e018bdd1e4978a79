/* fuzz_trec — libFuzzer target: arbitrary bytes through the trec reader
 * (indexer/trec.c) via the shared harness in fuzz_reader.h. */
#include "fuzz_reader.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_read(&rd_trec, data, size);
}
