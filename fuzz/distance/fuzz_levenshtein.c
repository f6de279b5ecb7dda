/* Differential fuzz target of the distance stage for levenshtein: the fast paths
 * against the naive dynamic program (see fuzz_distance_common.h). */
#define FUZZ_METRIC NOMEN__METRIC_LEVENSHTEIN
#include "fuzz_distance_common.h"
