/*
 * fuzz_phonetic.c: fuzz target of the phonetic stage. Every encoder, with
 * options taken from the first byte, runs on the rest of the input as
 * UTF-8. Ill-formed UTF-8 must be refused with NOMEN_ERR_UTF8 and nothing
 * written; well-formed input must give a well-formed code within the length
 * cap, the same code twice (no hidden state), and no crash or hang.
 */
#include "phonetic/phonetic.h"
#include "unicode/uni.h"

#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check(int rc, bool valid, nomen__buf *b, size_t cap)
{
    if (!valid) {
        if (rc != NOMEN_ERR_UTF8 || b->len != 0)
            abort();
        return;
    }
    if (rc == NOMEN_ERR_INVALID_ARG) /* Soundex without folding: unmapped letter */
        return;
    if (rc != NOMEN_OK || !nomen__utf8_valid(b->data ? b->data : "", b->len, NULL))
        abort();
    if (cap && nomen__utf8_decode(b->data ? b->data : "", b->len, NULL, 0) > cap)
        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    uint8_t opt = data[0];
    const char *s = (const char *)data + 1;
    size_t len = size - 1;
    bool valid = nomen__utf8_valid(s, len, NULL);
    nomen__buf b = {0}, b2 = {0}, alt = {0};

    nomen__soundex_opts so;
    nomen__soundex_opts_init(&so);
    so.variant = (nomen__soundex_variant)(opt % 3);
    so.fold_marks = (opt & 4) != 0;
    so.keep_first = (opt & 8) != 0;
    so.length = (opt & 16) ? 0 : 4;
    int rc = nomen__soundex(s, len, &so, &b);
    check(rc, valid, &b, so.length);
    if (valid && rc == NOMEN_OK) {
        if (nomen__soundex(s, len, &so, &b2) != NOMEN_OK || b2.len != b.len)
            abort();
        nomen__code_difference(b.data ? b.data : "", b.len, b2.data ? b2.data : "", b2.len);
    }
    nomen__buf_clear(&b);
    check(nomen__refined_soundex(s, len, (opt & 4) != 0, &b), valid, &b, 0);
    nomen__buf_clear(&b);

    nomen__nysiis_opts no;
    nomen__nysiis_opts_init(&no);
    no.variant = (nomen__nysiis_variant)(opt % 3);
    no.truncate6 = (opt & 32) != 0;
    check(nomen__nysiis(s, len, &no, &b), valid, &b, 0);
    if (valid && no.truncate6 && b.len > 6 * 4)
        abort();
    nomen__buf_clear(&b);

    nomen__mra_opts mo;
    nomen__mra_opts_init(&mo);
    mo.commons = (opt & 64) != 0;
    check(nomen__mra_codex(s, len, &mo, &b), valid, &b, 6);
    nomen__buf_clear(&b);
    int eq;
    size_t half = len / 2;
    if (nomen__utf8_valid(s, half, NULL) && nomen__utf8_valid(s + half, len - half, NULL)) {
        if (nomen__mra_compare(s, half, s + half, len - half, &mo, &eq) != NOMEN_OK)
            abort();
        if (eq < -1 || eq > 1)
            abort();
    }

    nomen__metaphone_opts mp;
    nomen__metaphone_opts_init(&mp);
    mp.variant = (nomen__metaphone_variant)((opt >> 1) % 2);
    mp.max_len = (opt & 128) ? 4 : 0;
    check(nomen__metaphone(s, len, &mp, &b), valid, &b, mp.max_len ? mp.max_len + 1 : 0);
    nomen__buf_clear(&b);

    nomen__dmetaphone_opts dmo;
    nomen__dmetaphone_opts_init(&dmo);
    dmo.max_len = (opt & 2) ? 4 : 0;
    rc = nomen__double_metaphone(s, len, &dmo, &b, &alt);
    check(rc, valid, &b, dmo.max_len);
    check(rc, valid, &alt, dmo.max_len);

    nomen__buf_free(&b);
    nomen__buf_free(&b2);
    nomen__buf_free(&alt);
    return 0;
}
