/*
 * bench_names.h: the deterministic name generator shared by the distance
 * and phonetic benches (static functions: each bench is one program).
 * About a third are pinyin full names, the rest Western-looking names built
 * from syllables, some with accented letters; all 10 to 30 code points.
 */
#ifndef NOMEN_BENCH_NAMES_H
#define NOMEN_BENCH_NAMES_H

#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>
#include <string.h>

#define BENCH_ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

static uint64_t rng_next(uint64_t *s)
{
    /* splitmix64 (Steele, Lea, Flood 2014) */
    uint64_t z = (*s += 0x9E3779B97F4A7C15u);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9u;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBu;
    return z ^ (z >> 31);
}

/* A handful of common pinyin syllables and surnames, and Western name
 * syllables: enough variety for realistic match vectors, not a corpus. */
static const char *const pinyin_surname[] = {
    "wang", "li",   "zhang", "liu", "chen", "yang", "huang", "zhao",   "wu",   "zhou",  "xu",
    "sun",  "ma",   "zhu",   "hu",  "guo",  "he",   "lin",   "gao",    "luo",  "zheng", "liang",
    "xie",  "song", "tang",  "han", "feng", "deng", "cao",   "ouyang", "sima", "zhuge"};
static const char *const pinyin_syl[] = {
    "wei",  "fang", "xiu",  "ying", "na",   "min",  "jing", "li",   "qiang", "lei",  "jun", "yang",
    "yong", "yan",  "jie",  "tao",  "ming", "chao", "xia",  "hua",  "ping",  "gang", "guo", "jian",
    "quan", "zhi",  "hong", "xin",  "bo",   "yu",   "hai",  "dong", "shan",  "rong", "xue", "zi"};
static const char *const west_syl[] = {
    "al",  "ber", "to",  "mar", "ia",   "jo",  "han", "nes", "ste",  "fan",   "ro",  "bert", "ka",
    "tha", "ri",  "na",  "mi",  "chel", "an",  "der", "son", "wil",  "liams", "gon", "za",   "lez",
    "mo",  "ham", "med", "hus", "sein", "ab",  "dul", "lah", "ivan", "ov",    "pet", "ren",  "ko",
    "sch", "mid", "mül", "ler", "gar",  "cía", "lo",  "pez", "bé",   "ran",   "gér", "ard"};

static size_t utf8_to_cp(const char *s, uint32_t *out)
{
    size_t n = 0;
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        uint32_t c = *p++;
        if (c >= 0xC0) { /* the generator's text is 2-byte UTF-8 at most */
            c = ((c & 0x1F) << 6) | (*p++ & 0x3F);
        }
        out[n++] = c;
    }
    return n;
}

static void gen_name(uint64_t *rng, char *buf, size_t cap)
{
    for (;;) {
        buf[0] = 0;
        uint64_t r = rng_next(rng);
        if (r % 3 == 0) {
            strcat(buf, pinyin_surname[rng_next(rng) % BENCH_ARRAY_LEN(pinyin_surname)]);
            strcat(buf, " ");
            int k = 1 + (int)(rng_next(rng) % 2);
            for (int i = 0; i < k; i++)
                strcat(buf, pinyin_syl[rng_next(rng) % BENCH_ARRAY_LEN(pinyin_syl)]);
            if (rng_next(rng) % 4 == 0) { /* a third name, or a Western given name */
                strcat(buf, " ");
                strcat(buf, pinyin_syl[rng_next(rng) % BENCH_ARRAY_LEN(pinyin_syl)]);
            }
        } else {
            int words = 2 + (int)(rng_next(rng) % 2);
            for (int w = 0; w < words; w++) {
                if (w)
                    strcat(buf, " ");
                int k = 2 + (int)(rng_next(rng) % 2);
                for (int i = 0; i < k; i++)
                    strcat(buf, west_syl[rng_next(rng) % BENCH_ARRAY_LEN(west_syl)]);
            }
        }
        uint32_t tmp[128];
        size_t n = utf8_to_cp(buf, tmp);
        if (n >= 10 && n <= 30 && strlen(buf) < cap)
            return;
    }
}

#endif
