/* fuzz_listing — libFuzzer target: arbitrary bytes through the listing reader
 * (indexer/profile_listing.c) via the shared harness in fuzz_reader.h. */
#include "fuzz_reader.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_read(&rd_profile_listing, data, size);
}
