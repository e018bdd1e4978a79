/* fuzz_jsonl — libFuzzer target: arbitrary bytes through the jsonl reader
 * (indexer/jsonl.c) via the shared harness in fuzz_reader.h. */
#include "fuzz_reader.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_read(&rd_jsonl, data, size);
}
