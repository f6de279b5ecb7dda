#!/usr/bin/env python3
"""Generate lib/load/country_table.h: country names -> ISO 3166-1 alpha-2.

The data below was written for nomen from the ISO 3166-1 code list (the
alpha-2 and alpha-3 codes and short names are facts, published by ISO and
reproduced by every national statistics office) plus the spellings that the
designation lists actually use (OFAC remarks, OFSI "Nationality" and
"Country", Canada's bilingual "China / Chine", UN nationality values, EU
countryDescription). "XK" (Kosovo) is the user-assigned code that the EU,
OFAC and the UN use.

Keys are normalized exactly as record.c's country_key() does: ASCII letters
lowercased, Latin-1 accented letters folded, every other byte a word break,
the words "the", "of", "and" dropped (unless nothing else is left:
"AND" is Andorra), words joined by one space. The output
is sorted by key so that record.c can binary-search it.

Run from the repository root: python3 lib/load/gen_countries.py
Optionally, if /usr/share/iso-codes/json/iso_3166-1.json exists (Debian
package iso-codes), the codes are cross-checked against it (check only; no
data is taken from it).
"""
import json
import os
import re
import sys
import unicodedata

# iso2|iso3|names... (first name: the ISO short name as lists write it)
DATA = """
AF|AFG|Afghanistan|Islamic Republic of Afghanistan|Islamic Emirate of Afghanistan|Afghan
AX|ALA|Aland Islands
AL|ALB|Albania|Albanian
DZ|DZA|Algeria|Algerian|People's Democratic Republic of Algeria|Algerie
AS|ASM|American Samoa
AD|AND|Andorra
AO|AGO|Angola|Angolan
AI|AIA|Anguilla
AQ|ATA|Antarctica
AG|ATG|Antigua and Barbuda|Antigua
AR|ARG|Argentina|Argentine|Argentinian|Argentine Republic|Argentine
AM|ARM|Armenia|Armenian|Armenie
AW|ABW|Aruba
AU|AUS|Australia|Australian|Australie
AT|AUT|Austria|Austrian|Autriche
AZ|AZE|Azerbaijan|Azerbaijani|Azerbaidjan
BS|BHS|Bahamas|Bahamas, The
BH|BHR|Bahrain|Bahraini|Bahrein
BD|BGD|Bangladesh|Bangladeshi
BB|BRB|Barbados
BY|BLR|Belarus|Belarusian|Belarussian|Byelorussia|Republic of Belarus|Belrus|Belarus, Republic of|Bielorussie
BE|BEL|Belgium|Belgian|Belgique
BZ|BLZ|Belize
BJ|BEN|Benin
BM|BMU|Bermuda
BT|BTN|Bhutan
BO|BOL|Bolivia|Bolivia, Plurinational State of|Plurinational State of Bolivia|Bolivian
BQ|BES|Bonaire, Sint Eustatius and Saba|Bonaire
BA|BIH|Bosnia and Herzegovina|Bosnia-Herzegovina|Bosnia|Bosnian|Bosnie-Herzegovine
BW|BWA|Botswana
BV|BVT|Bouvet Island
BR|BRA|Brazil|Brazilian|Bresil
IO|IOT|British Indian Ocean Territory
BN|BRN|Brunei|Brunei Darussalam
BG|BGR|Bulgaria|Bulgarian|Bulgarie
BF|BFA|Burkina Faso
BI|BDI|Burundi|Burundian
CV|CPV|Cabo Verde|Cape Verde
KH|KHM|Cambodia|Cambodian|Kingdom of Cambodia|Cambodge
CM|CMR|Cameroon|Cameroonian|Cameroun
CA|CAN|Canada|Canadian
KY|CYM|Cayman Islands
CF|CAF|Central African Republic|Republique centrafricaine|CAR
TD|TCD|Chad|Chadian|Tchad
CL|CHL|Chile|Chilean|Chili
CN|CHN|China|People's Republic of China|PRC|Chinese|Chine|China, People's Republic of|Mainland China
CX|CXR|Christmas Island
CC|CCK|Cocos (Keeling) Islands
CO|COL|Colombia|Colombian|Colombie
KM|COM|Comoros|Comores
CG|COG|Congo|Republic of the Congo|Congo, Republic of the|Congo-Brazzaville|Congo (Republic)|Republic of Congo|Congo Brazzaville
CD|COD|Democratic Republic of the Congo|Congo, Democratic Republic of the|Congo (Democratic Republic)|DRC|DR Congo|Congo-Kinshasa|Zaire|Congo, The Democratic Republic of the|Republique democratique du Congo|Congo Kinshasa
CK|COK|Cook Islands
CR|CRI|Costa Rica
CI|CIV|Cote d'Ivoire|Ivory Coast|Ivorian|Cote d Ivoire
HR|HRV|Croatia|Croatian|Croatie
CU|CUB|Cuba|Cuban
CW|CUW|Curacao
CY|CYP|Cyprus|Cypriot|Chypre
CZ|CZE|Czechia|Czech Republic|Czech|Tchequie
DK|DNK|Denmark|Danish|Danemark
DJ|DJI|Djibouti
DM|DMA|Dominica
DO|DOM|Dominican Republic|Republique dominicaine
EC|ECU|Ecuador|Ecuadorian|Equateur
EG|EGY|Egypt|Egyptian|Arab Republic of Egypt|Egypte
SV|SLV|El Salvador|Salvadoran
GQ|GNQ|Equatorial Guinea|Guinee equatoriale
ER|ERI|Eritrea|Eritrean|Erythree
EE|EST|Estonia|Estonian|Estonie
SZ|SWZ|Eswatini|Swaziland
ET|ETH|Ethiopia|Ethiopian|Ethiopie
FK|FLK|Falkland Islands|Falkland Islands (Malvinas)
FO|FRO|Faroe Islands
FJ|FJI|Fiji
FI|FIN|Finland|Finnish|Finlande
FR|FRA|France|French
GF|GUF|French Guiana
PF|PYF|French Polynesia
TF|ATF|French Southern Territories
GA|GAB|Gabon
GM|GMB|Gambia|The Gambia|Gambia, The|Gambian|Gambie
GE|GEO|Georgia|Georgian|Georgie
DE|DEU|Germany|German|Federal Republic of Germany|Allemagne
GH|GHA|Ghana|Ghanaian
GI|GIB|Gibraltar
GR|GRC|Greece|Greek|Grece
GL|GRL|Greenland
GD|GRD|Grenada
GP|GLP|Guadeloupe
GU|GUM|Guam
GT|GTM|Guatemala|Guatemalan
GG|GGY|Guernsey
GN|GIN|Guinea|Guinee|Republic of Guinea
GW|GNB|Guinea-Bissau|Guinea Bissau|Guinee-Bissau
GY|GUY|Guyana
HT|HTI|Haiti|Haitian
HM|HMD|Heard Island and McDonald Islands
VA|VAT|Holy See|Vatican|Vatican City
HN|HND|Honduras|Honduran
HK|HKG|Hong Kong|Hong Kong SAR|Hong Kong, China|Hong Kong SAR, China
HU|HUN|Hungary|Hungarian|Hongrie
IS|ISL|Iceland|Islande
IN|IND|India|Indian|Inde
ID|IDN|Indonesia|Indonesian|Indonesie
IR|IRN|Iran|Iran, Islamic Republic of|Islamic Republic of Iran|Iranian|Iran (Islamic Republic of)
IQ|IRQ|Iraq|Iraqi|Irak
IE|IRL|Ireland|Irish|Irlande
IM|IMN|Isle of Man|Man, Isle of
IL|ISR|Israel|Israeli
IT|ITA|Italy|Italian|Italie
JM|JAM|Jamaica|Jamaican
JP|JPN|Japan|Japanese|Japon
JE|JEY|Jersey
JO|JOR|Jordan|Jordanian|Jordanie
KZ|KAZ|Kazakhstan|Kazakh|Kazakhstani
KE|KEN|Kenya|Kenyan
KI|KIR|Kiribati
KP|PRK|North Korea|Korea, North|DPRK|Democratic People's Republic of Korea|Korea, Democratic People's Republic of|North Korean|Coree du Nord|Korea (North)|Korea, DPR|DPR Korea|Democratic People's Republic of Korea (DPRK)
KR|KOR|South Korea|Korea, South|Republic of Korea|Korea, Republic of|South Korean|Coree du Sud|Korea (South)
XK|XKX|Kosovo|Kosovar
KW|KWT|Kuwait|Kuwaiti|Koweit
KG|KGZ|Kyrgyzstan|Kyrgyz Republic|Kyrgyz|Kirghizistan
LA|LAO|Laos|Lao People's Democratic Republic|Lao PDR
LV|LVA|Latvia|Latvian|Lettonie
LB|LBN|Lebanon|Lebanese|Liban
LS|LSO|Lesotho
LR|LBR|Liberia|Liberian
LY|LBY|Libya|Libyan|Libyan Arab Jamahiriya|Libye
LI|LIE|Liechtenstein
LT|LTU|Lithuania|Lithuanian|Lituanie
LU|LUX|Luxembourg
MO|MAC|Macau|Macao|Macao SAR
MG|MDG|Madagascar
MW|MWI|Malawi
MY|MYS|Malaysia|Malaysian|Malaisie
MV|MDV|Maldives
ML|MLI|Mali|Malian
MT|MLT|Malta|Maltese|Malte
MH|MHL|Marshall Islands
MQ|MTQ|Martinique
MR|MRT|Mauritania|Mauritanian|Mauritanie
MU|MUS|Mauritius|Maurice
YT|MYT|Mayotte
MX|MEX|Mexico|Mexican|Mexique
FM|FSM|Micronesia|Micronesia, Federated States of|Federated States of Micronesia
MD|MDA|Moldova|Republic of Moldova|Moldova, Republic of|Moldovan|Repubic of Moldova|Moldavie
MC|MCO|Monaco
MN|MNG|Mongolia|Mongolian|Mongolie
ME|MNE|Montenegro
MS|MSR|Montserrat
MA|MAR|Morocco|Moroccan|Maroc
MZ|MOZ|Mozambique
MM|MMR|Burma|Myanmar|Myanmar (Burma)|Burmese|Birmanie
NA|NAM|Namibia|Namibie
NR|NRU|Nauru
NP|NPL|Nepal|Nepali|Nepalese
NL|NLD|Netherlands|Dutch|The Netherlands|Holland|Pays-Bas
NC|NCL|New Caledonia
NZ|NZL|New Zealand|Nouvelle-Zelande
NI|NIC|Nicaragua|Nicaraguan
NE|NER|Niger
NG|NGA|Nigeria|Nigerian
NU|NIU|Niue
NF|NFK|Norfolk Island
MK|MKD|North Macedonia|Macedonia|The former Yugoslav Republic of Macedonia|Macedonia, The Former Yugoslav Republic of|North Macedonia, The Republic of|Republic of North Macedonia|Macedonian
MP|MNP|Northern Mariana Islands
NO|NOR|Norway|Norwegian|Norvege
OM|OMN|Oman|Omani
PK|PAK|Pakistan|Pakistani
PW|PLW|Palau
PS|PSE|Palestine|Palestinian|State of Palestine|Occupied Palestinian Territory|Palestinian Territories|West Bank|Gaza|Gaza Strip|West Bank and Gaza|Palestine, State of|Region: Gaza|Region: West Bank
PA|PAN|Panama|Panamanian
PG|PNG|Papua New Guinea
PY|PRY|Paraguay|Paraguayan
PE|PER|Peru|Peruvian|Perou
PH|PHL|Philippines|Filipino|Philippine
PN|PCN|Pitcairn
PL|POL|Poland|Polish|Pologne
PT|PRT|Portugal|Portuguese
PR|PRI|Puerto Rico
QA|QAT|Qatar|Qatari
RE|REU|Reunion
RO|ROU|Romania|Romanian|Roumanie
RU|RUS|Russia|Russian Federation|Russian|Russie|Federation de Russie
RW|RWA|Rwanda|Rwandan
BL|BLM|Saint Barthelemy
SH|SHN|Saint Helena
KN|KNA|Saint Kitts and Nevis|St. Kitts and Nevis
LC|LCA|Saint Lucia|St. Lucia
MF|MAF|Saint Martin
PM|SPM|Saint Pierre and Miquelon
VC|VCT|Saint Vincent and the Grenadines|St. Vincent and the Grenadines
WS|WSM|Samoa
SM|SMR|San Marino
ST|STP|Sao Tome and Principe
SA|SAU|Saudi Arabia|Saudi|Kingdom of Saudi Arabia|Arabie saoudite
SN|SEN|Senegal|Senegalese
RS|SRB|Serbia|Serbian|Serbie|Republic of Serbia
SC|SYC|Seychelles
SL|SLE|Sierra Leone
SG|SGP|Singapore|Singaporean|Singapour
SX|SXM|Sint Maarten
SK|SVK|Slovakia|Slovak|Slovak Republic|Slovaquie
SI|SVN|Slovenia|Slovenian|Slovenie
SB|SLB|Solomon Islands
SO|SOM|Somalia|Somali|Somalie
ZA|ZAF|South Africa|South African|Afrique du Sud
GS|SGS|South Georgia and the South Sandwich Islands
SS|SSD|South Sudan|South Sudanese|Soudan du Sud
ES|ESP|Spain|Spanish|Espagne
LK|LKA|Sri Lanka|Sri Lankan
SD|SDN|Sudan|Sudanese|Soudan
SR|SUR|Suriname|Surinam
SJ|SJM|Svalbard and Jan Mayen
SE|SWE|Sweden|Swedish|Suede
CH|CHE|Switzerland|Swiss|Suisse
SY|SYR|Syria|Syrian Arab Republic|Syrian|Syrie
TW|TWN|Taiwan|Taiwan, Province of China|Chinese Taipei|Republic of China|Taiwanese
TJ|TJK|Tajikistan|Tajik|Tadjikistan
TZ|TZA|Tanzania|United Republic of Tanzania|Tanzania, United Republic of|Tanzanian|Tanzanie
TH|THA|Thailand|Thai|Thailande
TL|TLS|Timor-Leste|East Timor
TG|TGO|Togo
TK|TKL|Tokelau
TO|TON|Tonga
TT|TTO|Trinidad and Tobago|Trinidad|Trinite-et-Tobago
TN|TUN|Tunisia|Tunisian|Tunisie
TR|TUR|Turkey|Turkiye|Turkish|Republic of Turkiye|Turquie
TM|TKM|Turkmenistan|Turkmen
TC|TCA|Turks and Caicos Islands
TV|TUV|Tuvalu
UG|UGA|Uganda|Ugandan|Ouganda
UA|UKR|Ukraine|Ukrainian
AE|ARE|United Arab Emirates|UAE|Emirati|Emirats arabes unis|U.A.E.
GB|GBR|United Kingdom|UK|Great Britain|Britain|British|United Kingdom of Great Britain and Northern Ireland|England|Scotland|Wales|Northern Ireland|Royaume-Uni|U.K.
US|USA|United States|United States of America|USA|US|U.S.A.|U.S.|American|Etats-Unis|Etats-Unis d'Amerique
UM|UMI|United States Minor Outlying Islands
UY|URY|Uruguay|Uruguayan
UZ|UZB|Uzbekistan|Uzbek|Ouzbekistan
VU|VUT|Vanuatu
VE|VEN|Venezuela|Venezuela, Bolivarian Republic of|Bolivarian Republic of Venezuela|Venezuelan
VN|VNM|Vietnam|Viet Nam|Vietnamese
VG|VGB|British Virgin Islands|Virgin Islands, British|Virgin Islands (British)
VI|VIR|U.S. Virgin Islands|Virgin Islands, U.S.|United States Virgin Islands|Virgin Islands (U.S.)
WF|WLF|Wallis and Futuna
EH|ESH|Western Sahara
YE|YEM|Yemen|Yemeni|Republic of Yemen
ZM|ZMB|Zambia|Zambian|Zambie
ZW|ZWE|Zimbabwe|Zimbabwean
"""

STOP = {"the", "of", "and"}


def key(s):
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    words = re.split(r"[^A-Za-z0-9]+", s.lower())
    words = [w for w in words if w]
    kept = [w for w in words if w not in STOP]
    return " ".join(kept if kept else words)


def main():
    entries = {}
    codes = []
    for line in DATA.strip().splitlines():
        parts = line.split("|")
        iso2, iso3, names = parts[0], parts[1], parts[2:]
        codes.append((iso2, iso3, names[0]))
        for k in [iso2, iso3] + names:
            kk = key(k)
            old = entries.get(kk)
            if old is not None and old != iso2:
                sys.exit("conflict: %r -> %s and %s" % (kk, old, iso2))
            entries[kk] = iso2
    ref = "/usr/share/iso-codes/json/iso_3166-1.json"
    if os.path.exists(ref):
        with open(ref, encoding="utf-8") as f:
            known = {(c["alpha_2"], c["alpha_3"]) for c in json.load(f)["3166-1"]}
        for iso2, iso3, name in codes:
            if (iso2, iso3) not in known and iso2 != "XK":
                print("warning: %s/%s (%s) not in iso-codes" % (iso2, iso3, name))
        mine = {(a, b) for a, b, _ in codes}
        for pair in sorted(known - mine):
            print("note: iso-codes has %s/%s, not in this table" % pair)
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "country_table.h")
    with open(out, "w", encoding="ascii") as f:
        f.write("/* Generated by lib/load/gen_countries.py: do not edit. Country names,\n"
                " * list spellings and ISO 3166-1 alpha-2/alpha-3 codes -> alpha-2, sorted\n"
                " * by normalized key (see country_key() in record.c). %d keys, %d countries. */\n"
                % (len(entries), len(codes)))
        f.write("static const struct country_key_entry {\n    const char *key;\n"
                "    char iso2[3];\n} country_keys[] = {\n")
        for k in sorted(entries):
            f.write('    {"%s", "%s"},\n' % (k, entries[k]))
        f.write("};\n")


if __name__ == "__main__":
    main()
