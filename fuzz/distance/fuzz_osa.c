/* Differential fuzz target of the distance stage for osa: the fast paths
 * against the naive dynamic program (see fuzz_distance_common.h). */
#define FUZZ_METRIC NOMEN__METRIC_OSA
#include "fuzz_distance_common.h"
