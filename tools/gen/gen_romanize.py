#!/usr/bin/env python3
"""Generate lib/romanize/tables/rz_tables.c, the romanize stage's compiled tables.

Sources:
  * Unihan 15.0.0 as shipped by Debian's unicode-data package
    (/usr/share/unicode/Unihan_*.txt.bz2, Unicode License v3): kMandarin,
    kTGHZ2013, kXHC1983, kHanyuPinyin, kCantonese, kFrequency,
    kSimplifiedVariant, kMainlandTelegraph, kTaiwanTelegraph.
  * The romanization rules written out in this file (pinyin inventory after
    ISO 7098 Annex A; Wade-Giles, Yale, Tongyong, MPS II, GR base forms;
    Jyutping -> Hong Kong government / Cantonese Yale / Macau spellings), and a
    surname table of dialect spellings (facts collected in
    ../shared/docs/chinese-names.md, Appendix B and section 2).

Nothing from cjklib, CC-CEDICT or the surname corpus is read here: those are
used only by tests/romanize to check the result.

Usage: gen_romanize.py [--unihan DIR] [--out FILE | --check FILE]
The output is deterministic (same input, same bytes), so a test can diff it.
"""
import argparse
import bz2
import os
import re
import sys
import unicodedata

# ---------------------------------------------------------------------------
# Systems. The numbers are stored in the tables and in nomen__rz_cand.sys, and
# the C enum in lib/romanize/romanize.h must list them in the same order.
SYSTEMS = [
    "pinyin", "wade-giles", "yale", "tongyong", "mps2", "gr", "cantonese",
    "jyutping", "cantonese-yale", "macau", "hokkien", "teochew", "hakka",
    "foochow", "indonesian", "philippine", "dialect", "han", "han-surname", "postal",
    "palladius", "vietnamese",
]
SYS = {n: i for i, n in enumerate(SYSTEMS)}

# ---------------------------------------------------------------------------
# Pinyin inventory: ISO 7098:1991 Annex A, 408 toneless syllables, with u-umlaut
# written 'v' internally (lv = lü). Grouped by initial as in the standard.
CORE = """
ba bai ban bang bao bei ben beng bi bian biao bie bin bing bo bu
pa pai pan pang pao pei pen peng pi pian piao pie pin ping po pou pu
ma mai man mang mao me mei men meng mi mian miao mie min ming miu mo mou mu
fa fan fang fei fen feng fo fou fu
da dai dan dang dao de dei den deng di dian diao die ding diu dong dou du duan dui dun duo
ta tai tan tang tao te teng ti tian tiao tie ting tong tou tu tuan tui tun tuo
na nai nan nang nao ne nei nen neng ni nian niang niao nie nin ning niu nong nou nu nuan nuo nv nve
la lai lan lang lao le lei leng li lia lian liang liao lie lin ling liu long lou lu luan lun luo lv lve
ga gai gan gang gao ge gei gen geng gong gou gu gua guai guan guang gui gun guo
ka kai kan kang kao ke kei ken keng kong kou ku kua kuai kuan kuang kui kun kuo
ha hai han hang hao he hei hen heng hong hou hu hua huai huan huang hui hun huo
ji jia jian jiang jiao jie jin jing jiong jiu ju juan jue jun
qi qia qian qiang qiao qie qin qing qiong qiu qu quan que qun
xi xia xian xiang xiao xie xin xing xiong xiu xu xuan xue xun
zha zhai zhan zhang zhao zhe zhei zhen zheng zhi zhong zhou zhu zhua zhuai zhuan zhuang zhui zhun zhuo
cha chai chan chang chao che chen cheng chi chong chou chu chua chuai chuan chuang chui chun chuo
sha shai shan shang shao she shei shen sheng shi shou shu shua shuai shuan shuang shui shun shuo
ran rang rao re ren reng ri rong rou ru rua ruan rui run ruo
za zai zan zang zao ze zei zen zeng zi zong zou zu zuan zui zun zuo
ca cai can cang cao ce cen ceng ci cong cou cu cuan cui cun cuo
sa sai san sang sao se sen seng si song sou su suan sui sun suo
ya yan yang yao ye yi yin ying yo yong you yu yuan yue yun
wa wai wan wang wei wen weng wo wu
a ai an ang ao e ei en eng er o ou
""".split()
# Rare forms in Unihan 15 readings (interjections, dialect characters). They get
# ids so that every Han reading is representable, but segmentation of Latin
# text never proposes them (flag RARE).
RARE = "yai lo dia nia din len nun tei cei fiao biang m n ng hm hng".split()
assert len(CORE) == 408, len(CORE)

INITIALS = ["zh", "ch", "sh", "b", "p", "m", "f", "d", "t", "n", "l", "g", "k", "h",
            "j", "q", "x", "r", "z", "c", "s", "y", "w"]


def split_pinyin(s):
    for i in INITIALS:
        if s.startswith(i) and len(s) > len(i):
            return i, s[len(i):]
    return "", s


# ---------------------------------------------------------------------------
# Wade-Giles from pinyin (rules of chinese-names.md section 1.3, inverted).
# Returns the exact WG spelling in marked-key form: aspiration as "'", ü as
# 'v', ê written e (the normalizer strips the circumflex and the breve).
WG_INIT = {"b": "p", "p": "p'", "m": "m", "f": "f", "d": "t", "t": "t'", "n": "n", "l": "l",
           "g": "k", "k": "k'", "h": "h", "j": "ch", "q": "ch'", "x": "hs", "zh": "ch",
           "ch": "ch'", "sh": "sh", "r": "j", "z": "ts", "c": "ts'", "s": "s", "y": "y",
           "w": "w", "": ""}


def wade_giles(p):
    """Exact WG spellings (a list: ssu/szu, tzu/tsu give two) of pinyin p."""
    special = {"zi": ["tzu", "tsu"], "ci": ["tz'u", "ts'u"], "si": ["ssu", "szu"],
               "zhi": ["chih"], "chi": ["ch'ih"], "shi": ["shih"], "ri": ["jih"],
               "yi": ["i"], "you": ["yu"], "yu": ["yv"], "yuan": ["yvan"], "yue": ["yveh"],
               "yun": ["yvn"], "yong": ["yung"], "yan": ["yen"], "ye": ["yeh"],
               "er": ["erh"], "e": ["e", "o"], "gui": ["kuei"], "kui": ["k'uei"],
               "ge": ["ko", "ke"], "ke": ["k'o", "k'e"], "he": ["ho"], "guo": ["kuo"], "kuo": ["k'uo"],
               "huo": ["huo"], "shuo": ["shuo"], "wo": ["wo"], "weng": ["weng"],
               "lve": ["lveh", "lvo"], "nve": ["nveh", "nvo"], "o": ["o"], "ei": ["ei"],
               "ai": ["ai"], "ao": ["ao"], "an": ["an"], "en": ["en"], "ang": ["ang"],
               "eng": ["eng"], "ou": ["ou"], "a": ["a"], "yo": ["yo"],
               "jiong": ["chiung"], "qiong": ["ch'iung"], "xiong": ["hsiung"],
               "rong": ["jung"], "ruo": ["jo"], "lo": ["lo"], "me": ["me"]}
    if p in special:
        return special[p]
    ini, fin = split_pinyin(p)
    if ini in ("j", "q", "x"):
        # After j/q/x pinyin u is ü.
        if fin.startswith("u"):
            fin = "v" + fin[1:]
    fmap = [("iong", "iung"), ("ong", "ung"), ("ian", "ien"), ("ie", "ieh"), ("ve", "veh"),
            ("ui", "ui"), ("uo", "o")]
    for a, b in fmap:
        if fin == a:
            fin = b
            break
    else:
        if fin == "e":
            fin = "e"
    if fin == "o" and ini in ("b", "p", "m", "f"):
        fin = "o"
    out = WG_INIT[ini] + fin
    return [out]


# Older or alternative Wade-Giles finals (Legeza's table lists them as
# variants): -üeh also written -io/-üo after ch, ch', hs, l; -ieh as -iai after
# ch, ch'; yüeh as yo. Weight 90: real but less common than the main form.
WG_ALT = {"jue": ["chio", "chvo"], "que": ["ch'io", "ch'vo"], "xue": ["hsio", "hsvo"],
          "lve": ["lio", "lvo"], "jie": ["chiai"], "qie": ["ch'iai"], "yue": ["yo"]}


def wg_variants(exact):
    """Spellings seen once the marks are lost, with their weights: the exact
    form 100; without the aspiration apostrophe or without the umlaut 80
    (both are routinely dropped, section 1.3); without both 70."""
    out = {exact: 100}
    no_ap = exact.replace("'", "")
    no_um = exact.replace("v", "u")
    both = no_ap.replace("v", "u")
    for s, w in ((no_ap, 80), (no_um, 80), (both, 70)):
        if out.get(s, 0) < w:
            out[s] = w
    return out


# ---------------------------------------------------------------------------
# Other Mandarin systems (sections 1.4): base forms only, no tone spelling.
def yale(p):
    sp = {"zhi": "jr", "chi": "chr", "shi": "shr", "ri": "r", "zi": "dz", "ci": "tsz",
          "si": "sz"}
    if p in sp:
        return sp[p]
    ini, fin = split_pinyin(p)
    if ini in ("j", "q", "x"):
        # Palatals: i before a vowel becomes y (jia -> jya, xiao -> syau), ü is
        # yu (ju -> jyu, xue -> sywe); x is sy before plain i/in/ing (syi).
        head = {"j": "j", "q": "ch", "x": "s"}[ini]
        if fin.startswith("u"):
            fin = "yu" + fin[1:]
        elif fin == "iu":
            fin = "you"  # jiu -> jyou
        elif fin.startswith("i") and len(fin) > 1 and fin[1] in "aeou":
            fin = "y" + fin[1:]
        elif ini == "x":
            fin = "y" + fin
        fin = {"yao": "yau", "yu": "yu", "yue": "ywe", "yuan": "ywan", "yun": "yun",
               "yong": "yung"}.get(fin, fin)
        return head + fin
    imap = {"zh": "j", "ch": "ch", "sh": "sh", "z": "dz", "c": "ts"}
    fin = fin.replace("v", "yu") if fin != "v" else "yu"
    fmap = {"ao": "au", "ong": "ung", "iong": "yung", "uo": "wo", "ui": "wei", "iu": "you",
            "ie": "ye", "ian": "yan", "ia": "ya", "iao": "yau", "iang": "yang", "ua": "wa",
            "uai": "wai", "uan": "wan", "uang": "wang", "un": "wun", "yue": "ywe",
            "yuan": "ywan", "yun": "yun"}
    if ini == "y":
        fmap = {"ao": "au", "ong": "ung", "ue": "we", "uan": "wan"}
    if ini in ("j", "q", "x", "l", "n"):
        fmap = dict(fmap)
        fmap.update({"yue": "ywe", "yuan": "ywan", "yun": "yun", "ye": "ye"})
    fin = fmap.get(fin, fin)
    return imap.get(ini, ini) + fin


def tongyong(p):
    sp = {"zi": "zih", "ci": "cih", "si": "sih", "zhi": "jhih", "chi": "chih", "shi": "shih",
          "ri": "rih", "feng": "fong", "weng": "wong", "wen": "wun"}
    if p in sp:
        return sp[p]
    ini, fin = split_pinyin(p)
    if ini in ("j", "q", "x") and fin.startswith("u"):
        fin = "yu" + fin[1:]
    if fin.startswith("v"):
        fin = "yu" + fin[1:]
    fin = {"iu": "iou", "ui": "uei", "iong": "yong"}.get(fin, fin)
    ini = {"q": "c", "x": "s", "zh": "jh"}.get(ini, ini)
    return ini + fin


def mps2(p):
    sp = {"zhi": "jr", "chi": "chr", "shi": "shr", "ri": "r", "zi": "tz", "ci": "tsz",
          "si": "sz"}
    if p in sp:
        return sp[p]
    ini, fin = split_pinyin(p)
    # iu -> iou first, so that ü -> iu afterwards stays iu (MPS II liu = lü).
    fin = {"ong": "ung", "iong": "iung", "iu": "iou", "ui": "uei"}.get(fin, fin)
    if fin == "un" and ini not in ("j", "q", "x", "y"):
        fin = "uen"
    if ini in ("j", "q", "x") and fin.startswith("u"):
        fin = "iu" + fin[1:]
    if fin.startswith("v"):
        fin = "iu" + fin[1:]
    if ini == "y":
        fin = {"ong": "ung"}.get(fin, fin)
    ini = {"q": "ch", "x": "sh", "zh": "j", "z": "tz", "c": "ts"}.get(ini, ini)
    return ini + fin


def gr(p):
    """Gwoyeu Romatzyh tone-1 base forms (section 1.4, after cjklib's table)."""
    sp = {"zhi": "jy", "chi": "chy", "shi": "shy", "ri": "ry", "zi": "tzy", "ci": "tsy",
          "si": "sy", "er": "el", "yi": "i", "you": "iou", "yu": "iu", "wu": "u"}
    if p in sp:
        return sp[p]
    ini, fin = split_pinyin(p)
    # finals first (iu -> iou), then ü -> iu, so that GR liu = lü, liou = liu
    fin = {"ao": "au", "iao": "iau", "iu": "iou", "ui": "uei"}.get(fin, fin)
    if fin == "un" and ini not in ("j", "q", "x", "y"):
        fin = "uen"
    if ini in ("j", "q", "x") and fin.startswith("u"):
        fin = "iu" + fin[1:]
    if fin.startswith("v"):
        fin = "iu" + fin[1:]
    if ini == "y":
        ini, fin = "", ("i" + fin if not fin.startswith("u") else "iu" + fin[1:])
        fin = {"iau": "iau", "iou": "iou"}.get(fin, fin)
    if ini == "w":
        ini, fin = "", "u" + fin
    ini = {"q": "ch", "x": "sh", "zh": "j", "z": "tz", "c": "ts"}.get(ini, ini)
    return ini + fin


def postal(p):
    """Postal romanization (section 1.5), for place and entity names (Peking,
    Tsingtao, Kweichow, Sinkiang, Szechwan): Wade-Giles without marks, but
    palatals written as velars or dentals (ki-, ts- for j/q; s- for x), kw
    for gu/ku, hw for hu, -ow for -ou, sze for si. Returns a list."""
    base = [w.replace("'", "").replace("v", "u") for w in wade_giles(p)]
    outs = set(base)
    ini, fin = split_pinyin(p)
    for w in base:
        if ini in ("j", "q") and w.startswith("ch"):
            outs.update(["k" + w[2:], "ts" + w[2:]])
        if ini == "x" and w.startswith("hs"):
            outs.add("s" + w[2:])
        if ini in ("g", "k") and fin.startswith("u") and len(fin) > 1:
            rest = fin[1:]
            outs.add("kw" + ("ei" if rest == "i" else rest))
        if ini == "h" and fin.startswith("u") and len(fin) > 1:
            outs.add("hw" + fin[1:])
        if fin == "ou":
            outs.add(w[:-2] + "ow")
        if ini in ("ch", "sh", "zh") and fin.startswith("u") and len(fin) > 1 and fin != "un":
            outs.add(w[:len(w) - len(fin)] + "w" + fin[1:])
    if p == "si":
        outs.add("sze")
    if p == "bei":
        outs.add("pe")  # Peking
    return sorted(outs)


# Palladius (Russian Cyrillic, section 1.8): pinyin -> Cyrillic, then the
# ASCII form the normalizer's Any-Latin + Latin-ASCII gives (ч and ц both
# become c, ж z, ш s, ю u, я a, э e, ь and ъ vanish): Чэнь Цюаньго arrives as
# "cen cuango", Си Цзиньпин as "si czinpin".
PAL_INIT = {"b": "б", "p": "п", "m": "м", "f": "ф", "d": "д", "t": "т", "n": "н", "l": "л",
            "g": "г", "k": "к", "h": "х", "j": "цз", "q": "ц", "x": "с", "zh": "чж", "ch": "ч",
            "sh": "ш", "r": "ж", "z": "цз", "c": "ц", "s": "с", "": ""}
PAL_FIN = {"a": "а", "o": "о", "e": "э", "ai": "ай", "ei": "эй", "ao": "ао", "ou": "оу",
           "an": "ань", "en": "энь", "ang": "ан", "eng": "эн", "ong": "ун", "er": "эр",
           "i": "и", "ia": "я", "ie": "е", "iao": "яо", "iu": "ю", "ian": "янь", "in": "инь",
           "iang": "ян", "ing": "ин", "iong": "юн", "u": "у", "ua": "уа", "uo": "о",
           "uai": "уай", "ui": "уй", "uan": "уань", "un": "унь", "uang": "уан", "v": "юй",
           "ve": "юэ", "van": "юань", "vn": "юнь"}
PAL_Y = {"ya": "я", "ye": "е", "yao": "яо", "you": "ю", "yan": "янь", "yin": "инь",
         "yang": "ян", "ying": "ин", "yong": "юн", "yi": "и", "yu": "юй", "yue": "юэ",
         "yuan": "юань", "yun": "юнь", "yo": "ё", "wa": "ва", "wo": "во", "wai": "вай",
         "wei": "вэй", "wan": "вань", "wen": "вэнь", "wang": "ван", "weng": "вэн", "wu": "у"}
PAL_ASCII = dict(zip("абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
                     ["a", "b", "v", "g", "d", "e", "e", "z", "z", "i", "j", "k", "l", "m", "n",
                      "o", "p", "r", "s", "t", "u", "f", "h", "c", "c", "s", "s", "", "y", "",
                      "e", "u", "a"]))


def palladius(p):
    if p in PAL_Y:
        cyr = PAL_Y[p]
    else:
        ini, fin = split_pinyin(p)
        if ini in ("j", "q", "x") and fin.startswith("u"):
            fin = "v" + fin[1:]
        if ini in ("zh", "ch", "sh", "r") and fin == "i":
            cyr = PAL_INIT[ini] + "и"
        elif ini in ("z", "c", "s") and fin == "i":
            cyr = PAL_INIT[ini] + "ы"
        elif ini in ("g", "k", "h", "zh", "ch", "sh", "r", "z", "c", "s") and fin == "uo":
            cyr = PAL_INIT[ini] + "о"
        elif fin in PAL_FIN and ini in PAL_INIT:
            cyr = PAL_INIT[ini] + PAL_FIN[fin]
        else:
            return None
    return "".join(PAL_ASCII.get(c, c) for c in cyr)


# GR / Taiwanese given-name spellings that carry a tone spelling or an older
# convention, attested in well-known names (section 3.2).
GR_NAMES = [("jeou", "jiu"), ("ing", "ying"), ("soong", "song")]

# ---------------------------------------------------------------------------
# Cantonese (section 1.6). Jyutping syllable -> initial + final.
JP_INITIALS = ["gw", "kw", "ng", "b", "p", "m", "f", "d", "t", "n", "l", "g", "k", "h", "w",
               "z", "c", "s", "j"]


def jp_split(s):
    for i in JP_INITIALS:
        if s.startswith(i) and len(s) > len(i):
            return i, s[len(i):]
    return "", s


HK_INIT = {"b": ["p"], "p": ["p"], "d": ["t"], "t": ["t"], "g": ["k"], "k": ["k"],
           "gw": ["kw"], "kw": ["kw"], "z": ["ch", "ts"], "c": ["ch", "ts"], "s": ["s", "sh"],
           "j": ["y"], "ng": ["ng"], "m": ["m"], "f": ["f"], "n": ["n"], "l": ["l"],
           "h": ["h"], "w": ["w"], "": [""]}
HK_FIN = {"aa": ["a", "ah"], "a": ["a", "u"], "ei": ["ei", "ee", "i"], "i": ["i", "ee"],
          "o": ["o", "oh", "or", "aw"], "ou": ["o", "ou"], "u": ["u", "oo"],
          "un": ["un", "oon"], "ui": ["ui", "ooi"], "oeng": ["eung"], "oek": ["euk"],
          "eoi": ["ui", "eui"], "eon": ["un"], "eot": ["ut"], "yu": ["u", "yu", "ue"],
          "yun": ["uen", "un"], "yut": ["uet"], "oe": ["oe"], "am": ["am", "um"],
          "an": ["an", "un"], "ap": ["ap", "up"], "at": ["at", "ut"], "au": ["au", "ow"],
          "oi": ["oi", "oy"]}


def hk_spellings(jp):
    ini, fin = jp_split(jp)
    if ini == "" and fin in ("m", "ng"):
        return [fin]
    outs = []
    fins = HK_FIN.get(fin)
    if fins is None:
        fins = [fin[1:] if fin.startswith("aa") and len(fin) > 2 else fin]
        if fin.startswith("aa") and len(fin) > 2:
            fins = ["a" + fin[2:]]
    for i in HK_INIT.get(ini, [ini]):
        for f in fins:
            if i == "y" and f.startswith("y"):
                outs.append(f)  # jyu -> yu, jyun -> yuen (y + uen)
                continue
            if i == "y" and fin.startswith("yu"):
                outs.append("y" + f)
                continue
            outs.append(i + f)
            if i == "y" and f.startswith("i"):
                outs.append(f)  # jip -> Yip | Ip
    if fin == "e":
        outs += [i + "eh" for i in HK_INIT.get(ini, [ini])]  # Sheh, Yeh
    if fin == "i" and ini in ("z", "c", "s"):
        outs += {"z": ["tsz", "tsze", "tze", "chi", "chee"], "c": ["tsz", "chi", "chee"],
                 "s": ["sze", "see", "shi", "sz"]}[ini]
    return sorted(set(outs))


def cantonese_yale(jp):
    ini, fin = jp_split(jp)
    ini = {"j": "y", "z": "j", "c": "ch"}.get(ini, ini)
    fin = fin.replace("eo", "eu").replace("oe", "eu")
    if fin == "aa":
        fin = "a"
    return ini + fin


MACAU_FIN = {"oeng": ["eong"], "eng": ["eang"], "eoi": ["oi"], "iu": ["io", "iu"],
             "yun": ["un"], "yu": ["u"], "yut": ["ut"], "au": ["ao", "au"], "aau": ["ao"],
             "ing": ["eng", "ing"], "ik": ["ek", "ik"], "uk": ["ok", "uk"],
             "ung": ["ong", "ung"], "eon": ["on", "un"], "eot": ["ot", "ut"], "oek": ["eok"]}
MACAU_INI = {"z": ["ch"], "c": ["ch"], "j": ["i"], "w": ["v", "w"], "gw": ["ku"], "b": ["p"],
             "d": ["t"], "g": ["k"], "s": ["s", "sh"]}


def macau(jp):
    """Macau spellings (section 1.6, from the Macau column of [S3]): a list."""
    ini, fin = jp_split(jp)
    fins = MACAU_FIN.get(fin)
    if fins is None:
        if fin.startswith("aa") and len(fin) > 2:
            fins = ["a" + fin[2:]]
        elif fin == "aa":
            fins = ["a"]
        else:
            fins = [fin]
    outs = []
    for i in MACAU_INI.get(ini, [ini]):
        for f in fins:
            if i == "i" and (f.startswith("i") or fin.startswith("y")):
                i = ""  # jik -> Iek, jyu -> U
            outs.append(i + f)
    return outs


# ---------------------------------------------------------------------------
# Surnames: (simplified, traditional, pinyin reading, dialect spellings).
# Spellings are "tag:Spelling" with tags C Cantonese (HK), M Macau, H Hokkien,
# T Teochew, K Hakka, F Foochow, I Indonesian, P Philippine, D dialect with no
# reliable tag. Facts from chinese-names.md Appendix B and section 2 (its own
# sources [S3], [S4]); entries it marks with '?' are tagged D.
TAGS = {"C": "cantonese", "M": "macau", "H": "hokkien", "T": "teochew", "K": "hakka",
        "F": "foochow", "I": "indonesian", "P": "philippine", "D": "dialect"}
SURNAMES = [
    ("王", "王", "wang", "C:Wong M:Vong H:Ong T:Heng K:Wong D:Bong"),
    ("李", "李", "li", "C:Lee C:Li M:Lei D:Lie"),
    ("张", "張", "zhang", "C:Cheung M:Cheong H:Teo H:Teoh H:Tio K:Chong C:Cheong F:Tiong"),
    ("刘", "劉", "liu", "C:Lau M:Lao H:Lau H:Low K:Liew C:Law"),
    ("陈", "陳", "chen", "C:Chan M:Chan H:Tan T:Tan K:Chin K:Chen F:Ting F:Ding I:Tjhin"),
    ("杨", "楊", "yang", "C:Yeung M:Ieong H:Yeo H:Yeoh K:Yong C:Yeong D:Yew D:Eow I:Njoo"),
    ("黄", "黃", "huang", "C:Wong M:Vong H:Ng T:Ng H:Wee H:Ooi H:Oei I:Oei K:Wong D:Bong D:Eng P:Uy"),
    ("赵", "趙", "zhao", "C:Chiu M:Chio H:Teo H:Tio H:Teoh D:Chew D:Tiew"),
    ("吴", "吳", "wu", "C:Ng M:Ng H:Goh T:Goh K:Ng D:Ngo F:Ngu I:Go I:Gouw P:Go"),
    ("周", "周", "zhou", "C:Chow C:Chau M:Chao T:Chew D:Chiu D:Chiew D:Chou I:Tjioe"),
    ("徐", "徐", "xu", "C:Chui C:Tsui M:Choi D:Chee D:See D:Su D:Cher"),
    ("孙", "孫", "sun", "C:Suen M:Sun H:Sng T:Sng D:Soon"),
    ("马", "馬", "ma", "C:Ma M:Ma H:Beh T:Beh D:Mah"),
    ("朱", "朱", "zhu", "C:Chu M:Chu D:Choo"),
    ("胡", "胡", "hu", "C:Wu C:Woo M:Wu H:Oh T:Oh K:Foo K:Fu D:Hoo"),
    ("郭", "郭", "guo", "C:Kwok M:Kuok H:Quek H:Kueh H:Kuek H:Koay T:Quek D:Kok I:Kwee"),
    ("何", "何", "he", "C:Ho M:Ho D:Hoh D:Hor"),
    ("高", "高", "gao", "C:Ko M:Kou H:Koh T:Koh H:Kor D:Kow"),
    ("林", "林", "lin", "C:Lam M:Lam H:Lim T:Lim D:Lum F:Ling I:Liem"),
    ("罗", "羅", "luo", "C:Law C:Lo M:Lo D:Loh D:Lor"),
    ("郑", "鄭", "zheng", "C:Cheng M:Cheang H:Tay T:Tay H:Teh H:Tee H:Te I:The"),
    ("梁", "梁", "liang", "C:Leung M:Leong H:Neo H:Nio H:Niu C:Leong D:Liong"),
    ("谢", "謝", "xie", "C:Tse M:Che T:Chia T:Seah H:Cheah H:Sia"),
    ("宋", "宋", "song", "C:Sung M:Song"),
    ("唐", "唐", "tang", "C:Tong M:Tong H:Tng T:Tng D:Thong"),
    ("许", "許", "xu", "C:Hui M:Hoi T:Koh H:Khoo H:Kho H:Khor H:Khaw F:Hii D:Hee"),
    ("韩", "韓", "han", "C:Hon M:Hon"),
    ("冯", "馮", "feng", "C:Fung M:Fong H:Pang T:Pang K:Foong"),
    ("邓", "鄧", "deng", "C:Tang M:Tang H:Teng T:Teng K:Then K:Thien"),
    ("曹", "曹", "cao", "C:Cho C:Tso M:Chou D:Chow D:Chau"),
    ("彭", "彭", "peng", "C:Pang M:Pang H:Peh T:Peh K:Phang"),
    ("曾", "曾", "zeng", "C:Tsang M:Chang T:Chan K:Chen K:Chin I:Tjan"),
    ("萧", "蕭", "xiao", "C:Siu C:Shiu M:Sio H:Seow H:Siow H:Siau D:Siew"),
    ("田", "田", "tian", "C:Tin M:Tin H:Chan D:Tien D:Then"),
    ("董", "董", "dong", "C:Tung M:Tong"),
    ("袁", "袁", "yuan", "C:Yuen M:Un"),
    ("潘", "潘", "pan", "C:Poon C:Pun M:Pun H:Phua T:Phua"),
    ("于", "於", "yu", "C:Yu M:U D:Yee"),
    ("蒋", "蔣", "jiang", "C:Cheung M:Cheong D:Chiong"),
    ("蔡", "蔡", "cai", "C:Choi C:Tsoi M:Choi H:Chua H:Chuah T:Chua C:Choy D:Chai I:Tjoa"),
    ("余", "余", "yu", "C:Yu C:Yue M:U T:Eu D:Yee"),
    ("杜", "杜", "du", "C:To M:Tou D:Toh D:Too"),
    ("叶", "葉", "ye", "C:Yip C:Ip M:Ip H:Yap T:Yap K:Yap I:Jap"),
    ("程", "程", "cheng", "C:Ching M:Cheng D:Thia D:Tiah"),
    ("苏", "蘇", "su", "C:So M:Sou D:Soh D:Saw D:Soo"),
    ("魏", "魏", "wei", "C:Ngai M:Ngai D:Gui D:Gwee D:Ngui"),
    ("吕", "呂", "lv", "C:Lui M:Loi D:Loo"),
    ("丁", "丁", "ding", "C:Ting M:Teng H:Teng T:Teng"),
    ("任", "任", "ren", "C:Yam M:Iam C:Yim D:Jim"),
    ("沈", "沈", "shen", "C:Shum C:Sum M:Sam H:Sim T:Sim"),
    ("姚", "姚", "yao", "C:Yiu M:Iu D:Yeo D:Yeow D:Yew"),
    ("卢", "盧", "lu", "C:Lo M:Lou D:Loh D:Loo"),
    ("姜", "姜", "jiang", "C:Keung M:Keong D:Kiang"),
    ("崔", "崔", "cui", "C:Chui C:Tsui M:Choi D:Chwee"),
    ("钟", "鍾", "zhong", "C:Chung M:Chong K:Choong D:Chng"),
    ("谭", "譚", "tan", "C:Tam M:Tam D:Tham"),
    ("陆", "陸", "lu", "C:Luk M:Lok D:Lek"),
    ("汪", "汪", "wang", "C:Wong M:Vong"),
    ("范", "范", "fan", "C:Fan M:Fan"),
    ("金", "金", "jin", "C:Kam M:Kam D:Kim"),
    ("石", "石", "shi", "C:Shek M:Sek H:Chioh H:Cheoh"),
    ("廖", "廖", "liao", "C:Liu M:Lio H:Leow H:Liau T:Leow K:Liew"),
    ("贾", "賈", "jia", "C:Ka M:Ka D:Kia"),
    ("夏", "夏", "xia", "C:Ha M:Ha D:Hay"),
    ("韦", "韋", "wei", "C:Wai M:Wai D:Wee"),
    ("傅", "傅", "fu", "C:Fu C:Foo M:Fu H:Poh T:Poh H:Poo K:Foo"),
    ("方", "方", "fang", "C:Fong M:Fong T:Png D:Pung K:Fong"),
    ("白", "白", "bai", "C:Pak M:Pak H:Peh T:Peh"),
    ("邹", "鄒", "zou", "C:Chau C:Chow M:Chao D:Chew"),
    ("孟", "孟", "meng", "C:Mang M:Mang"),
    ("熊", "熊", "xiong", "C:Hung M:Hong"),
    ("秦", "秦", "qin", "C:Chun M:Chun D:Chin D:Chng"),
    ("邱", "邱", "qiu", "C:Yau M:Iao H:Khoo T:Khoo H:Khu D:Hiew D:Kiew"),
    ("江", "江", "jiang", "C:Kong M:Kong H:Kang T:Kang"),
    ("尹", "尹", "yin", "C:Wan M:Wan"),
    ("薛", "薛", "xue", "C:Sit M:Sit"),
    ("阎", "閻", "yan", "C:Yim M:Im D:Giam D:Ngiam"),
    ("闫", "閆", "yan", "C:Yim M:Im"),
    ("段", "段", "duan", "C:Tuen M:Tun"),
    ("雷", "雷", "lei", "C:Lui M:Loi D:Looi"),
    ("侯", "侯", "hou", "C:Hau M:Hao D:Hoh"),
    ("龙", "龍", "long", "C:Lung C:Loong M:Long D:Leong"),
    ("史", "史", "shi", "C:Sze M:Si D:Ser"),
    ("陶", "陶", "tao", "C:To C:Tao M:Tou D:Tau D:Toh D:Tow"),
    ("黎", "黎", "li", "C:Lai M:Lai D:Loy"),
    ("贺", "賀", "he", "C:Ho M:Ho D:Hor"),
    ("顾", "顧", "gu", "C:Koo M:Ku"),
    ("毛", "毛", "mao", "C:Mo M:Mou D:Moh D:Mor"),
    ("郝", "郝", "hao", "C:Kok M:Kok"),
    ("龚", "龔", "gong", "C:Kung M:Kong D:Kiong"),
    ("邵", "邵", "shao", "C:Siu C:Shiu M:Sio D:Seow D:Shaw"),
    ("万", "萬", "wan", "C:Man M:Man D:Ban"),
    ("钱", "錢", "qian", "C:Chin M:Chin D:Chee D:Zee D:Chien"),
    ("严", "嚴", "yan", "C:Yim M:Im D:Giam D:Ngiam"),
    ("覃", "覃", "qin", "C:Chum C:Tam"),
    ("武", "武", "wu", "C:Mo M:Mou"),
    ("戴", "戴", "dai", "C:Tai M:Tai"),
    ("莫", "莫", "mo", "C:Mok M:Mok"),
    ("孔", "孔", "kong", "C:Hung M:Hong D:Khong"),
    ("向", "向", "xiang", "C:Heung M:Heong D:Hiang"),
    ("汤", "湯", "tang", "C:Tong M:Tong H:Tng T:Tng D:Thong"),
    ("洪", "洪", "hong", "C:Hung H:Ang T:Ang"),
    ("翁", "翁", "weng", "C:Yung T:Ang T:Eng"),
    ("庄", "莊", "zhuang", "C:Chong H:Chng T:Chng"),
    ("柯", "柯", "ke", "C:O C:Or H:Kua H:Kwa H:Koa"),
    ("关", "關", "guan", "C:Kwan"),
    ("区", "區", "ou", "C:Au"),
    ("伍", "伍", "wu", "C:Ng"),
    ("温", "溫", "wen", "C:Wan D:Woon D:Oon D:Voon D:Boon"),
    ("麦", "麥", "mai", "C:Mak H:Beh"),
    ("颜", "顏", "yan", "C:Ngan H:Gan"),
    ("卓", "卓", "zhuo", "C:Cheuk H:Toh"),
    ("施", "施", "shi", "C:Sze D:See D:Si P:Sy"),
    ("游", "游", "you", "C:Yau D:Yew"),
    ("赖", "賴", "lai", "C:Lai D:Lye D:Nai"),
    ("梅", "梅", "mei", "C:Mui H:Boey H:Buay"),
    ("甘", "甘", "gan", "C:Kam"),
    ("连", "連", "lian", "C:Lin D:Leong"),
    ("邢", "邢", "xing", "C:Ying H:Hiah H:Heng"),
    ("单", "單", "shan", "C:Sin D:Siang"),
    ("解", "解", "xie", "C:Kai"),
    ("仇", "仇", "qiu", "C:Sau D:Chew"),
    ("查", "查", "zha", "D:Cha"),
    ("盖", "蓋", "ge", "C:Koi"),
    ("朴", "朴", "piao", "D:Park"),
    ("薄", "薄", "bo", ""),
    ("易", "易", "yi", "C:Yick"),
    ("冼", "冼", "xian", "C:Sin"),
    ("霍", "霍", "huo", "C:Fok"),
    ("葛", "葛", "ge", "C:Kot"),
]
# Compound surnames: (simplified, traditional, pinyin syllables, spellings).
COMPOUND = [
    ("欧阳", "歐陽", "ou yang", "C:Auyeung C:Au-yeung M:Aoieong"),
    ("司徒", "司徒", "si tu", "C:Szeto C:Seto C:Sze-to"),
    ("司马", "司馬", "si ma", "C:Szema"),
    ("诸葛", "諸葛", "zhu ge", "C:Chukok"),
    ("上官", "上官", "shang guan", "C:Sheungkwun"),
    ("东方", "東方", "dong fang", "C:Tungfong"),
    ("令狐", "令狐", "ling hu", ""),
    ("皇甫", "皇甫", "huang fu", ""),
    ("尉迟", "尉遲", "yu chi", "C:Waichi"),
    ("万俟", "萬俟", "mo qi", ""),
    ("长孙", "長孫", "zhang sun", ""),
    ("夏侯", "夏侯", "xia hou", ""),
    ("慕容", "慕容", "mu rong", ""),
    ("公孙", "公孫", "gong sun", ""),
    ("轩辕", "軒轅", "xuan yuan", ""),
    ("宇文", "宇文", "yu wen", ""),
    ("端木", "端木", "duan mu", ""),
    ("钟离", "鍾離", "zhong li", ""),
    ("独孤", "獨孤", "du gu", ""),
    ("南宫", "南宮", "nan gong", ""),
    ("澹台", "澹臺", "tan tai", ""),
    ("淳于", "淳于", "chun yu", ""),
    ("单于", "單于", "chan yu", ""),
    ("呼延", "呼延", "hu yan", ""),
    ("赫连", "赫連", "he lian", ""),
    ("申屠", "申屠", "shen tu", ""),
    ("濮阳", "濮陽", "pu yang", ""),
    ("宗政", "宗政", "zong zheng", ""),
    ("拓跋", "拓跋", "tuo ba", ""),
]
# Surname readings that Unihan's preferred reading (kMandarin) gets wrong for
# a surname (chinese-names.md section 5.2 pitfall 6 and 5.3; CLDR Han-Latin/Names).
SURNAME_READINGS = {
    "单": "shan", "單": "shan", "曾": "zeng", "解": "xie", "朴": "piao", "薄": "bo",
    "区": "ou", "區": "ou", "缪": "miao", "繆": "miao", "那": "na", "阚": "kan",
    "闞": "kan", "覃": "qin tan", "宓": "fu", "句": "gou", "祭": "zhai", "乐": "yue le",
    "樂": "yue le", "查": "zha", "盖": "ge gai", "蓋": "ge gai", "仇": "qiu", "任": "ren",
    "召": "shao", "员": "yun", "員": "yun", "尉": "yu wei", "俟": "qi", "秘": "bi",
    "冼": "xian", "纪": "ji", "紀": "ji", "翟": "zhai di", "华": "hua", "華": "hua",
    "隗": "wei", "长": "zhang", "長": "zhang", "种": "chong", "種": "chong", "谌": "chen",
    "諶": "chen", "柏": "bai", "贲": "ben", "賁": "ben", "朝": "chao", "繁": "po",
    "能": "nai", "宁": "ning", "寧": "ning", "牟": "mou", "叶": "ye", "葉": "ye",
    "郇": "xun", "沈": "shen", "石": "shi", "万": "wan mo", "萬": "wan", "黑": "he",
    "罗": "luo", "羅": "luo", "折": "she", "过": "guo", "過": "guo", "车": "che",
    "車": "che", "重": "chong", "藏": "zang",
}


# ---------------------------------------------------------------------------
def tone_strip(s):
    """Toneless pinyin in the internal alphabet (ü -> v)."""
    s = unicodedata.normalize("NFD", s.lower())
    s = s.replace("u\u0308", "v")
    s = "".join(c for c in s if not unicodedata.combining(c))
    return s.replace("ü", "v")


def read_unihan(d, name):
    path = os.path.join(d, "Unihan_%s.txt.bz2" % name)
    out = {}
    with bz2.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            cp, field, val = line.rstrip("\n").split("\t", 2)
            out.setdefault(field, {})[int(cp[2:], 16)] = val
    return out


def c_str(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def pack_key(s):
    b = s.encode("ascii")
    assert 0 < len(b) <= 8, s
    k = 0
    for i, c in enumerate(b):
        k |= c << (8 * i)
    return k


def key_hash(k, bits):
    # Must equal rz_key_hash() in lib/romanize/romanize.c (Fibonacci hashing).
    return ((k * 0x9E3779B97F4A7C15) & 0xFFFFFFFFFFFFFFFF) >> (64 - bits)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--unihan", default="/usr/share/unicode")
    ap.add_argument("--out", default=None)
    ap.add_argument("--check", default=None,
                    help="compare with this committed file instead of writing; exit 1 if it differs")
    args = ap.parse_args()
    readings = read_unihan(args.unihan, "Readings")
    variants = read_unihan(args.unihan, "Variants")
    other = read_unihan(args.unihan, "OtherMappings")
    dictlike = read_unihan(args.unihan, "DictionaryLikeData")

    # -- syllable inventory ------------------------------------------------
    syls = list(CORE)
    rare = set()
    for s in RARE:
        syls.append(s)
        rare.add(s)

    def syl_id(s):
        if s not in sid:
            sid[s] = len(syls)
            syls.append(s)
            rare.add(s)
        return sid[s]

    sid = {s: i for i, s in enumerate(syls)}

    # -- Mandarin readings per character ------------------------------------
    mand = {}
    def add_read(cp, r):
        r = tone_strip(r)
        if r == "ê" or r == "e\u0302" or r in ("ế", "ề"):
            r = "e"
        r = r.replace("ê", "e")
        if not re.fullmatch(r"[a-z]+", r):
            return
        lst = mand.setdefault(cp, [])
        i = syl_id(r)
        if i not in lst:
            lst.append(i)

    for cp, v in readings.get("kMandarin", {}).items():
        for r in v.split():
            add_read(cp, r)
    for field in ("kTGHZ2013", "kXHC1983", "kHanyuPinyin"):
        for cp, v in readings.get(field, {}).items():
            for entry in v.split():
                for r in entry.split(":", 1)[-1].split(","):
                    add_read(cp, r)
    # Cantonese (toneless Jyutping)
    jps = []
    jpid = {}
    cant = {}
    for cp, v in sorted(readings.get("kCantonese", {}).items()):
        for r in v.split():
            t = re.sub(r"[0-9]", "", r)
            if t not in jpid:
                jpid[t] = None
            lst = cant.setdefault(cp, [])
            if t not in lst:
                lst.append(t)
    jps = sorted(jpid)
    jpid = {s: i for i, s in enumerate(jps)}

    simp = {}
    for cp, v in variants.get("kSimplifiedVariant", {}).items():
        t = int(v.split()[0][2:], 16)
        if t != cp:
            simp[cp] = t
    freq = {cp: int(v) for cp, v in dictlike.get("kFrequency", {}).items()}
    tghz = set(readings.get("kTGHZ2013", {}))

    # -- spelling table -----------------------------------------------------
    spell = {}  # spelling -> {syl: (weight, sys)}
    sflags = {}

    def add(sp, syl, w, system):
        if not re.fullmatch(r"[a-z'v]+", sp) or len(sp) > 8:
            return
        d = spell.setdefault(sp, {})
        i = syl_id(syl) if isinstance(syl, str) else syl
        old = d.get(i)
        if old is None or w > old[0] or (w == old[0] and SYS[system] < old[1]):
            d[i] = (w, SYS[system])

    for s in CORE:
        add(s, s, 100, "pinyin")
        if "v" in s:
            # lü written lu (old passports, ü dropped), lyu/nyu (GB/T 28039-2011),
            # lue/nue (passport form of lüe/nüe).
            add(s.replace("v", "u"), s, 60, "pinyin")
            add(s.replace("v", "yu"), s, 95, "pinyin")
        if s[0] in "jqxy" and s[1:2] == "u":
            add(s[0] + "v" + s[2:], s, 95, "pinyin")
    for s in CORE + RARE:
        for wg in wade_giles(s):
            for sp, w in wg_variants(wg).items():
                add(sp, s, w, "wade-giles")
        for wg in WG_ALT.get(s, []):
            for sp, w in wg_variants(wg).items():
                add(sp, s, w - 10, "wade-giles")
        for fn, name, w in ((yale, "yale", 70), (tongyong, "tongyong", 70), (mps2, "mps2", 65),
                            (gr, "gr", 55)):
            add(fn(s), s, w, name)
    for s in CORE:
        for sp in postal(s):
            # 50: postal forms are for places and old company names, and
            # several (ki, king) are ambiguous between j and q.
            add(sp, s, 50, "postal")
    for s in CORE:
        sp = palladius(s)
        if sp:
            # 60: the ASCII form of Palladius merges many syllables (cen =
            # chen or cen); the romanizer keeps these readings only in names
            # that show Palladius evidence (see rzname.c).
            add(sp, s, 60, "palladius")
    for sp, s in GR_NAMES:
        add(sp, s, 70, "gr")

    # Cantonese route: Jyutping -> common characters -> their Mandarin
    # readings. Character weights: kFrequency 1..5 (1 = most frequent) gives
    # 6 - f; other characters of the general-use list (kTGHZ2013) or whose
    # simplified form is in it give 1; the rest are ignored (they only add
    # noise to a syllable set). A character's first reading counts fully, its
    # other readings at 0.3, as alternative readings are rarer.
    # A syllable that no common character has falls back to every character
    # read with it, at 0.2 each (so that rare spellings still reach pinyin).
    route = {}
    common_jp = set()
    for cp, lst in cant.items():
        if cp in freq or cp in tghz or simp.get(cp) in tghz:
            common_jp.update(lst)
    for cp, lst in cant.items():
        f = freq.get(cp)
        if f is not None:
            cw = 6 - f
        elif cp in tghz or simp.get(cp) in tghz:
            cw = 1
        else:
            cw = 0.2
            lst = [j for j in lst if j not in common_jp]
        ms = mand.get(cp) or mand.get(simp.get(cp, -1), [])
        for jp in lst:
            d = route.setdefault(jp, {})
            for k, m in enumerate(ms):
                if syls[m] in rare:
                    continue
                d[m] = d.get(m, 0) + (cw if k == 0 else cw * 0.3)
    ROUTE_MAX = 8
    for jp in jps:
        d = route.get(jp)
        if not d:
            continue
        top = sorted(d.items(), key=lambda kv: (-kv[1], syls[kv[0]]))[:ROUTE_MAX]
        best = top[0][1]
        for m, v in top:
            # 40..85: below every exact Mandarin spelling (100) and the
            # surname table (90), because the route is lexical guesswork.
            w = int(40 + 45 * v / best)
            add(jp, m, w, "jyutping")
            for hs in hk_spellings(jp):
                add(hs, m, w, "cantonese")
            add(cantonese_yale(jp), m, w - 5, "cantonese-yale")
            for ms in macau(jp):
                add(ms, m, w - 5, "macau")

    # Vietnamese (Sino-Vietnamese readings, Unihan kVietnamese): the same
    # route through common characters, keyed by the reading in ASCII as the
    # normalizer leaves it (marks removed, đ -> d): Trần Toàn Quốc arrives
    # as "tran toan quoc". 40..80: the route is lexical guesswork, and the
    # romanizer keeps these readings only in names with Vietnamese evidence.
    viet = {}
    for cp, v in readings.get("kVietnamese", {}).items():
        if not (cp in freq or cp in tghz or simp.get(cp) in tghz):
            continue
        f = freq.get(cp)
        cw = 6 - f if f is not None else 1
        ms = mand.get(cp) or mand.get(simp.get(cp, -1), [])
        for r in v.split():
            a = unicodedata.normalize("NFD", r.lower().replace("đ", "d"))
            a = "".join(c for c in a if not unicodedata.combining(c))
            if not re.fullmatch(r"[a-z]+", a) or len(a) > 8:
                continue
            d = viet.setdefault(a, {})
            for k, m in enumerate(ms):
                if syls[m] in rare:
                    continue
                d[m] = d.get(m, 0) + (cw if k == 0 else cw * 0.3)
    for sp in sorted(viet):
        d = viet[sp]
        if not d:
            continue
        top = sorted(d.items(), key=lambda kv: (-kv[1], syls[kv[0]]))[:ROUTE_MAX]
        best = top[0][1]
        for m, v in top:
            add(sp, m, int(40 + 40 * v / best), "vietnamese")

    # Surname table
    surn_chars = []  # (cp of traditional, cp of simplified, pinyin)
    surname_syls = set()
    common = set()
    for rank, (s, t, py, sps) in enumerate(SURNAMES):
        surname_syls.add(sid[py])
        if rank < 100:
            common.add(py)
        for tok in sps.split():
            tag, sp = tok.split(":", 1)
            sp = sp.lower()
            add(sp, py, 90, TAGS[tag])
            sflags[sp] = sflags.get(sp, 0) | 1
    # Surname flag for Mandarin spellings: a spelling whose best candidate is a
    # surname reading.
    for py in set(p for _, _, p, _ in SURNAMES):
        for sp in [py] + [v for wg in wade_giles(py) for v in wg_variants(wg)]:
            sflags[sp] = sflags.get(sp, 0) | (1 if py in common else 4)

    # -- assemble -----------------------------------------------------------
    out = []
    w = out.append
    w("/*\n * rz_tables.c: GENERATED by tools/gen/gen_romanize.py; do not edit.\n *\n")
    w(" * Sources: Unicode Unihan database 15.0.0 (Debian unicode-data 15.0.0-1,\n")
    w(" * /usr/share/unicode/Unihan_*.txt.bz2), (c) Unicode, Inc., Unicode License v3\n")
    w(" * (https://www.unicode.org/license.txt); and the romanization rules and the\n")
    w(" * surname table written in the generator (see docs/romanize.md).\n */\n")
    w("/* clang-format off */\n")
    w('#include "romanize/rz_tables.h"\n\n')
    w("const char nomen__rz_unihan_version[] = \"15.0.0\";\n\n")

    # syllables
    w("const uint16_t nomen__rz_nsyl = %d;\n" % len(syls))
    w("const char nomen__rz_syl_text[][8] = {\n")
    for i in range(0, len(syls), 10):
        w("    " + " ".join(c_str(s) + "," for s in syls[i:i + 10]) + "\n")
    w("};\n")
    w("/* bit 0: rare (not proposed for Latin text); bit 1: common surname reading;\n"
      " * bit 2: any surname reading in the generator's table. */\n")
    w("const uint8_t nomen__rz_syl_flags[] = {\n")
    fl = []
    for i, s in enumerate(syls):
        f = (1 if s in rare else 0) | (2 if s in common else 0) | (4 if i in surname_syls else 0)
        fl.append(str(f))
    for i in range(0, len(fl), 32):
        w("    " + ",".join(fl[i:i + 32]) + ",\n")
    w("};\n\n")

    # jyutping
    w("const uint16_t nomen__rz_njyut = %d;\n" % len(jps))
    w("const char nomen__rz_jyut_text[][8] = {\n")
    for i in range(0, len(jps), 10):
        w("    " + " ".join(c_str(s) + "," for s in jps[i:i + 10]) + "\n")
    w("};\n\n")

    # spellings
    keys = sorted(spell)
    cands = []
    entries = []
    seen_lists = {}
    for sp in keys:
        d = spell[sp]
        items = tuple(sorted(d.items(), key=lambda kv: (-kv[1][0], kv[1][1], kv[0])))
        start = seen_lists.get(items)
        if start is None:  # identical candidate lists are stored once
            start = len(cands)
            seen_lists[items] = start
            for syl, (wt, sy) in items:
                cands.append((syl, sy, wt))
        entries.append((sp, start, len(items), sflags.get(sp, 0)))
    # Proper prefixes of spellings that are not spellings themselves get an
    # entry with no candidates, so that the segmenter can stop extending a
    # syllable as soon as no spelling starts that way.
    have = set(keys)
    prefixes = sorted({sp[:i] for sp in keys for i in range(1, len(sp))} - have)
    for pf in prefixes:
        entries.append((pf, 0, 0, 0))
    bits = 1
    while (1 << bits) < 2 * len(entries):
        bits += 1
    table = [None] * (1 << bits)
    for e in entries:
        h = key_hash(pack_key(e[0]), bits)
        while table[h] is not None:
            h = (h + 1) & ((1 << bits) - 1)
        table[h] = e
    w("/* Candidates: {syllable id, system, weight 0..100}. */\n")
    w("const nomen__rz_cand nomen__rz_cands[] = {\n")
    for i in range(0, len(cands), 10):
        w("    " + "".join("{%d,%d,%d}," % c for c in cands[i:i + 10]) + "\n")
    w("};\n")
    w("const unsigned nomen__rz_spell_bits = %d;\n" % bits)
    w("/* Open addressing, linear probing; key = spelling bytes packed little-endian\n"
      " * into 64 bits (0 = empty). ncand 0: a prefix of longer spellings only.\n"
      " * flags: 1 common surname spelling, 4 other surname. */\n")
    w("const nomen__rz_spell nomen__rz_spells[] = {\n")
    cells = ["{0}," if e is None else "{%du,%d,%d,%d}," % (pack_key(e[0]), e[1], e[2], e[3])
             for e in table]
    for i in range(0, len(cells), 6):
        w("    " + "".join(cells[i:i + 6]) + "\n")
    w("};\n\n")

    # compound surnames written as one Latin word (the flag cannot live in the
    # spelling table: they are not syllables)
    csp = set()
    for s_, t_, py, sps in COMPOUND:
        csp.add(py.replace(" ", ""))
        for tok in sps.split():
            csp.add(tok.split(":", 1)[1].lower().replace("-", ""))
    csp = sorted(csp)
    w("const char nomen__rz_compound_latin[][12] = {\n")
    for i in range(0, len(csp), 8):
        w("    " + " ".join(c_str(x) + "," for x in csp[i:i + 8]) + "\n")
    w("};\n")
    w("const size_t nomen__rz_ncompound_latin = %d;\n\n" % len(csp))

    # compound surnames (Han), surname readings
    w("const nomen__rz_compound nomen__rz_compounds[] = {\n")
    allc = []
    for s, t, py, sps in COMPOUND:
        a, b = py.split()
        for chars in sorted({s, t}):
            allc.append((ord(chars[0]), ord(chars[1]), sid[a], sid[b], chars))
    allc.sort()
    for c in allc:
        w("    {0x%X, 0x%X, %d, %d}, /* %s */\n" % c)
    w("};\n")
    w("const size_t nomen__rz_ncompounds = %d;\n\n" % len(allc))
    sr = []
    for ch, rs in SURNAME_READINGS.items():
        ids = [sid[r] for r in rs.split()]
        sr.append((ord(ch), ids[0], ids[1] if len(ids) > 1 else 0xFFFF, ch))
    for s, t, py, sps in SURNAMES:
        for ch in {s, t}:
            if ch not in SURNAME_READINGS:
                sr.append((ord(ch), sid[py], 0xFFFF, ch))
    sr = sorted(set(sr))
    w("/* Surname readings: {code point, reading, second reading or 0xFFFF}. Every\n"
      " * character of the surname table is here, so this is also the Han surname set. */\n")
    w("const nomen__rz_surname nomen__rz_surnames[] = {\n")
    for c in sr:
        w("    {0x%X, %d, %d}, /* %s */\n" % c)
    w("};\n")
    w("const size_t nomen__rz_nsurnames = %d;\n\n" % len(sr))

    # Han readings: page bitmap + record pool
    # Characters with a Mandarin reading. Cantonese readings are kept only for
    # the characters the Cantonese route uses (frequent or general-use ones):
    # name spellings come from those, and the rest would double the table.
    chars = sorted(mand)

    def keep_cant(cp):
        return cp in freq or cp in tghz or simp.get(cp) in tghz
    recs = {}
    pool = []
    rec_off = []
    char_rec = []
    # Records are numbered by decreasing use, so that the per-character
    # indices (most of the table's text) are short numbers.
    keyof = {}
    use = {}
    for cp in chars:
        m = tuple(mand.get(cp, [])[:6])
        c = tuple(jpid[j] for j in cant.get(cp, [])[:4]) if keep_cant(cp) else ()
        keyof[cp] = (m, c)
        use[(m, c)] = use.get((m, c), 0) + 1
    for key in sorted(use, key=lambda k: (-use[k], k)):
        m, c = key
        recs[key] = len(rec_off)
        rec_off.append(len(pool))
        pool.append(len(m) | (len(c) << 4))
        pool.extend(m)
        pool.extend(c)
    for cp in chars:
        char_rec.append(recs[keyof[cp]])
    assert len(rec_off) < 65536
    pages = {}
    for i, cp in enumerate(chars):
        pages.setdefault(cp >> 8, []).append(cp)
    maxpage = max(pages)
    page_index = [0xFFFF] * (maxpage + 1)
    bitmaps = []
    bases = []
    rank = 0
    for p in sorted(pages):
        page_index[p] = len(bases)
        bm = [0] * 8
        for cp in pages[p]:
            lo = cp & 255
            bm[lo >> 5] |= 1 << (lo & 31)
        bitmaps.append(bm)
        bases.append(rank)
        rank += len(pages[p])

    def arr(name, typ, vals, per=20, fmt="%d"):
        w("const %s %s[] = {\n" % (typ, name))
        for i in range(0, len(vals), per):
            w("    " + ",".join(fmt % v for v in vals[i:i + per]) + ",\n")
        w("};\n")

    w("const size_t nomen__rz_han_npages = %d;\n" % (maxpage + 1))
    arr("nomen__rz_han_page", "uint16_t", page_index, 24)
    arr("nomen__rz_han_base", "uint32_t", bases, 16)
    w("const uint32_t nomen__rz_han_bits[][8] = {\n")
    for bm in bitmaps:
        w("    {" + ",".join("0x%x" % x for x in bm) + "},\n")
    w("};\n")
    # Per character (in code point order): index of its reading record, two
    # base-90 digits per character (digits are the printable ASCII characters
    # from '#' to '~' without '?' and backslash), 32 characters per row.
    alpha = [chr(c) for c in range(0x23, 0x7F) if chr(c) not in "?\\"]
    assert len(alpha) == 90 and len(rec_off) <= 90 * 90
    w("/* Per character (in code point order): its reading record as two base-90\n"
      " * digits (see rz_han_rec() in han.c). */\n")
    w("const char nomen__rz_han_rec[][65] = {\n")
    enc = "".join(alpha[r // 90] + alpha[r % 90] for r in char_rec)
    for i in range(0, len(enc), 64):
        w("    " + c_str(enc[i:i + 64]) + ",\n")
    w("};\n")
    w("/* Record offsets into the pool; a record is a header (Mandarin count | Cantonese\n"
      " * count << 4) then Mandarin syllable ids then Jyutping ids. */\n")
    arr("nomen__rz_han_recoff", "uint32_t", rec_off, 16)
    arr("nomen__rz_han_pool", "uint16_t", pool, 24)
    w("const size_t nomen__rz_han_nchars = %d;\n\n" % len(chars))

    # simplified folding
    pairs = sorted(simp.items())
    w("/* Traditional -> simplified (kSimplifiedVariant, first value), sorted. */\n")
    w("const uint32_t nomen__rz_simp[][2] = {\n")
    for i in range(0, len(pairs), 8):
        w("    " + "".join("{%d,%d}," % p for p in pairs[i:i + 8]) + "\n")
    w("};\n")
    w("const size_t nomen__rz_nsimp = %d;\n\n" % len(pairs))

    # telegraph codes
    for field, name in (("kMainlandTelegraph", "nomen__rz_tele_cn"),
                        ("kTaiwanTelegraph", "nomen__rz_tele_tw")):
        tab = [0] * 10000
        for cp, v in other.get(field, {}).items():
            for code in v.split():
                n = int(code)
                if tab[n] == 0 or cp < tab[n]:
                    tab[n] = cp
        arr(name, "uint32_t", tab, 16)

    text = "".join(out)
    if args.check:
        with open(args.check, encoding="utf-8") as f:
            old = f.read()
        if old != text:
            sys.stderr.write("%s is out of date: run tools/gen/gen_romanize.py --out %s\n"
                             % (args.check, args.check))
            sys.exit(1)
        sys.stderr.write("%s is up to date\n" % args.check)
        return
    if args.out:
        with open(args.out, "w", encoding="utf-8") as f:
            f.write(text)
    else:
        sys.stdout.write(text)
    sys.stderr.write("syllables %d (rare %d), spellings %d, cands %d, chars %d, records %d, "
                     "pool %d, simp %d, bytes %d\n" % (len(syls), len(rare), len(entries),
                                                       len(cands), len(chars), len(rec_off),
                                                       len(pool), len(pairs), len(text)))


if __name__ == "__main__":
    main()
