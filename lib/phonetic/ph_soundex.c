/*
 * ph_soundex.c: the phonetic stage's Soundex family. American Soundex
 * (Russell and Odell's patents of 1918/1922 as the US Census applies it;
 * Knuth, TAOCP vol. 3): the first letter, then the digit of each later
 * letter, where equal neighbouring digits count once; cut or zero-padded to
 * four characters. The variants differ only in which letters separate two
 * equal digits (see nomen__soundex_variant). Refined Soundex is the
 * commons-codec / talisman variant with more digit classes and no cap.
 *
 * Invariant: only letters A-Z have digits; every other character is ignored
 * (commons-codec removes them before encoding), except as the kept first
 * character in jellyfish mode.
 */
#include "phonetic/phonetic.h"
#include "unicode/uni.h"

/* Digits of A..Z: BFPV 1, CGJKQSXZ 2, DT 3, L 4, MN 5, R 6; vowels and Y 0;
 * H and W '-' (their role depends on the variant). */
static const char soundex_digit[26] = {'0', '1', '2', '3', '0', '1', '2', '-', '0',
                                       '2', '2', '4', '5', '5', '0', '1', '2', '6',
                                       '2', '3', '0', '1', '-', '2', '0', '2'};

void nomen__soundex_opts_init(nomen__soundex_opts *o)
{
    o->variant = NOMEN__SOUNDEX_AMERICAN;
    o->length = 4;
    o->fold_marks = true;
    o->keep_first = false;
}

static bool is_az(uint32_t c)
{
    return c >= 'A' && c <= 'Z';
}

/* A letter outside A-Z (after folding): refused by commons-codec. */
static bool unmapped_letter(uint32_t c)
{
    return c >= 0x80 && nomen__is_word_char(c) && nomen__script_of(c) != NOMEN_SCRIPT_UNKNOWN;
}

int nomen__soundex(const char *s, size_t len, const nomen__soundex_opts *o, nomen__buf *out)
{
    nomen__ph_text t;
    int rc = nomen__ph_prepare(s, len, o->fold_marks, &t);
    if (rc != NOMEN_OK)
        return rc;
    size_t i = 0, count = 0, cap = o->length ? o->length : SIZE_MAX;
    char last = 0;
    if (o->keep_first && t.n > 0) {
        if (!nomen__ph_put(out, t.cp[0]))
            goto nomem;
        last = is_az(t.cp[0]) ? soundex_digit[t.cp[0] - 'A'] : 0;
        i = 1;
        count = 1;
    } else {
        for (; i < t.n && !is_az(t.cp[i]); i++)
            if (!o->fold_marks && unmapped_letter(t.cp[i]))
                goto refuse;
        if (i == t.n)
            goto done; /* no letters: the empty code */
        if (!nomen__buf_addc(out, (char)t.cp[i]))
            goto nomem;
        last = soundex_digit[t.cp[i] - 'A'];
        i++;
        count = 1;
    }
    for (; i < t.n && count < cap; i++) {
        uint32_t c = t.cp[i];
        if (!is_az(c)) {
            if (!o->fold_marks && unmapped_letter(c))
                goto refuse;
            continue;
        }
        char d = soundex_digit[c - 'A'];
        if (d == '-') { /* H, W */
            if (o->variant == NOMEN__SOUNDEX_SIMPLIFIED)
                last = '0';
            continue;
        }
        if (d == '0') { /* vowels and Y */
            if (o->variant != NOMEN__SOUNDEX_GENEALOGY)
                last = '0';
            continue;
        }
        if (d != last) {
            if (!nomen__buf_addc(out, d))
                goto nomem;
            count++;
        }
        last = d;
    }
    for (; o->length && count < o->length; count++)
        if (!nomen__buf_addc(out, '0'))
            goto nomem;
done:
    nomen__ph_text_free(&t);
    return NOMEN_OK;
refuse:
    nomen__ph_text_free(&t);
    return NOMEN_ERR_INVALID_ARG;
nomem:
    nomen__ph_text_free(&t);
    return NOMEN_ERR_NOMEM;
}

/* Refined Soundex digits of A..Z (commons-codec RefinedSoundex). */
static const char refined_digit[26] = {'0', '1', '3', '6', '0', '2', '4', '0', '0',
                                       '4', '3', '7', '8', '8', '0', '1', '5', '9',
                                       '3', '6', '0', '2', '0', '5', '0', '5'};

int nomen__refined_soundex(const char *s, size_t len, bool fold_marks, nomen__buf *out)
{
    nomen__ph_text t;
    int rc = nomen__ph_prepare(s, len, fold_marks, &t);
    if (rc != NOMEN_OK)
        return rc;
    char last = 0;
    bool first = true;
    rc = NOMEN_OK;
    for (size_t i = 0; i < t.n && rc == NOMEN_OK; i++) {
        uint32_t c = t.cp[i];
        if (!is_az(c))
            continue;
        if (first && !nomen__buf_addc(out, (char)c))
            rc = NOMEN_ERR_NOMEM;
        first = false;
        /* every letter, the first included, gives its digit; equal
         * neighbours collapse, vowels give 0 */
        char d = refined_digit[c - 'A'];
        if (d != last && !nomen__buf_addc(out, d))
            rc = NOMEN_ERR_NOMEM;
        last = d;
    }
    nomen__ph_text_free(&t);
    return rc;
}

size_t nomen__code_difference(const char *a, size_t alen, const char *b, size_t blen)
{
    size_t n = alen < blen ? alen : blen, d = 0;
    for (size_t i = 0; i < n; i++)
        d += a[i] == b[i];
    return d;
}
