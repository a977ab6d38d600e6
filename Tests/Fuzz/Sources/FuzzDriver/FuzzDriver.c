// Only the header matters: LLVMFuzzerRunDriver is defined by libFuzzer (-sanitize=fuzzer).
#include "FuzzDriver.h"
int threshold_fuzz_driver_present(void) { return 1; }
