/*
 * score.h: how well a query name matches an indexed name (score stage).
 *
 * Two views of a name are scored, and the better one counts:
 *  - tokens: query and list tokens are aligned by best pairs, in any order,
 *    with a token allowed to match two adjacent tokens written together
 *    (Quanguo ~ Quan Guo); each pair scores the best of exact equality and
 *    edit similarity (Jaro-Winkler, Levenshtein) on code points; tokens are
 *    weighted by rarity, family names more; unmatched tokens cost.
 *  - syllables (Chinese names): when both names read as Chinese, their
 *    pinyin syllable-candidate sequences are aligned by a weighted edit
 *    distance, so Ch'en Ch'üan-kuo, Chan Chuen Kwok and 陳全國 meet CHEN
 *    Quanguo at the syllable level.
 * Secondary evidence (date of birth, country, subject type) then moves the
 * score of the record. Every constant is defined in score.c with its reason,
 * and docs/scoring.md gives the figures behind them.
 */
#ifndef NOMEN_SCORE_H
#define NOMEN_SCORE_H

#include "distance/distance.h"
#include "index/index.h"

/* Query tokens past this count are ignored (no real name is longer). */
#define NOMEN__SC_MAX_TOK NOMEN__IX_MAX_TOK
/* Code points of a token kept for the metrics. */
#define NOMEN__SC_MAX_CP 64

typedef struct nomen__qtok {
    const char *key; /* borrowed from the analysis */
    size_t keylen;
    uint32_t cp[NOMEN__SC_MAX_CP];
    size_t ncp;
    double weight;
    int64_t dict;          /* the dictionary token with this exact key, or -1 */
    char dm1[16], dm2[16]; /* Double Metaphone codes ("" = none) */
    char dmw[16];          /* the code with w read as v (Lawrow), when it differs ("" = none) */
    char skel[64];         /* consonant skeleton of an Arabic/Hebrew-script token ("" = none) */
    char ko[64];           /* Korean form (nomen__ix_korean; "" = none or not compared) */
    bool pinyin;           /* the key reads wholly as pinyin syllables */
    int8_t particle;       /* Arabic particle class (nomen__ix_particle), 0 = none */
    bool article;          /* the Arabic article (nomen__ix_is_article) */
} nomen__qtok;

/* A query, prepared once and scored against many entries. */
typedef struct nomen__qname {
    nomen__analysis an;
    nomen__qtok tok[NOMEN__SC_MAX_TOK];
    size_t ntok;
    double wsum;        /* sum of token weights */
    bool hangul;        /* some token is written in Hangul: every name is compared as Korean too */
    bool korean;        /* Korean forms are compared: Hangul, or not every token is pinyin */
    char ko_whole[256]; /* Korean form of the whole name written together ("" = none) */
    /* per-token metric preprocessing (one nomen__dist_query each) */
    nomen__dist_query dq[NOMEN__SC_MAX_TOK];
    bool dq_ready[NOMEN__SC_MAX_TOK];
    /* tokens i and i + 1 written together, preprocessed */
    uint32_t jcp[NOMEN__SC_MAX_TOK][NOMEN__SC_MAX_CP];
    size_t jn[NOMEN__SC_MAX_TOK];
    nomen__dist_query jdq[NOMEN__SC_MAX_TOK];
    bool jready[NOMEN__SC_MAX_TOK];
    /* secondary evidence */
    int dob_year, dob_month, dob_day; /* 0 = unknown */
    char country[3];                  /* ISO alpha-2, "" = unknown */
    int type;                         /* NOMEN_SUBJECT_* */
} nomen__qname;

/* One aligned pair, for explanations. */
typedef struct nomen__pair {
    int8_t q, q2;  /* query token(s): q2 >= 0 when query tokens q to q2 matched one list token */
    int8_t e, e2;  /* list token(s): e2 >= 0 when one query token matched two list tokens */
    float sim;     /* token similarity 0..1 */
    float contrib; /* what the pair contributed after the similarity curve */
    uint8_t how;   /* NOMEN__HOW_* */
} nomen__pair;

enum {
    NOMEN__HOW_EXACT = 0,
    NOMEN__HOW_EDIT = 1,     /* Jaro-Winkler / Levenshtein */
    NOMEN__HOW_JOINED = 2,   /* tokens written together or apart */
    NOMEN__HOW_INITIAL = 3,  /* an initial for a name */
    NOMEN__HOW_SYLLABLE = 4, /* the Chinese syllable view */
    NOMEN__HOW_PHONETIC = 5, /* the same Double Metaphone code */
    NOMEN__HOW_SKELETON = 6, /* the same consonants (Arabic or Hebrew script) */
    NOMEN__HOW_KOREAN = 7    /* the same Korean name in another romanization */
};

typedef struct nomen__score_detail {
    double tokens;    /* token view */
    double syllables; /* syllable view, or -1 when not both Chinese */
    double name;      /* the name score: the better of the two */
    nomen__pair pair[NOMEN__SC_MAX_TOK];
    size_t npair;
    uint32_t q_unmatched, e_unmatched; /* bitsets */
    bool family_fuzzy;    /* a family-name token (any token when unknown) matched inexactly */
    int rz_qvar, rz_evar; /* the variants behind the syllable score */
    bool korean_whole;    /* the token score is the whole name's Korean form (KOREAN_WHOLE_SIM) */
} nomen__score_detail;

/* Per-matcher scratch for scoring: a cache of token similarities. */
typedef struct nomen__scorer {
    struct simslot {
        uint32_t stamp;
        uint32_t tid;
        uint8_t q, how;
        float sim;
    } * cache;
    size_t cache_cap; /* power of two */
    uint32_t stamp;
    nomen__jw_params jw;
    /* The syllable view's best reading values per query slot and list
     * syllable (two per syllable: near misses allowed or not), filled as met;
     * allocated on first use. A row is valid for the query of its stamp. */
    double *rzv;
    uint32_t rzv_stamp[NOMEN__RZ_MAX_SLOTS];
} nomen__scorer;

int nomen__scorer_init(nomen__scorer *s);
void nomen__scorer_free(nomen__scorer *s);
/* Forget cached similarities (call when the query changes). */
void nomen__scorer_reset(nomen__scorer *s);

/* Prepare a query: analyze its name and look its tokens up in the index.
 * Returns a nomen status with err set on failure. */
int nomen__qname_prepare(nomen__qname *q, nomen__norm *nz, const nomen__index *ix, const char *name,
                         size_t len, nomen__err *err);
void nomen__qname_free(nomen__qname *q);
/* Parse the secondary evidence; NOMEN_ERR_INVALID_ARG for a date that is not
 * YYYY, YYYY-MM or YYYY-MM-DD. */
int nomen__qname_set_dob(nomen__qname *q, const char *s, size_t n, nomen__err *err);
void nomen__qname_set_country(nomen__qname *q, const char *s, size_t n);

/* Whether the syllable view may score entry e for query q: both read as
 * Chinese, the query wholly; not a list name whose Chinese part is a fragment
 * nor a Korean name; an organisation only for an entity query (score.c says
 * why). Elsewhere the token view alone decides. */
static inline bool nomen__score_syllables_apply(const nomen__qname *q, const nomen__ix_entry *e)
{
    return q->an.has_rz && !q->an.rz.other && e->rz &&
           !(e->flags & (NOMEN__IXE_RZ_FRAGMENT | NOMEN__IXE_KOREAN)) &&
           (!(e->flags & NOMEN__IXE_ENTITY) || q->type == NOMEN_SUBJECT_ENTITY);
}

/* The name score of entry e (0..1), with details when d is not NULL.
 * qmask: bit i set when query token i shares a candidate key (exact, one
 * edit, sound) with some token of e; pairs of other query tokens score 0 by
 * the scorer's own rule, so they are skipped (initials excepted, which match
 * by their first letter). Pass NOMEN__QMASK_ALL when unknown. */
#define NOMEN__QMASK_ALL 0xFFFFFFFFu
double nomen__score_entry(nomen__scorer *s, const nomen__index *ix, nomen__qname *q, uint32_t e,
                          uint32_t qmask, nomen__score_detail *d);

/* Secondary evidence for record r: the factor the name score is multiplied
 * by (1 = no effect), and a short description of each piece of evidence. */
typedef struct nomen__evidence {
    double factor;
    int dob;           /* -1 contradicts, 0 unknown, 1 agrees (year), 2 agrees (month), 3 exact */
    int country;       /* -1, 0, 1 */
    int type;          /* -1, 0, 1 */
    uint32_t dob_list; /* the list's date that decided it (packed), 0 = none */
} nomen__evidence;

void nomen__score_evidence(const nomen__index *ix, const nomen__qname *q, uint32_t rec,
                           nomen__evidence *ev);

/* The largest factor evidence can bring (an exact date of birth and the
 * country): a name score below threshold / NOMEN__SC_MAX_BOOST can never
 * become a hit. */
#define NOMEN__SC_MAX_BOOST (1.06 * 1.02)

#endif /* NOMEN_SCORE_H */
