// zlib from Debian's zlib1g-dev, used to stream .csv.gz inputs.
#include <zlib.h>
