/*
 * uni_icu.h: helpers shared by the files of the unicode stage only (they
 * expose ICU types, which no other stage may see).
 */
#ifndef NOMEN_UNI_ICU_H
#define NOMEN_UNI_ICU_H

#include "unicode/uni.h"

#include <unicode/utypes.h>

/* UTF-8 (valid) to a malloc'ed UTF-16 buffer. */
int nomen__uni_to_utf16(const char *s, size_t len, UChar **out, int32_t *out_len);
/* Append UTF-16 text to a buffer as UTF-8. */
int nomen__uni_append_utf16(nomen__buf *out, const UChar *u, int32_t ulen);

#endif
