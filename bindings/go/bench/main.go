// Command bench prints the Go binding's throughput beside the C library's
// for the same queries: the shared screening cases against the sample list,
// with their options (threshold 0.50, limit 5). Three Go figures (Screen
// one at a time; ScreenMany over the whole case list; and the same queries
// timed from C alone inside this process), and, when -c names the
// test_cases binary, the C test's own figure from `test_cases --bench N`.
//
//	go run ./bench -src ../.. -n 200000 -c ../../build/tests/cases/test_cases
package main

import (
	"flag"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"nomen"
	"nomen/internal/cases"
)

func main() {
	src := flag.String("src", "../..", "the repository root")
	n := flag.Int("n", 100000, "screens per figure")
	reps := flag.Int("reps", 5, "runs of each figure; the best is printed")
	cbin := flag.String("c", "", "tests/cases/test_cases binary, for the C figure")
	flag.Parse()
	root, err := filepath.Abs(*src)
	if err == nil {
		err = run(root, *n, *reps, *cbin)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

func run(src string, n, reps int, cbin string) error {
	cs, err := cases.Read(cases.Path(src))
	if err != nil {
		return err
	}
	qs := make([]nomen.Query, len(cs))
	for i, c := range cs {
		qs[i] = nomen.Query{Name: c.Query, DOB: c.DOB, Country: c.Country}
		if c.Type != "" {
			if qs[i].Type, err = nomen.ParseSubjectType(c.Type); err != nil {
				return err
			}
		}
	}
	b, err := nomen.NewBuilder()
	if err != nil {
		return err
	}
	defer b.Close()
	if err := b.AddPath(filepath.Join(src, "data", "sample-list.csv"), "generic-csv", ""); err != nil {
		return err
	}
	ix, err := b.Build()
	if err != nil {
		return err
	}
	defer ix.Close()
	m, err := nomen.NewMatcher(ix)
	if err != nil {
		return err
	}
	defer m.Close()
	o := nomen.DefaultOptions()
	o.Threshold, o.Limit = cases.Threshold, cases.Limit
	if err := m.SetOptions(o); err != nil {
		return err
	}
	rounds := (n + len(qs) - 1) / len(qs)
	total := rounds * len(qs)
	// Warm up caches and the allocator before any figure.
	if _, err := m.ScreenMany(qs); err != nil {
		return err
	}

	// The machine may be shared: each figure is the best of reps runs, the
	// three kinds interleaved so that a busy spell hits them alike.
	cSecs, single, batch, lazy, lazyAll := math.Inf(1), math.Inf(1), math.Inf(1), math.Inf(1),
		math.Inf(1)
	for rep := 0; rep < reps; rep++ {
		s, err := m.TimeInC(qs, rounds)
		if err != nil {
			return err
		}
		cSecs = math.Min(cSecs, s)
		t0 := time.Now()
		for r := 0; r < rounds; r++ {
			for _, q := range qs {
				if _, err := m.Screen(q); err != nil {
					return err
				}
			}
		}
		single = math.Min(single, time.Since(t0).Seconds())
		t0 = time.Now()
		for r := 0; r < rounds; r++ {
			if _, err := m.ScreenMany(qs); err != nil {
				return err
			}
		}
		batch = math.Min(batch, time.Since(t0).Seconds())
		// ScreenBatch as a screening loop uses it: every query's hit count
		// (a caller then reads the hits of the few that hit) ...
		secs, err := timeBatches(m, qs, rounds, func(b *nomen.Batch, i int) int {
			return b.HitCount(i)
		})
		if err != nil {
			return err
		}
		lazy = math.Min(lazy, secs)
		// ... or every hit decoded.
		if secs, err = timeBatches(m, qs, rounds, func(b *nomen.Batch, i int) int {
			return len(b.Hits(i))
		}); err != nil {
			return err
		}
		lazyAll = math.Min(lazyAll, secs)
	}
	if hitsSeen == 0 {
		return fmt.Errorf("no hits: the bench measured nothing")
	}

	rate := func(s float64) float64 { return float64(total) / s }
	fmt.Printf("%d queries (shared cases), %d screens per figure, best of %d\n", len(qs), total,
		reps)
	fmt.Printf("C, in process:     %8.0f screens/s\n", rate(cSecs))
	fmt.Printf("Go Screen:         %8.0f screens/s  overhead %+.1f%%\n", rate(single),
		100*(single-cSecs)/cSecs)
	fmt.Printf("Go ScreenMany:     %8.0f screens/s  overhead %+.1f%%\n", rate(batch),
		100*(batch-cSecs)/cSecs)
	fmt.Printf("Go ScreenBatch:    %8.0f screens/s  overhead %+.1f%% (each hit count read)\n",
		rate(lazy), 100*(lazy-cSecs)/cSecs)
	fmt.Printf("Go ScreenBatch:    %8.0f screens/s  overhead %+.1f%% (every hit decoded)\n",
		rate(lazyAll), 100*(lazyAll-cSecs)/cSecs)
	if cbin != "" {
		cmd := exec.Command(cbin, "--bench", fmt.Sprint(total))
		cmd.Dir = src
		cmd.Env = append(os.Environ(), "NOMEN_SOURCE_DIR="+src)
		out, err := cmd.Output()
		if err != nil {
			return fmt.Errorf("%s --bench: %v", cbin, err)
		}
		fmt.Printf("C, test_cases:     %s\n", strings.TrimSpace(string(out)))
	}
	return nil
}

// hitsSeen sums what timeBatches' read functions return, so that the reads
// cannot be optimized away and a bench that saw no hit fails.
var hitsSeen int

// timeBatches screens qs rounds times through ScreenBatch, calling read on
// every query of every batch, and returns the seconds taken.
func timeBatches(m *nomen.Matcher, qs []nomen.Query, rounds int,
	read func(b *nomen.Batch, i int) int) (float64, error) {
	t0 := time.Now()
	for r := 0; r < rounds; r++ {
		b, err := m.ScreenBatch(qs)
		if err != nil {
			return 0, err
		}
		for i := 0; i < b.Len(); i++ {
			hitsSeen += read(b, i)
		}
	}
	return time.Since(t0).Seconds(), nil
}
