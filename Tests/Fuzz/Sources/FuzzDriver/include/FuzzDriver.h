// libFuzzer's entry point for programs that have their own main (compiler-rt's
// FuzzerInterface.h). The fuzz targets call it from the `main` SwiftPM gives them.
#ifndef THRESHOLD_FUZZ_DRIVER_H
#define THRESHOLD_FUZZ_DRIVER_H
#include <stddef.h>
#include <stdint.h>
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));
#endif
