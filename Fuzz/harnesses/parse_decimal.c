// libFuzzer harness: the exact decimal parser (rx_parse_decimal). Beyond "no crash": a result is
// within the fixed-point range, "OK" results print back to text that parses to the same value,
// and the outcome does not depend on surrounding spaces.
#include <assert.h>
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include "rxscan.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (size < 1 || size > 64) return 0;
    int32_t decimals = data[0] % 6;
    const uint8_t *p = data + 1;
    size_t n = size - 1;
    int64_t v = 0;
    int32_t r = rx_parse_decimal(p, n, decimals, &v);
    assert(r >= RX_DECIMAL_OUT_OF_RANGE && r <= RX_DECIMAL_ROUNDED);
    if (r >= 0) {
        assert(v != INT64_MIN);
        // Print v as an exact decimal with `decimals` places and parse it again.
        char text[48];
        uint64_t mag = v < 0 ? (uint64_t)(-v) : (uint64_t)v;
        uint64_t scale = 1;
        for (int i = 0; i < decimals; i++) scale *= 10;
        int len = decimals
            ? snprintf(text, sizeof text, "%s%" PRIu64 ".%0*" PRIu64, v < 0 ? "-" : "", mag / scale, decimals, mag % scale)
            : snprintf(text, sizeof text, "%s%" PRIu64, v < 0 ? "-" : "", mag);
        int64_t again = 0;
        int32_t r2 = rx_parse_decimal((const uint8_t *)text, (size_t)len, decimals, &again);
        assert(r2 == RX_DECIMAL_OK && again == v);
        // Spaces around the text change nothing.
        uint8_t padded[72];
        padded[0] = ' ';
        memcpy(padded + 1, p, n);
        padded[n + 1] = ' ';
        int64_t spaced = 0;
        assert(rx_parse_decimal(padded, n + 2, decimals, &spaced) == r && spaced == v);
    }
    return 0;
}
