// Exact decimal parsing for prescribing amounts (see rxscan.h).
#include "rxscan.h"

static const uint64_t POW10[19] = {
    1ULL, 10ULL, 100ULL, 1000ULL, 10000ULL, 100000ULL, 1000000ULL, 10000000ULL, 100000000ULL,
    1000000000ULL, 10000000000ULL, 100000000000ULL, 1000000000000ULL, 10000000000000ULL,
    100000000000000ULL, 1000000000000000ULL, 10000000000000000ULL, 100000000000000000ULL,
    1000000000000000000ULL};

int32_t rx_parse_decimal(const uint8_t *p, size_t n, int32_t decimals, int64_t *out) {
    size_t i = 0;
    while (i < n && p[i] == ' ') i++;
    while (n > i && p[n - 1] == ' ') n--;
    if (i >= n) return RX_DECIMAL_EMPTY;
    int negative = 0;
    if (p[i] == '-') { negative = 1; i++; } else if (p[i] == '+') { i++; }

    uint64_t mantissa = 0;
    int digits = 0, fraction = 0, dropped = 0, saw_digit = 0, saw_point = 0, dropped_scale = 0;
    int first_dropped = -1, more_dropped = 0;   // the first significant digit past the 19th, and any after it
    for (; i < n; i++) {
        uint8_t c = p[i];
        unsigned d = (unsigned)c - '0';
        if (d <= 9) {
            saw_digit = 1;
            if (mantissa == 0 && d == 0) {
                if (saw_point) fraction++;
            } else if (digits < 19) {   /* 19 digits always fit in 64 bits (< 1.8e19) */
                mantissa = mantissa * 10 + d;
                digits++;
                if (saw_point) fraction++;
            } else {
                if (first_dropped < 0) first_dropped = (int)d; else if (d != 0) more_dropped = 1;
                if (d != 0) dropped = 1;
                if (!saw_point) dropped_scale++;
            }
        } else if (c == '.' && !saw_point) {
            saw_point = 1;
        } else {
            break;
        }
    }
    if (!saw_digit) return RX_DECIMAL_NOT_A_NUMBER;
    int exponent = 0;
    if (i < n) {
        if (p[i] != 'E' && p[i] != 'e') return RX_DECIMAL_NOT_A_NUMBER;
        i++;
        int exp_negative = 0;
        if (i < n && (p[i] == '-' || p[i] == '+')) { exp_negative = p[i] == '-'; i++; }
        int e = 0, exp_digits = 0;
        while (i < n && (unsigned)(p[i] - '0') <= 9) {
            e = e * 10 + (p[i] - '0');
            if (e > 10000) e = 10000;
            exp_digits++;
            i++;
        }
        if (!exp_digits || i != n) return RX_DECIMAL_NOT_A_NUMBER;
        exponent = exp_negative ? -e : e;
    }
    int shift = decimals + dropped_scale + exponent - fraction;
    uint64_t result;
    int rounded = dropped;
    if (mantissa == 0) {
        result = 0;
    } else if (shift >= 0) {
        if (shift > 18) return RX_DECIMAL_OUT_OF_RANGE;
        if (__builtin_mul_overflow(mantissa, POW10[shift], &result) || result > (uint64_t)INT64_MAX)
            return RX_DECIMAL_OUT_OF_RANGE;
        /* Digits past the 19th significant one were dropped from the fraction (shift 0): round
           half to even on them. Dropped integer digits make shift > 0 and the value too large. */
        if (shift == 0 && first_dropped >= 0 &&
            (first_dropped > 5 || (first_dropped == 5 && (more_dropped || (result & 1))))) {
            if (result == (uint64_t)INT64_MAX) return RX_DECIMAL_OUT_OF_RANGE;
            result += 1;
        }
    } else {
        int down = -shift;
        if (down > 18) {
            result = 0;
            rounded = 1;
        } else {
            uint64_t d = POW10[down], q = mantissa / d, r = mantissa % d;
            result = q;
            if (r != 0 || dropped) {
                rounded = 1;
                uint64_t half = d / 2;
                if (r > half || (r == half && (dropped || (q & 1)))) result = q + 1;
            }
        }
    }
    *out = negative ? -(int64_t)result : (int64_t)result;
    return rounded ? RX_DECIMAL_ROUNDED : RX_DECIMAL_OK;
}
