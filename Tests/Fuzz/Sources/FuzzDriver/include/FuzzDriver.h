// libFuzzer's entry point for programs that have their own main (compiler-rt's
// FuzzerInterface.h). The fuzz targets call it from the `main` SwiftPM gives them.
#ifndef THRESHOLD_FUZZ_DRIVER_H
#define THRESHOLD_FUZZ_DRIVER_H
#include <stddef.h>
#include <stdint.h>
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));

// LeakSanitizer's interface (compiler-rt's sanitizer/lsan_interface.h): allocations made between
// disable and enable are never reported. FuzzEvaluate loads the built-in packs once, into a global
// kept until exit; LeakSanitizer cannot follow the pointers that Swift stores inside multi-payload
// enums (`When` keeps its case in the pointer's spare bits), so without this it reports that
// global's rule formulas as leaked when the process exits.
void __lsan_disable(void);
void __lsan_enable(void);
#endif
