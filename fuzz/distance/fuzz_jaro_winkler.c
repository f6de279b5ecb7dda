/* Differential fuzz target of the distance stage for jaro_winkler: the fast paths
 * against the naive dynamic program (see fuzz_distance_common.h). */
#define FUZZ_METRIC NOMEN__METRIC_JARO_WINKLER
#include "fuzz_distance_common.h"
