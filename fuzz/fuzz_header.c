/* fuzz_header — libFuzzer target: arbitrary bytes through the header reader
 * (indexer/profile_header.c) via the shared harness in fuzz_reader.h. */
#include "fuzz_reader.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_read(&rd_profile_header, data, size);
}
