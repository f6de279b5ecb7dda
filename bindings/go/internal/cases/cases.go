// Package cases reads tests/data/screen_cases.tsv, the screening cases
// shared by the C tests and every binding, and formats hit lists the way
// tests/cases/test_cases --print does, so the two can be compared as text.
package cases

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// The options every runner of the cases uses (the file's header says so).
const (
	Threshold = 0.50
	Limit     = 5
)

// Case is one line of the file.
type Case struct {
	Line                      int
	Query, DOB, Country, Type string
	Expect                    string  // entity id of the top hit, or "-"
	Score                     float64 // see the file's header
}

// Path is the cases file under the repository root src.
func Path(src string) string { return filepath.Join(src, "tests", "data", "screen_cases.tsv") }

// Read parses the file: TAB-separated, six fields, '#' lines and empty
// lines ignored, no escapes.
func Read(path string) ([]Case, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []Case
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSuffix(sc.Text(), "\r")
		if line == "" || line[0] == '#' {
			continue
		}
		fl := strings.Split(line, "\t")
		if len(fl) != 6 || fl[0] == "" {
			return nil, fmt.Errorf("%s:%d: expected 6 TAB-separated fields, a query first", path, n)
		}
		score, err := strconv.ParseFloat(fl[5], 64)
		if err != nil {
			return nil, fmt.Errorf("%s:%d: bad score %q", path, n, fl[5])
		}
		out = append(out, Case{Line: n, Query: fl[0], DOB: fl[1], Country: fl[2], Type: fl[3],
			Expect: fl[4], Score: score})
	}
	return out, sc.Err()
}

// FormatHit is one hit of a --print line: "<entity id>=<score, 6 decimals>".
// Go's %.6f rounds the exact binary value as glibc's printf does.
func FormatHit(id string, score float64) string { return fmt.Sprintf("%s=%.6f", id, score) }

// FormatLine is a whole --print line: "<case number>\t<query>\t<hits>".
func FormatLine(number int, query string, hits []string) string {
	return fmt.Sprintf("%d\t%s\t%s", number, query, strings.Join(hits, " "))
}
