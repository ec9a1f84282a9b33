// R's standalone maths library (Debian r-mathlib): the distribution functions the reference
// packages (PHEindicatormethods, FunnelPlotR) run on.
#define MATHLIB_STANDALONE 1
#include <Rmath.h>
