#!/usr/bin/env bash
# End-to-end tests of the nomen command.
#   cli_test.sh NOMEN_BINARY TEST WORKDIR CLI_CHECK
# TEST is one of: args sample formats threads badinput ofac index.
# Reads the project's fixtures (tests/cli/fixtures, data/sample-list.csv via
# the built-in list) and, for ofac and index, ../shared (NOMEN_SHARED_DIR):
# missing shared data skips (exit 77) outside CI and fails under CI=true.
# JSON and CSV output are parsed back by CLI_CHECK (cli_check.c: jansson and
# the test helpers' CSV reader).
set -euo pipefail

NOMEN=$1
TEST=$2
WORK=$3
CHECK=$4
HERE=$(cd "$(dirname "$0")" && pwd)
FIX=$HERE/fixtures
SHARED=${NOMEN_SHARED_DIR:-$HERE/../../../shared}
OFAC=$SHARED/data/lists/ofac/sdn_2021-07
mkdir -p "$WORK"
cd "$WORK"

fail() {
    echo "FAIL: $*" >&2
    exit 1
}

# run EXPECTED_STATUS CMD...: run, keep stdout in out.txt and stderr in
# err.txt, and check the exit status.
run() {
    local want=$1
    shift
    local got=0
    "$@" >out.txt 2>err.txt || got=$?
    if [ "$got" != "$want" ]; then
        echo "--- stdout" >&2
        head -c 2000 out.txt >&2 || true
        echo "--- stderr" >&2
        head -c 2000 err.txt >&2 || true
        fail "exit status $got, expected $want: $*"
    fi
}

# expect_in FILE TEXT: FILE contains TEXT.
expect_in() {
    grep -qF -- "$2" "$1" || {
        cat "$1" >&2
        fail "$1 does not contain '$2'"
    }
}

need_shared() {
    if [ ! -f "$OFAC/sdn.csv" ]; then
        if [ "${CI:-}" = "true" ] || [ "${CI:-}" = "1" ]; then
            fail "$OFAC/sdn.csv is missing (CI=true: a missing file is a failure)"
        fi
        echo "skipped: $OFAC/sdn.csv not found (set NOMEN_SHARED_DIR)"
        exit 77
    fi
}

# check_jsonl FILE [--explain] IDS...: one JSON object per line, with these
# ids in this order, every hit well formed.
check_jsonl() {
    "$CHECK" jsonl "$@" || fail "check of $1 failed"
}

# check CHECK-ARGS...: any other cli_check check.
check() {
    "$CHECK" "$@" || fail "cli_check $* failed"
}

case $TEST in
args)
    run 2 "$NOMEN"
    expect_in err.txt "no command"
    run 2 "$NOMEN" frobnicate
    expect_in err.txt "unknown command 'frobnicate'"
    run 2 "$NOMEN" screen
    expect_in err.txt "nothing to screen"
    run 2 "$NOMEN" screen --threshold 2 "Chen Guanguo"
    expect_in err.txt "--threshold"
    run 2 "$NOMEN" screen --format xml "Chen Guanguo"
    expect_in err.txt "--format"
    run 2 "$NOMEN" screen --bogus "Chen Guanguo"
    expect_in err.txt "unknown option '--bogus'"
    run 2 "$NOMEN" screen --threads 0 "Chen Guanguo"
    expect_in err.txt "--threads"
    run 2 "$NOMEN" screen --type ship "Chen Guanguo"
    expect_in err.txt "--type"
    run 2 "$NOMEN" screen --list "$WORK/no-such-list.csv" "Chen Guanguo"
    expect_in err.txt "no-such-list.csv"
    run 2 "$NOMEN" screen --input "$WORK/no-such-batch.csv"
    expect_in err.txt "no-such-batch.csv"
    run 2 "$NOMEN" screen --index "$WORK/no-such.idx" "Chen Guanguo"
    expect_in err.txt "no-such.idx"
    run 2 "$NOMEN" index build
    expect_in err.txt "-o FILE"
    run 2 "$NOMEN" index info "$WORK/no-such.idx"
    expect_in err.txt "no-such.idx"
    run 2 "$NOMEN" explain
    expect_in err.txt "needs a name"
    run 0 "$NOMEN" --help
    expect_in out.txt "Usage: nomen COMMAND"
    run 0 "$NOMEN" screen --help
    expect_in out.txt "--threads N"
    run 0 "$NOMEN" version
    expect_in out.txt "nomen "
    expect_in out.txt "Unicode "
    expect_in out.txt "ICU "
    ;;

sample)
    # The built-in list: the README's first command.
    run 1 "$NOMEN" screen --format jsonl "Chen Guanguo"
    check_jsonl out.txt 1
    check hit out.txt 1 name "CHEN, Quanguo"
    check hit out.txt 1 list nomen-sample
    run 0 "$NOMEN" screen --format jsonl "Jane Doe"
    check_jsonl out.txt 1
    expect_in out.txt '"hits": []'
    # Names are numbered in order; one hit among them gives 1.
    run 1 "$NOMEN" screen --format jsonl "Jane Doe" "Chen Guanguo"
    check_jsonl out.txt 1 2
    # --explain embeds the library's explanation as an object.
    run 1 "$NOMEN" screen --format jsonl --explain "Chen Guanguo"
    check_jsonl out.txt --explain 1
    # The table and explain commands speak to people.
    run 1 "$NOMEN" screen --format table "Chen Guanguo"
    expect_in out.txt "CHEN, Quanguo"
    expect_in out.txt "SCORE"
    run 1 "$NOMEN" explain "Chen Guanguo"
    expect_in out.txt "CHEN, Quanguo"
    # A list file given with --list replaces the built-in list.
    run 1 "$NOMEN" screen --format jsonl --list "$FIX/mini-list.csv" "Chen Guanguo"
    expect_in out.txt '"entity_id": "mini-1"'
    run 1 "$NOMEN" screen --format jsonl --format-of-list generic-csv --list "$FIX/mini-list.csv" \
        "Chen Guanguo"
    expect_in out.txt '"entity_id": "mini-1"'
    # A stricter threshold and a limit.
    run 1 "$NOMEN" screen --format jsonl --limit 1 --threshold 0 "Chen Guanguo"
    check nhits out.txt 1 1
    run 1 "$NOMEN" screen --format jsonl --limit 0 --threshold 0 "Chen Guanguo"
    "$CHECK" nhits out.txt 1 1 2>/dev/null && fail "--limit 0 (no limit) gave one hit"
    ;;

formats)
    printf 'name,id,country\n"CHEN, Quanguo",q1,CN\nJane Doe,q2,\n"Lam, Carrie",q3,HK\n"Smith, ""JJ""",q4,\n' >batch.csv
    run 1 "$NOMEN" screen --input batch.csv --format jsonl
    check_jsonl out.txt q1 q2 q3 q4
    expect_in err.txt "4 queries"
    expect_in err.txt "queries/s"
    # The same batch as JSON Lines from standard input.
    printf '{"id": "q1", "name": "CHEN, Quanguo", "country": "CN"}\n{"id": "q2", "name": "Jane Doe"}\n\n{"id": "q3", "name": "Lam, Carrie", "country": "HK"}\n{"id": "q4", "name": "Smith, \\"JJ\\""}\n' >batch.jsonl
    cp out.txt from-csv.jsonl
    run 1 "$NOMEN" screen --input - --format jsonl <batch.jsonl
    cmp out.txt from-csv.jsonl || fail "CSV and JSON Lines input give different results"
    # --output writes the file, nothing on standard output.
    run 1 "$NOMEN" screen --input batch.csv --format jsonl --output written.jsonl
    [ ! -s out.txt ] || fail "--output also wrote to standard output"
    cmp written.jsonl from-csv.jsonl || fail "--output differs from standard output"
    # The output may not overwrite the input.
    cp batch.csv keep.csv
    run 2 "$NOMEN" screen --input batch.csv --output batch.csv
    expect_in err.txt "is the input file"
    cmp batch.csv keep.csv || fail "the input was overwritten"
    # json: one document, an array in input order.
    run 1 "$NOMEN" screen --input batch.csv --format json
    check json out.txt q1 q2 q3 q4
    # csv: a header, one row per hit, a row for a query without hits.
    run 1 "$NOMEN" screen --input batch.csv --format csv --explain
    check csv out.txt from-csv.jsonl --explain
    run 1 "$NOMEN" screen --input batch.csv --format csv
    check csv out.txt from-csv.jsonl
    ;;

threads)
    # A few hundred names: designated names in several spellings, reordered,
    # lower-cased, misspelt, and innocent ones between them.
    check batch many.csv
    [ "$(wc -l <many.csv)" -gt 300 ] || fail "the generated batch is too small"
    run 1 "$NOMEN" screen --input many.csv --format jsonl --threads 1 --output t1.jsonl
    run 1 "$NOMEN" screen --input many.csv --format jsonl --threads 4 --output t4.jsonl
    run 1 "$NOMEN" screen --input many.csv --format jsonl --threads 2 --explain --output t2x.jsonl
    run 1 "$NOMEN" screen --input many.csv --format jsonl --threads 1 --explain --output t1x.jsonl
    cmp t1.jsonl t4.jsonl || fail "--threads 4 output differs from --threads 1"
    cmp t1x.jsonl t2x.jsonl || fail "--threads 2 --explain output differs from --threads 1"
    ids=$(tail -n +2 many.csv | cut -d, -f1 | tr '\n' ' ')
    # shellcheck disable=SC2086
    check_jsonl t4.jsonl $ids
    # shellcheck disable=SC2086
    check_jsonl t2x.jsonl --explain $ids
    # A bad record deep in the batch (past the first chunks): what comes
    # before it is written, in order, whatever the thread count; then exit 2.
    { head -n 351 many.csv; printf 'bad,Ch\xe9n\n'; tail -n +352 many.csv; } >bad.csv
    run 2 "$NOMEN" screen --input bad.csv --format jsonl --threads 1 --output b1.jsonl
    expect_in err.txt "bad.csv:352:"
    run 2 "$NOMEN" screen --input bad.csv --format jsonl --threads 3 --output b3.jsonl
    expect_in err.txt "bad.csv:352:"
    cmp b1.jsonl b3.jsonl || fail "output before a bad record depends on the thread count"
    # shellcheck disable=SC2086
    check_jsonl b3.jsonl $(echo $ids | cut -d' ' -f1-350)
    ;;

badinput)
    # Bad batch input: exit 2, a message naming the file, line and column;
    # the records before the bad one are screened and written.
    run 2 "$NOMEN" screen --format jsonl --input "$FIX/bad-utf8.csv"
    expect_in err.txt "bad-utf8.csv:3:5:"
    expect_in err.txt "UTF-8"
    check_jsonl out.txt 1
    run 2 "$NOMEN" screen --format jsonl --input "$FIX/bad-quote.csv"
    expect_in err.txt "bad-quote.csv:3:3:"
    expect_in err.txt "never closed"
    run 2 "$NOMEN" screen --format jsonl --input "$FIX/bad-json.jsonl"
    expect_in err.txt "bad-json.jsonl:3:"
    expect_in err.txt "JSON"
    check_jsonl out.txt 1 2
    run 2 "$NOMEN" screen --format jsonl --input "$FIX/bad-after-quote.csv"
    expect_in err.txt "bad-after-quote.csv:3:16:"
    # A list record without a name is skipped with a warning, or with
    # --strict refused.
    run 1 "$NOMEN" screen --format jsonl --list "$FIX/bad-list.csv" "Chen Guanguo"
    expect_in err.txt "1 list record skipped"
    expect_in err.txt "bad-list.csv:3:"
    check hit out.txt 1 entity_id bl-1
    run 2 "$NOMEN" screen --format jsonl --strict --list "$FIX/bad-list.csv" "Chen Guanguo"
    expect_in err.txt "bad-list.csv:3:"
    # A bad list is an error too, whatever the names.
    printf 'this is not a list\x00\x01\n' >bad-list.bin
    run 2 "$NOMEN" screen --list bad-list.bin "Chen Guanguo"
    expect_in err.txt "bad-list.bin"
    ;;

ofac)
    need_shared
    # CHEN Quanguo's ent_num, as the list gives it (first field of his row).
    ent=$(grep -m1 '^[0-9]*,"CHEN, Quanguo",' "$OFAC/sdn.csv" | cut -d, -f1)
    [ -n "$ent" ] || fail "CHEN, Quanguo is not in $OFAC/sdn.csv"
    run 1 "$NOMEN" screen --format jsonl --list "$OFAC" "CHEN, Quanguo"
    check_jsonl out.txt 1
    check hit out.txt 1 entity_id "$ent"
    check hit out.txt 1 name "CHEN, Quanguo"
    check hit out.txt 1 list us-ofac-sdn
    check hit out.txt 1 programs GLOMAG
    run 1 "$NOMEN" screen --format jsonl --format-of-list ofac-csv --list "$OFAC" "Chen Guanguo"
    expect_in out.txt "\"entity_id\": \"$ent\""
    ;;

index)
    need_shared
    run 0 "$NOMEN" index build --list "$OFAC" -o ofac.idx
    [ -s ofac.idx ] || fail "index build wrote nothing"
    run 0 "$NOMEN" index info ofac.idx
    expect_in out.txt "ofac-csv"
    expect_in out.txt "checksum:"
    expect_in out.txt "sdn_2021-07"
    grep -Eq '^records: +[1-9][0-9]{3,}' out.txt || fail "index info gives no record count"
    grep -Eq '^names: +[1-9][0-9]{3,}' out.txt || fail "index info gives no name count"
    printf 'id,name\n1,"CHEN, Quanguo"\n2,Chen Guanguo\n3,Jane Doe\n4,"LAM, Carrie"\n5,Zhu Hailun\n6,Xinjiang Production and Construction Corps\n' >b.csv
    run 1 "$NOMEN" screen --format jsonl --list "$OFAC" --input b.csv --output from-lists.jsonl
    run 1 "$NOMEN" screen --format jsonl --index ofac.idx --input b.csv --output from-index.jsonl
    check_jsonl from-index.jsonl 1 2 3 4 5 6
    cmp from-lists.jsonl from-index.jsonl || fail "screen --index differs from screen --list"
    # The built-in list round-trips too.
    run 0 "$NOMEN" index build -o sample.idx
    run 0 "$NOMEN" index info sample.idx
    expect_in out.txt "nomen-sample"
    run 1 "$NOMEN" screen --format jsonl --index sample.idx "Chen Guanguo"
    cp out.txt a.jsonl
    run 1 "$NOMEN" screen --format jsonl "Chen Guanguo"
    cmp out.txt a.jsonl || fail "the saved sample index screens differently"
    # A file that is not an index is refused.
    printf 'not an index' >junk.idx
    run 2 "$NOMEN" index info junk.idx
    expect_in err.txt "junk.idx"
    ;;

*)
    fail "unknown test $TEST"
    ;;
esac
echo "ok: $TEST"
