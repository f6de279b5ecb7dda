/*
 * cli_text.c: small text helpers for the nomen command.
 *
 * UTF-8 validation so that the batch reader can name the line and column of
 * a bad byte before the library ever sees it; display widths so that the
 * table output stays aligned with Chinese names in it; and the parsers of
 * option values that the batch reader shares with the argument parser.
 */
#include "cli.h"

#include <nomen.h>

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

size_t cli_utf8_check(const char *s, size_t len)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;
    while (i < len) {
        unsigned c = p[i];
        if (c < 0x80) {
            i++;
            continue;
        }
        size_t n;
        unsigned cp, min;
        if (c >= 0xC2 && c <= 0xDF) {
            n = 2;
            cp = c & 0x1F;
            min = 0x80;
        } else if (c >= 0xE0 && c <= 0xEF) {
            n = 3;
            cp = c & 0x0F;
            min = 0x800;
        } else if (c >= 0xF0 && c <= 0xF4) {
            n = 4;
            cp = c & 0x07;
            min = 0x10000;
        } else {
            return i;
        }
        if (len - i < n)
            return i;
        for (size_t k = 1; k < n; k++) {
            if ((p[i + k] & 0xC0) != 0x80)
                return i;
            cp = (cp << 6) | (p[i + k] & 0x3F);
        }
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            return i;
        i += n;
    }
    return len;
}

/* Columns of one code point. The wide ranges are the East Asian Wide and
 * Fullwidth blocks that names actually use (Hangul, CJK, kana, fullwidth
 * forms); zero width covers the combining marks that survive NFC. A table of
 * every range would be exact, but a misaligned column costs nothing. */
static int cp_width(unsigned cp)
{
    if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0))
        return 0;
    if ((cp >= 0x0300 && cp <= 0x036F) || (cp >= 0x1AB0 && cp <= 0x1AFF) ||
        (cp >= 0x1DC0 && cp <= 0x1DFF) || (cp >= 0x20D0 && cp <= 0x20FF) ||
        (cp >= 0xFE20 && cp <= 0xFE2F) || cp == 0x200B || cp == 0x200C || cp == 0x200D)
        return 0;
    if ((cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0x303E) ||
        (cp >= 0x3041 && cp <= 0x33FF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
        (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0xA000 && cp <= 0xA4CF) ||
        (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
        (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
        (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x20000 && cp <= 0x3FFFD))
        return 2;
    return 1;
}

size_t cli_display_width(const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t w = 0;
    while (*p) {
        unsigned c = *p, cp;
        size_t n;
        if (c < 0x80) {
            cp = c;
            n = 1;
        } else if ((c & 0xE0) == 0xC0) {
            cp = c & 0x1F;
            n = 2;
        } else if ((c & 0xF0) == 0xE0) {
            cp = c & 0x0F;
            n = 3;
        } else if ((c & 0xF8) == 0xF0) {
            cp = c & 0x07;
            n = 4;
        } else {
            /* Not UTF-8 (the library refuses such text; this is only for
             * display): count the byte as one column. */
            w++;
            p++;
            continue;
        }
        size_t k = 1;
        for (; k < n && (p[k] & 0xC0) == 0x80; k++)
            cp = (cp << 6) | (p[k] & 0x3F);
        if (k < n) {
            w++;
            p++;
            continue;
        }
        w += (size_t)cp_width(cp);
        p += n;
    }
    return w;
}

int cli_parse_size(const char *s, size_t max, size_t *out)
{
    if (!s || !*s)
        return -1;
    size_t v = 0;
    for (const char *p = s; *p; p++) {
        if (*p < '0' || *p > '9')
            return -1;
        size_t d = (size_t)(*p - '0');
        if (v > (max - d) / 10)
            return -1;
        v = v * 10 + d;
    }
    *out = v;
    return 0;
}

static bool ieq(const char *a, const char *b)
{
    for (; *a && *b; a++, b++)
        if (tolower((unsigned char)*a) != tolower((unsigned char)*b))
            return false;
    return *a == *b;
}

int cli_subject_from_name(const char *s)
{
    static const struct {
        const char *name;
        int type;
    } names[] = {{"", NOMEN_SUBJECT_ANY},
                 {"any", NOMEN_SUBJECT_ANY},
                 {"individual", NOMEN_SUBJECT_INDIVIDUAL},
                 {"person", NOMEN_SUBJECT_INDIVIDUAL},
                 {"entity", NOMEN_SUBJECT_ENTITY},
                 {"organization", NOMEN_SUBJECT_ENTITY},
                 {"vessel", NOMEN_SUBJECT_VESSEL},
                 {"aircraft", NOMEN_SUBJECT_AIRCRAFT}};
    if (!s)
        return -1;
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (ieq(s, names[i].name))
            return names[i].type;
    return -1;
}

static bool digits(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return false;
    return true;
}

bool cli_dob_valid(const char *s)
{
    size_t n = strlen(s);
    if (n != 4 && n != 7 && n != 10)
        return false;
    if (!digits(s, 4))
        return false;
    if (n >= 7) {
        if (s[4] != '-' || !digits(s + 5, 2))
            return false;
        int m = (s[5] - '0') * 10 + (s[6] - '0');
        if (m < 1 || m > 12)
            return false;
    }
    if (n == 10) {
        if (s[7] != '-' || !digits(s + 8, 2))
            return false;
        int d = (s[8] - '0') * 10 + (s[9] - '0');
        if (d < 1 || d > 31)
            return false;
    }
    return true;
}

void cli_report(const char *what, const char *path, const char *msg)
{
    if (path && msg && strncmp(msg, path, strlen(path)) == 0)
        fprintf(stderr, "nomen: %s %s\n", what, msg);
    else
        fprintf(stderr, "nomen: %s %s: %s\n", what, path ? path : "", msg ? msg : "");
}

char *cli_strndup(const char *s, size_t len)
{
    char *p = malloc(len + 1);
    if (!p)
        return NULL;
    if (len)
        memcpy(p, s, len);
    p[len] = '\0';
    return p;
}

void cli_query_clear(cli_query *q)
{
    free(q->id);
    free(q->name);
    free(q->dob);
    free(q->country);
    memset(q, 0, sizeof *q);
    q->type = -1;
}

void cli_result_clear(cli_result *r)
{
    for (size_t i = 0; i < r->nhits; i++) {
        cli_hit *h = &r->hits[i];
        free(h->entity_id);
        free(h->list);
        free(h->name);
        free(h->matched_name);
        for (size_t k = 0; k < h->nprograms; k++)
            free(h->programs[k]);
        free(h->programs);
        free(h->explain);
    }
    free(r->hits);
    r->hits = NULL;
    r->nhits = 0;
}
