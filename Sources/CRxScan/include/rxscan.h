// RxAtlas byte-level CSV line splitter: the ingest hot path.
#ifndef RXSCAN_H
#define RXSCAN_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// Outcome codes of rx_split_line (negative values are errors).
enum {
    RX_SPLIT_UNTERMINATED_QUOTE = -1,
    RX_SPLIT_TEXT_AFTER_QUOTE = -2,
    RX_SPLIT_TOO_MANY_FIELDS = -3
};

/// Splits the CSV line starting at base[from], reading no further than base[end - 1].
///
/// On success returns the number of fields and stores in *next the offset just past the line's
/// newline (or `end`). starts[i]/ends[i] receive each field's bounds relative to `from`; a quoted
/// field's bounds exclude its quotes and quoted[i] is set to 1 (2 if it holds a doubled quote).
/// A trailing carriage return is excluded from the last field. On error returns a negative
/// RX_SPLIT_* code, stores the failing field's index in *bad_field and in *next the offset past
/// the line's end.
int32_t rx_split_line(const uint8_t *base, size_t from, size_t end,
                      int32_t *starts, int32_t *ends, uint8_t *quoted, int32_t capacity,
                      size_t *next, int32_t *bad_field);

/// The offset just past the next newline at or after `from`, or `end` when there is none.
size_t rx_line_end(const uint8_t *base, size_t from, size_t end);

/// Number of newline bytes in base[from..<end].
size_t rx_count_newlines(const uint8_t *base, size_t from, size_t end);

/// Outcome codes of rx_parse_decimal.
enum {
    RX_DECIMAL_OK = 0,
    RX_DECIMAL_ROUNDED = 1,
    RX_DECIMAL_EMPTY = -1,
    RX_DECIMAL_NOT_A_NUMBER = -2,
    RX_DECIMAL_OUT_OF_RANGE = -3
};

/// Parses decimal text p[0..<n] exactly into an integer count of 10^-decimals units.
///
/// Accepts surrounding spaces, a sign, leading zeros, a fraction and an exponent (1.5E-05).
/// Digits beyond `decimals` are rounded half to even and the result is RX_DECIMAL_ROUNDED.
int32_t rx_parse_decimal(const uint8_t *p, size_t n, int32_t decimals, int64_t *out);

/// 1 when the vector (AVX2) kernel is in use, 0 for the portable one.
int rx_scan_uses_avx2(void);

#ifdef __cplusplus
}
#endif
#endif
