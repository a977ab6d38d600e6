// The whole C layer of Threshold: libyaml's public header, nothing else.
// Only the ThresholdYAML target imports this module.
#ifndef THRESHOLD_CYAML_SHIM_H
#define THRESHOLD_CYAML_SHIM_H
#include <yaml.h>
#endif
