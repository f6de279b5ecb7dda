// Tests of the Go binding against the real library and the built-in sample
// list: loading (files, folders, memory), index files, screening with
// options and evidence, explanations, provenance, errors, goroutines, the
// shared screening cases and a long loop that must not grow the heap.
package nomen

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"sync"
	"testing"

	"nomen/internal/cases"
)

// srcDir is the repository root (NOMEN_SOURCE_DIR, or two levels up).
func srcDir() string {
	if d := os.Getenv("NOMEN_SOURCE_DIR"); d != "" {
		return d
	}
	d, _ := filepath.Abs("../..")
	return d
}

func samplePath() string { return filepath.Join(srcDir(), "data", "sample-list.csv") }

func sampleIndex(t testing.TB) *Index {
	t.Helper()
	b, err := NewBuilder()
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	if err := b.AddPath(samplePath(), "generic-csv", ""); err != nil {
		t.Fatal(err)
	}
	ix, err := b.Build()
	if err != nil {
		t.Fatal(err)
	}
	return ix
}

func newMatcher(t testing.TB, ix *Index) *Matcher {
	t.Helper()
	m, err := NewMatcher(ix)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func wantStatus(t *testing.T, err error, s Status) {
	t.Helper()
	var e *Error
	if !errors.As(err, &e) {
		t.Fatalf("want a *nomen.Error with status %v, got %v", s, err)
	}
	if e.Status != s {
		t.Fatalf("want status %v, got %v (%v)", s, e.Status, err)
	}
	if !errors.Is(err, &Error{Status: s}) {
		t.Fatalf("errors.Is does not match status %v", s)
	}
}

func TestVersion(t *testing.T) {
	if v := Version(); v == "" || strings.Count(v, ".") != 2 {
		t.Fatalf("version %q", v)
	}
	if UnicodeVersion() == "" || ICUVersion() == "" {
		t.Fatal("no Unicode or ICU version")
	}
	if SubjectVessel.String() != "vessel" {
		t.Fatal(SubjectVessel.String())
	}
	if st, err := ParseSubjectType("entity"); err != nil || st != SubjectEntity {
		t.Fatal(st, err)
	}
	if _, err := ParseSubjectType("spaceship"); err == nil {
		t.Fatal("unknown subject type accepted")
	}
}

func TestLoadFileFolderMemory(t *testing.T) {
	b, err := NewBuilder()
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	if err := b.AddPath(samplePath(), "", "sample"); err != nil {
		t.Fatal(err)
	}
	nSample := b.RecordCount()
	if nSample < 50 {
		t.Fatalf("sample list gave %d records", nSample)
	}
	folder := filepath.Join(srcDir(), "tests", "load", "fixtures", "ofac_csv")
	if err := b.AddPath(folder, "", ""); err != nil {
		t.Fatal(err)
	}
	nFolder := b.RecordCount() - nSample
	if nFolder <= 0 {
		t.Fatal("the OFAC CSV folder added no records")
	}
	mem := []byte("id,name,type\nx1,\"SMITH, Johnathan Quincy\",individual\nx2,ACME WIDGETS LTD,entity\n")
	if err := b.AddMemory("mem.csv", mem, "generic-csv", "inline"); err != nil {
		t.Fatal(err)
	}
	if got := b.RecordCount() - nSample - nFolder; got != 2 {
		t.Fatalf("memory list gave %d records, want 2", got)
	}
	ix, err := b.Build()
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if ix.RecordCount() != b.RecordCount() || ix.NameCount() < ix.RecordCount() {
		t.Fatalf("index holds %d records, %d names; builder %d", ix.RecordCount(),
			ix.NameCount(), b.RecordCount())
	}
	lists := ix.Lists()
	if len(lists) != 3 {
		t.Fatalf("%d lists: %+v", len(lists), lists)
	}
	if lists[0].Name != "sample" || lists[0].Format != "generic-csv" ||
		lists[0].Path != samplePath() || lists[0].Records != nSample {
		t.Fatalf("sample provenance %+v", lists[0])
	}
	if lists[1].Format != "ofac-csv" || lists[1].Records != nFolder {
		t.Fatalf("folder provenance %+v", lists[1])
	}
	if lists[2].Name != "inline" || lists[2].Records != 2 {
		t.Fatalf("memory provenance %+v", lists[2])
	}
	for _, l := range lists {
		if len(l.Checksum) != 16 || strings.Trim(l.Checksum, "0123456789abcdef") != "" {
			t.Fatalf("checksum %q", l.Checksum)
		}
	}
	m := newMatcher(t, ix)
	defer m.Close()
	hits, err := m.ScreenName("Johnathan Quincy Smith")
	if err != nil {
		t.Fatal(err)
	}
	if len(hits) == 0 || hits[0].EntityID != "x1" || hits[0].List != "inline" {
		t.Fatalf("in-memory subject not found: %+v", hits)
	}
}

func TestStrictAndSkipped(t *testing.T) {
	bad := "id,name,type\nok1,\"DOE, Jane\",individual\nbad1,,individual\n"
	b, _ := NewBuilder()
	defer b.Close()
	if err := b.AddString("lenient.csv", bad, "generic-csv", ""); err != nil {
		t.Fatal(err)
	}
	if b.SkippedCount() != 1 || !strings.Contains(b.SkipReport(), "lenient.csv") {
		t.Fatalf("skipped %d, report %q", b.SkippedCount(), b.SkipReport())
	}
	s, _ := NewBuilder()
	defer s.Close()
	s.SetStrict(true)
	err := s.AddString("strict.csv", bad, "generic-csv", "")
	wantStatus(t, err, StatusParse)
	if !strings.Contains(err.Error(), "strict.csv") {
		t.Fatalf("message lacks the file name: %v", err)
	}
}

func TestSaveLoad(t *testing.T) {
	ix := sampleIndex(t)
	defer ix.Close()
	path := filepath.Join(t.TempDir(), "sample.nomen")
	if err := ix.Save(path); err != nil {
		t.Fatal(err)
	}
	lx, err := LoadIndex(path)
	if err != nil {
		t.Fatal(err)
	}
	defer lx.Close()
	if !reflect.DeepEqual(ix.Lists(), lx.Lists()) || ix.RecordCount() != lx.RecordCount() {
		t.Fatalf("provenance differs after a round trip:\n%+v\n%+v", ix.Lists(), lx.Lists())
	}
	m1, m2 := newMatcher(t, ix), newMatcher(t, lx)
	defer m1.Close()
	defer m2.Close()
	for _, name := range []string{"Chen Quanguo", "Ch'en Ch'üan-kuo", "陳全國", "Carrie Lam"} {
		h1, err1 := m1.ScreenName(name)
		h2, err2 := m2.ScreenName(name)
		if err1 != nil || err2 != nil || len(h1) == 0 || !reflect.DeepEqual(h1, h2) {
			t.Fatalf("%s: built %+v (%v), loaded %+v (%v)", name, h1, err1, h2, err2)
		}
	}
	// Errors: a missing file, a truncated file.
	_, err = LoadIndex(filepath.Join(t.TempDir(), "none.nomen"))
	wantStatus(t, err, StatusIO)
	data, _ := os.ReadFile(path)
	cut := filepath.Join(t.TempDir(), "cut.nomen")
	os.WriteFile(cut, data[:len(data)/2], 0o600)
	if _, err = LoadIndex(cut); err == nil {
		t.Fatal("a truncated index loaded")
	}
	if e := err.(*Error); e.Status != StatusParse && e.Status != StatusVersion {
		t.Fatalf("truncated index: %v", err)
	}
	wantStatus(t, ix.Save(filepath.Join(t.TempDir(), "no", "such", "dir", "x")), StatusIO)
}

func TestScreenOptionsEvidence(t *testing.T) {
	ix := sampleIndex(t)
	defer ix.Close()
	m := newMatcher(t, ix)
	defer m.Close()
	o := DefaultOptions()
	if o.Threshold <= 0 || o.Threshold >= 1 || o.Limit != 10 || o.Explain {
		t.Fatalf("defaults %+v", o)
	}
	for _, name := range []string{"Chen Quanguo", "Ch'en Ch'üan-kuo", "QUANGUO CHEN", "陳全國"} {
		hits, err := m.ScreenName(name)
		if err != nil {
			t.Fatal(err)
		}
		if len(hits) == 0 || hits[0].EntityID != "ofac-29220" {
			t.Fatalf("%s: %+v", name, hits)
		}
		h := hits[0]
		if h.Name != "CHEN, Quanguo" || h.Type != SubjectIndividual || h.List == "" ||
			!reflect.DeepEqual(h.Programs, []string{"GLOMAG"}) || h.Score < o.Threshold ||
			h.Score > 1 || h.ExplainJSON != "" {
			t.Fatalf("%s: hit %+v", name, h)
		}
		for i := 1; i < len(hits); i++ {
			if hits[i].Score > hits[i-1].Score {
				t.Fatalf("hits not best first: %+v", hits)
			}
		}
	}
	// Evidence: an agreeing date of birth and country score above a
	// contradicting one, and the explanation says so.
	o.Explain = true
	if err := m.SetOptions(o); err != nil {
		t.Fatal(err)
	}
	agree, err := m.Screen(Query{Name: "Chen Quanguo", DOB: "1955", Country: "CN", Type: SubjectIndividual})
	if err != nil || len(agree) == 0 {
		t.Fatal(agree, err)
	}
	ea, err := agree[0].Explanation()
	if err != nil {
		t.Fatal(err)
	}
	if ea.Evidence.DOB == nil || ea.Evidence.DOB.Effect != "agrees" ||
		ea.Evidence.Country == nil || ea.Evidence.Country.Effect != "agrees" ||
		ea.Evidence.Type == nil || ea.Evidence.Type.Effect != "agrees" || len(ea.Tokens) == 0 ||
		ea.Score != agree[0].Score && (ea.Score-agree[0].Score > 1e-3 || agree[0].Score-ea.Score > 1e-3) {
		t.Fatalf("explanation %s", agree[0].ExplainJSON)
	}
	for _, p := range ea.Tokens {
		if p.Query == "" || p.List == "" || p.How == "" || p.Similarity <= 0 {
			t.Fatalf("token pair %+v", p)
		}
	}
	// Wade-Giles matched syllable by syllable: the syllables decided, and
	// the token pairing (under "token_view" in the JSON) is still read.
	wg, err := m.ScreenName("Ch'en Ch'üan-kuo")
	if err != nil || len(wg) == 0 {
		t.Fatal(wg, err)
	}
	ew, err := wg[0].Explanation()
	if err != nil || ew.View != "syllables" || len(ew.Syllables) != 3 || len(ew.Tokens) == 0 ||
		ew.Tokens[0].Query != "Ch'en" || len(ew.UnmatchedQuery) != 1 {
		t.Fatalf("syllable view explanation %+v (%v): %s", ew, err, wg[0].ExplainJSON)
	}
	// Threshold 0, the default limit: an explanation for each of ten hits.
	o.Threshold, o.Limit = 0, 10
	m.SetOptions(o)
	other, err := m.Screen(Query{Name: "Chen Quanguo", DOB: "1990-02-03", Country: "FR"})
	if err != nil || len(other) == 0 || other[0].EntityID != "ofac-29220" {
		t.Fatal(other, err)
	}
	eo, _ := other[0].Explanation()
	if eo.Evidence.DOB.Effect != "contradicts" || other[0].Score >= agree[0].Score {
		t.Fatalf("contradicting evidence: %v vs %v: %s", other[0].Score, agree[0].Score,
			other[0].ExplainJSON)
	}
	// Threshold and limit.
	o = DefaultOptions()
	o.Threshold, o.Limit = 0, 3
	m.SetOptions(o)
	hits, _ := m.ScreenName("Wang")
	if len(hits) != 3 {
		t.Fatalf("limit 3 gave %d hits", len(hits))
	}
	o.Threshold, o.Limit = 0.999, 0
	m.SetOptions(o)
	hits, _ = m.ScreenName("Chen Quan")
	for _, h := range hits {
		if h.Score < 0.999 {
			t.Fatalf("hit below the threshold: %+v", h)
		}
	}
	wantStatus(t, m.SetOptions(Options{Threshold: 1.5}), StatusInvalidArg)
	wantStatus(t, m.SetOptions(Options{Threshold: 0.5, Limit: -1}), StatusInvalidArg)
	if _, err := (&Hit{}).Explanation(); err == nil {
		t.Fatal("explanation of a hit without one")
	}
}

func TestScreenManyMatchesScreen(t *testing.T) {
	ix := sampleIndex(t)
	defer ix.Close()
	m := newMatcher(t, ix)
	defer m.Close()
	qs := []Query{{Name: "Chen Quanguo", DOB: "1955"}, {Name: "Nobody Particular"},
		{Name: "Carrie Lam", Country: "HK", Type: SubjectIndividual}, {Name: ""},
		{Name: "陳國基"}}
	many, err := m.ScreenMany(qs)
	if err != nil || len(many) != len(qs) {
		t.Fatal(many, err)
	}
	for i, q := range qs {
		one, err := m.Screen(q)
		if err != nil || !reflect.DeepEqual(one, many[i]) {
			t.Fatalf("query %d: Screen %+v (%v), ScreenMany %+v", i, one, err, many[i])
		}
	}
	if len(many[0]) == 0 || len(many[2]) == 0 {
		t.Fatal("no hits where expected")
	}
	bad := append([]Query{}, qs...)
	bad[2].Name = "Carrie \xff Lam"
	_, err = m.ScreenMany(bad)
	wantStatus(t, err, StatusUTF8)
	if err.(*Error).Query != 2 {
		t.Fatalf("failed query %d, want 2", err.(*Error).Query)
	}
	if out, err := m.ScreenMany(nil); err != nil || len(out) != 0 {
		t.Fatal(out, err)
	}

	// ScreenBatch: the same hits, decoded when read; the Batch owns its
	// memory, so screening again (or closing the matcher) leaves it intact.
	b, err := m.ScreenBatch(qs)
	if err != nil || b.Len() != len(qs) {
		t.Fatal(b, err)
	}
	if _, err := m.ScreenName("Carrie Lam"); err != nil {
		t.Fatal(err)
	}
	for i := range qs {
		if b.HitCount(i) != len(many[i]) || !reflect.DeepEqual(b.Hits(i), many[i]) {
			t.Fatalf("query %d: ScreenBatch %d %+v, ScreenMany %+v", i, b.HitCount(i), b.Hits(i),
				many[i])
		}
	}
	if !reflect.DeepEqual(b.All(), many) {
		t.Fatal("Batch.All differs from ScreenMany")
	}
	_, err = m.ScreenBatch(bad)
	wantStatus(t, err, StatusUTF8)
	if err.(*Error).Query != 2 {
		t.Fatalf("failed query %d, want 2", err.(*Error).Query)
	}
	if e, err := m.ScreenBatch(nil); err != nil || e.Len() != 0 || len(e.All()) != 0 {
		t.Fatal(e, err)
	}
	func() {
		defer func() {
			if recover() == nil {
				t.Fatal("HitCount out of range did not panic")
			}
		}()
		b.HitCount(len(qs))
	}()
}

func TestErrors(t *testing.T) {
	b, _ := NewBuilder()
	wantStatus(t, b.AddPath("/no/such/list.csv", "", ""), StatusIO)
	err := b.AddPath("/no/such/list.csv", "", "")
	if !strings.Contains(err.Error(), "/no/such/list.csv") {
		t.Fatalf("message lacks the path: %v", err)
	}
	wantStatus(t, b.AddPath(samplePath(), "no-such-format", ""), StatusFormat)
	wantStatus(t, b.AddPath("", "", ""), StatusInvalidArg)
	wantStatus(t, b.AddPath("a\x00b", "", ""), StatusInvalidArg)
	b.SetStrict(true)
	wantStatus(t, b.AddMemory("x.csv", []byte("id,name\nx,\xff\xfe\n"), "generic-csv", ""), StatusUTF8)
	_, err = b.Build()
	wantStatus(t, err, StatusState) // nothing loaded
	b.Close()
	b.Close() // twice is fine
	wantStatus(t, b.AddPath(samplePath(), "", ""), StatusState)
	_, err = b.Build()
	wantStatus(t, err, StatusState)

	ix := sampleIndex(t)
	m := newMatcher(t, ix)
	ix.Close() // the matcher keeps its own reference
	if hits, err := m.ScreenName("Chen Quanguo"); err != nil || len(hits) == 0 {
		t.Fatal("screening after the index was closed", err)
	}
	_, err = m.ScreenName("Chen \xc3\x28Quanguo")
	wantStatus(t, err, StatusUTF8)
	_, err = m.ScreenBytes([]byte{'C', 'h', 0xe9, 'n'})
	wantStatus(t, err, StatusUTF8)
	_, err = m.Screen(Query{Name: "Chen", DOB: "\xff"})
	wantStatus(t, err, StatusUTF8)
	_, err = m.ScreenName(strings.Repeat("a", 5000))
	wantStatus(t, err, StatusLimit)
	_, err = m.Screen(Query{Name: "Chen", Type: SubjectType(42)})
	wantStatus(t, err, StatusInvalidArg)
	if hits, err := m.ScreenBytes([]byte("Chen Quanguo")); err != nil || len(hits) == 0 {
		t.Fatal(hits, err)
	}
	m.Close()
	_, err = m.ScreenName("Chen")
	wantStatus(t, err, StatusState)
	_, err = NewMatcher(ix)
	wantStatus(t, err, StatusState)
	var nilm *Matcher
	_, err = nilm.ScreenName("x")
	wantStatus(t, err, StatusState)
	_, err = LoadIndex("")
	wantStatus(t, err, StatusInvalidArg)
}

// Eight goroutines share one index, each with its own matcher, and must
// see exactly what one matcher sees alone.
func TestGoroutines(t *testing.T) {
	ix := sampleIndex(t)
	defer ix.Close()
	names := []string{"Chen Quanguo", "Carrie Lam", "Zhang Lei", "Wang Junzheng", "陳國基",
		"Tsang Kwok-wai", "Hu Yongan", "John Smith", "Xinjiang Public Security Bureau"}
	m := newMatcher(t, ix)
	want := make([][]Hit, len(names))
	qs := make([]Query, len(names))
	for i, n := range names {
		want[i], _ = m.ScreenName(n)
		qs[i] = Query{Name: n}
	}
	// One Batch, read by every goroutine while they screen.
	shared, err := m.ScreenBatch(qs)
	if err != nil {
		t.Fatal(err)
	}
	m.Close()
	var wg sync.WaitGroup
	errs := make(chan string, 8)
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			m, err := NewMatcher(ix)
			if err != nil {
				errs <- err.Error()
				return
			}
			defer m.Close()
			for r := 0; r < 200; r++ {
				i := (g + r) % len(names)
				got, err := m.ScreenName(names[i])
				if err != nil || !reflect.DeepEqual(got, want[i]) {
					errs <- names[i] + ": differs from the single-threaded result"
					return
				}
				if !reflect.DeepEqual(shared.Hits(i), want[i]) {
					errs <- names[i] + ": the shared Batch differs from the single-threaded result"
					return
				}
			}
		}(g)
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}

// A long loop must not grow the C heap or the Go heap.
func TestNoGrowth(t *testing.T) {
	n := 100000
	if testing.Short() {
		n = 10000
	}
	ix := sampleIndex(t)
	defer ix.Close()
	m := newMatcher(t, ix)
	defer m.Close()
	o := DefaultOptions()
	o.Explain = true
	m.SetOptions(o)
	names := []string{"Chen Quanguo", "Lam Cheng Yuet-ngor", "Nobody Atall", "陳全國", "Bad \xff"}
	loop := func(k int) {
		for i := 0; i < k; i++ {
			m.ScreenName(names[i%len(names)])
		}
	}
	heaps := func() (int, uint64) {
		runtime.GC()
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		return cHeapInUse(), ms.HeapAlloc
	}
	loop(n / 10)
	c0, g0 := heaps()
	loop(n)
	c1, g1 := heaps()
	t.Logf("%d screens: C heap %d -> %d bytes, Go heap %d -> %d bytes", n, c0, c1, g0, g1)
	if c1-c0 > 256<<10 {
		t.Fatalf("C heap grew by %d bytes over %d screens", c1-c0, n)
	}
	if int64(g1)-int64(g0) > 1<<20 {
		t.Fatalf("Go heap grew by %d bytes over %d screens", int64(g1)-int64(g0), n)
	}
}

// The finalizer frees what Close was not called on.
func TestFinalizers(t *testing.T) {
	ix := sampleIndex(t)
	runtime.GC()
	c0 := cHeapInUse()
	for i := 0; i < 200; i++ {
		m, _ := NewMatcher(ix)
		m.ScreenName("Chen Quanguo")
	}
	for i := 0; i < 5; i++ {
		runtime.GC()
	}
	ix.Close()
	if grown := cHeapInUse() - c0; grown > 1<<20 {
		t.Fatalf("unclosed matchers kept %d bytes after GC", grown)
	}
}

func BenchmarkScreen(b *testing.B) {
	m, qs, done := benchSetup(b)
	defer done()
	for i := 0; i < b.N; i++ {
		if _, err := m.Screen(qs[i%len(qs)]); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkScreenMany(b *testing.B) {
	m, qs, done := benchSetup(b)
	defer done()
	for i := 0; i < b.N; i += len(qs) {
		if _, err := m.ScreenMany(qs); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkScreenBatch(b *testing.B) {
	m, qs, done := benchSetup(b)
	defer done()
	for i := 0; i < b.N; i += len(qs) {
		r, err := m.ScreenBatch(qs)
		if err != nil {
			b.Fatal(err)
		}
		for k := 0; k < r.Len(); k++ {
			if r.HitCount(k) > 0 {
				_ = r.Hits(k)
			}
		}
	}
}

func BenchmarkScreenC(b *testing.B) {
	m, qs, done := benchSetup(b)
	defer done()
	if _, err := m.TimeInC(qs, (b.N+len(qs)-1)/len(qs)); err != nil {
		b.Fatal(err)
	}
}

// benchSetup gives a matcher on the sample list and the bench queries, and
// starts the timer; done closes what it opened.
func benchSetup(b *testing.B) (*Matcher, []Query, func()) {
	ix := sampleIndex(b)
	m := newMatcher(b, ix)
	b.ResetTimer()
	return m, benchQueries(), func() {
		m.Close()
		ix.Close()
	}
}

func benchQueries() []Query {
	return []Query{{Name: "Chen Quanguo"}, {Name: "Ch'en Ch'üan-kuo"}, {Name: "陳全國"},
		{Name: "Carrie Lam Cheng Yuet-ngor"}, {Name: "John Smith"}, {Name: "Maria Garcia Lopez"},
		{Name: "Tsang Kwok Wai", DOB: "1963"}, {Name: "Xinjiang Production Construction Corps"}}
}

// caseQuery turns a shared case into a Query.
func caseQuery(t testing.TB, c cases.Case) Query {
	q := Query{Name: c.Query, DOB: c.DOB, Country: c.Country}
	if c.Type != "" {
		st, err := ParseSubjectType(c.Type)
		if err != nil {
			t.Fatalf("line %d: %v", c.Line, err)
		}
		q.Type = st
	}
	return q
}

func readCases(t testing.TB) []cases.Case {
	path := cases.Path(srcDir())
	cs, err := cases.Read(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(cs) == 0 {
		t.Fatalf("%s: no cases", path)
	}
	return cs
}

// The shared cases: every expectation of the file holds, and the hit lists
// are the very ones the C library prints (test_cases --print, run now).
func TestSharedCases(t *testing.T) {
	cs := readCases(t)
	ix := sampleIndex(t)
	defer ix.Close()
	m := newMatcher(t, ix)
	defer m.Close()
	o := DefaultOptions()
	o.Threshold, o.Limit = cases.Threshold, cases.Limit
	if err := m.SetOptions(o); err != nil {
		t.Fatal(err)
	}
	var lines []string
	for i, c := range cs {
		hits, err := m.Screen(caseQuery(t, c))
		if err != nil {
			t.Fatalf("line %d: %s: %v", c.Line, c.Query, err)
		}
		if c.Expect == "-" {
			if len(hits) > 0 && hits[0].Score >= c.Score {
				t.Errorf("line %d: %s: want no hit at %.2f, got %s %.4f", c.Line, c.Query,
					c.Score, hits[0].EntityID, hits[0].Score)
			}
		} else if len(hits) == 0 || hits[0].EntityID != c.Expect || hits[0].Score < c.Score {
			t.Errorf("line %d: %s: want %s >= %.2f, got %+v", c.Line, c.Query, c.Expect, c.Score, hits)
		}
		f := make([]string, len(hits))
		for k, h := range hits {
			f[k] = cases.FormatHit(h.EntityID, h.Score)
		}
		lines = append(lines, cases.FormatLine(i+1, c.Query, f))
	}
	// ScreenMany and ScreenBatch give the same lists.
	qs := make([]Query, len(cs))
	for i, c := range cs {
		qs[i] = caseQuery(t, c)
	}
	many, err := m.ScreenMany(qs)
	if err != nil {
		t.Fatal(err)
	}
	batch, err := m.ScreenBatch(qs)
	if err != nil {
		t.Fatal(err)
	}
	for i := range cs {
		for _, got := range []struct {
			how  string
			hits []Hit
		}{{"ScreenMany", many[i]}, {"ScreenBatch", batch.Hits(i)}} {
			f := make([]string, len(got.hits))
			for k, h := range got.hits {
				f[k] = cases.FormatHit(h.EntityID, h.Score)
			}
			if line := cases.FormatLine(i+1, cs[i].Query, f); line != lines[i] {
				t.Errorf("%s: %q, Screen: %q", got.how, line, lines[i])
			}
		}
	}

	bin := os.Getenv("NOMEN_TEST_CASES_BIN")
	if bin == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("NOMEN_TEST_CASES_BIN is not set: cannot compare with the C hit lists")
		}
		t.Skip("NOMEN_TEST_CASES_BIN is not set (ctest sets it): C comparison skipped")
	}
	cmd := exec.Command(bin, "--print")
	cmd.Dir = srcDir()
	cmd.Env = append(os.Environ(), "NOMEN_SOURCE_DIR="+srcDir())
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("%s --print: %v", bin, err)
	}
	want := strings.Split(strings.TrimRight(string(out), "\n"), "\n")
	if len(want) != len(lines) {
		t.Fatalf("C printed %d cases, Go screened %d", len(want), len(lines))
	}
	for i := range want {
		if want[i] != lines[i] {
			t.Errorf("case %d differs:\n C: %s\nGo: %s", i+1, want[i], lines[i])
		}
	}
}
