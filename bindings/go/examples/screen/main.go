// Command screen is the Go binding's example: it loads a list, prints the
// index's provenance, then screens each name given on the command line from
// its own goroutine (one shared Index, one Matcher per goroutine) and prints
// the hits with the token pairs of their explanations.
//
//	go run ./examples/screen -list ../../data/sample-list.csv "Ch'en Ch'üan-kuo" 陳國基
package main

import (
	"flag"
	"fmt"
	"os"
	"sync"

	"nomen"
)

func main() {
	list := flag.String("list", "", "list file or folder (format detected)")
	dob := flag.String("dob", "", "date of birth given with every name")
	flag.Parse()
	if *list == "" || flag.NArg() == 0 {
		fmt.Fprintln(os.Stderr, "usage: screen -list FILE [-dob YYYY[-MM[-DD]]] NAME...")
		os.Exit(2)
	}
	if err := run(*list, *dob, flag.Args()); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

func run(list, dob string, names []string) error {
	b, err := nomen.NewBuilder()
	if err != nil {
		return err
	}
	defer b.Close()
	if err := b.AddPath(list, "", ""); err != nil {
		return err
	}
	ix, err := b.Build()
	if err != nil {
		return err
	}
	defer ix.Close()
	fmt.Printf("nomen %s (Unicode %s, ICU %s): %d records, %d names\n", nomen.Version(),
		nomen.UnicodeVersion(), nomen.ICUVersion(), ix.RecordCount(), ix.NameCount())
	for _, l := range ix.Lists() {
		fmt.Printf("  list %s (%s) %s: %d records, checksum %s\n", l.Name, l.Format, l.Path,
			l.Records, l.Checksum)
	}

	// One goroutine per name, each with its own Matcher on the shared Index.
	out := make([]string, len(names))
	errs := make([]error, len(names))
	var wg sync.WaitGroup
	for i, name := range names {
		wg.Add(1)
		go func(i int, name string) {
			defer wg.Done()
			out[i], errs[i] = screen(ix, name, dob)
		}(i, name)
	}
	wg.Wait()
	for i := range names {
		if errs[i] != nil {
			return errs[i]
		}
		fmt.Print(out[i])
	}
	return nil
}

func screen(ix *nomen.Index, name, dob string) (string, error) {
	m, err := nomen.NewMatcher(ix)
	if err != nil {
		return "", err
	}
	defer m.Close()
	o := nomen.DefaultOptions()
	o.Explain = true
	if err := m.SetOptions(o); err != nil {
		return "", err
	}
	hits, err := m.Screen(nomen.Query{Name: name, DOB: dob})
	if err != nil {
		return "", err
	}
	s := fmt.Sprintf("%s: %d hit(s)\n", name, len(hits))
	for _, h := range hits {
		s += fmt.Sprintf("  %.3f %s %s %q (matched %q) %v\n", h.Score, h.List, h.EntityID, h.Name,
			h.MatchedName, h.Programs)
		e, err := h.Explanation()
		if err != nil {
			return "", err
		}
		for _, p := range e.Tokens {
			s += fmt.Sprintf("        %s ~ %s: %s %.2f\n", p.Query, p.List, p.How, p.Similarity)
		}
		if e.Evidence.DOB != nil {
			s += fmt.Sprintf("        date of birth %s\n", e.Evidence.DOB.Effect)
		}
	}
	return s, nil
}
