// RxAtlas byte-level CSV line splitter.
//
// Commas, quotes and newlines are found 32 bytes at a time with AVX2 compares turned into a
// bitmask; the splitter then walks the set bits, so ordinary text costs a fraction of a cycle
// per byte. Quoted fields (rare in prescribing files) are walked byte by byte. A portable
// eight-bytes-at-a-time (SWAR) kernel is used where AVX2 is absent.
#include "rxscan.h"
#include <string.h>

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#define RX_X86 1
#endif

static inline uint64_t swar_mask(uint64_t w) {
    const uint64_t ones = 0x0101010101010101ULL, highs = 0x8080808080808080ULL;
    uint64_t c = w ^ (ones * 0x2C), q = w ^ (ones * 0x22), n = w ^ (ones * 0x0A);
    c = (c - ones) & ~c;
    q = (q - ones) & ~q;
    n = (n - ones) & ~n;
    return (c | q | n) & highs;
}

// Finds the next special byte (comma, quote, newline) at or after i; returns end if none.
static inline size_t next_special_swar(const uint8_t *base, size_t i, size_t end) {
    while (i + 8 <= end) {
        uint64_t w;
        memcpy(&w, base + i, 8);
        uint64_t m = swar_mask(w);
        if (m) return i + (__builtin_ctzll(m) >> 3);
        i += 8;
    }
    while (i < end) {
        uint8_t c = base[i];
        if (c == ',' || c == '"' || c == '\n') return i;
        i++;
    }
    return end;
}

#ifdef RX_X86
__attribute__((target("avx2")))
static inline uint32_t avx2_mask(const uint8_t *p) {
    __m256i v = _mm256_loadu_si256((const __m256i *)p);
    __m256i c = _mm256_cmpeq_epi8(v, _mm256_set1_epi8(','));
    __m256i q = _mm256_cmpeq_epi8(v, _mm256_set1_epi8('"'));
    __m256i n = _mm256_cmpeq_epi8(v, _mm256_set1_epi8('\n'));
    return (uint32_t)_mm256_movemask_epi8(_mm256_or_si256(_mm256_or_si256(c, q), n));
}
#endif

// Walks a quoted field starting at the opening quote base[i]; returns the offset of the closing
// quote, or (size_t)-1 when the line or buffer ends first. *escaped is set on a doubled quote.
static inline size_t close_quote(const uint8_t *base, size_t i, size_t end, int *escaped) {
    size_t j = i + 1;
    for (;;) {
        while (j < end && base[j] != '"' && base[j] != '\n') j++;
        if (j >= end || base[j] == '\n') return (size_t)-1;
        if (j + 1 < end && base[j + 1] == '"') { *escaped = 1; j += 2; continue; }
        return j;
    }
}

#define SPLIT_BODY(NEXT_SPECIAL, CLOSE_QUOTE)                                                    \
    size_t i = from;                                                                             \
    int32_t field = 0;                                                                           \
    size_t field_start = from;                                                                   \
    quoted[0] = 0;                                                                               \
    for (;;) {                                                                                   \
        NEXT_SPECIAL;                                                                            \
        if (i >= end || base[i] == '\n') {                                                       \
            size_t e = i >= end ? end : i;                                                       \
            if (e > field_start && base[e - 1] == '\r') e--;                                     \
            starts[field] = (int32_t)(field_start - from);                                       \
            ends[field] = (int32_t)(e - from);                                                   \
            *next = i >= end ? end : i + 1;                                                      \
            return field + 1;                                                                    \
        }                                                                                        \
        uint8_t ch = base[i];                                                                    \
        if (ch == ',') {                                                                         \
            starts[field] = (int32_t)(field_start - from);                                       \
            ends[field] = (int32_t)(i - from);                                                   \
            field++;                                                                             \
            if (field >= capacity) { *next = rx_line_end(base, i, end); *bad_field = field; return RX_SPLIT_TOO_MANY_FIELDS; } \
            quoted[field] = 0;                                                                   \
            i++;                                                                                 \
            field_start = i;                                                                     \
            continue;                                                                            \
        }                                                                                        \
        if (i != field_start) { i++; continue; } /* a stray quote inside text is text */         \
        int escaped = 0;                                                                         \
        size_t close = CLOSE_QUOTE(base, i, end, &escaped);                                      \
        if (close == (size_t)-1) {                                                               \
            *next = rx_line_end(base, i + 1, end); *bad_field = field;                           \
            return RX_SPLIT_UNTERMINATED_QUOTE;                                                  \
        }                                                                                        \
        starts[field] = (int32_t)(i + 1 - from);                                                 \
        ends[field] = (int32_t)(close - from);                                                   \
        quoted[field] = escaped ? 2 : 1;                                                         \
        size_t k = close + 1;                                                                    \
        if (k < end && base[k] == '\r') k++;                                                     \
        if (k >= end || base[k] == '\n') { *next = k >= end ? end : k + 1; return field + 1; }  \
        if (base[close + 1] != ',') {                                                            \
            *next = rx_line_end(base, close + 1, end); *bad_field = field;                       \
            return RX_SPLIT_TEXT_AFTER_QUOTE;                                                    \
        }                                                                                        \
        field++;                                                                                 \
        if (field >= capacity) { *next = rx_line_end(base, close + 1, end); *bad_field = field; return RX_SPLIT_TOO_MANY_FIELDS; } \
        quoted[field] = 0;                                                                       \
        i = close + 2;                                                                           \
        field_start = i;                                                                         \
    }

static int32_t split_swar(const uint8_t *base, size_t from, size_t end, int32_t *starts, int32_t *ends,
                          uint8_t *quoted, int32_t capacity, size_t *next, int32_t *bad_field) {
    SPLIT_BODY(i = next_special_swar(base, i, end), close_quote)
}

#ifdef RX_X86
__attribute__((target("avx2")))
static inline size_t next_special_avx2(const uint8_t *base, size_t i, size_t end) {
    while (i + 32 <= end) {
        uint32_t m = avx2_mask(base + i);
        if (m) return i + (size_t)__builtin_ctz(m);
        i += 32;
    }
    return next_special_swar(base, i, end);
}

// As close_quote, finding quotes and newlines 32 bytes at a time: a long quoted field (a
// presentation or practice name holding commas) costs a compare per 32 bytes, not a branch per
// byte.
__attribute__((target("avx2")))
static inline size_t close_quote_avx2(const uint8_t *base, size_t i, size_t end, int *escaped) {
    const __m256i quote = _mm256_set1_epi8('"'), newline = _mm256_set1_epi8('\n');
    size_t j = i + 1;
    for (;;) {
        for (;;) {
            if (j + 32 <= end) {
                __m256i v = _mm256_loadu_si256((const __m256i *)(base + j));
                uint32_t m = (uint32_t)_mm256_movemask_epi8(_mm256_or_si256(_mm256_cmpeq_epi8(v, quote),
                                                                            _mm256_cmpeq_epi8(v, newline)));
                if (m) { j += (size_t)__builtin_ctz(m); break; }
                j += 32;
            } else {
                while (j < end && base[j] != '"' && base[j] != '\n') j++;
                break;
            }
        }
        if (j >= end || base[j] == '\n') return (size_t)-1;
        if (j + 1 < end && base[j + 1] == '"') { *escaped = 1; j += 2; continue; }
        return j;
    }
}

// Keeps the current 32-byte mask between calls so consecutive commas in one block cost one
// bit-clear each instead of a reload.
__attribute__((target("avx2")))
static int32_t split_avx2(const uint8_t *base, size_t from, size_t end, int32_t *starts, int32_t *ends,
                          uint8_t *quoted, int32_t capacity, size_t *next, int32_t *bad_field) {
    size_t block = (size_t)-1; /* start of the block `mask` describes */
    uint32_t mask = 0;
#define NEXT_AVX2                                                                                \
    for (;;) {                                                                                   \
        if (block != (size_t)-1 && i >= block && i < block + 32) {                               \
            uint32_t m = mask & (0xFFFFFFFFu << (i - block));                                    \
            if (m) { i = block + (size_t)__builtin_ctz(m); break; }                             \
            i = block + 32;                                                                      \
        }                                                                                        \
        if (i + 32 <= end) { block = i; mask = avx2_mask(base + i); continue; }                  \
        i = next_special_swar(base, i, end);                                                     \
        break;                                                                                   \
    }
    SPLIT_BODY(NEXT_AVX2, close_quote_avx2)
#undef NEXT_AVX2
}

static int avx2_checked = 0, avx2_ok = 0;
static inline int have_avx2(void) {
    if (!avx2_checked) {
        __builtin_cpu_init();
        avx2_ok = __builtin_cpu_supports("avx2") ? 1 : 0;
        avx2_checked = 1;
    }
    return avx2_ok;
}
#endif

int32_t rx_split_line(const uint8_t *base, size_t from, size_t end, int32_t *starts, int32_t *ends,
                      uint8_t *quoted, int32_t capacity, size_t *next, int32_t *bad_field) {
#ifdef RX_X86
    if (have_avx2()) return split_avx2(base, from, end, starts, ends, quoted, capacity, next, bad_field);
#endif
    return split_swar(base, from, end, starts, ends, quoted, capacity, next, bad_field);
}

size_t rx_line_end(const uint8_t *base, size_t from, size_t end) {
    if (from >= end) return end;
    const void *p = memchr(base + from, '\n', end - from);
    return p ? (size_t)((const uint8_t *)p - base) + 1 : end;
}

size_t rx_count_newlines(const uint8_t *base, size_t from, size_t end) {
    size_t n = 0;
    for (size_t i = from; i < end; i++) n += base[i] == '\n';
    return n;
}

int rx_scan_uses_avx2(void) {
#ifdef RX_X86
    return have_avx2();
#else
    return 0;
#endif
}
